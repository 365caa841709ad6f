package dev.hogrig.bluez;

import dev.hogrig.gatt.AttError;

/**
 * Which D-Bus error a GATT application answers so that bluetoothd sends a given ATT error code.
 *
 * <p>BlueZ 5.66 {@code src/gatt-database.c}, {@code dbus_error_to_att_ecode(name, msg, perm_err)},
 * called from the reply handlers of {@code ReadValue} ({@code perm_err} = 0x02 Read Not Permitted)
 * and {@code WriteValue} ({@code perm_err} = 0x03 Write Not Permitted):
 *
 * <pre>
 *  org.bluez.Error.Failed              0x80, or the code in the message when the whole message
 *                                      parses (strtol base 0) as 0x80..0x9F; other numbers: 0x0E
 *  org.bluez.Error.NotSupported        0x06 Request Not Supported
 *  org.bluez.Error.NotAuthorized       0x08 Insufficient Authorization
 *  org.bluez.Error.InvalidValueLength  0x0D Invalid Attribute Value Length
 *  org.bluez.Error.InvalidOffset       0x07 Invalid Offset
 *  org.bluez.Error.InProgress          0xFE Procedure Already in Progress
 *  org.bluez.Error.NotPermitted        perm_err (0x02 on a read, 0x03 on a write)
 *  any other name                      0x0E Unlikely Error
 * </pre>
 *
 * The message form of {@code Failed} is in the Debian 5.66 binary (its "Invalid error code: %s"
 * string is there). Codes BlueZ has no name for (0x05, 0x0F and 0x0C: BlueZ checks security itself
 * before it calls the application; 0x13 Value Not Allowed, 0xFC, 0xFD, 0xFF and the rest) cannot be
 * sent by an external application: they go out as 0x0E, and {@link Reply#sentCode()} says so.
 */
final class BluezAttErrors {
  private BluezAttErrors() {}

  /**
   * The error name of a reply BlueZ has no mapping for (dbus-java names the reply after the
   * exception's class): BlueZ sends 0x0E.
   */
  static final String UNMAPPED = "org.freedesktop.dbus.exceptions.DBusExecutionException";

  /**
   * @param errorName the D-Bus error name to reply with
   * @param message its text (for {@code Failed} with an application code: exactly {@code 0xNN})
   * @param sentCode the ATT error code BlueZ 5.66 will send for it
   */
  record Reply(String errorName, String message, int sentCode) {
    String shortName() {
      return errorName.startsWith("org.bluez.Error.")
          ? errorName.substring("org.bluez.Error.".length())
          : null;
    }
  }

  /** The reply for {@code error} in answer to a read ({@code read}) or a write. */
  static Reply reply(AttError error, boolean read) {
    return reply(error.code(), read, error.toString());
  }

  /** The reply for any ATT error code, application codes 0x80..0x9F included. */
  static Reply reply(int code, boolean read, String text) {
    if (code >= 0x80 && code <= 0x9F) {
      return new Reply("org.bluez.Error.Failed", String.format("0x%02x", code), code);
    }
    if ((read && code == 0x02) || (!read && code == 0x03)) {
      return bluez("NotPermitted", text, code);
    }
    return switch (code) {
      case 0x06 -> bluez("NotSupported", text, code);
      case 0x08 -> bluez("NotAuthorized", text, code);
      case 0x0D -> bluez("InvalidValueLength", text, code);
      case 0x07 -> bluez("InvalidOffset", text, code);
      case 0xFE -> bluez("InProgress", text, code);
      default -> new Reply(UNMAPPED, text + " (BlueZ 5.66 has no error name for it)", 0x0E);
    };
  }

  private static Reply bluez(String name, String text, int code) {
    return new Reply("org.bluez.Error." + name, text, code);
  }

  /** The exception that makes dbus-java send {@code reply} (see {@link org.bluez.Error}). */
  static RuntimeException exception(Reply reply) {
    String shortName = reply.shortName();
    if (shortName != null) {
      return org.bluez.Error.of(shortName, reply.message());
    }
    return new org.freedesktop.dbus.exceptions.DBusExecutionException(reply.message());
  }
}
