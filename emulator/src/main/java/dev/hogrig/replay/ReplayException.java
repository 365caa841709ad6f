package dev.hogrig.replay;

import dev.hogrig.hid.HidException;

/**
 * A replay or script that cannot be played on the descriptor it is meant for: a usage the
 * descriptor lacks (a touchpad gesture on a mouse, a wheel turn on a mouse without a wheel), a
 * character the keyboard layout cannot type, a recording whose reports do not fit its descriptor.
 * The message says what and where (the character and its index, the usage and its page, the
 * recording line).
 *
 * <p>A {@link HidException}, because it is bad input about reports and descriptors: the command
 * line prints it as one line (exit status 2) like every other HID input error.
 */
public final class ReplayException extends HidException {
  public ReplayException(String message) {
    super(message);
  }
}
