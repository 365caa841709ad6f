package dev.hogrig.scenario;

/**
 * The kinds of failure the field keeps meeting (shared/design/field.md), as the first words of a
 * failed expectation's message. The Allure report's categories ({@code categories.json}) match
 * these prefixes, so failures group by kind across scenarios and hosts.
 */
public enum FailureKind {
  HOST_NEVER_SUBSCRIBED("host never subscribed"),
  CONNECTED_NO_INPUT("connected but no input"),
  FELL_BACK_TO_MOUSE("fell back to mouse"),
  LINK_DROPPED("link dropped"),
  OTHER("expectation not met");

  private final String title;

  FailureKind(String title) {
    this.title = title;
  }

  /** The category's name in the report. */
  public String title() {
    return title;
  }

  /** What a failure message of this kind starts with: the title and a colon. */
  public String prefix() {
    return title + ": ";
  }
}
