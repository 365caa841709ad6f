package dev.hogrig.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hogrig descriptor compile}: descriptor text to bytes, as hex for the shell. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compile descriptor text (the output of 'decode', or hand-written lines such as",
      "'Usage Page (Generic Desktop)') to bytes, printed as lowercase hex separated by single",
      "spaces so commands compose: hogrig descriptor compile my.txt | hogrig descriptor lint -"
    })
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InputOptions input;

  @Parameters(paramLabel = "TEXT", description = "Text file, '-' or library:NAME.")
  String source;

  @Override
  public Integer call() {
    if (input.format == DescriptorInput.Format.AUTO) {
      input.format = DescriptorInput.Format.TEXT;
    }
    DescriptorInput.Loaded loaded =
        source.startsWith("library:")
            ? DescriptorInput.load(source, DescriptorInput.Format.AUTO, HogrigCommand.stdin(spec))
            : DescriptorInput.load(source, input.format, HogrigCommand.stdin(spec));
    spec.commandLine().getOut().println(loaded.bytes().toHex());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
