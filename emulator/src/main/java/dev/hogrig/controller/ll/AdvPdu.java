package dev.hogrig.controller.ll;

import dev.hogrig.hci.BdAddr;
import dev.hogrig.util.Bytes;

/**
 * A legacy advertising physical channel PDU (Core 5.4 Vol 6 Part B §2.3).
 *
 * <pre>
 *  Header (16 bits, LSB first)                       Payload
 * +----------+-----+-------+-------+-------+--------+--------------------+
 * | PDU Type | RFU | ChSel | TxAdd | RxAdd | Length |  Length octets     |
 * |  4 bits  |  1  |   1   |   1   |   1   | 8 bits |                    |
 * +----------+-----+-------+-------+-------+--------+--------------------+
 * </pre>
 *
 * <p>PDU types (§2.3, Table 2.3): ADV_IND 0b0000, ADV_DIRECT_IND 0b0001, ADV_NONCONN_IND 0b0010,
 * SCAN_REQ 0b0011, SCAN_RSP 0b0100, CONNECT_IND 0b0101, ADV_SCAN_IND 0b0110. TxAdd/RxAdd say
 * whether the sender's and the receiver's address are random (1) or public (0). ChSel in ADV_* and
 * CONNECT_IND says the sender supports Channel Selection Algorithm #2 (§2.3.1, §2.3.3.1).
 */
public sealed interface AdvPdu {
  int ADV_IND = 0b0000;
  int ADV_DIRECT_IND = 0b0001;
  int ADV_NONCONN_IND = 0b0010;
  int SCAN_REQ = 0b0011;
  int SCAN_RSP = 0b0100;
  int CONNECT_IND = 0b0101;
  int ADV_SCAN_IND = 0b0110;

  /** The 4-bit PDU type. */
  int type();

  /** The PDU payload (without the 2-octet header). */
  Bytes payload();

  /** The header flags: ChSel, TxAdd, RxAdd. */
  AdvHeader header();

  /** Header flags that are not derived from the payload. */
  record AdvHeader(boolean chSel, boolean txAddRandom, boolean rxAddRandom) {
    public static final AdvHeader PUBLIC = new AdvHeader(false, false, false);
  }

  /** Header plus payload, as on air between the access address and the CRC. */
  default Bytes encode() {
    Bytes p = payload();
    AdvHeader h = header();
    int b0 =
        type()
            | (h.chSel() ? 0x20 : 0)
            | (h.txAddRandom() ? 0x40 : 0)
            | (h.rxAddRandom() ? 0x80 : 0);
    return Bytes.of(b0, p.size()).concat(p);
  }

  /**
   * ADV_IND (§2.3.1.1): connectable scannable undirected.
   *
   * <pre>  AdvA (6) | AdvData (0..31) </pre>
   */
  record AdvInd(AdvHeader header, BdAddr advA, Bytes advData) implements AdvPdu {
    public AdvInd {
      LlWire.check(advData.size() <= 31, "ADV_IND", "AdvData", "at most 31 octets");
    }

    @Override
    public int type() {
      return ADV_IND;
    }

    @Override
    public Bytes payload() {
      return advA.toWire().concat(advData);
    }
  }

  /**
   * ADV_NONCONN_IND (§2.3.1.3).
   *
   * <pre>  AdvA (6) | AdvData (0..31) </pre>
   */
  record AdvNonconnInd(AdvHeader header, BdAddr advA, Bytes advData) implements AdvPdu {
    public AdvNonconnInd {
      LlWire.check(advData.size() <= 31, "ADV_NONCONN_IND", "AdvData", "at most 31 octets");
    }

    @Override
    public int type() {
      return ADV_NONCONN_IND;
    }

    @Override
    public Bytes payload() {
      return advA.toWire().concat(advData);
    }
  }

  /**
   * ADV_SCAN_IND (§2.3.1.4).
   *
   * <pre>  AdvA (6) | AdvData (0..31) </pre>
   */
  record AdvScanInd(AdvHeader header, BdAddr advA, Bytes advData) implements AdvPdu {
    public AdvScanInd {
      LlWire.check(advData.size() <= 31, "ADV_SCAN_IND", "AdvData", "at most 31 octets");
    }

    @Override
    public int type() {
      return ADV_SCAN_IND;
    }

    @Override
    public Bytes payload() {
      return advA.toWire().concat(advData);
    }
  }

  /**
   * ADV_DIRECT_IND (§2.3.1.2).
   *
   * <pre>  AdvA (6) | TargetA (6) </pre>
   */
  record AdvDirectInd(AdvHeader header, BdAddr advA, BdAddr targetA) implements AdvPdu {
    @Override
    public int type() {
      return ADV_DIRECT_IND;
    }

    @Override
    public Bytes payload() {
      return advA.toWire().concat(targetA.toWire());
    }
  }

  /**
   * SCAN_REQ (§2.3.2.1).
   *
   * <pre>  ScanA (6) | AdvA (6) </pre>
   */
  record ScanReq(AdvHeader header, BdAddr scanA, BdAddr advA) implements AdvPdu {
    @Override
    public int type() {
      return SCAN_REQ;
    }

    @Override
    public Bytes payload() {
      return scanA.toWire().concat(advA.toWire());
    }
  }

  /**
   * SCAN_RSP (§2.3.2.2).
   *
   * <pre>  AdvA (6) | ScanRspData (0..31) </pre>
   */
  record ScanRsp(AdvHeader header, BdAddr advA, Bytes scanRspData) implements AdvPdu {
    public ScanRsp {
      LlWire.check(scanRspData.size() <= 31, "SCAN_RSP", "ScanRspData", "at most 31 octets");
    }

    @Override
    public int type() {
      return SCAN_RSP;
    }

    @Override
    public Bytes payload() {
      return advA.toWire().concat(scanRspData);
    }
  }

  /**
   * CONNECT_IND (§2.3.3.1).
   *
   * <pre>  InitA (6) | AdvA (6) | LLData (22, see {@link LlData}) </pre>
   */
  record ConnectInd(AdvHeader header, BdAddr initA, BdAddr advA, LlData llData) implements AdvPdu {
    @Override
    public int type() {
      return CONNECT_IND;
    }

    @Override
    public Bytes payload() {
      return initA.toWire().concat(advA.toWire()).concat(llData.encode());
    }
  }

  /**
   * Decodes header and payload.
   *
   * @throws LlPduException naming the PDU, offset and field of the first problem
   */
  static AdvPdu decode(Bytes pdu) {
    if (pdu.size() < 2) {
      throw new LlPduException("advertising PDU", pdu.size(), "Header", "needs 2 octets");
    }
    int b0 = pdu.get(0);
    int type = b0 & 0x0f;
    AdvHeader h = new AdvHeader((b0 & 0x20) != 0, (b0 & 0x40) != 0, (b0 & 0x80) != 0);
    int len = pdu.get(1);
    String name = typeName(type);
    if (pdu.size() != 2 + len) {
      throw new LlPduException(
          name, 1, "Length", "says " + len + " but " + (pdu.size() - 2) + " payload octets follow");
    }
    LlWire.Reader r = new LlWire.Reader(name, pdu, 2, 0);
    AdvPdu out;
    switch (type) {
      case ADV_IND, ADV_NONCONN_IND, ADV_SCAN_IND -> {
        BdAddr a = BdAddr.fromWire(r.bytes(6, "AdvA"), 0);
        if (len > 37) {
          throw r.bad(r.pos(), "AdvData", "at most 31 octets, got " + (len - 6));
        }
        Bytes d = r.rest();
        out =
            type == ADV_IND
                ? new AdvInd(h, a, d)
                : type == ADV_NONCONN_IND ? new AdvNonconnInd(h, a, d) : new AdvScanInd(h, a, d);
      }
      case ADV_DIRECT_IND -> {
        out =
            new AdvDirectInd(
                h,
                BdAddr.fromWire(r.bytes(6, "AdvA"), 0),
                BdAddr.fromWire(r.bytes(6, "TargetA"), 0));
      }
      case SCAN_REQ -> {
        out =
            new ScanReq(
                h, BdAddr.fromWire(r.bytes(6, "ScanA"), 0), BdAddr.fromWire(r.bytes(6, "AdvA"), 0));
      }
      case SCAN_RSP -> {
        BdAddr a = BdAddr.fromWire(r.bytes(6, "AdvA"), 0);
        if (len > 37) {
          throw r.bad(r.pos(), "ScanRspData", "at most 31 octets, got " + (len - 6));
        }
        out = new ScanRsp(h, a, r.rest());
      }
      case CONNECT_IND -> {
        BdAddr init = BdAddr.fromWire(r.bytes(6, "InitA"), 0);
        BdAddr adv = BdAddr.fromWire(r.bytes(6, "AdvA"), 0);
        out = new ConnectInd(h, init, adv, LlData.read(r));
      }
      default ->
          throw new LlPduException(
              "advertising PDU",
              0,
              "PDU Type",
              "unknown or extended type 0b" + Integer.toBinaryString(type));
    }
    r.end(name.equals("CONNECT_IND") ? "LLData" : "payload");
    return out;
  }

  static String typeName(int type) {
    return switch (type) {
      case ADV_IND -> "ADV_IND";
      case ADV_DIRECT_IND -> "ADV_DIRECT_IND";
      case ADV_NONCONN_IND -> "ADV_NONCONN_IND";
      case SCAN_REQ -> "SCAN_REQ";
      case SCAN_RSP -> "SCAN_RSP";
      case CONNECT_IND -> "CONNECT_IND";
      case ADV_SCAN_IND -> "ADV_SCAN_IND";
      default -> "advertising PDU type " + type;
    };
  }
}
