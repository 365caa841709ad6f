package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.Optional;

/**
 * An Attribute Protocol PDU as it travels on L2CAP channel 0x0004 (Core v5.4 Vol 3 Part F §3.3,
 * §3.4): {@code opcode(1) parameters}, little-endian. The common PDUs of a HID-over-GATT session
 * have records; the rest decode to {@link Unknown}. UUIDs stay as their 2 or 16 wire bytes.
 */
public sealed interface AttPdu {
  int ERROR_RESPONSE = 0x01;
  int EXCHANGE_MTU_REQUEST = 0x02;
  int EXCHANGE_MTU_RESPONSE = 0x03;
  int READ_BY_TYPE_REQUEST = 0x08;
  int READ_BY_TYPE_RESPONSE = 0x09;
  int READ_REQUEST = 0x0a;
  int READ_RESPONSE = 0x0b;
  int READ_BLOB_REQUEST = 0x0c;
  int READ_BLOB_RESPONSE = 0x0d;
  int READ_BY_GROUP_TYPE_REQUEST = 0x10;
  int READ_BY_GROUP_TYPE_RESPONSE = 0x11;
  int WRITE_REQUEST = 0x12;
  int WRITE_RESPONSE = 0x13;
  int HANDLE_VALUE_NOTIFICATION = 0x1b;
  int HANDLE_VALUE_INDICATION = 0x1d;
  int HANDLE_VALUE_CONFIRMATION = 0x1e;
  int MULTIPLE_HANDLE_VALUE_NOTIFICATION = 0x23;
  int WRITE_COMMAND = 0x52;

  int opcode();

  /** Error Response, §3.4.1.1: {@code request_opcode(1) handle(2) error_code(1)}. */
  record ErrorResponse(int requestOpcode, int handle, int errorCode) implements AttPdu {
    @Override
    public int opcode() {
      return ERROR_RESPONSE;
    }

    public Optional<AttErrorCode> error() {
      return AttErrorCode.of(errorCode);
    }
  }

  /** Exchange MTU Request, §3.4.2.1: {@code client_rx_mtu(2)}. */
  record ExchangeMtuRequest(int clientRxMtu) implements AttPdu {
    @Override
    public int opcode() {
      return EXCHANGE_MTU_REQUEST;
    }
  }

  /** Exchange MTU Response, §3.4.2.2: {@code server_rx_mtu(2)}. */
  record ExchangeMtuResponse(int serverRxMtu) implements AttPdu {
    @Override
    public int opcode() {
      return EXCHANGE_MTU_RESPONSE;
    }
  }

  /** Read By Type Request, §3.4.4.1: {@code start(2) end(2) type(2 or 16)}. */
  record ReadByTypeRequest(int startHandle, int endHandle, Bytes type) implements AttPdu {
    public ReadByTypeRequest {
      checkUuid(type);
    }

    @Override
    public int opcode() {
      return READ_BY_TYPE_REQUEST;
    }
  }

  /** A handle and its value, an element of {@link ReadByTypeResponse}. */
  record HandleValue(int handle, Bytes value) {}

  /**
   * Read By Type Response, §3.4.4.2: {@code length(1)} then elements of {@code handle(2)
   * value(length - 2)}, all the same length.
   */
  record ReadByTypeResponse(ImmutableList<HandleValue> data) implements AttPdu {
    public ReadByTypeResponse {
      if (data.isEmpty()
          || data.stream().anyMatch(d -> d.value().size() != data.get(0).value().size())
          || data.get(0).value().size() > 253) {
        throw new IllegalArgumentException("1+ elements, values of one length up to 253");
      }
    }

    @Override
    public int opcode() {
      return READ_BY_TYPE_RESPONSE;
    }
  }

  /** Read Request, §3.4.4.3: {@code handle(2)}. */
  record ReadRequest(int handle) implements AttPdu {
    @Override
    public int opcode() {
      return READ_REQUEST;
    }
  }

  /** Read Response, §3.4.4.4: {@code value}. */
  record ReadResponse(Bytes value) implements AttPdu {
    @Override
    public int opcode() {
      return READ_RESPONSE;
    }
  }

  /** Read Blob Request, §3.4.4.5: {@code handle(2) offset(2)}. */
  record ReadBlobRequest(int handle, int offset) implements AttPdu {
    @Override
    public int opcode() {
      return READ_BLOB_REQUEST;
    }
  }

  /** Read Blob Response, §3.4.4.6: {@code part of the value}. */
  record ReadBlobResponse(Bytes value) implements AttPdu {
    @Override
    public int opcode() {
      return READ_BLOB_RESPONSE;
    }
  }

  /** Read By Group Type Request, §3.4.4.9: {@code start(2) end(2) group_type(2 or 16)}. */
  record ReadByGroupTypeRequest(int startHandle, int endHandle, Bytes groupType) implements AttPdu {
    public ReadByGroupTypeRequest {
      checkUuid(groupType);
    }

    @Override
    public int opcode() {
      return READ_BY_GROUP_TYPE_REQUEST;
    }
  }

  /** An element of {@link ReadByGroupTypeResponse}. */
  record GroupValue(int handle, int endGroupHandle, Bytes value) {}

  /**
   * Read By Group Type Response, §3.4.4.10: {@code length(1)} then elements of {@code handle(2)
   * end_group_handle(2) value(length - 4)}.
   */
  record ReadByGroupTypeResponse(ImmutableList<GroupValue> data) implements AttPdu {
    public ReadByGroupTypeResponse {
      if (data.isEmpty()
          || data.stream().anyMatch(d -> d.value().size() != data.get(0).value().size())
          || data.get(0).value().size() > 251) {
        throw new IllegalArgumentException("1+ elements, values of one length up to 251");
      }
    }

    @Override
    public int opcode() {
      return READ_BY_GROUP_TYPE_RESPONSE;
    }
  }

  /** Write Request, §3.4.5.1: {@code handle(2) value}. */
  record WriteRequest(int handle, Bytes value) implements AttPdu {
    @Override
    public int opcode() {
      return WRITE_REQUEST;
    }
  }

  /** Write Response, §3.4.5.2: no parameters. */
  record WriteResponse() implements AttPdu {
    @Override
    public int opcode() {
      return WRITE_RESPONSE;
    }
  }

  /** Write Command, §3.4.5.3: {@code handle(2) value}; no response. */
  record WriteCommand(int handle, Bytes value) implements AttPdu {
    @Override
    public int opcode() {
      return WRITE_COMMAND;
    }
  }

  /** Handle Value Notification, §3.4.7.1: {@code handle(2) value}; how HID input reports travel. */
  record HandleValueNotification(int handle, Bytes value) implements AttPdu {
    @Override
    public int opcode() {
      return HANDLE_VALUE_NOTIFICATION;
    }
  }

  /**
   * Multiple Handle Value Notification, §3.4.7.4 (Core 5.2 and later): several notifications in one
   * PDU, sent only to a client that set bit 2 of its Client Supported Features. BlueZ 5.82 as a
   * server batches HID input reports this way when the host's BlueZ supports it.
   *
   * <pre>
   *   0x23 | handle(2) length(2) value(length) | handle(2) length(2) value(length) | ...
   * </pre>
   */
  record MultipleHandleValueNotification(ImmutableList<HandleValue> values) implements AttPdu {
    @Override
    public int opcode() {
      return MULTIPLE_HANDLE_VALUE_NOTIFICATION;
    }
  }

  /** Handle Value Indication, §3.4.7.2: {@code handle(2) value}; confirmed by the client. */
  record HandleValueIndication(int handle, Bytes value) implements AttPdu {
    @Override
    public int opcode() {
      return HANDLE_VALUE_INDICATION;
    }
  }

  /** Handle Value Confirmation, §3.4.7.3: no parameters. */
  record HandleValueConfirmation() implements AttPdu {
    @Override
    public int opcode() {
      return HANDLE_VALUE_CONFIRMATION;
    }
  }

  /** Any other opcode, with its raw parameters. */
  record Unknown(int opcode, Bytes parameters) implements AttPdu {
    public Unknown {
      if (AttCodec.DECODED.contains(opcode) || opcode < 0 || opcode > 0xff) {
        throw new IllegalArgumentException("ATT opcode " + opcode + " has its own record");
      }
    }
  }

  private static void checkUuid(Bytes uuid) {
    if (uuid.size() != 2 && uuid.size() != 16) {
      throw new IllegalArgumentException("a UUID is 2 or 16 bytes: " + uuid);
    }
  }
}
