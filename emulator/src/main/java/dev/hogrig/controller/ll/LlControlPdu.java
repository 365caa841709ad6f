package dev.hogrig.controller.ll;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;

/**
 * An LL Control PDU (Core 5.4 Vol 6 Part B §2.4.2): the payload of a data PDU with LLID 0b11.
 *
 * <pre>
 * +--------+-----------------------------------------+
 * | Opcode | CtrData (0..36 octets, fixed per Opcode) |
 * |   1    |                                         |
 * +--------+-----------------------------------------+
 * </pre>
 *
 * <p>Every opcode from 0x00 to 0x29 has a fixed CtrData length ({@link #ctrDataLength}). Opcodes
 * the link layer acts on have their own record; the isochronous, CTE, periodic-sync, power control
 * and subrating PDUs (0x1A..0x27) and any opcode beyond 0x29 decode to {@link Other} so that a side
 * can still answer them with LL_UNKNOWN_RSP (§2.4.2.7).
 */
public sealed interface LlControlPdu {
  int CONNECTION_UPDATE_IND = 0x00;
  int CHANNEL_MAP_IND = 0x01;
  int TERMINATE_IND = 0x02;
  int ENC_REQ = 0x03;
  int ENC_RSP = 0x04;
  int START_ENC_REQ = 0x05;
  int START_ENC_RSP = 0x06;
  int UNKNOWN_RSP = 0x07;
  int FEATURE_REQ = 0x08;
  int FEATURE_RSP = 0x09;
  int PAUSE_ENC_REQ = 0x0A;
  int PAUSE_ENC_RSP = 0x0B;
  int VERSION_IND = 0x0C;
  int REJECT_IND = 0x0D;
  int PERIPHERAL_FEATURE_REQ = 0x0E;
  int CONNECTION_PARAM_REQ = 0x0F;
  int CONNECTION_PARAM_RSP = 0x10;
  int REJECT_EXT_IND = 0x11;
  int PING_REQ = 0x12;
  int PING_RSP = 0x13;
  int LENGTH_REQ = 0x14;
  int LENGTH_RSP = 0x15;
  int PHY_REQ = 0x16;
  int PHY_RSP = 0x17;
  int PHY_UPDATE_IND = 0x18;
  int MIN_USED_CHANNELS_IND = 0x19;
  int CTE_REQ = 0x1A;
  int CTE_RSP = 0x1B;
  int PERIODIC_SYNC_IND = 0x1C;
  int CLOCK_ACCURACY_REQ = 0x1D;
  int CLOCK_ACCURACY_RSP = 0x1E;
  int CIS_REQ = 0x1F;
  int CIS_RSP = 0x20;
  int CIS_IND = 0x21;
  int CIS_TERMINATE_IND = 0x22;
  int POWER_CONTROL_REQ = 0x23;
  int POWER_CONTROL_RSP = 0x24;
  int POWER_CHANGE_IND = 0x25;
  int SUBRATE_REQ = 0x26;
  int SUBRATE_IND = 0x27;
  int CHANNEL_REPORTING_IND = 0x28;
  int CHANNEL_STATUS_IND = 0x29;

  /** CtrData length per opcode 0x00..0x29 (§2.4.2, one subsection per PDU). -1 past the table. */
  static int ctrDataLength(int opcode) {
    int[] len = {
      11, 7, 1, 22, 12, 0, 0, 1, 8, 8, // 0x00..0x09
      0, 0, 5, 1, 8, 23, 23, 2, 0, 0, // 0x0A..0x13
      8, 8, 2, 2, 4, 2, 1, 0, 34, 1, // 0x14..0x1D
      1, 36, 8, 15, 3, 3, 4, 4, 10, 10, // 0x1E..0x27
      3, 10 // 0x28..0x29
    };
    return opcode >= 0 && opcode < len.length ? len[opcode] : -1;
  }

  /** The spec's name of an opcode, e.g. {@code LL_CHANNEL_REPORTING_IND}. */
  static String name(int opcode) {
    String[] names = {
      "CONNECTION_UPDATE_IND", "CHANNEL_MAP_IND", "TERMINATE_IND", "ENC_REQ", "ENC_RSP",
      "START_ENC_REQ", "START_ENC_RSP", "UNKNOWN_RSP", "FEATURE_REQ", "FEATURE_RSP",
      "PAUSE_ENC_REQ", "PAUSE_ENC_RSP", "VERSION_IND", "REJECT_IND", "PERIPHERAL_FEATURE_REQ",
      "CONNECTION_PARAM_REQ", "CONNECTION_PARAM_RSP", "REJECT_EXT_IND", "PING_REQ", "PING_RSP",
      "LENGTH_REQ", "LENGTH_RSP", "PHY_REQ", "PHY_RSP", "PHY_UPDATE_IND",
      "MIN_USED_CHANNELS_IND", "CTE_REQ", "CTE_RSP", "PERIODIC_SYNC_IND", "CLOCK_ACCURACY_REQ",
      "CLOCK_ACCURACY_RSP", "CIS_REQ", "CIS_RSP", "CIS_IND", "CIS_TERMINATE_IND",
      "POWER_CONTROL_REQ", "POWER_CONTROL_RSP", "POWER_CHANGE_IND", "SUBRATE_REQ", "SUBRATE_IND",
      "CHANNEL_REPORTING_IND", "CHANNEL_STATUS_IND"
    };
    return opcode >= 0 && opcode < names.length
        ? "LL_" + names[opcode]
        : String.format("LL opcode 0x%02X", opcode);
  }

  int opcode();

  /** The CtrData octets after the opcode. */
  Bytes ctrData();

  /** Opcode plus CtrData: the payload of an LLID 0b11 data PDU. */
  default Bytes encode() {
    return Bytes.of(opcode()).concat(ctrData());
  }

  /**
   * LL_CONNECTION_UPDATE_IND (§2.4.2.1): WinSize(1) WinOffset(2) Interval(2) Latency(2) Timeout(2)
   * Instant(2).
   */
  record ConnectionUpdateInd(
      int winSize, int winOffset, int interval, int latency, int timeout, int instant)
      implements LlControlPdu {
    public int opcode() {
      return CONNECTION_UPDATE_IND;
    }

    public Bytes ctrData() {
      return new LlWire.Writer()
          .u8(winSize)
          .u16(winOffset)
          .u16(interval)
          .u16(latency)
          .u16(timeout)
          .u16(instant)
          .done();
    }
  }

  /** LL_CHANNEL_MAP_IND (§2.4.2.2): ChM(5, 37 bits used) Instant(2). */
  record ChannelMapInd(long channelMap, int instant) implements LlControlPdu {
    public int opcode() {
      return CHANNEL_MAP_IND;
    }

    public Bytes ctrData() {
      return new LlWire.Writer().u40(channelMap).u16(instant).done();
    }
  }

  /** LL_TERMINATE_IND (§2.4.2.3): ErrorCode(1). */
  record TerminateInd(int errorCode) implements LlControlPdu {
    public int opcode() {
      return TERMINATE_IND;
    }

    public Bytes ctrData() {
      return Bytes.of(errorCode);
    }
  }

  /** LL_ENC_REQ (§2.4.2.4): Rand(8) EDIV(2) SKDc(8) IVc(4). */
  record EncReq(long rand, int ediv, long skdC, long ivC) implements LlControlPdu {
    public int opcode() {
      return ENC_REQ;
    }

    public Bytes ctrData() {
      return new LlWire.Writer().u64(rand).u16(ediv).u64(skdC).u32(ivC).done();
    }
  }

  /** LL_ENC_RSP (§2.4.2.5): SKDp(8) IVp(4). */
  record EncRsp(long skdP, long ivP) implements LlControlPdu {
    public int opcode() {
      return ENC_RSP;
    }

    public Bytes ctrData() {
      return new LlWire.Writer().u64(skdP).u32(ivP).done();
    }
  }

  /** LL_UNKNOWN_RSP (§2.4.2.7): UnknownType(1), the opcode that was not understood. */
  record UnknownRsp(int unknownType) implements LlControlPdu {
    public int opcode() {
      return UNKNOWN_RSP;
    }

    public Bytes ctrData() {
      return Bytes.of(unknownType);
    }
  }

  /**
   * LL_FEATURE_REQ 0x08, LL_FEATURE_RSP 0x09, LL_PERIPHERAL_FEATURE_REQ 0x0E (§2.4.2.8, .9, .15):
   * FeatureSet(8), bit n of octet 0 first (Vol 6 Part B §4.6).
   */
  record Features(int opcode, long featureSet) implements LlControlPdu {
    public Features {
      LlWire.check(
          opcode == FEATURE_REQ || opcode == FEATURE_RSP || opcode == PERIPHERAL_FEATURE_REQ,
          "Features",
          "opcode",
          "0x08, 0x09 or 0x0E");
    }

    public Bytes ctrData() {
      return new LlWire.Writer().u64(featureSet).done();
    }
  }

  /**
   * A PDU with no CtrData: LL_START_ENC_REQ 0x05, LL_START_ENC_RSP 0x06, LL_PAUSE_ENC_REQ 0x0A,
   * LL_PAUSE_ENC_RSP 0x0B, LL_PING_REQ 0x12, LL_PING_RSP 0x13 (§2.4.2.6, .10, .11, .19, .20).
   */
  record Bare(int opcode) implements LlControlPdu {
    public Bare {
      LlWire.check(ctrDataLength(opcode) == 0 && opcode != CTE_RSP, "Bare", "opcode", "no CtrData");
    }

    public Bytes ctrData() {
      return Bytes.EMPTY;
    }
  }

  /** LL_VERSION_IND (§2.4.2.13): VersNr(1) CompId(2) SubVersNr(2). */
  record VersionInd(int versNr, int compId, int subVersNr) implements LlControlPdu {
    public int opcode() {
      return VERSION_IND;
    }

    public Bytes ctrData() {
      return new LlWire.Writer().u8(versNr).u16(compId).u16(subVersNr).done();
    }
  }

  /** LL_REJECT_IND (§2.4.2.14): ErrorCode(1). */
  record RejectInd(int errorCode) implements LlControlPdu {
    public int opcode() {
      return REJECT_IND;
    }

    public Bytes ctrData() {
      return Bytes.of(errorCode);
    }
  }

  /**
   * LL_CONNECTION_PARAM_REQ 0x0F / LL_CONNECTION_PARAM_RSP 0x10 (§2.4.2.16, .17): Interval_Min(2)
   * Interval_Max(2) Latency(2) Timeout(2) PreferredPeriodicity(1) ReferenceConnEventCount(2)
   * Offset0..Offset5 (2 each).
   */
  record ConnectionParam(
      int opcode,
      int intervalMin,
      int intervalMax,
      int latency,
      int timeout,
      int preferredPeriodicity,
      int referenceConnEventCount,
      ImmutableList<Integer> offsets)
      implements LlControlPdu {
    public ConnectionParam {
      LlWire.check(
          opcode == CONNECTION_PARAM_REQ || opcode == CONNECTION_PARAM_RSP,
          "ConnectionParam",
          "opcode",
          "0x0F or 0x10");
      LlWire.check(offsets.size() == 6, "ConnectionParam", "Offset0..5", "six offsets");
    }

    public Bytes ctrData() {
      LlWire.Writer w =
          new LlWire.Writer()
              .u16(intervalMin)
              .u16(intervalMax)
              .u16(latency)
              .u16(timeout)
              .u8(preferredPeriodicity)
              .u16(referenceConnEventCount);
      offsets.forEach(w::u16);
      return w.done();
    }
  }

  /** LL_REJECT_EXT_IND (§2.4.2.18): RejectOpcode(1) ErrorCode(1). */
  record RejectExtInd(int rejectOpcode, int errorCode) implements LlControlPdu {
    public int opcode() {
      return REJECT_EXT_IND;
    }

    public Bytes ctrData() {
      return Bytes.of(rejectOpcode, errorCode);
    }
  }

  /**
   * LL_LENGTH_REQ 0x14 / LL_LENGTH_RSP 0x15 (§2.4.2.21, .22): MaxRxOctets(2) MaxRxTime(2)
   * MaxTxOctets(2) MaxTxTime(2).
   */
  record Length(int opcode, int maxRxOctets, int maxRxTime, int maxTxOctets, int maxTxTime)
      implements LlControlPdu {
    public Length {
      LlWire.check(opcode == LENGTH_REQ || opcode == LENGTH_RSP, "Length", "opcode", "0x14/0x15");
    }

    public Bytes ctrData() {
      return new LlWire.Writer()
          .u16(maxRxOctets)
          .u16(maxRxTime)
          .u16(maxTxOctets)
          .u16(maxTxTime)
          .done();
    }
  }

  /**
   * LL_PHY_REQ 0x16 / LL_PHY_RSP 0x17 (§2.4.2.23, .24): TX_PHYS(1) RX_PHYS(1); bit 0 LE 1M, bit 1
   * LE 2M, bit 2 LE Coded.
   */
  record Phy(int opcode, int txPhys, int rxPhys) implements LlControlPdu {
    public Phy {
      LlWire.check(opcode == PHY_REQ || opcode == PHY_RSP, "Phy", "opcode", "0x16/0x17");
    }

    public Bytes ctrData() {
      return Bytes.of(txPhys, rxPhys);
    }
  }

  /** LL_PHY_UPDATE_IND (§2.4.2.25): PHY_C_TO_P(1) PHY_P_TO_C(1) Instant(2). */
  record PhyUpdateInd(int phyCToP, int phyPToC, int instant) implements LlControlPdu {
    public int opcode() {
      return PHY_UPDATE_IND;
    }

    public Bytes ctrData() {
      return new LlWire.Writer().u8(phyCToP).u8(phyPToC).u16(instant).done();
    }
  }

  /** LL_MIN_USED_CHANNELS_IND (§2.4.2.26): PHYS(1) MinUsedChannels(1). */
  record MinUsedChannelsInd(int phys, int minUsedChannels) implements LlControlPdu {
    public int opcode() {
      return MIN_USED_CHANNELS_IND;
    }

    public Bytes ctrData() {
      return Bytes.of(phys, minUsedChannels);
    }
  }

  /**
   * LL_CHANNEL_REPORTING_IND (§2.4.2.41, added in Core 5.3 for channel classification): Enable(1)
   * Min_Spacing(1, 200 ms units) Max_Delay(1, 200 ms units).
   */
  record ChannelReportingInd(int enable, int minSpacing, int maxDelay) implements LlControlPdu {
    public int opcode() {
      return CHANNEL_REPORTING_IND;
    }

    public Bytes ctrData() {
      return Bytes.of(enable, minSpacing, maxDelay);
    }
  }

  /**
   * LL_CHANNEL_STATUS_IND (§2.4.2.42): Channel_Classification(10), 2 bits per channel 0..36 (0b00
   * unknown, 0b01 good, 0b11 bad).
   */
  record ChannelStatusInd(Bytes channelClassification) implements LlControlPdu {
    public ChannelStatusInd {
      LlWire.check(
          channelClassification.size() == 10, "ChannelStatusInd", "Channel_Classification", "10");
    }

    public int opcode() {
      return CHANNEL_STATUS_IND;
    }

    public Bytes ctrData() {
      return channelClassification;
    }
  }

  /**
   * Any other opcode: 0x1A..0x27 (CTE, periodic sync transfer, clock accuracy, CIS, power control,
   * subrating; lengths checked against {@link #ctrDataLength}) or an opcode this model does not
   * know, kept as raw CtrData.
   */
  record Other(int opcode, Bytes ctrData) implements LlControlPdu {
    public Other {
      LlWire.check(opcode >= 0 && opcode <= 0xff, "Other", "opcode", "8 bits");
    }
  }

  /**
   * Decodes opcode and CtrData.
   *
   * @throws LlPduException when a known opcode's CtrData has the wrong length
   */
  static LlControlPdu decode(Bytes payload) {
    if (payload.isEmpty()) {
      throw new LlPduException("LL Control PDU", 0, "Opcode", "missing");
    }
    int op = payload.get(0);
    String name = name(op);
    int want = ctrDataLength(op);
    if (want >= 0 && payload.size() - 1 != want) {
      throw new LlPduException(
          name, 1, "CtrData", "needs " + want + " octet(s), got " + (payload.size() - 1));
    }
    LlWire.Reader r = new LlWire.Reader(name, payload, 1, 0);
    LlControlPdu out =
        switch (op) {
          case CONNECTION_UPDATE_IND ->
              new ConnectionUpdateInd(
                  r.u8("WinSize"),
                  r.u16("WinOffset"),
                  r.u16("Interval"),
                  r.u16("Latency"),
                  r.u16("Timeout"),
                  r.u16("Instant"));
          case CHANNEL_MAP_IND -> new ChannelMapInd(r.u40("ChM"), r.u16("Instant"));
          case TERMINATE_IND -> new TerminateInd(r.u8("ErrorCode"));
          case ENC_REQ -> new EncReq(r.u64("Rand"), r.u16("EDIV"), r.u64("SKDc"), r.u32("IVc"));
          case ENC_RSP -> new EncRsp(r.u64("SKDp"), r.u32("IVp"));
          case START_ENC_REQ, START_ENC_RSP, PAUSE_ENC_REQ, PAUSE_ENC_RSP, PING_REQ, PING_RSP ->
              new Bare(op);
          case UNKNOWN_RSP -> new UnknownRsp(r.u8("UnknownType"));
          case FEATURE_REQ, FEATURE_RSP, PERIPHERAL_FEATURE_REQ ->
              new Features(op, r.u64("FeatureSet"));
          case VERSION_IND -> new VersionInd(r.u8("VersNr"), r.u16("CompId"), r.u16("SubVersNr"));
          case REJECT_IND -> new RejectInd(r.u8("ErrorCode"));
          case CONNECTION_PARAM_REQ, CONNECTION_PARAM_RSP -> {
            int min = r.u16("Interval_Min");
            int max = r.u16("Interval_Max");
            int lat = r.u16("Latency");
            int to = r.u16("Timeout");
            int per = r.u8("PreferredPeriodicity");
            int ref = r.u16("ReferenceConnEventCount");
            ImmutableList.Builder<Integer> offs = ImmutableList.builder();
            for (int i = 0; i < 6; i++) {
              offs.add(r.u16("Offset" + i));
            }
            yield new ConnectionParam(op, min, max, lat, to, per, ref, offs.build());
          }
          case REJECT_EXT_IND -> new RejectExtInd(r.u8("RejectOpcode"), r.u8("ErrorCode"));
          case LENGTH_REQ, LENGTH_RSP ->
              new Length(
                  op,
                  r.u16("MaxRxOctets"),
                  r.u16("MaxRxTime"),
                  r.u16("MaxTxOctets"),
                  r.u16("MaxTxTime"));
          case PHY_REQ, PHY_RSP -> new Phy(op, r.u8("TX_PHYS"), r.u8("RX_PHYS"));
          case PHY_UPDATE_IND ->
              new PhyUpdateInd(r.u8("PHY_C_TO_P"), r.u8("PHY_P_TO_C"), r.u16("Instant"));
          case MIN_USED_CHANNELS_IND ->
              new MinUsedChannelsInd(r.u8("PHYS"), r.u8("MinUsedChannels"));
          case CHANNEL_REPORTING_IND ->
              new ChannelReportingInd(r.u8("Enable"), r.u8("Min_Spacing"), r.u8("Max_Delay"));
          case CHANNEL_STATUS_IND -> new ChannelStatusInd(r.bytes(10, "Channel_Classification"));
          default -> new Other(op, r.rest());
        };
    r.end("CtrData");
    return out;
  }
}
