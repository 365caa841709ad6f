package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * D-Bus error replies named as BlueZ expects them from a GATT application.
 *
 * <p>Why a class in package {@code org.bluez}: dbus-java 5.1.1 names the error reply of an exported
 * method after the <em>class</em> of the exception it threw ({@code getClass().getName()} with
 * {@code $} turned into {@code .}); {@code DBusExecutionException.setType} is not used for replies.
 * So an error reply named {@code org.bluez.Error.InvalidValueLength} needs an exception whose
 * binary name is {@code org.bluez.Error$InvalidValueLength}. Only {@code dev.hogrig.bluez} uses
 * this (through {@link #of}); nothing else should.
 *
 * <p>BlueZ 5.66 {@code src/gatt-database.c} ({@code dbus_error_to_att_ecode}) turns these names
 * into ATT error codes; {@code Failed} with a message that parses as a number 0x80..0x9F gives that
 * application error code, any other {@code Failed} gives 0x80, an unknown name 0x0E.
 */
public final class Error {
  private Error() {}

  /**
   * The exception to throw from an exported method so that the reply is named {@code
   * org.bluez.Error.<shortName>} with {@code message} as its text.
   *
   * @throws IllegalArgumentException for a name not listed here
   */
  public static RuntimeException of(String shortName, String message) {
    return switch (shortName) {
      case "Failed" -> new Failed(message);
      case "NotSupported" -> new NotSupported(message);
      case "NotAuthorized" -> new NotAuthorized(message);
      case "InvalidValueLength" -> new InvalidValueLength(message);
      case "InvalidOffset" -> new InvalidOffset(message);
      case "InProgress" -> new InProgress(message);
      case "NotPermitted" -> new NotPermitted(message);
      default -> throw new IllegalArgumentException("no org.bluez.Error." + shortName);
    };
  }

  static final class Failed extends DBusExecutionException {
    Failed(String m) {
      super(m);
    }
  }

  static final class NotSupported extends DBusExecutionException {
    NotSupported(String m) {
      super(m);
    }
  }

  static final class NotAuthorized extends DBusExecutionException {
    NotAuthorized(String m) {
      super(m);
    }
  }

  static final class InvalidValueLength extends DBusExecutionException {
    InvalidValueLength(String m) {
      super(m);
    }
  }

  static final class InvalidOffset extends DBusExecutionException {
    InvalidOffset(String m) {
      super(m);
    }
  }

  static final class InProgress extends DBusExecutionException {
    InProgress(String m) {
      super(m);
    }
  }

  static final class NotPermitted extends DBusExecutionException {
    NotPermitted(String m) {
      super(m);
    }
  }
}
