package dev.hogrig.gatt;

import dev.hogrig.util.Bytes;

/**
 * The answer to one read or write: a value (empty for a write) or an ATT error.
 *
 * <p>A Write Command (write without response) has no answer on the air (Core 5.4 Vol 3 Part F
 * §3.4.5.3); the model still returns the error it would have given, so events and reports say why a
 * command was dropped. A backend sends nothing for it.
 */
public sealed interface AttResult permits AttResult.Value, AttResult.Error {

  /** Success, with the value read (the part from the requested offset) or empty for a write. */
  record Value(Bytes value) implements AttResult {
    public Value {
      if (value == null) {
        throw new NullPointerException("value");
      }
    }

    @Override
    public String toString() {
      return "OK " + value;
    }
  }

  /** Failure, with the code to send in ATT_ERROR_RSP. */
  record Error(AttError error) implements AttResult {
    public Error {
      if (error == null) {
        throw new NullPointerException("error");
      }
    }

    @Override
    public String toString() {
      return "ERROR " + error;
    }
  }

  static AttResult ok(Bytes value) {
    return new Value(value);
  }

  /** A successful write. */
  static AttResult ok() {
    return new Value(Bytes.EMPTY);
  }

  static AttResult error(AttError error) {
    return new Error(error);
  }

  default boolean isOk() {
    return this instanceof Value;
  }
}
