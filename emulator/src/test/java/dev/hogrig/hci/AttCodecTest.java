package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttCodecTest {
  static final Bytes UUID16 = Bytes.fromHex("00 28"); // 0x2800 Primary Service, little-endian
  static final Bytes UUID128 = Bytes.fromHex("fb 34 9b 5f 80 00 00 80 00 10 00 00 12 18 00 00");

  static List<AttPdu> samples() {
    return List.of(
        new AttPdu.ErrorResponse(AttPdu.READ_BY_TYPE_REQUEST, 0x0001, 0x0a),
        new AttPdu.ExchangeMtuRequest(517),
        new AttPdu.ExchangeMtuResponse(23),
        new AttPdu.ReadByTypeRequest(0x0001, 0xffff, Bytes.fromHex("03 28")),
        new AttPdu.ReadByTypeRequest(1, 2, UUID128),
        new AttPdu.ReadByTypeResponse(
            ImmutableList.of(
                new AttPdu.HandleValue(2, Bytes.fromHex("02 03 00 00 2a")),
                new AttPdu.HandleValue(4, Bytes.fromHex("02 05 00 01 2a")))),
        new AttPdu.ReadByTypeResponse(ImmutableList.of(new AttPdu.HandleValue(9, Bytes.EMPTY))),
        new AttPdu.ReadRequest(0x0012),
        new AttPdu.ReadResponse(Bytes.fromHex("05 01 09 06")),
        new AttPdu.ReadResponse(Bytes.EMPTY),
        new AttPdu.ReadBlobRequest(0x0012, 22),
        new AttPdu.ReadBlobResponse(Bytes.fromHex("c0")),
        new AttPdu.ReadByGroupTypeRequest(0x0001, 0xffff, UUID16),
        new AttPdu.ReadByGroupTypeResponse(
            ImmutableList.of(
                new AttPdu.GroupValue(1, 5, Bytes.fromHex("00 18")),
                new AttPdu.GroupValue(6, 9, Bytes.fromHex("12 18")))),
        new AttPdu.WriteRequest(0x0015, Bytes.fromHex("01 00")),
        new AttPdu.WriteResponse(),
        new AttPdu.WriteCommand(0x0017, Bytes.fromHex("01")),
        new AttPdu.HandleValueNotification(0x0012, Bytes.fromHex("00 00 04 00 00 00 00 00")),
        new AttPdu.HandleValueIndication(0x0003, Bytes.fromHex("01 00 ff ff")),
        new AttPdu.HandleValueConfirmation(),
        new AttPdu.MultipleHandleValueNotification(
            ImmutableList.of(
                new AttPdu.HandleValue(0x0068, Bytes.fromHex("03 b0 04")),
                new AttPdu.HandleValue(0x006b, Bytes.EMPTY))),
        new AttPdu.Unknown(0x04, Bytes.fromHex("01 00 ff ff")),
        new AttPdu.Unknown(0xd2, Bytes.EMPTY));
  }

  @Test
  void everyPduRoundTripsAndTheSweepCoversEveryRecord() {
    Set<Class<?>> seen = new HashSet<>();
    for (AttPdu p : samples()) {
      assertEquals(p, AttCodec.decode(AttCodec.encode(p)), p.toString());
      seen.add(p.getClass());
    }
    assertEquals(HciCodecTest.leaves(AttPdu.class), seen);
  }

  /** Vol 3 Part F §3.4.1.1: 01, request opcode, handle LE, error code 0x0A Attribute Not Found. */
  @Test
  void errorResponseFromSpecLayout() {
    AttPdu.ErrorResponse e =
        (AttPdu.ErrorResponse) AttCodec.decode(Bytes.fromHex("01 08 01 00 0a"));
    assertEquals(0x08, e.requestOpcode());
    assertEquals(0x0001, e.handle());
    assertEquals(AttErrorCode.ATTRIBUTE_NOT_FOUND, e.error().orElseThrow());
    assertEquals("Attribute Not Found", e.error().orElseThrow().specName());
  }

  /** Read By Type Response, element length 7: handle(2) + 5 value bytes each. */
  @Test
  void readByTypeResponseSplitsElementsByTheLengthByte() {
    AttPdu.ReadByTypeResponse r =
        (AttPdu.ReadByTypeResponse)
            AttCodec.decode(Bytes.fromHex("09 07 02 00 02 03 00 00 2a 04 00 02 05 00 01 2a"));
    assertEquals(2, r.data().size());
    assertEquals(4, r.data().get(1).handle());
    assertEquals(Bytes.fromHex("02 05 00 01 2a"), r.data().get(1).value());
  }

  @Test
  void malformedPdusNameTheOffset() {
    HciFormatException a =
        assertThrows(HciFormatException.class, () -> AttCodec.decode(Bytes.fromHex("0a 01")));
    assertEquals(1, a.offset());
    HciFormatException b =
        assertThrows(
            HciFormatException.class, () -> AttCodec.decode(Bytes.fromHex("09 07 02 00 02")));
    assertEquals(4, b.offset());
    HciFormatException c =
        assertThrows(
            HciFormatException.class, () -> AttCodec.decode(Bytes.fromHex("08 01 00 ff ff 00")));
    assertEquals(5, c.offset());
    HciFormatException d =
        assertThrows(HciFormatException.class, () -> AttCodec.decode(Bytes.fromHex("13 00")));
    assertEquals(1, d.offset());
    assertThrows(HciFormatException.class, () -> AttCodec.decode(Bytes.EMPTY));
  }

  /**
   * Vol 3 Part F §3.4.7.4: 0x23, then per notification handle (LE), value length (LE), value. The
   * bytes are a PDU BlueZ 5.82 sent in the lab (mtu scenario's capture), cut to one touchpad report
   * of 29 octets on handle 0x0068.
   */
  @Test
  void multipleHandleValueNotificationAsBluezSendsIt() {
    Bytes pdu =
        Bytes.fromHex(
            "23 68 00 1d 00 03 b0 04 b0 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                + " 00 00 00 01 00");
    AttPdu p = AttCodec.decode(pdu);
    AttPdu.MultipleHandleValueNotification m = (AttPdu.MultipleHandleValueNotification) p;
    assertEquals(1, m.values().size());
    assertEquals(0x0068, m.values().get(0).handle());
    assertEquals(29, m.values().get(0).value().size());
  }

  @Test
  void aMultipleNotificationWhoseLengthRunsPastTheEndNamesTheField() {
    HciFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            HciFormatException.class, () -> AttCodec.decode(Bytes.fromHex("23 68 00 05 00 01 02")));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("value"), e.getMessage());
  }
}
