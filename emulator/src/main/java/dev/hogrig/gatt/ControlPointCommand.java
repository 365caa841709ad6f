package dev.hogrig.gatt;

import java.util.Optional;

/**
 * The HID Control Point characteristic value (HIDS 1.0, HID Control Point): one octet, written
 * without response.
 *
 * <pre>
 *   0x00  Suspend        the host enters a power-saving state; the device may too
 *   0x01  Exit Suspend   the host is back
 *   0x02..0xFF reserved for future use
 * </pre>
 */
public enum ControlPointCommand {
  SUSPEND(0x00),
  EXIT_SUSPEND(0x01);

  private final int value;

  ControlPointCommand(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static Optional<ControlPointCommand> of(int value) {
    for (ControlPointCommand c : values()) {
      if (c.value == value) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
