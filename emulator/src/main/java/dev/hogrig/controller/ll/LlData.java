package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;

/**
 * The LLData field of CONNECT_IND (Core 5.4 Vol 6 Part B §2.3.3.1, Figure 2.14): the parameters
 * both ends start the connection with.
 *
 * <pre>
 * +----+---------+---------+-----------+----------+---------+---------+-----+-------+-----+
 * | AA | CRCInit | WinSize | WinOffset | Interval | Latency | Timeout | ChM | Hop   | SCA |
 * | 4  |    3    |    1    |     2     |    2     |    2    |    2    |  5  | 5 bit |3 bit|
 * +----+---------+---------+-----------+----------+---------+---------+-----+-------+-----+
 * </pre>
 *
 * <p>WinSize and WinOffset are in units of 1.25 ms, Interval in 1.25 ms, Timeout in 10 ms, ChM is a
 * 37-bit map of used data channels (bit n = channel n), Hop the hop increment 5..16 for Channel
 * Selection Algorithm #1, SCA the sleep clock accuracy index.
 */
public record LlData(
    long accessAddress,
    int crcInit,
    int winSize,
    int winOffset,
    int interval,
    int latency,
    int timeout,
    long channelMap,
    int hop,
    int sca) {
  public LlData {
    LlWire.check(accessAddress >= 0 && accessAddress <= 0xffff_ffffL, "LLData", "AA", "32 bits");
    LlWire.check(crcInit >= 0 && crcInit <= 0xffffff, "LLData", "CRCInit", "24 bits");
    LlWire.check(winSize >= 0 && winSize <= 0xff, "LLData", "WinSize", "8 bits");
    LlWire.check(winOffset >= 0 && winOffset <= 0xffff, "LLData", "WinOffset", "16 bits");
    LlWire.check(interval >= 0 && interval <= 0xffff, "LLData", "Interval", "16 bits");
    LlWire.check(latency >= 0 && latency <= 0xffff, "LLData", "Latency", "16 bits");
    LlWire.check(timeout >= 0 && timeout <= 0xffff, "LLData", "Timeout", "16 bits");
    LlWire.check(channelMap >= 0 && channelMap <= 0xff_ffff_ffffL, "LLData", "ChM", "40 bits");
    LlWire.check(hop >= 0 && hop <= 31, "LLData", "Hop", "5 bits");
    LlWire.check(sca >= 0 && sca <= 7, "LLData", "SCA", "3 bits");
  }

  Bytes encode() {
    return new LlWire.Writer()
        .u32(accessAddress)
        .u24(crcInit)
        .u8(winSize)
        .u16(winOffset)
        .u16(interval)
        .u16(latency)
        .u16(timeout)
        .u40(channelMap)
        .u8(hop | (sca << 5))
        .done();
  }

  static LlData read(LlWire.Reader r) {
    long aa = r.u32("AA");
    int crc = r.u24("CRCInit");
    int ws = r.u8("WinSize");
    int wo = r.u16("WinOffset");
    int iv = r.u16("Interval");
    int lat = r.u16("Latency");
    int to = r.u16("Timeout");
    long chm = r.u40("ChM");
    int hs = r.u8("Hop/SCA");
    return new LlData(aa, crc, ws, wo, iv, lat, to, chm, hs & 0x1f, hs >>> 5);
  }
}
