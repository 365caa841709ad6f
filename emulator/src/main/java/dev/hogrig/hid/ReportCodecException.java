package dev.hogrig.hid;

/**
 * A report that does not fit its descriptor: a value outside its field's logical range, a usage the
 * report does not carry, more keys pressed than an array holds, or report bytes of the wrong length
 * or with an unknown report ID. The message names the usage (and contact) or the byte count
 * concerned, and what the descriptor expects.
 */
public final class ReportCodecException extends HidException {
  public ReportCodecException(String message) {
    super(message);
  }
}
