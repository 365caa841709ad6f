package dev.hogrig.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hogrig descriptor}: tools a device maker uses on a HID report descriptor. */
@Command(
    name = "descriptor",
    mixinStandardHelpOptions = true,
    description = {
      "Decode, lint and compile HID report descriptors; browse the built-in library.",
      "",
      "A DESCRIPTOR argument is a file (binary, hex bytes, descriptor text or a hid-tools",
      ".hid recording, recognised by content), '-' for standard input, or library:NAME."
    },
    subcommands = {
      DecodeCommand.class,
      LintCommand.class,
      CompileCommand.class,
      ListCommand.class,
      ShowCommand.class
    })
final class DescriptorCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
