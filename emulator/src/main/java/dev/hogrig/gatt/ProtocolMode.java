package dev.hogrig.gatt;

import java.util.Optional;

/**
 * The HID Protocol Mode characteristic value (HIDS 1.0, Protocol Mode): one octet.
 *
 * <pre>
 *   0x00  Boot Protocol Mode     reports go through Boot Keyboard/Mouse Input Report
 *   0x01  Report Protocol Mode   reports go through Report characteristics (the default)
 *   0x02..0xFF reserved for future use
 * </pre>
 */
public enum ProtocolMode {
  BOOT(0x00),
  REPORT(0x01);

  private final int value;

  ProtocolMode(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static Optional<ProtocolMode> of(int value) {
    for (ProtocolMode m : values()) {
      if (m.value == value) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
