package dev.hogrig.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The report's {@code categories.json}: one category per {@link FailureKind}, then two catch-alls.
 *
 * <p>Allure's format (docs "Categories", allure-generator's {@code CategoriesPlugin}): a JSON array
 * of objects with {@code name}, {@code matchedStatuses} ({@code failed}, {@code broken}, ...),
 * {@code messageRegex} and {@code traceRegex}; a result goes into the first category that matches.
 * A result with status {@code failed} failed an assertion about the host; {@code broken} means the
 * scenario itself threw (the rig, not the host, is suspect), so the catch-alls keep those apart.
 *
 * <pre>
 * [ {"name": "host never subscribed", "matchedStatuses": ["failed", "broken"],
 *    "messageRegex": "(?s)\Qhost never subscribed: \E.*"}, ...,
 *   {"name": "other host failures", "matchedStatuses": ["failed"]},
 *   {"name": "rig errors", "matchedStatuses": ["broken"]} ]
 * </pre>
 */
public final class Categories {
  /** Failed results whose message has no {@link FailureKind} prefix. */
  public static final String OTHER_FAILURES = "other host failures";

  /** Broken results (an exception, not a failed assertion) without a kind prefix. */
  public static final String RIG_ERRORS = "rig errors";

  private Categories() {}

  /** The categories as Allure's JSON array. */
  public static String json() {
    JsonArray all = new JsonArray();
    for (FailureKind k : FailureKind.values()) {
      all.add(category(k.title(), k.messageRegex(), "failed", "broken"));
    }
    all.add(category(OTHER_FAILURES, null, "failed"));
    all.add(category(RIG_ERRORS, null, "broken"));
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(all) + "\n";
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
    if (messageRegex != null) {
      o.addProperty("messageRegex", messageRegex);
    }
    return o;
  }
}
