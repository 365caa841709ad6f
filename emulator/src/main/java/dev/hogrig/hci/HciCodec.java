package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.hogrig.util.Bytes;

/**
 * Stateless encoders and decoders for HCI packets as a monitor capture holds them: without the H4
 * packet-type byte (the monitor opcode says the type). Decoders throw {@link HciFormatException}
 * naming the offset within the packet when the declared lengths do not match the bytes; unknown
 * event codes and LE subevents decode to {@link HciEvent.Unknown} / {@link HciEvent.LeUnknown}.
 * Decoded events may carry more parameter bytes than the fields this model knows (later spec
 * versions append fields): those are ignored.
 */
public final class HciCodec {
  /** Event codes with a record of their own (other than LE Meta, which always decodes). */
  static final ImmutableSet<Integer> DECODED_EVENTS =
      ImmutableSet.of(
          HciEvent.DISCONNECTION_COMPLETE,
          HciEvent.ENCRYPTION_CHANGE,
          HciEvent.READ_REMOTE_VERSION_COMPLETE,
          HciEvent.COMMAND_COMPLETE,
          HciEvent.COMMAND_STATUS,
          HciEvent.NUMBER_OF_COMPLETED_PACKETS,
          HciEvent.LE_META,
          HciEvent.ENCRYPTION_CHANGE_V2);

  static final ImmutableSet<Integer> DECODED_SUBEVENTS =
      ImmutableSet.of(
          HciEvent.LE_CONNECTION_COMPLETE,
          HciEvent.LE_CONNECTION_UPDATE_COMPLETE,
          HciEvent.LE_READ_REMOTE_FEATURES_COMPLETE,
          HciEvent.LE_LONG_TERM_KEY_REQUEST,
          HciEvent.LE_DATA_LENGTH_CHANGE,
          HciEvent.LE_ENHANCED_CONNECTION_COMPLETE,
          HciEvent.LE_ENHANCED_CONNECTION_COMPLETE_V2);

  private HciCodec() {}

  public static HciCommand decodeCommand(Bytes packet) {
    Wire w = new Wire(packet, "HCI command");
    int opcode = w.u16("opcode");
    int plen = w.u8("parameter total length");
    Bytes params = w.bytes(plen, "parameters");
    end(w, "HCI command");
    return new HciCommand(opcode, params);
  }

  public static Bytes encodeCommand(HciCommand c) {
    return new Wire.Out().u16(c.opcode()).u8(c.parameters().size()).bytes(c.parameters()).build();
  }

  public static AclData decodeAcl(Bytes packet) {
    Wire w = new Wire(packet, "ACL data");
    int hf = w.u16("handle and flags");
    int len = w.u16("data total length");
    Bytes data = w.bytes(len, "data");
    end(w, "ACL data");
    return new AclData(hf & 0xfff, (hf >>> 12) & 3, (hf >>> 14) & 3, data);
  }

  public static Bytes encodeAcl(AclData a) {
    return new Wire.Out()
        .u16(a.handle() | (a.packetBoundary() << 12) | (a.broadcast() << 14))
        .u16(a.data().size())
        .bytes(a.data())
        .build();
  }

  /** Decodes an event packet: {@code code(1) plen(1) parameters}. */
  public static HciEvent decodeEvent(Bytes packet) {
    Wire head = new Wire(packet, "HCI event");
    int code = head.u8("event code");
    int plen = head.u8("parameter total length");
    if (head.remaining() != plen) {
      throw new HciFormatException(
          2,
          String.format(
              "HCI event 0x%02x: parameter length says %d bytes, %d follow",
              code, plen, head.remaining()));
    }
    Bytes p = head.rest();
    String name = String.format("HCI event 0x%02x", code);
    Wire w = new Wire(p, name);
    switch (code) {
      case HciEvent.DISCONNECTION_COMPLETE:
        return at(
            2, () -> new HciEvent.DisconnectionComplete(w.u8("status"), handle(w), w.u8("reason")));
      case HciEvent.ENCRYPTION_CHANGE:
        return at(
            2,
            () ->
                new HciEvent.EncryptionChange(
                    w.u8("status"), handle(w), w.u8("encryption enabled")));
      case HciEvent.ENCRYPTION_CHANGE_V2:
        return at(
            2,
            () ->
                new HciEvent.EncryptionChangeV2(
                    w.u8("status"), handle(w), w.u8("encryption enabled"), w.u8("key size")));
      case HciEvent.READ_REMOTE_VERSION_COMPLETE:
        return at(
            2,
            () ->
                new HciEvent.ReadRemoteVersionComplete(
                    w.u8("status"),
                    handle(w),
                    w.u8("version"),
                    w.u16("company identifier"),
                    w.u16("subversion")));
      case HciEvent.COMMAND_COMPLETE:
        return at(
            2,
            () ->
                new HciEvent.CommandComplete(
                    w.u8("num HCI command packets"), w.u16("command opcode"), w.rest()));
      case HciEvent.COMMAND_STATUS:
        return at(
            2,
            () ->
                new HciEvent.CommandStatus(
                    w.u8("status"), w.u8("num HCI command packets"), w.u16("command opcode")));
      case HciEvent.NUMBER_OF_COMPLETED_PACKETS:
        return at(
            2,
            () -> {
              int n = w.u8("number of handles");
              ImmutableList.Builder<HciEvent.Completed> list = ImmutableList.builder();
              for (int i = 0; i < n; i++) {
                list.add(new HciEvent.Completed(handle(w), w.u16("number of completed packets")));
              }
              return new HciEvent.NumberOfCompletedPackets(list.build());
            });
      case HciEvent.LE_META:
        return at(2, () -> decodeLeMeta(w));
      default:
        return new HciEvent.Unknown(code, p);
    }
  }

  private static HciEvent decodeLeMeta(Wire w) {
    int sub = w.u8("LE subevent code");
    switch (sub) {
      case HciEvent.LE_CONNECTION_COMPLETE:
        return new HciEvent.LeConnectionComplete(
            w.u8("status"),
            handle(w),
            w.u8("role"),
            w.u8("peer address type"),
            w.addr("peer address"),
            w.u16("connection interval"),
            w.u16("peripheral latency"),
            w.u16("supervision timeout"),
            w.u8("central clock accuracy"));
      case HciEvent.LE_ENHANCED_CONNECTION_COMPLETE:
        return new HciEvent.LeEnhancedConnectionComplete(
            w.u8("status"),
            handle(w),
            w.u8("role"),
            w.u8("peer address type"),
            w.addr("peer address"),
            w.addr("local resolvable private address"),
            w.addr("peer resolvable private address"),
            w.u16("connection interval"),
            w.u16("peripheral latency"),
            w.u16("supervision timeout"),
            w.u8("central clock accuracy"));
      case HciEvent.LE_ENHANCED_CONNECTION_COMPLETE_V2:
        return new HciEvent.LeEnhancedConnectionCompleteV2(
            w.u8("status"),
            handle(w),
            w.u8("role"),
            w.u8("peer address type"),
            w.addr("peer address"),
            w.addr("local resolvable private address"),
            w.addr("peer resolvable private address"),
            w.u16("connection interval"),
            w.u16("peripheral latency"),
            w.u16("supervision timeout"),
            w.u8("central clock accuracy"),
            w.u8("advertising handle"),
            w.u16("sync handle"));
      case HciEvent.LE_CONNECTION_UPDATE_COMPLETE:
        return new HciEvent.LeConnectionUpdateComplete(
            w.u8("status"),
            handle(w),
            w.u16("connection interval"),
            w.u16("peripheral latency"),
            w.u16("supervision timeout"));
      case HciEvent.LE_READ_REMOTE_FEATURES_COMPLETE:
        return new HciEvent.LeReadRemoteFeaturesComplete(
            w.u8("status"), handle(w), w.bytes(8, "LE features"));
      case HciEvent.LE_LONG_TERM_KEY_REQUEST:
        return new HciEvent.LeLongTermKeyRequest(
            handle(w), w.bytes(8, "random number"), w.u16("encrypted diversifier"));
      case HciEvent.LE_DATA_LENGTH_CHANGE:
        return new HciEvent.LeDataLengthChange(
            handle(w),
            w.u16("max TX octets"),
            w.u16("max TX time"),
            w.u16("max RX octets"),
            w.u16("max RX time"));
      default:
        return new HciEvent.LeUnknown(sub, w.rest());
    }
  }

  /** Encodes an event with its two-byte header. */
  public static Bytes encodeEvent(HciEvent e) {
    Wire.Out o = new Wire.Out();
    if (e instanceof HciEvent.DisconnectionComplete d) {
      o.u8(d.status()).u16(d.handle()).u8(d.reason());
    } else if (e instanceof HciEvent.EncryptionChange c) {
      o.u8(c.status()).u16(c.handle()).u8(c.encryptionEnabled());
    } else if (e instanceof HciEvent.EncryptionChangeV2 c) {
      o.u8(c.status()).u16(c.handle()).u8(c.encryptionEnabled()).u8(c.keySize());
    } else if (e instanceof HciEvent.ReadRemoteVersionComplete v) {
      o.u8(v.status())
          .u16(v.handle())
          .u8(v.version())
          .u16(v.companyIdentifier())
          .u16(v.subversion());
    } else if (e instanceof HciEvent.CommandComplete c) {
      o.u8(c.numHciCommandPackets()).u16(c.opcode()).bytes(c.returnParameters());
    } else if (e instanceof HciEvent.CommandStatus c) {
      o.u8(c.status()).u8(c.numHciCommandPackets()).u16(c.opcode());
    } else if (e instanceof HciEvent.NumberOfCompletedPackets n) {
      o.u8(n.entries().size());
      for (HciEvent.Completed c : n.entries()) {
        o.u16(c.handle()).u16(c.packets());
      }
    } else if (e instanceof HciEvent.LeMeta m) {
      o.u8(m.subevent());
      encodeLeMeta(m, o);
    } else if (e instanceof HciEvent.Unknown u) {
      o.bytes(u.parameters());
    } else {
      throw new IllegalArgumentException("no encoder for " + e);
    }
    Bytes params = o.build();
    if (params.size() > 255) {
      throw new IllegalArgumentException("event parameters exceed 255 bytes: " + e);
    }
    return Bytes.of(e.code(), params.size()).concat(params);
  }

  private static void encodeLeMeta(HciEvent.LeMeta m, Wire.Out o) {
    if (m instanceof HciEvent.LeConnectionComplete c) {
      o.u8(c.status())
          .u16(c.handle())
          .u8(c.role())
          .u8(c.peerAddressType())
          .addr(c.peerAddress())
          .u16(c.interval())
          .u16(c.latency())
          .u16(c.supervisionTimeout())
          .u8(c.centralClockAccuracy());
    } else if (m instanceof HciEvent.LeEnhancedConnectionComplete c) {
      o.u8(c.status())
          .u16(c.handle())
          .u8(c.role())
          .u8(c.peerAddressType())
          .addr(c.peerAddress())
          .addr(c.localRpa())
          .addr(c.peerRpa())
          .u16(c.interval())
          .u16(c.latency())
          .u16(c.supervisionTimeout())
          .u8(c.centralClockAccuracy());
    } else if (m instanceof HciEvent.LeEnhancedConnectionCompleteV2 c) {
      o.u8(c.status())
          .u16(c.handle())
          .u8(c.role())
          .u8(c.peerAddressType())
          .addr(c.peerAddress())
          .addr(c.localRpa())
          .addr(c.peerRpa())
          .u16(c.interval())
          .u16(c.latency())
          .u16(c.supervisionTimeout())
          .u8(c.centralClockAccuracy())
          .u8(c.advertisingHandle())
          .u16(c.syncHandle());
    } else if (m instanceof HciEvent.LeConnectionUpdateComplete c) {
      o.u8(c.status())
          .u16(c.handle())
          .u16(c.interval())
          .u16(c.latency())
          .u16(c.supervisionTimeout());
    } else if (m instanceof HciEvent.LeReadRemoteFeaturesComplete c) {
      o.u8(c.status()).u16(c.handle()).bytes(c.features());
    } else if (m instanceof HciEvent.LeLongTermKeyRequest c) {
      o.u16(c.handle()).bytes(c.randomNumber()).u16(c.encryptedDiversifier());
    } else if (m instanceof HciEvent.LeDataLengthChange c) {
      o.u16(c.handle())
          .u16(c.maxTxOctets())
          .u16(c.maxTxTime())
          .u16(c.maxRxOctets())
          .u16(c.maxRxTime());
    } else if (m instanceof HciEvent.LeUnknown u) {
      o.bytes(u.parameters());
    } else {
      throw new IllegalArgumentException("no encoder for " + m);
    }
  }

  /** A connection handle: 12 bits; the top 4 bits of the field are reserved and dropped. */
  private static int handle(Wire w) {
    return w.u16("connection handle") & 0xfff;
  }

  private static void end(Wire w, String what) {
    if (w.remaining() != 0) {
      throw new HciFormatException(
          w.position(), what + ": " + w.remaining() + " bytes after the declared length");
    }
  }

  /** Runs a decoder over the parameters and shifts error offsets to the packet's. */
  private static <T> T at(int base, java.util.function.Supplier<T> decode) {
    try {
      return decode.get();
    } catch (HciFormatException e) {
      throw new HciFormatException(
          base + e.offset(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
  }
}
