package dev.hogrig.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * categories.json as Allure reads it: a result falls into the first category whose statuses include
 * its status and whose messageRegex matches its whole message (allure-generator CategoriesPlugin
 * uses {@code Matcher.matches}).
 */
class CategoriesTest {
  /** The failure kinds issue 4 names, in its words. */
  static final List<String> ISSUE_KINDS =
      List.of(
          "host never subscribed", "connected but no input", "fell back to mouse", "link dropped");

  static JsonArray categories() {
    return JsonParser.parseString(Categories.json()).getAsJsonArray();
  }

  /** The one category that takes a result; several is a bug (Allure would list it in each). */
  static String categoryOf(String status, String message) {
    List<String> matched = new ArrayList<>();
    for (JsonElement e : categories()) {
      JsonObject c = e.getAsJsonObject();
      boolean statusOk = false;
      for (JsonElement s : c.getAsJsonArray("matchedStatuses")) {
        statusOk |= s.getAsString().equals(status);
      }
      boolean messageOk =
          !c.has("messageRegex")
              || Pattern.compile(c.get("messageRegex").getAsString()).matcher(message).matches();
      if (statusOk && messageOk) {
        matched.add(c.get("name").getAsString());
      }
    }
    assertTrue(matched.size() <= 1, message + " is in " + matched);
    return matched.isEmpty() ? "(none)" : matched.get(0);
  }

  @Test
  void namesTheIssuesFourFailureKindsFirstThenCatchAllsThenKnownHostIssues() {
    List<String> names = new ArrayList<>();
    for (JsonElement e : categories()) {
      names.add(e.getAsJsonObject().get("name").getAsString());
    }
    List<String> expected = new ArrayList<>(ISSUE_KINDS);
    expected.add(Categories.OTHER_FAILURES);
    expected.add(Categories.RIG_ERRORS);
    expected.add(Categories.KNOWN_HOST_ISSUES);
    assertEquals(expected, names);
  }

  @Test
  void abortsForAKnownHostIssueHaveTheirOwnCategoryOtherSkipsNone() {
    assertEquals(
        Categories.KNOWN_HOST_ISSUES,
        categoryOf("skipped", "known host issue: never rescans (docs/bluez.md); this run: x"));
    assertEquals("(none)", categoryOf("skipped", "HOGRIG_LAB=skip"));
  }

  @Test
  void onlyAllureStatusesAreUsed() {
    // Allure 2 result statuses: failed, broken, passed, skipped, unknown.
    Set<String> allure = Set.of("failed", "broken", "passed", "skipped", "unknown");
    for (JsonElement e : categories()) {
      for (JsonElement s : e.getAsJsonObject().getAsJsonArray("matchedStatuses")) {
        assertTrue(allure.contains(s.getAsString()), s.getAsString());
      }
    }
  }

  @Test
  void eachKindsMessagesLandInItsCategoryWhetherFailedOrBroken() {
    for (FailureKind k : FailureKind.values()) {
      String message = k.message("no CCCD write within 10 s\n  on hci1 (second line)");
      assertTrue(message.startsWith(ISSUE_KINDS.get(k.ordinal()) + ": "), message);
      assertEquals(k.title(), categoryOf("failed", message));
      assertEquals(k.title(), categoryOf("broken", message));
    }
  }

  @Test
  void aKindNamedInsideAMessageIsNotThatKind() {
    String message = "expected 3 frames; " + FailureKind.LINK_DROPPED.message("reason 0x08");
    assertEquals(Categories.OTHER_FAILURES, categoryOf("failed", message));
    assertEquals(Categories.RIG_ERRORS, categoryOf("broken", "NullPointerException"));
    assertEquals("(none)", categoryOf("passed", FailureKind.LINK_DROPPED.message("x")));
  }

  @Test
  void regexMetacharactersInTheTitleAreLiteral() {
    // A '.' in a regex would match any character; the prefix must match only itself.
    assertFalse(
        Pattern.compile(FailureKind.FELL_BACK_TO_MOUSE.messageRegex())
            .matcher("fell back to mouseX anything")
            .matches());
  }

  @Test
  void writesCategoriesJsonIntoTheResultsDirectory(@TempDir Path dir) throws Exception {
    Categories.write(dir);
    assertEquals(Categories.json(), Files.readString(dir.resolve("categories.json")));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left beside it");
    }
  }
}
