package dev.hogrig.controller.ll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hogrig.util.Bytes;
import org.junit.jupiter.api.Test;

/** CRC-24 of Core 5.4 Vol 6 Part B §3.1.1 against CRCs of advertising packets captured on air. */
class BleCrcTest {
  @Test
  void advIndFromScapyDocumentation() {
    // scapy doc/scapy/layers/bluetooth.rst, "Inspecting a raw BTLE advertisement frame from an
    // Apple device": d6be898e | PDU | b8f7d4.
    Bytes pdu =
        Bytes.fromHex(
            "4024320cfb574d5a02011a1aff4c000c0e009c6b8f40440f1583ec895148b410050318c0b525");
    assertEquals(Bytes.fromHex("b8 f7 d4"), BleCrc.compute(BleCrc.ADVERTISING_CRC_INIT, pdu));
  }

  @Test
  void iBeaconAdvInd() {
    // An iBeacon ADV_IND in a public MATLAB BLE CRC script, annotated "crc should be 0x52AB8D".
    Bytes pdu =
        Bytes.fromHex(
            "402405a2176e3d7102011a1aff4c000215e2c56db5dffb48d2b060d0f5a71096e000000000c5");
    assertEquals(Bytes.fromHex("52 ab 8d"), BleCrc.compute(BleCrc.ADVERTISING_CRC_INIT, pdu));
  }

  @Test
  void crcInitMatters() {
    Bytes pdu = Bytes.fromHex("0f 06 0c 0d ff ff 01 00");
    assertNotEquals(BleCrc.compute(0x555555, pdu), BleCrc.compute(0x123456, pdu));
  }
}
