package dev.hogrig.cli;

import dev.hogrig.hid.DescriptorText;
import dev.hogrig.hid.ReportDescriptor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hogrig descriptor decode}: bytes to the one-item-per-line text hid-decode prints. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Print a descriptor one item per line, as hid-tools' hid-decode does: the item's bytes,",
      "its meaning indented by collection, and its byte offset. 'compile' turns the text back",
      "into the same bytes."
    })
final class DecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InputOptions input;

  @picocli.CommandLine.Option(
      names = "--layout",
      description = "Also print each report's length and the bit position of every field.")
  boolean layout;

  @Parameters(paramLabel = "DESCRIPTOR", description = "File, '-' or library:NAME.")
  String source;

  @Override
  public Integer call() {
    DescriptorInput.Loaded loaded =
        DescriptorInput.load(source, input.format, HogrigCommand.stdin(spec));
    ReportDescriptor d = ReportDescriptor.parse(loaded.bytes());
    spec.commandLine().getOut().print(DescriptorText.decode(d));
    if (layout) {
      spec.commandLine().getOut().println();
      spec.commandLine().getOut().print(dev.hogrig.hid.ReportLayoutText.describe(d));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
