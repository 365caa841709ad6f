package dev.hogrig.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where an emulated device runs and how it reports, the same for every command that starts one
 * ({@code emulate}, {@code replay play}): the system bus's adapter or the lab of {@code hogrig lab
 * up}, the notification path, and text or JSON lines.
 */
final class DeviceOptions {
  @Mixin LabCommand.Dir dir;

  @Option(
      names = "--adapter",
      paramLabel = "hciN",
      description =
          "The adapter to use, by name or address (default: the first bluetoothd lists; with"
              + " --lab the lab's first controller).")
  String adapter;

  @Option(
      names = "--lab",
      description = "Use the virtual lab left running by 'hogrig lab up' (see --dir).")
  boolean lab;

  @Option(names = "--json", description = "One JSON object per line instead of text.")
  boolean json;

  @Option(
      names = "--notify",
      paramLabel = "PATH",
      defaultValue = "auto",
      description = {
        "How input reports reach bluetoothd: auto (AcquireNotify, a socket per subscribed host,",
        "when the bus passes file descriptors, i.e. a unix socket; else PropertiesChanged) or",
        "properties-changed (always the D-Bus signal). The status line says which is in use."
      })
  String notifyPath = "auto";
}
