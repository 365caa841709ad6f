package dev.hogrig.cli;

import picocli.CommandLine.Command;

/** The root command: only groups subcommands. */
@Command(
    name = "hogrig",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Bluetooth LE HID-over-GATT peripheral emulator and test rig.",
    subcommands = {
      DescriptorCommand.class,
      LabCommand.class,
      EmulateCommand.class,
      BenchCommand.class,
      ReportCommand.class,
      ReplayCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class HogrigCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Where '-' reads from; tests replace it. */
  java.io.InputStream stdin = System.in;

  /** The standard input of the command line that {@code spec} belongs to. */
  static java.io.InputStream stdin(picocli.CommandLine.Model.CommandSpec spec) {
    return ((HogrigCommand) spec.root().userObject()).stdin;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
