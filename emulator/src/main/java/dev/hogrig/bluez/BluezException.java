package dev.hogrig.bluez;

/**
 * A call to BlueZ (or to the bus) failed. The message says which call, on which object, and what
 * BlueZ answered: its D-Bus error name (e.g. {@code org.bluez.Error.AuthenticationFailed}, see
 * bluez {@code doc/*-api.txt} "Possible errors") and its text. A call that got no answer in time
 * has the error name {@link #TIMEOUT}.
 */
public final class BluezException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Error name used when hogrig gave up waiting for an answer. */
  public static final String TIMEOUT = "dev.hogrig.bluez.Timeout";

  private final String call;
  private final String object;
  private final String errorName;

  BluezException(String call, String object, String errorName, String text, Throwable cause) {
    super(
        call + " on " + object + " failed: " + errorName + (text == null ? "" : ": " + text),
        cause);
    this.call = call;
    this.object = object;
    this.errorName = errorName;
  }

  /** The call, e.g. {@code org.bluez.Device1.Pair}. */
  public String call() {
    return call;
  }

  /** The object path (or bus address) it was made on. */
  public String object() {
    return object;
  }

  /** The D-Bus error name, e.g. {@code org.bluez.Error.Failed}. */
  public String errorName() {
    return errorName;
  }
}
