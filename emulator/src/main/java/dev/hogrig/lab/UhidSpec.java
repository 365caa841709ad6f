package dev.hogrig.lab;

import com.google.common.collect.ImmutableMap;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link UhidDevice} tells the guest kernel in {@code UHID_CREATE2} (linux/uhid.h), plus the
 * answers to the kernel's feature-report reads.
 *
 * @param name the HID name ({@code HID_NAME}; the input devices' names start with it)
 * @param phys physical path text, may be empty
 * @param uniq unique id text ({@code HID_UNIQ}); BlueZ puts the peripheral's address here. It also
 *     tells devices apart in {@link UhidDevice#awaitBound}
 * @param bus {@code BUS_*} of linux/input.h; {@link HidDeviceInfo#BUS_BLUETOOTH} makes the kernel
 *     treat the device as BlueZ's HOGP plugin would present it
 * @param vendor vendor ID
 * @param product product ID
 * @param version version (the kernel prints it as {@code vX.YY})
 * @param country HID country code
 * @param descriptor the report descriptor (at most 4096 bytes: HID_MAX_DESCRIPTOR_SIZE)
 * @param features wire bytes (report ID byte first when the descriptor numbers its reports) that
 *     answer {@code UHID_GET_REPORT} of each feature report number; a report not listed is answered
 *     with EIO. A {@code UHID_SET_REPORT} of a feature replaces its answer.
 * @param maxLifetime the guest process ends itself after this long even if never destroyed
 */
public record UhidSpec(
    String name,
    String phys,
    String uniq,
    int bus,
    int vendor,
    int product,
    int version,
    int country,
    Bytes descriptor,
    ImmutableMap<Integer, Bytes> features,
    Duration maxLifetime) {

  /** HID_MAX_DESCRIPTOR_SIZE of linux/hid.h: the size of uhid's rd_data. */
  public static final int MAX_DESCRIPTOR_SIZE = 4096;

  public UhidSpec {
    if (descriptor.size() == 0 || descriptor.size() > MAX_DESCRIPTOR_SIZE) {
      throw new LabException(
          "uhid report descriptor must be 1.."
              + MAX_DESCRIPTOR_SIZE
              + " bytes (HID_MAX_DESCRIPTOR_SIZE), got "
              + descriptor.size());
    }
    for (String s : new String[] {name, phys, uniq}) {
      if (s.contains("\n") || s.contains("\r")) {
        throw new LabException("uhid name/phys/uniq must be one line: \"" + s + "\"");
      }
    }
  }

  /**
   * A Bluetooth ({@code BUS_BLUETOOTH}) device named {@code name}, version 1, no feature answers, a
   * fresh {@code uniq} and a lifetime of 10 minutes.
   */
  public static UhidSpec bluetooth(String name, int vendor, int product, Bytes descriptor) {
    return new UhidSpec(
        name,
        "",
        "hogrig-uhid-" + LabFiles.next(),
        HidDeviceInfo.BUS_BLUETOOTH,
        vendor,
        product,
        1,
        0,
        descriptor,
        ImmutableMap.of(),
        Duration.ofMinutes(10));
  }

  /** This spec, answering GET_REPORT of feature {@code reportNumber} with {@code wire}. */
  public UhidSpec withFeature(int reportNumber, Bytes wire) {
    Map<Integer, Bytes> m = new LinkedHashMap<>(features);
    m.put(reportNumber, wire);
    return new UhidSpec(
        name,
        phys,
        uniq,
        bus,
        vendor,
        product,
        version,
        country,
        descriptor,
        ImmutableMap.copyOf(m),
        maxLifetime);
  }

  /** This spec with another {@code uniq}. */
  public UhidSpec withUniq(String newUniq) {
    return new UhidSpec(
        name,
        phys,
        newUniq,
        bus,
        vendor,
        product,
        version,
        country,
        descriptor,
        features,
        maxLifetime);
  }

  /** This spec with another lifetime bound. */
  public UhidSpec withMaxLifetime(Duration lifetime) {
    return new UhidSpec(
        name, phys, uniq, bus, vendor, product, version, country, descriptor, features, lifetime);
  }
}
