package dev.hogrig.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option shared by commands that read a descriptor. */
final class InputOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "How to read the input: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, which"
              + " tells them apart by content).",
      defaultValue = "auto")
  DescriptorInput.Format format = DescriptorInput.Format.AUTO;
}
