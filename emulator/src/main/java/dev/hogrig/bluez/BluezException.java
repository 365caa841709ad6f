package dev.hogrig.bluez;

/**
 * A call to BlueZ (or to the bus) failed. The message is one sentence: which call, on which object,
 * what BlueZ answered (its D-Bus error name, e.g. {@code org.bluez.Error.AuthenticationFailed}, see
 * bluez {@code doc/*-api.txt} "Possible errors", and its text) and, where the error name says
 * enough, what to do ({@link #advice()}), e.g. {@code org.bluez.Adapter1.StartDiscovery on
 * /org/bluez/hci0 failed: org.freedesktop.DBus.Error.ServiceUnknown: The name org.bluez was not
 * provided by any .service files; bluetoothd is not running on the bus at unix:path=…: start it …}.
 * A call that got no answer in time has the error name {@link #TIMEOUT}.
 */
public final class BluezException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Error name used when hogrig gave up waiting for an answer. */
  public static final String TIMEOUT = "dev.hogrig.bluez.Timeout";

  private final String call;
  private final String object;
  private final String errorName;
  private final String text;
  private final String advice;

  BluezException(String call, String object, String errorName, String text, Throwable cause) {
    this(call, object, errorName, text, null, cause);
  }

  BluezException(
      String call, String object, String errorName, String text, String advice, Throwable cause) {
    super(
        call
            + " on "
            + object
            + " failed: "
            + errorName
            + (text == null ? "" : ": " + text)
            + (advice == null ? "" : "; " + advice),
        cause);
    this.call = call;
    this.object = object;
    this.errorName = errorName;
    this.text = text;
    this.advice = advice;
  }

  /** What to do about it, when the error name says (see the class comment). */
  public java.util.Optional<String> advice() {
    return java.util.Optional.ofNullable(advice);
  }

  /** BlueZ's (or dbus-java's) own text, or null. */
  String text() {
    return text;
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
