package dev.hogrig.lab;

/**
 * A usable Bluetooth controller in the lab guest: its kernel name ({@code hci1}) and its public
 * address as btvirt made it ({@code 00:AA:01:01:00:01}). BlueZ's D-Bus object for it is {@code
 * /org/bluez/<name>}.
 */
public record Controller(String name, String address) {
  /** The controller's BlueZ adapter object path. */
  public String objectPath() {
    return "/org/bluez/" + name;
  }
}
