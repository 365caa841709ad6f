package dev.hogrig.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.LibraryDescriptor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hogrig descriptor list}: the built-in descriptor library. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the descriptors of the built-in library (use them as library:NAME).")
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON for machines.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonArray arr = new JsonArray();
      for (LibraryDescriptor d : DescriptorLibrary.all()) {
        JsonObject o = new JsonObject();
        o.addProperty("name", d.name());
        o.addProperty("title", d.title());
        o.addProperty("summary", d.summary());
        o.addProperty("bytes", d.bytes().size());
        arr.add(o);
      }
      out.println(Json.GSON.toJson(arr));
    } else {
      int width = DescriptorLibrary.all().stream().mapToInt(d -> d.name().length()).max().orElse(4);
      for (LibraryDescriptor d : DescriptorLibrary.all()) {
        out.printf("%-" + width + "s  %4d bytes  %s%n", d.name(), d.bytes().size(), d.title());
      }
    }
    out.flush();
    return 0;
  }
}
