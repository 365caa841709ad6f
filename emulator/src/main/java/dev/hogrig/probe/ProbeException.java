package dev.hogrig.probe;

/** The probe could not do what it was asked (e.g. listen on a port that is taken). */
public class ProbeException extends RuntimeException {
  public ProbeException(String message) {
    super(message);
  }

  public ProbeException(String message, Throwable cause) {
    super(message, cause);
  }
}
