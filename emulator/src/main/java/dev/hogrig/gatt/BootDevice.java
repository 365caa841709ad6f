package dev.hogrig.gatt;

/** The two HID 1.11 Appendix B boot devices a HOGP device can offer boot reports for. */
public enum BootDevice {
  /** Boot Keyboard Input Report (8 octets) and Boot Keyboard Output Report (1 octet, LEDs). */
  KEYBOARD,
  /** Boot Mouse Input Report (3 octets or more). */
  MOUSE
}
