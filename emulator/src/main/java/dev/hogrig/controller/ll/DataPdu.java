package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;

/**
 * A data physical channel PDU (Core 5.4 Vol 6 Part B §2.4).
 *
 * <pre>
 *  Header (16 bits, LSB first; +8 bits CTEInfo when CP = 1)
 * +------+------+----+----+----+-----+--------+-----------+------------------+-----+
 * | LLID | NESN | SN | MD | CP | RFU | Length | (CTEInfo) | Payload (Length) | MIC |
 * | 2 b  | 1 b  | 1b | 1b | 1b | 2 b | 8 bits |  (8 bits) |                  |(4)  |
 * +------+------+----+----+----+-----+--------+-----------+------------------+-----+
 * </pre>
 *
 * <p>LLID (§2.4.1): 0b01 LL Data PDU, continuation fragment of an L2CAP message or an empty PDU;
 * 0b10 LL Data PDU, start of an L2CAP message or a complete one without fragmentation; 0b11 LL
 * Control PDU. NESN/SN carry the acknowledgement scheme of §4.5.9; MD says the sender has more
 * data. On an encrypted link Length includes the 4-octet MIC; this model keeps the MIC in {@link
 * #payload} as its last four octets when there is one.
 *
 * @param cteInfo the CTEInfo octet, or -1 when CP = 0
 */
public record DataPdu(int llid, boolean nesn, boolean sn, boolean md, int cteInfo, Bytes payload) {
  public static final int LLID_CONTINUATION = 0b01;
  public static final int LLID_START = 0b10;
  public static final int LLID_CONTROL = 0b11;

  public DataPdu {
    LlWire.check(llid >= 1 && llid <= 3, "data PDU", "LLID", "0b01, 0b10 or 0b11, got " + llid);
    LlWire.check(cteInfo >= -1 && cteInfo <= 0xff, "data PDU", "CTEInfo", "8 bits");
    LlWire.check(payload.size() <= 255, "data PDU", "Length", "at most 255 octets");
  }

  /** An empty PDU (LLID 0b01, Length 0) that only acknowledges. */
  public static DataPdu empty(boolean nesn, boolean sn, boolean md) {
    return new DataPdu(LLID_CONTINUATION, nesn, sn, md, -1, Bytes.EMPTY);
  }

  public boolean isEmpty() {
    return llid == LLID_CONTINUATION && payload.isEmpty();
  }

  public DataPdu withAck(boolean nesn, boolean sn, boolean md) {
    return new DataPdu(llid, nesn, sn, md, cteInfo, payload);
  }

  public Bytes encode() {
    int b0 =
        llid | (nesn ? 0x04 : 0) | (sn ? 0x08 : 0) | (md ? 0x10 : 0) | (cteInfo >= 0 ? 0x20 : 0);
    Bytes h = cteInfo >= 0 ? Bytes.of(b0, payload.size(), cteInfo) : Bytes.of(b0, payload.size());
    return h.concat(payload);
  }

  /** Decodes header and payload. */
  public static DataPdu decode(Bytes pdu) {
    if (pdu.size() < 2) {
      throw new LlPduException("data PDU", pdu.size(), "Header", "needs 2 octets");
    }
    int b0 = pdu.get(0);
    int llid = b0 & 0x03;
    if (llid == 0) {
      throw new LlPduException("data PDU", 0, "LLID", "0b00 is reserved");
    }
    boolean cp = (b0 & 0x20) != 0;
    int len = pdu.get(1);
    int start = cp ? 3 : 2;
    if (pdu.size() != start + len) {
      throw new LlPduException(
          "data PDU",
          1,
          "Length",
          "says " + len + " but " + Math.max(0, pdu.size() - start) + " payload octets follow");
    }
    return new DataPdu(
        llid,
        (b0 & 0x04) != 0,
        (b0 & 0x08) != 0,
        (b0 & 0x10) != 0,
        cp ? pdu.get(2) : -1,
        pdu.slice(start, pdu.size()));
  }
}
