package dev.hogrig.hid;

/**
 * Usage pages and the usages hogrig's own code refers to by name (HID Usage Tables 1.5). Names for
 * display come from the usage-table data files, not from here; this class only gives code a typed
 * way to say "Contact Count" instead of {@code 0x0D, 0x54}.
 */
public final class Usages {
  private Usages() {}

  public static final int PAGE_GENERIC_DESKTOP = 0x01;
  public static final int PAGE_KEYBOARD = 0x07;
  public static final int PAGE_LED = 0x08;
  public static final int PAGE_BUTTON = 0x09;
  public static final int PAGE_CONSUMER = 0x0C;
  public static final int PAGE_DIGITIZERS = 0x0D;
  public static final int PAGE_BATTERY_SYSTEM = 0x85;
  public static final int PAGE_VENDOR_FF00 = 0xFF00;

  // Generic Desktop (0x01)
  public static final Usage POINTER = new Usage(PAGE_GENERIC_DESKTOP, 0x01);
  public static final Usage MOUSE = new Usage(PAGE_GENERIC_DESKTOP, 0x02);
  public static final Usage KEYBOARD = new Usage(PAGE_GENERIC_DESKTOP, 0x06);
  public static final Usage KEYPAD = new Usage(PAGE_GENERIC_DESKTOP, 0x07);
  public static final Usage X = new Usage(PAGE_GENERIC_DESKTOP, 0x30);
  public static final Usage Y = new Usage(PAGE_GENERIC_DESKTOP, 0x31);
  public static final Usage WHEEL = new Usage(PAGE_GENERIC_DESKTOP, 0x38);
  public static final Usage RESOLUTION_MULTIPLIER = new Usage(PAGE_GENERIC_DESKTOP, 0x48);

  // Consumer (0x0C)
  public static final Usage CONSUMER_CONTROL = new Usage(PAGE_CONSUMER, 0x01);
  public static final Usage AC_PAN = new Usage(PAGE_CONSUMER, 0x0238);

  // Digitizers (0x0D)
  public static final Usage DIGITIZER = new Usage(PAGE_DIGITIZERS, 0x01);
  public static final Usage PEN = new Usage(PAGE_DIGITIZERS, 0x02);
  public static final Usage TOUCH_SCREEN = new Usage(PAGE_DIGITIZERS, 0x04);
  public static final Usage TOUCH_PAD = new Usage(PAGE_DIGITIZERS, 0x05);
  public static final Usage DEVICE_CONFIGURATION = new Usage(PAGE_DIGITIZERS, 0x0E);
  public static final Usage STYLUS = new Usage(PAGE_DIGITIZERS, 0x20);
  public static final Usage FINGER = new Usage(PAGE_DIGITIZERS, 0x22);
  public static final Usage DEVICE_SETTINGS = new Usage(PAGE_DIGITIZERS, 0x23);
  public static final Usage TIP_PRESSURE = new Usage(PAGE_DIGITIZERS, 0x30);
  public static final Usage IN_RANGE = new Usage(PAGE_DIGITIZERS, 0x32);
  public static final Usage TIP_SWITCH = new Usage(PAGE_DIGITIZERS, 0x42);
  public static final Usage BARREL_SWITCH = new Usage(PAGE_DIGITIZERS, 0x44);
  public static final Usage ERASER = new Usage(PAGE_DIGITIZERS, 0x45);
  public static final Usage CONFIDENCE = new Usage(PAGE_DIGITIZERS, 0x47);
  public static final Usage WIDTH = new Usage(PAGE_DIGITIZERS, 0x48);
  public static final Usage HEIGHT = new Usage(PAGE_DIGITIZERS, 0x49);
  public static final Usage CONTACT_ID = new Usage(PAGE_DIGITIZERS, 0x51);
  public static final Usage INPUT_MODE = new Usage(PAGE_DIGITIZERS, 0x52);
  public static final Usage DEVICE_INDEX = new Usage(PAGE_DIGITIZERS, 0x53);
  public static final Usage CONTACT_COUNT = new Usage(PAGE_DIGITIZERS, 0x54);
  public static final Usage CONTACT_COUNT_MAXIMUM = new Usage(PAGE_DIGITIZERS, 0x55);
  public static final Usage SCAN_TIME = new Usage(PAGE_DIGITIZERS, 0x56);
  public static final Usage SURFACE_SWITCH = new Usage(PAGE_DIGITIZERS, 0x57);
  public static final Usage BUTTON_SWITCH = new Usage(PAGE_DIGITIZERS, 0x58);
  public static final Usage PAD_TYPE = new Usage(PAGE_DIGITIZERS, 0x59);

  // Button (0x09)
  public static final Usage BUTTON_1 = new Usage(PAGE_BUTTON, 0x01);

  /** Microsoft's "device certification status" blob: vendor page 0xFF00, usage 0xC5. */
  public static final Usage CERTIFICATION_STATUS = new Usage(PAGE_VENDOR_FF00, 0xC5);
}
