package dev.hogrig.report;

import java.util.regex.Pattern;

/**
 * The ways a HOGP scenario fails that a person triaging a host matrix wants counted apart. A
 * scenario that fails for one of these reasons fails with a message that starts with the kind's
 * {@link #prefix()} (build it with {@link #message}); {@link Categories} matches those prefixes, so
 * the report's Categories page groups the failures by kind across hosts.
 *
 * <p>Why these four: they are the distinct points where a HOGP connection stops short of working
 * input, in the order a host goes through them (HOGP 1.0, HID Host role: discover the HID service,
 * read the Report Map, enable notifications of the input reports through their Client
 * Characteristic Configuration descriptors): the link goes away ({@link #LINK_DROPPED}); the host
 * connects but never writes an input report's CCCD ({@link #HOST_NEVER_SUBSCRIBED}); it subscribes
 * and the device notifies, yet no input event appears on the host ({@link
 * #CONNECTED_BUT_NO_INPUT}); or the host switches to the boot protocol (HIDS 1.0, Protocol Mode
 * characteristic written to 0) and sees a plain boot mouse or keyboard where the report map
 * described more ({@link #FELL_BACK_TO_MOUSE}).
 */
public enum FailureKind {
  HOST_NEVER_SUBSCRIBED("host never subscribed"),
  CONNECTED_BUT_NO_INPUT("connected but no input"),
  FELL_BACK_TO_MOUSE("fell back to mouse"),
  LINK_DROPPED("link dropped");

  private final String title;

  FailureKind(String title) {
    this.title = title;
  }

  /** The category name in the report, e.g. {@code host never subscribed}. */
  public String title() {
    return title;
  }

  /** What a failure message of this kind starts with, e.g. {@code "host never subscribed: "}. */
  public String prefix() {
    return title + ": ";
  }

  /** A failure message of this kind: the prefix, then {@code detail}. */
  public String message(String detail) {
    return prefix() + detail;
  }

  /**
   * The Allure {@code messageRegex} that matches this kind's messages. Allure matches the whole
   * message ({@code Matcher.matches}), so the regex allows any text, newlines included, after the
   * prefix.
   */
  public String messageRegex() {
    return "(?s)" + Pattern.quote(prefix()) + ".*";
  }
}
