package dev.hogrig.cli;

import com.google.common.collect.ImmutableList;
import dev.hogrig.gatt.GattModelException;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hid.HidException;
import dev.hogrig.hid.HidRecording;
import dev.hogrig.replay.RecordingPlayback;
import dev.hogrig.replay.TimedReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig replay}: the replay engine ({@code dev.hogrig.replay}) from the command line: a dry
 * run ({@code check}: whether a hid-tools recording can be played as a HOGP device, and what would
 * be sent when), and playback as a HOGP device on an adapter or in the lab ({@code play}).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replay hid-tools recordings. See docs/replay.md.",
    subcommands = {ReplayCommand.Check.class, ReplayCommand.Play.class})
final class ReplayCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Reads a hid-recorder .hid recording, checks every E: line against its descriptor and",
        "prints the device it would present (name, PnP ID, appearance) and the timeline of its",
        "input reports. Nothing is sent. Exit status 2 with the line and column of the first",
        "problem."
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RECORDING", description = "A .hid file, or - for standard input.")
    String source;

    @Option(names = "--list", description = "Print every report: time, report ID, payload, line.")
    boolean list;

    @Override
    public Integer call() {
      String name = displayName(source);
      Loaded loaded = load(source, spec);
      HidRecording rec = loaded.recording();
      ImmutableList<TimedReport> reports = loaded.reports();
      HidProfile profile = loaded.profile();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "recording  %s: \"%s\", bus %d, vendor %04x, product %04x%n",
          name, rec.name(), rec.bus(), rec.vendorId(), rec.productId());
      out.printf(
          "device     %s, appearance 0x%04X, PnP ID %s %04x:%04x, Report Map %d octets%n",
          profile.name(),
          profile.appearance(),
          profile.pnpId().source(),
          profile.pnpId().vendorId(),
          profile.pnpId().productId(),
          profile.descriptor().bytes().size());
      Map<Integer, Integer> perId = new TreeMap<>();
      for (TimedReport r : reports) {
        perId.merge(r.reportId(), 1, Integer::sum);
      }
      long span = reports.isEmpty() ? 0 : reports.get(reports.size() - 1).atNanos();
      out.printf(
          "reports    %d input reports over %.6f s; per report ID %s%n",
          reports.size(), span / 1e9, perId);
      if (list) {
        for (TimedReport r : reports) {
          out.printf(
              "  %12.6f  id %-3d %s  (%s)%n",
              r.atNanos() / 1e9, r.reportId(), r.payload().toHex(), r.origin());
        }
      }
      out.flush();
      return 0;
    }
  }

  /** A recording read and checked: what to present and what to send. */
  record Loaded(HidRecording recording, ImmutableList<TimedReport> reports, HidProfile profile) {}

  static String displayName(String source) {
    return source.equals("-") ? "<stdin>" : source;
  }

  /**
   * Reads and checks {@code source} (a file, or - for standard input).
   *
   * @throws UsageException naming the file, line and column of the first problem
   */
  static Loaded load(String source, CommandSpec spec) {
    try {
      HidRecording rec = HidRecording.parse(text(source, spec));
      return new Loaded(rec, RecordingPlayback.reports(rec), RecordingPlayback.profile(rec));
    } catch (HidException | GattModelException e) {
      throw new UsageException(displayName(source) + ": " + e.getMessage());
    }
  }

  private static String text(String source, CommandSpec spec) {
    try {
      byte[] raw =
          source.equals("-")
              ? HogrigCommand.stdin(spec).readAllBytes()
              : Files.readAllBytes(Path.of(source));
      return new String(raw, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException(source + ": no such file");
    } catch (IOException e) {
      throw new UsageException(source + ": cannot read: " + e.getMessage());
    }
  }

  @Command(
      name = "play",
      mixinStandardHelpOptions = true,
      description = {
        "Be the device of a hid-recorder .hid recording (its descriptor, name and PnP ID) on a",
        "BlueZ adapter, or in the lab of 'hogrig lab up' with --lab; once the host has subscribed",
        "to every input report, send the recording's reports with their timing and print, per",
        "pass, what went out and the schedule error. The live view shows what the host does, as",
        "'hogrig emulate' does. Exit status: 0 played (or stopped by Ctrl-C), 1 the host never",
        "subscribed within --wait, 2 bad usage, a bad recording, no adapter or a BlueZ error."
      })
  static final class Play implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin DeviceOptions device;

    @Parameters(paramLabel = "RECORDING", description = "A .hid file.")
    String source;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "LocalName advertised (default: the recording's N: name).")
    String name;

    @Option(
        names = "--repeat",
        paramLabel = "N",
        defaultValue = "1",
        description = "Play the recording N times (default 1).")
    int repeat;

    @Option(
        names = "--gap",
        paramLabel = "DURATION",
        defaultValue = "1s",
        description = "Pause between passes (default 1s).")
    String gap;

    @Option(
        names = "--wait",
        paramLabel = "DURATION",
        defaultValue = "2m",
        description = "How long the host gets to pair and subscribe (default 2m).")
    String wait;

    @Option(
        names = "--normal-priority",
        description =
            "Do not try SCHED_FIFO for the playing thread (tried by default: needs root or"
                + " CAP_SYS_NICE).")
    boolean normalPriority;

    @Override
    public Integer call() {
      if (repeat < 1) {
        throw new UsageException("--repeat: " + repeat + " is not a number of passes (1 or more)");
      }
      if (source.equals("-")) {
        throw new UsageException("RECORDING: play needs a file (standard input is not kept)");
      }
      Duration gapTime = EmulateCommand.parseDuration("--gap", gap);
      Duration waitTime = EmulateCommand.parseDuration("--wait", wait);
      Loaded loaded = load(source, spec);
      if (loaded.reports().isEmpty()) {
        throw new UsageException(source + ": the recording has no E: line; nothing to play");
      }
      EmulateCommand e = new EmulateCommand();
      e.spec = spec;
      e.device = device;
      e.name = name != null ? name : loaded.profile().name();
      e.profile = source;
      e.preset = loaded.profile();
      e.driver = new PlaybackDriver(loaded.reports(), repeat, gapTime, waitTime, !normalPriority);
      return e.call();
    }
  }
}
