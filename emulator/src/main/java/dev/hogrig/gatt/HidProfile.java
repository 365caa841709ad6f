package dev.hogrig.gatt;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that makes one emulated HOGP device what it is, apart from behaviour: the report
 * descriptor, how it presents itself (appearance, PnP ID, strings, HID Information), how it pairs
 * (IO capability, security), which boot devices it plays and the initial feature report values.
 * {@link HogpDevice#create} turns it into services.
 *
 * <p>Built-in profiles: {@link #keyboard()}, {@link #mouse()}, {@link #touchpad()}; any descriptor
 * through {@link #fromDescriptor}. Scenarios vary one thing with the {@code with...} methods.
 *
 * <p><b>Appearance</b> (GAP, advertised and in the GAP service that BlueZ serves; carried here for
 * the backend) from Bluetooth Assigned Numbers §2.6 "Appearance Values", category 0x00F Human
 * Interface Device: 0x03C0 generic HID, 0x03C1 Keyboard, 0x03C2 Mouse, 0x03C5 Digitizer Tablet,
 * 0x03C9 Touchpad.
 *
 * <p><b>PnP ID</b>: built-ins use USB-IF vendor 0x1209, the pid.codes open-hardware vendor ID, with
 * distinct product IDs per profile so that hosts which cache by VID/PID (macOS does) keep them
 * apart. A lab testing a real product should set that product's PnP ID.
 *
 * @param initialFeatures feature report values at power-on, by report ID; reports not listed start
 *     as zeros of their payload length
 * @param batteryLevel initial Battery Level, 0..100 %
 */
public record HidProfile(
    String name,
    ReportDescriptor descriptor,
    int appearance,
    IoCapability ioCapability,
    PnpId pnpId,
    String manufacturer,
    String model,
    String firmwareRevision,
    HidInformation hidInformation,
    ImmutableSet<BootDevice> boot,
    HogpSecurity security,
    ImmutableMap<Integer, Bytes> initialFeatures,
    int batteryLevel) {

  public static final int APPEARANCE_GENERIC_HID = 0x03C0;
  public static final int APPEARANCE_KEYBOARD = 0x03C1;
  public static final int APPEARANCE_MOUSE = 0x03C2;
  public static final int APPEARANCE_DIGITIZER_TABLET = 0x03C5;
  public static final int APPEARANCE_TOUCHPAD = 0x03C9;

  /**
   * Longest attribute value ATT allows (Core 5.4 Vol 3 Part F §3.2.9), so the longest Report Map.
   */
  public static final int MAX_ATTRIBUTE_VALUE = 512;

  /** pid.codes, an open-hardware USB vendor ID. */
  public static final int VENDOR_PID_CODES = 0x1209;

  /**
   * @throws GattModelException when the Report Map is over 512 octets, a boot device is asked for
   *     that the descriptor cannot play, or an initial feature value does not fit its report
   */
  public HidProfile {
    if (name == null || name.isBlank()) {
      throw new GattModelException("profile name must not be blank");
    }
    if (descriptor == null
        || ioCapability == null
        || pnpId == null
        || manufacturer == null
        || model == null
        || firmwareRevision == null
        || hidInformation == null
        || boot == null
        || security == null
        || initialFeatures == null) {
      throw new GattModelException("profile '" + name + "': no field may be null");
    }
    if (descriptor.bytes().size() > MAX_ATTRIBUTE_VALUE) {
      throw new GattModelException(
          "profile '%s': the Report Map is %d octets; an ATT attribute value holds at most %d (Core Vol 3 Part F §3.2.9, HIDS 1.0 §3.5)"
              .formatted(name, descriptor.bytes().size(), MAX_ATTRIBUTE_VALUE));
    }
    if (appearance < 0 || appearance > 0xffff) {
      throw new GattModelException("profile '" + name + "': appearance must be 0..0xFFFF");
    }
    if (batteryLevel < 0 || batteryLevel > 100) {
      throw new GattModelException("profile '" + name + "': battery level must be 0..100");
    }
    Set<BootDevice> possible = BootSupport.derive(descriptor);
    for (BootDevice b : boot) {
      if (!possible.contains(b)) {
        throw new GattModelException(
            "profile '%s': boot %s asked for, but the descriptor has no %s application to derive boot reports from (see BootSupport)"
                .formatted(name, b, b == BootDevice.KEYBOARD ? "Keyboard" : "Mouse"));
      }
    }
    for (Map.Entry<Integer, Bytes> e : initialFeatures.entrySet()) {
      Optional<Report> r = descriptor.report(ReportType.FEATURE, e.getKey());
      if (r.isEmpty()) {
        throw new GattModelException(
            "profile '%s': initial value for Feature report %d, which the descriptor does not declare"
                .formatted(name, e.getKey()));
      }
      if (r.get().payloadLength() != e.getValue().size()) {
        throw new GattModelException(
            "profile '%s': initial value of Feature report %d is %d octets; its payload is %d"
                .formatted(name, e.getKey(), e.getValue().size(), r.get().payloadLength()));
      }
    }
    boot = Sets.immutableEnumSet(boot);
  }

  /**
   * Boot keyboard (library {@code boot-keyboard}): boot-capable, KeyboardDisplay, authenticated.
   */
  public static HidProfile keyboard() {
    return builtIn(
        "keyboard", "boot-keyboard", APPEARANCE_KEYBOARD, IoCapability.KEYBOARD_DISPLAY, 0x0001);
  }

  /**
   * Five-button mouse (library {@code mouse-5btn}): boot mouse derived from its 16-bit report,
   * NoInputNoOutput, encrypted.
   */
  public static HidProfile mouse() {
    return builtIn(
        "mouse", "mouse-5btn", APPEARANCE_MOUSE, IoCapability.NO_INPUT_NO_OUTPUT, 0x0002);
  }

  /**
   * Windows Precision Touchpad click pad (library {@code ptp-clickpad}), NoInputNoOutput,
   * encrypted, answering Contact Count Maximum = 5 and Pad Type = 0 (click pad) in Feature report
   * 3, an all-zero (uncertified) blob in Feature report 4, and Input Mode 0 (mouse) until the host
   * writes 3.
   */
  public static HidProfile touchpad() {
    HidProfile p =
        builtIn(
            "touchpad",
            "ptp-clickpad",
            APPEARANCE_TOUCHPAD,
            IoCapability.NO_INPUT_NO_OUTPUT,
            0x0003);
    Bytes caps =
        ReportCodec.encodePayload(
            p.descriptor,
            ReportType.FEATURE,
            3,
            new ReportData().set(Usages.CONTACT_COUNT_MAXIMUM, 5).set(Usages.PAD_TYPE, 0));
    return p.withFeature(3, caps);
  }

  /** A built-in profile by name: {@code keyboard}, {@code mouse} or {@code touchpad}. */
  public static Optional<HidProfile> builtIn(String name) {
    return switch (name) {
      case "keyboard" -> Optional.of(keyboard());
      case "mouse" -> Optional.of(mouse());
      case "touchpad" -> Optional.of(touchpad());
      default -> Optional.empty();
    };
  }

  /**
   * A profile for any descriptor (file bytes). Appearance and IO capability follow the first
   * top-level application: Keyboard → 0x03C1 and KeyboardDisplay; Mouse → 0x03C2, Touch Pad →
   * 0x03C9, Pen/Digitizer/Touch Screen → 0x03C5, anything else → 0x03C0, all NoInputNoOutput. Boot
   * devices are derived ({@link BootSupport#derive}).
   *
   * @throws dev.hogrig.hid.DescriptorFormatException when the bytes are not HID items
   */
  public static HidProfile fromDescriptor(String name, Bytes descriptorBytes) {
    ReportDescriptor d = ReportDescriptor.parse(descriptorBytes);
    Optional<Usage> first = d.applications().stream().findFirst().flatMap(HidCollection::usage);
    int appearance = APPEARANCE_GENERIC_HID;
    IoCapability io = IoCapability.NO_INPUT_NO_OUTPUT;
    if (first.equals(Optional.of(Usages.KEYBOARD))) {
      appearance = APPEARANCE_KEYBOARD;
      io = IoCapability.KEYBOARD_DISPLAY;
    } else if (first.equals(Optional.of(Usages.MOUSE))) {
      appearance = APPEARANCE_MOUSE;
    } else if (first.equals(Optional.of(Usages.TOUCH_PAD))) {
      appearance = APPEARANCE_TOUCHPAD;
    } else if (first.equals(Optional.of(Usages.PEN))
        || first.equals(Optional.of(Usages.DIGITIZER))
        || first.equals(Optional.of(Usages.TOUCH_SCREEN))) {
      appearance = APPEARANCE_DIGITIZER_TABLET;
    }
    return of(name, d, appearance, io, 0x00FF);
  }

  private static HidProfile builtIn(
      String name, String library, int appearance, IoCapability io, int productId) {
    ReportDescriptor d =
        DescriptorLibrary.get(library)
            .orElseThrow(() -> new IllegalStateException("library descriptor missing: " + library))
            .parse();
    return of(name, d, appearance, io, productId);
  }

  private static HidProfile of(
      String name, ReportDescriptor d, int appearance, IoCapability io, int productId) {
    return new HidProfile(
        name,
        d,
        appearance,
        io,
        new PnpId(PnpId.VendorIdSource.USB_IF, VENDOR_PID_CODES, productId, 0x0100),
        "hogrig",
        "hogrig " + name,
        "0.1.0",
        HidInformation.DEFAULT,
        BootSupport.derive(d),
        HogpSecurity.forIoCapability(io),
        ImmutableMap.of(),
        100);
  }

  public HidProfile withName(String n) {
    return new HidProfile(
        n,
        descriptor,
        appearance,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        security,
        initialFeatures,
        batteryLevel);
  }

  /** Same profile, another security; the scenario knob for HOGP security tests. */
  public HidProfile withSecurity(HogpSecurity s) {
    return new HidProfile(
        name,
        descriptor,
        appearance,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        s,
        initialFeatures,
        batteryLevel);
  }

  /** Same profile, another IO capability; security is left as it was. */
  public HidProfile withIoCapability(IoCapability io) {
    return new HidProfile(
        name,
        descriptor,
        appearance,
        io,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        security,
        initialFeatures,
        batteryLevel);
  }

  /** Same profile offering only {@code b} as boot devices (empty: no boot protocol at all). */
  public HidProfile withBoot(Set<BootDevice> b) {
    return new HidProfile(
        name,
        descriptor,
        appearance,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        ImmutableSet.copyOf(b),
        security,
        initialFeatures,
        batteryLevel);
  }

  public HidProfile withPnpId(PnpId id) {
    return new HidProfile(
        name,
        descriptor,
        appearance,
        ioCapability,
        id,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        security,
        initialFeatures,
        batteryLevel);
  }

  public HidProfile withHidInformation(HidInformation info) {
    return new HidProfile(
        name,
        descriptor,
        appearance,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        info,
        boot,
        security,
        initialFeatures,
        batteryLevel);
  }

  public HidProfile withStrings(String manufacturer, String model, String firmwareRevision) {
    return new HidProfile(
        name,
        descriptor,
        appearance,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        security,
        initialFeatures,
        batteryLevel);
  }

  public HidProfile withAppearance(int a) {
    return new HidProfile(
        name,
        descriptor,
        a,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        security,
        initialFeatures,
        batteryLevel);
  }

  public HidProfile withBatteryLevel(int percent) {
    return new HidProfile(
        name,
        descriptor,
        appearance,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        security,
        initialFeatures,
        percent);
  }

  /** Same profile with Feature report {@code reportId} starting as {@code payload}. */
  public HidProfile withFeature(int reportId, Bytes payload) {
    Map<Integer, Bytes> m = new LinkedHashMap<>(initialFeatures);
    m.put(reportId, payload);
    return new HidProfile(
        name,
        descriptor,
        appearance,
        ioCapability,
        pnpId,
        manufacturer,
        model,
        firmwareRevision,
        hidInformation,
        boot,
        security,
        ImmutableMap.copyOf(m),
        batteryLevel);
  }
}
