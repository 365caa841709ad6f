package dev.hogrig.gatt;

/**
 * SIG-assigned 16-bit UUIDs the model uses (Bluetooth Assigned Numbers §3.4 services, §3.7
 * descriptors, §3.8 characteristics).
 */
public final class GattUuids {
  private GattUuids() {}

  // Services
  public static final BtUuid DEVICE_INFORMATION = BtUuid.of16(0x180A);
  public static final BtUuid BATTERY_SERVICE = BtUuid.of16(0x180F);
  public static final BtUuid HUMAN_INTERFACE_DEVICE = BtUuid.of16(0x1812);

  // Descriptors
  public static final BtUuid CHARACTERISTIC_EXTENDED_PROPERTIES = BtUuid.of16(0x2900);
  public static final BtUuid CLIENT_CHARACTERISTIC_CONFIGURATION = BtUuid.of16(0x2902);
  public static final BtUuid EXTERNAL_REPORT_REFERENCE = BtUuid.of16(0x2907);
  public static final BtUuid REPORT_REFERENCE = BtUuid.of16(0x2908);

  // Characteristics
  public static final BtUuid BATTERY_LEVEL = BtUuid.of16(0x2A19);
  public static final BtUuid BOOT_KEYBOARD_INPUT_REPORT = BtUuid.of16(0x2A22);
  public static final BtUuid MODEL_NUMBER_STRING = BtUuid.of16(0x2A24);
  public static final BtUuid FIRMWARE_REVISION_STRING = BtUuid.of16(0x2A26);
  public static final BtUuid MANUFACTURER_NAME_STRING = BtUuid.of16(0x2A29);
  public static final BtUuid BOOT_KEYBOARD_OUTPUT_REPORT = BtUuid.of16(0x2A32);
  public static final BtUuid BOOT_MOUSE_INPUT_REPORT = BtUuid.of16(0x2A33);
  public static final BtUuid HID_INFORMATION = BtUuid.of16(0x2A4A);
  public static final BtUuid REPORT_MAP = BtUuid.of16(0x2A4B);
  public static final BtUuid HID_CONTROL_POINT = BtUuid.of16(0x2A4C);
  public static final BtUuid REPORT = BtUuid.of16(0x2A4D);
  public static final BtUuid PROTOCOL_MODE = BtUuid.of16(0x2A4E);
  public static final BtUuid PNP_ID = BtUuid.of16(0x2A50);
}
