package dev.hogrig.controller;

/**
 * Bad input on the H4 byte stream or in a command's parameters: the message names the stream offset
 * (or the offset within the command) and what was expected there. The controller logs it with the
 * bytes and carries on; it never ends the controller.
 */
public class H4FormatException extends RuntimeException {
  private final long offset;

  public H4FormatException(long offset, String what) {
    super("H4 stream byte " + offset + ": " + what);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }
}
