package dev.hogrig.cli;

import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.DescriptorText;
import dev.hogrig.hid.LibraryDescriptor;
import dev.hogrig.hid.ReportDescriptor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hogrig descriptor show}: one library descriptor, decoded. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a library descriptor: what it is for, then its decoded items.")
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "A name from 'hogrig descriptor list'.")
  String name;

  @Option(names = "--hex", description = "Print only the bytes, as 'compile' does.")
  boolean hex;

  @Override
  public Integer call() {
    LibraryDescriptor d =
        DescriptorLibrary.get(name)
            .orElseThrow(
                () ->
                    new UsageException(
                        "no library descriptor named '"
                            + name
                            + "' (see 'hogrig descriptor list')"));
    PrintWriter out = spec.commandLine().getOut();
    if (hex) {
      out.println(d.bytes().toHex());
    } else {
      out.println("# " + d.name() + ": " + d.title());
      out.println("# " + d.summary());
      out.println("# " + d.bytes().size() + " bytes");
      out.print(DescriptorText.decode(ReportDescriptor.parse(d.bytes())));
    }
    out.flush();
    return 0;
  }
}
