package dev.hogrig.probe;

/**
 * A probe message that is not what the page sends: malformed JSON, an unknown event kind, a field
 * missing, of the wrong type or out of range. The message says where: {@code event 3 (key): field
 * 'code': expected a string, got 12}.
 */
public final class ProbeFormatException extends ProbeException {
  public ProbeFormatException(String message) {
    super(message);
  }
}
