package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a uhid device is created with (linux/uhid.h: {@code rd_data[HID_MAX_DESCRIPTOR_SIZE]},
 * HID_MAX_DESCRIPTOR_SIZE 4096 in linux/hid.h) and how its log lines read back.
 */
class UhidSpecTest {
  private static final Bytes DESC = Bytes.of(0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0xc0);

  @Test
  void bluetoothSpecUsesBusBluetoothAndAFreshUniq() {
    UhidSpec a = UhidSpec.bluetooth("Pad", 0x1d6b, 0x0103, DESC);
    UhidSpec b = UhidSpec.bluetooth("Pad", 0x1d6b, 0x0103, DESC);
    assertEquals(0x05, a.bus(), "BUS_BLUETOOTH of linux/input.h");
    assertNotEquals(a.uniq(), b.uniq(), "same name, still told apart");
    UhidSpec f = a.withFeature(5, Bytes.of(5, 0)).withFeature(3, Bytes.of(3, 5));
    assertEquals(Bytes.of(3, 5), f.features().get(3));
    assertEquals(2, f.features().size());
    assertTrue(a.features().isEmpty(), "withFeature returns a new spec");
  }

  @Test
  void descriptorMustFitUhidsBuffer() {
    byte[] big = new byte[4097];
    assertThrows(
        LabException.class,
        () -> UhidSpec.bluetooth("Empty", 1, 2, Bytes.of()),
        "an empty descriptor");
    LabException e =
        assertThrows(LabException.class, () -> UhidSpec.bluetooth("Big", 1, 2, Bytes.copyOf(big)));
    assertTrue(e.getMessage().contains("4096"), e.getMessage());
    assertEquals(
        4096, UhidSpec.bluetooth("Max", 1, 2, Bytes.copyOf(new byte[4096])).descriptor().size());
    assertThrows(LabException.class, () -> UhidSpec.bluetooth("two\nlines", 1, 2, DESC));
  }

  @Test
  void logLinesReadBackWithReportNumberTypeAndData() {
    UhidEvent e =
        UhidEvent.parse("66.025094 SET_REPORT id=4 rnum=5 rtype=feature data=0503", 1, "x.log");
    assertEquals("SET_REPORT", e.kind());
    assertEquals(66.025094, e.time(), 1e-9);
    assertEquals(Optional.of(5), e.reportNumber());
    assertEquals(Optional.of("feature"), e.reportType());
    assertEquals(Bytes.of(5, 3), e.data());
    UhidEvent open = UhidEvent.parse("66.98 OPEN", 2, "x.log");
    assertEquals(Optional.empty(), open.reportNumber());
    assertEquals(Bytes.of(), open.data());
    assertEquals(Bytes.of(), UhidEvent.parse("1.0 OUTPUT rtype=output data=-", 3, "x").data());
    LabException bad =
        assertThrows(LabException.class, () -> UhidEvent.parse("soon START", 7, "x.log"));
    assertTrue(bad.getMessage().contains("x.log:7"), bad.getMessage());
  }
}
