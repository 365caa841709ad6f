package dev.hogrig.hid;

/**
 * The one exception the HID layer raises for bad input: malformed descriptor bytes, text that does
 * not compile, or a report that does not fit its descriptor. Its message is meant for a person and
 * already says where (byte offset, or line and column) and what was expected.
 */
public class HidException extends RuntimeException {
  public HidException(String message) {
    super(message);
  }
}
