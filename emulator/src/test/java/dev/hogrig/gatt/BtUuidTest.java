package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BtUuidTest {
  @Test
  void shortUuidPrintsOnTheBluetoothBaseUuidAsBluezDoes() {
    // Core 5.4 Vol 3 Part B §2.5.1: 0000xxxx-0000-1000-8000-00805F9B34FB; BlueZ prints lowercase.
    assertEquals("00002a4d-0000-1000-8000-00805f9b34fb", BtUuid.of16(0x2A4D).toString());
    assertEquals(
        "00001812-0000-1000-8000-00805f9b34fb", GattUuids.HUMAN_INTERFACE_DEVICE.toString());
  }

  @Test
  void parsesShortHexAndFullForms() {
    assertEquals(BtUuid.of16(0x2A4D), BtUuid.parse("2a4d"));
    assertEquals(BtUuid.of16(0x2A4D), BtUuid.parse("0x2A4D"));
    assertEquals(BtUuid.of16(0x2A4D), BtUuid.parse("00002A4D-0000-1000-8000-00805F9B34FB"));
    assertEquals(OptionalInt.of(0x2A4D), BtUuid.parse("2a4d").short16());
  }

  @Test
  void vendorUuidIsNotShort() {
    BtUuid v = BtUuid.parse("6e400001-b5a3-f393-e0a9-e50e24dcca9e");
    assertFalse(v.isSigShort());
    assertEquals(OptionalInt.empty(), v.short16());
    assertEquals("6e400001-b5a3-f393-e0a9-e50e24dcca9e", v.toString());
    assertTrue(BtUuid.of16(0x180F).isSigShort());
  }

  @Test
  void badTextNamesTheTextAndTheForms() {
    GattModelException e = assertThrows(GattModelException.class, () -> BtUuid.parse("2a4"));
    assertTrue(e.getMessage().contains("\"2a4\""), e.getMessage());
    assertThrows(GattModelException.class, () -> BtUuid.of16(0x10000));
  }
}
