package dev.hogrig.bluez;

import java.util.Locale;

/**
 * Which remote device, seen from which local adapter: BlueZ names device objects {@code
 * /org/bluez/<adapter>/dev_<address with _>}. Agent callbacks carry one, so a single agent serving
 * several adapters (the lab's peripheral and host on one bluetoothd) can tell the sides apart.
 */
public record DeviceRef(String adapterName, String address, String path) {
  /** Parses a BlueZ device object path. */
  public static DeviceRef fromPath(String path) {
    String[] parts = path.split("/");
    // "", "org", "bluez", "hciN", "dev_XX_..."
    if (parts.length < 5 || !parts[4].startsWith("dev_")) {
      return new DeviceRef(parts.length > 3 ? parts[3] : "?", "?", path);
    }
    return new DeviceRef(
        parts[3], parts[4].substring(4).replace('_', ':').toUpperCase(Locale.ROOT), path);
  }
}
