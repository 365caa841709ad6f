package dev.hogrig.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.lint.Finding;
import dev.hogrig.hid.lint.LintOptions;
import dev.hogrig.hid.lint.Linter;
import dev.hogrig.hid.lint.Rule;
import dev.hogrig.hid.lint.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig descriptor lint}: findings with rule ID, severity, byte offset, item and hint. Exit
 * status 0 when no finding is an error, 1 when one is, 2 for bad usage or input.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check descriptors against HID 1.11, HOGP, Linux hid-core limits, Windows Precision",
      "Touchpad requirements and the HID 1.11 boot layouts.",
      "Exit status: 0 no errors, 1 error findings, 2 bad usage or unreadable input."
    })
final class LintCommand implements Callable<Integer> {
  static final int MIN_MTU = 23;
  static final int MAX_MTU = 517;

  @Spec CommandSpec spec;
  @Mixin InputOptions input;

  @Option(
      names = "--mtu",
      paramLabel = "ATT_MTU",
      defaultValue = "23",
      description =
          "ATT MTU reports must fit in (payload ≤ MTU − 3), 23..517 (default ${DEFAULT-VALUE}).")
  int mtu;

  @Option(
      names = "--boot",
      paramLabel = "MODE",
      defaultValue = "auto",
      description = {
        "Check HID 1.11 boot layouts: ${COMPLETION-CANDIDATES}. auto checks, at info level,",
        "when the first application is a keyboard or mouse; yes checks keyboards and mice as",
        "errors; no skips (default: ${DEFAULT-VALUE})."
      })
  LintOptions.BootProtocol boot = LintOptions.BootProtocol.AUTO;

  @Option(names = "--json", description = "Print JSON for machines.")
  boolean json;

  @Option(names = "--library", description = "Lint every descriptor of the built-in library.")
  boolean library;

  @Option(names = "--list-rules", description = "List the rules and exit.")
  boolean listRules;

  @Parameters(
      paramLabel = "DESCRIPTOR",
      arity = "0..*",
      description = "Files, '-' or library:NAME.")
  List<String> sources = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (listRules) {
      for (Rule r : Rule.values()) {
        out.printf("%-32s %-7s %s%n", r.id(), r.severity().name().toLowerCase(), r.summary());
      }
      out.flush();
      return 0;
    }
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new UsageException("--mtu must be between 23 and 517, got " + mtu);
    }
    List<String> all = new ArrayList<>(sources);
    if (library) {
      DescriptorLibrary.all().forEach(d -> all.add("library:" + d.name()));
    }
    if (all.isEmpty()) {
      throw new UsageException("name a DESCRIPTOR to lint, or use --library (see --help)");
    }
    LintOptions options = LintOptions.defaults().withAttMtu(mtu).withBootProtocol(boot);
    Map<Severity, Integer> totals = new EnumMap<>(Severity.class);
    JsonArray results = new JsonArray();
    for (String source : all) {
      DescriptorInput.Loaded loaded =
          DescriptorInput.load(source, input.format, HogrigCommand.stdin(spec));
      List<Finding> findings = Linter.lint(ReportDescriptor.parse(loaded.bytes()), options);
      findings.forEach(f -> totals.merge(f.severity(), 1, Integer::sum));
      if (json) {
        results.add(toJson(loaded, findings));
      } else {
        printText(out, loaded, findings);
      }
    }
    int errors = totals.getOrDefault(Severity.ERROR, 0);
    if (json) {
      JsonObject o = new JsonObject();
      o.addProperty("attMtu", mtu);
      o.addProperty("boot", boot.name().toLowerCase());
      o.addProperty("errors", errors);
      o.addProperty("warnings", totals.getOrDefault(Severity.WARNING, 0));
      o.addProperty("infos", totals.getOrDefault(Severity.INFO, 0));
      o.add("descriptors", results);
      out.println(Json.GSON.toJson(o));
    } else {
      out.printf(
          "%d descriptor(s), ATT_MTU %d: %d error(s), %d warning(s), %d info(s)%n",
          all.size(),
          mtu,
          errors,
          totals.getOrDefault(Severity.WARNING, 0),
          totals.getOrDefault(Severity.INFO, 0));
    }
    out.flush();
    return errors > 0 ? 1 : 0;
  }

  private static void printText(
      PrintWriter out, DescriptorInput.Loaded loaded, List<Finding> findings) {
    if (findings.isEmpty()) {
      out.printf("%s: %d bytes, no findings%n", loaded.name(), loaded.bytes().size());
      return;
    }
    for (Finding f : findings) {
      out.printf(
          "%s: byte %d: %s %s: %s [%s]%n",
          loaded.name(),
          f.offset(),
          f.severity().name().toLowerCase(),
          f.ruleId(),
          f.message(),
          f.item());
      out.printf("    hint: %s%n", f.hint());
    }
  }

  private static JsonObject toJson(DescriptorInput.Loaded loaded, List<Finding> findings) {
    JsonObject o = new JsonObject();
    o.addProperty("input", loaded.name());
    o.addProperty("bytes", loaded.bytes().size());
    JsonArray arr = new JsonArray();
    for (Finding f : findings) {
      JsonObject j = new JsonObject();
      j.addProperty("rule", f.ruleId());
      j.addProperty("severity", f.severity().name().toLowerCase());
      j.addProperty("offset", f.offset());
      j.addProperty("item", f.item());
      j.addProperty("message", f.message());
      j.addProperty("hint", f.hint());
      arr.add(j);
    }
    o.add("findings", arr);
    return o;
  }
}
