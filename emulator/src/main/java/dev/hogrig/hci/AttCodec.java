package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.hogrig.util.Bytes;

/**
 * Stateless ATT PDU codec (Core v5.4 Vol 3 Part F §3.4). Unknown opcodes decode to {@link
 * AttPdu.Unknown}; a known opcode whose parameters do not fit throws {@link HciFormatException}
 * naming the offset within the PDU.
 */
public final class AttCodec {
  static final ImmutableSet<Integer> DECODED =
      ImmutableSet.of(
          AttPdu.ERROR_RESPONSE,
          AttPdu.EXCHANGE_MTU_REQUEST,
          AttPdu.EXCHANGE_MTU_RESPONSE,
          AttPdu.READ_BY_TYPE_REQUEST,
          AttPdu.READ_BY_TYPE_RESPONSE,
          AttPdu.READ_REQUEST,
          AttPdu.READ_RESPONSE,
          AttPdu.READ_BLOB_REQUEST,
          AttPdu.READ_BLOB_RESPONSE,
          AttPdu.READ_BY_GROUP_TYPE_REQUEST,
          AttPdu.READ_BY_GROUP_TYPE_RESPONSE,
          AttPdu.WRITE_REQUEST,
          AttPdu.WRITE_RESPONSE,
          AttPdu.HANDLE_VALUE_NOTIFICATION,
          AttPdu.HANDLE_VALUE_INDICATION,
          AttPdu.HANDLE_VALUE_CONFIRMATION,
          AttPdu.MULTIPLE_HANDLE_VALUE_NOTIFICATION,
          AttPdu.WRITE_COMMAND);

  private AttCodec() {}

  public static AttPdu decode(Bytes pdu) {
    Wire w = new Wire(pdu, "ATT PDU");
    int op = w.u8("opcode");
    AttPdu out;
    switch (op) {
      case AttPdu.ERROR_RESPONSE:
        out =
            new AttPdu.ErrorResponse(
                w.u8("request opcode in error"),
                w.u16("attribute handle in error"),
                w.u8("error code"));
        break;
      case AttPdu.EXCHANGE_MTU_REQUEST:
        out = new AttPdu.ExchangeMtuRequest(w.u16("client rx MTU"));
        break;
      case AttPdu.EXCHANGE_MTU_RESPONSE:
        out = new AttPdu.ExchangeMtuResponse(w.u16("server rx MTU"));
        break;
      case AttPdu.READ_BY_TYPE_REQUEST:
        out =
            new AttPdu.ReadByTypeRequest(
                w.u16("starting handle"), w.u16("ending handle"), uuid(w, "attribute type"));
        break;
      case AttPdu.READ_BY_TYPE_RESPONSE:
        {
          int len = w.u8("length");
          if (len < 2) {
            throw new HciFormatException(
                1, "Read By Type Response: element length " + len + " < 2");
          }
          ImmutableList.Builder<AttPdu.HandleValue> list = ImmutableList.builder();
          do {
            list.add(new AttPdu.HandleValue(w.u16("handle"), w.bytes(len - 2, "value")));
          } while (w.remaining() > 0);
          out = new AttPdu.ReadByTypeResponse(list.build());
          break;
        }
      case AttPdu.READ_REQUEST:
        out = new AttPdu.ReadRequest(w.u16("attribute handle"));
        break;
      case AttPdu.READ_RESPONSE:
        out = new AttPdu.ReadResponse(w.rest());
        break;
      case AttPdu.READ_BLOB_REQUEST:
        out = new AttPdu.ReadBlobRequest(w.u16("attribute handle"), w.u16("value offset"));
        break;
      case AttPdu.READ_BLOB_RESPONSE:
        out = new AttPdu.ReadBlobResponse(w.rest());
        break;
      case AttPdu.READ_BY_GROUP_TYPE_REQUEST:
        out =
            new AttPdu.ReadByGroupTypeRequest(
                w.u16("starting handle"), w.u16("ending handle"), uuid(w, "group type"));
        break;
      case AttPdu.READ_BY_GROUP_TYPE_RESPONSE:
        {
          int len = w.u8("length");
          if (len < 4) {
            throw new HciFormatException(
                1, "Read By Group Type Response: element length " + len + " < 4");
          }
          ImmutableList.Builder<AttPdu.GroupValue> list = ImmutableList.builder();
          do {
            list.add(
                new AttPdu.GroupValue(
                    w.u16("attribute handle"),
                    w.u16("end group handle"),
                    w.bytes(len - 4, "attribute value")));
          } while (w.remaining() > 0);
          out = new AttPdu.ReadByGroupTypeResponse(list.build());
          break;
        }
      case AttPdu.WRITE_REQUEST:
        out = new AttPdu.WriteRequest(w.u16("attribute handle"), w.rest());
        break;
      case AttPdu.WRITE_RESPONSE:
        out = new AttPdu.WriteResponse();
        break;
      case AttPdu.WRITE_COMMAND:
        out = new AttPdu.WriteCommand(w.u16("attribute handle"), w.rest());
        break;
      case AttPdu.HANDLE_VALUE_NOTIFICATION:
        out = new AttPdu.HandleValueNotification(w.u16("attribute handle"), w.rest());
        break;
      case AttPdu.HANDLE_VALUE_INDICATION:
        out = new AttPdu.HandleValueIndication(w.u16("attribute handle"), w.rest());
        break;
      case AttPdu.HANDLE_VALUE_CONFIRMATION:
        out = new AttPdu.HandleValueConfirmation();
        break;
      case AttPdu.MULTIPLE_HANDLE_VALUE_NOTIFICATION:
        {
          ImmutableList.Builder<AttPdu.HandleValue> list = ImmutableList.builder();
          do {
            int handle = w.u16("attribute handle");
            int length = w.u16("value length");
            list.add(new AttPdu.HandleValue(handle, w.bytes(length, "value")));
          } while (w.remaining() > 0);
          out = new AttPdu.MultipleHandleValueNotification(list.build());
          break;
        }
      default:
        return new AttPdu.Unknown(op, w.rest());
    }
    if (w.remaining() != 0) {
      throw new HciFormatException(
          w.position(),
          String.format("ATT opcode 0x%02x: %d bytes after the parameters", op, w.remaining()));
    }
    return out;
  }

  private static Bytes uuid(Wire w, String field) {
    int n = w.remaining();
    if (n != 2 && n != 16) {
      throw new HciFormatException(
          w.position(), "ATT " + field + ": a UUID is 2 or 16 bytes, found " + n);
    }
    return w.bytes(n, field);
  }

  public static Bytes encode(AttPdu p) {
    Wire.Out o = new Wire.Out().u8(p.opcode());
    if (p instanceof AttPdu.ErrorResponse e) {
      o.u8(e.requestOpcode()).u16(e.handle()).u8(e.errorCode());
    } else if (p instanceof AttPdu.ExchangeMtuRequest m) {
      o.u16(m.clientRxMtu());
    } else if (p instanceof AttPdu.ExchangeMtuResponse m) {
      o.u16(m.serverRxMtu());
    } else if (p instanceof AttPdu.ReadByTypeRequest r) {
      o.u16(r.startHandle()).u16(r.endHandle()).bytes(r.type());
    } else if (p instanceof AttPdu.ReadByTypeResponse r) {
      o.u8(2 + r.data().get(0).value().size());
      for (AttPdu.HandleValue hv : r.data()) {
        o.u16(hv.handle()).bytes(hv.value());
      }
    } else if (p instanceof AttPdu.ReadRequest r) {
      o.u16(r.handle());
    } else if (p instanceof AttPdu.ReadResponse r) {
      o.bytes(r.value());
    } else if (p instanceof AttPdu.ReadBlobRequest r) {
      o.u16(r.handle()).u16(r.offset());
    } else if (p instanceof AttPdu.ReadBlobResponse r) {
      o.bytes(r.value());
    } else if (p instanceof AttPdu.ReadByGroupTypeRequest r) {
      o.u16(r.startHandle()).u16(r.endHandle()).bytes(r.groupType());
    } else if (p instanceof AttPdu.ReadByGroupTypeResponse r) {
      o.u8(4 + r.data().get(0).value().size());
      for (AttPdu.GroupValue g : r.data()) {
        o.u16(g.handle()).u16(g.endGroupHandle()).bytes(g.value());
      }
    } else if (p instanceof AttPdu.WriteRequest r) {
      o.u16(r.handle()).bytes(r.value());
    } else if (p instanceof AttPdu.WriteResponse) {
      // no parameters
    } else if (p instanceof AttPdu.WriteCommand r) {
      o.u16(r.handle()).bytes(r.value());
    } else if (p instanceof AttPdu.HandleValueNotification r) {
      o.u16(r.handle()).bytes(r.value());
    } else if (p instanceof AttPdu.HandleValueIndication r) {
      o.u16(r.handle()).bytes(r.value());
    } else if (p instanceof AttPdu.HandleValueConfirmation) {
      // no parameters
    } else if (p instanceof AttPdu.MultipleHandleValueNotification m) {
      for (AttPdu.HandleValue hv : m.values()) {
        o.u16(hv.handle()).u16(hv.value().size()).bytes(hv.value());
      }
    } else if (p instanceof AttPdu.Unknown u) {
      o.bytes(u.parameters());
    } else {
      throw new IllegalArgumentException("no encoder for " + p);
    }
    return o.build();
  }
}
