package dev.hogrig.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The report's {@code categories.json}: one category per {@link FailureKind}, then two catch-alls.
 *
 * <p>Allure's format (docs "Categories", allure-generator's {@code CategoriesPlugin}): a JSON array
 * of objects with {@code name}, {@code matchedStatuses} ({@code failed}, {@code broken}, ...),
 * {@code messageRegex} and {@code traceRegex}, matched against the whole message. A result goes
 * into <em>every</em> category that matches (found with 2.34.1: a catch-all without a regex
 * repeated each categorised failure), so the catch-alls' regex excludes the kinds' prefixes. A
 * result with status {@code failed} failed an assertion about the host; {@code broken} means the
 * scenario itself threw (the rig, not the host, is suspect), so the catch-alls keep those apart.
 *
 * <pre>
 * [ {"name": "host never subscribed", "matchedStatuses": ["failed", "broken"],
 *    "messageRegex": "(?s)\Qhost never subscribed: \E.*"}, ...,
 *   {"name": "other host failures", "matchedStatuses": ["failed"],
 *    "messageRegex": "(?s)(?!\Qhost never subscribed: \E|...).*"},
 *   {"name": "rig errors", "matchedStatuses": ["broken"], "messageRegex": (the same)} ]
 * </pre>
 */
public final class Categories {
  /** Failed results whose message has no {@link FailureKind} prefix. */
  public static final String OTHER_FAILURES = "other host failures";

  /** Broken results (an exception, not a failed assertion) without a kind prefix. */
  public static final String RIG_ERRORS = "rig errors";

  /**
   * Scenarios aborted because a documented problem of the host under test made them fail (the
   * scenario runner's {@code @KnownIssue}); their messages start with {@value
   * #KNOWN_HOST_ISSUE_PREFIX}.
   */
  public static final String KNOWN_HOST_ISSUES = "known host issues";

  /** What the message of a result aborted for a known host issue starts with. */
  public static final String KNOWN_HOST_ISSUE_PREFIX = "known host issue: ";

  private Categories() {}

  /** The categories as Allure's JSON array. */
  public static String json() {
    JsonArray all = new JsonArray();
    for (FailureKind k : FailureKind.values()) {
      all.add(category(k.title(), k.messageRegex(), "failed", "broken"));
    }
    all.add(category(OTHER_FAILURES, noKind(), "failed"));
    all.add(category(RIG_ERRORS, noKind(), "broken"));
    all.add(
        category(
            KNOWN_HOST_ISSUES, "(?s)" + Pattern.quote(KNOWN_HOST_ISSUE_PREFIX) + ".*", "skipped"));
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(all) + "\n";
  }

  /** Any message that does not start with a {@link FailureKind#prefix()}, line breaks included. */
  static String noKind() {
    StringBuilder alternatives = new StringBuilder();
    for (FailureKind k : FailureKind.values()) {
      alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(k.prefix()));
    }
    return "(?s)(?!" + alternatives + ").*";
  }

  /** Writes {@code categories.json} into {@code resultsDir}. */
  public static void write(Path resultsDir) throws IOException {
    Files2.writeAtomically(
        resultsDir.resolve("categories.json"), json().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject category(String name, String messageRegex, String... statuses) {
    JsonObject o = new JsonObject();
    o.addProperty("name", name);
    JsonArray s = new JsonArray();
    for (String status : statuses) {
      s.add(status);
    }
    o.add("matchedStatuses", s);
    o.addProperty("messageRegex", messageRegex);
    return o;
  }
}
