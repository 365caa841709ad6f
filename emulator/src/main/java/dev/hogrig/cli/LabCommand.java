package dev.hogrig.cli;

import dev.hogrig.lab.Controller;
import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.LabOptions;
import dev.hogrig.lab.VirtualLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig lab}: the virtual lab by hand. {@code up} leaves a qemu guest running real BlueZ
 * after the command returns (its state file lets later commands find it), {@code status} and {@code
 * shell} attach to it, {@code down} powers it off.
 */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description = {
      "Start, inspect and stop the virtual lab: a qemu guest (software emulation) running real",
      "BlueZ on btvirt controllers, its D-Bus reachable on 127.0.0.1 only. See docs/virtual-lab.md."
    },
    subcommands = {
      LabCommand.Up.class,
      LabCommand.Status.class,
      LabCommand.Shell.class,
      LabCommand.Down.class
    })
final class LabCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The folder of the lab left running: its output (logs, capture) and its state file. */
  static final class Dir {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description =
            "The lab's folder: guest logs, btsnoop capture and state (default: the hogrig cache"
                + " folder, ~/.cache/hogrig/lab/up).")
    Path dir;

    Path resolve() {
      return dir != null ? dir.toAbsolutePath() : LabOptions.defaultCacheDir().resolve("up");
    }

    Path state() {
      return resolve().resolve(VirtualLab.STATE_FILE);
    }
  }

  static void describe(PrintWriter out, VirtualLab lab) {
    out.printf(
        "lab up: qemu pid %d, booted in %.1f s%n", lab.pid(), lab.bootTime().toMillis() / 1e3);
    out.printf("  bus          %s%n", lab.busAddress());
    out.printf("  bluetoothd   %s%n", lab.bluezVersion());
    for (Controller c : lab.controllers()) {
      out.printf("  controller   %s %s%n", c.name(), c.address());
    }
    if (!lab.failedControllers().isEmpty()) {
      out.printf("  failed       %s%n", String.join(", ", lab.failedControllers()));
    }
    out.printf("  output       %s%n", lab.outputDir());
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = "Boot the lab and leave it running (about 20 s; says so if already up).")
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Dir dir;

    @Option(
        names = "--controllers",
        defaultValue = "3",
        description = "btvirt controllers to create, 2..8 (default ${DEFAULT-VALUE}).")
    int controllers;

    @Option(
        names = "--timeout",
        defaultValue = "180",
        paramLabel = "SECONDS",
        description = "Give up when the guest is not ready by then (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
        names = "--bluez",
        defaultValue = "staged",
        paramLabel = "staged|system|DIR",
        description = {
          "Which bluetoothd the guest runs: 'staged' (default: BlueZ 5.82 that scripts/setup puts",
          "in /opt/hogrig/bluez-5.82), 'system' (the machine's own, Debian 12's 5.66, whose HOGP",
          "host drops input reports), or the folder of a BlueZ staged by scripts/stage-bluez DIR."
        })
    String bluez;

    @Override
    public Integer call() {
      if (controllers < 2 || controllers > 8) {
        throw new UsageException("--controllers must be between 2 and 8, got " + controllers);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (dir.state().toFile().exists()) {
        try (VirtualLab running = VirtualLab.attach(dir.state())) {
          describe(out, running);
          out.println("(already up; 'hogrig lab down' stops it)");
          out.flush();
          running.detach();
          return 0;
        } catch (dev.hogrig.lab.LabException stale) {
          // The recorded lab is gone: boot a new one.
        }
      }
      LabOptions options =
          LabOptions.defaults(dir.resolve())
              .withControllers(controllers)
              .withReadyTimeout(Duration.ofSeconds(timeoutSeconds));
      if (bluez.equals("system")) {
        options = options.withSystemBluez();
      } else if (!bluez.equals("staged")) {
        options = options.withStagedBluez(Path.of(bluez).toAbsolutePath());
      }
      VirtualLab lab = VirtualLab.start(options);
      describe(out, lab);
      lab.detach();
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Say whether the lab is up and how to reach it. Exit status 0 up, 1 down.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Dir dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      VirtualLab lab;
      try {
        lab = VirtualLab.attach(dir.state());
      } catch (dev.hogrig.lab.LabException e) {
        out.println("lab down: " + e.getMessage());
        out.flush();
        return 1;
      }
      describe(out, lab);
      lab.detach();
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "shell",
      mixinStandardHelpOptions = true,
      description = {
        "Run a command in the guest and print its output (exit status is the command's), or,",
        "without COMMAND, read commands line by line from standard input."
      })
  static final class Shell implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Dir dir;

    @Option(
        names = "--timeout",
        defaultValue = "60",
        paramLabel = "SECONDS",
        description = "Per command; the guest kills it then (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A shell command line.")
    List<String> command = List.of();

    @Override
    public Integer call() throws java.io.IOException {
      PrintWriter out = spec.commandLine().getOut();
      VirtualLab lab = VirtualLab.attach(dir.state());
      try {
        GuestShell shell = lab.shell();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (!command.isEmpty()) {
          GuestShell.Result r = shell.run(String.join(" ", command), timeout);
          out.print(r.output());
          out.flush();
          return r.exitCode();
        }
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(HogrigCommand.stdin(spec), StandardCharsets.UTF_8));
        int last = 0;
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          GuestShell.Result r = shell.run(line, timeout);
          out.print(r.output());
          out.flush();
          last = r.exitCode();
        }
        return last;
      } finally {
        lab.detach();
      }
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Power the lab off (orderly, so the capture is complete); no-op if down.")
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Dir dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      VirtualLab lab;
      try {
        lab = VirtualLab.attach(dir.state());
      } catch (dev.hogrig.lab.LabException e) {
        out.println("lab already down");
        out.flush();
        return 0;
      }
      long pid = lab.pid();
      lab.close();
      out.println("lab down (qemu pid " + pid + " stopped); logs and capture in " + dir.resolve());
      out.flush();
      return 0;
    }
  }
}
