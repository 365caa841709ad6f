package dev.hogrig.hci;

import java.util.Optional;

/** ATT error codes, Core v5.4 Vol 3 Part F §3.4.1.1 Table 3.4, with the spec's names. */
public enum AttErrorCode {
  INVALID_HANDLE(0x01, "Invalid Handle"),
  READ_NOT_PERMITTED(0x02, "Read Not Permitted"),
  WRITE_NOT_PERMITTED(0x03, "Write Not Permitted"),
  INVALID_PDU(0x04, "Invalid PDU"),
  INSUFFICIENT_AUTHENTICATION(0x05, "Insufficient Authentication"),
  REQUEST_NOT_SUPPORTED(0x06, "Request Not Supported"),
  INVALID_OFFSET(0x07, "Invalid Offset"),
  INSUFFICIENT_AUTHORIZATION(0x08, "Insufficient Authorization"),
  PREPARE_QUEUE_FULL(0x09, "Prepare Queue Full"),
  ATTRIBUTE_NOT_FOUND(0x0a, "Attribute Not Found"),
  ATTRIBUTE_NOT_LONG(0x0b, "Attribute Not Long"),
  ENCRYPTION_KEY_SIZE_TOO_SHORT(0x0c, "Encryption Key Size Too Short"),
  INVALID_ATTRIBUTE_VALUE_LENGTH(0x0d, "Invalid Attribute Value Length"),
  UNLIKELY_ERROR(0x0e, "Unlikely Error"),
  INSUFFICIENT_ENCRYPTION(0x0f, "Insufficient Encryption"),
  UNSUPPORTED_GROUP_TYPE(0x10, "Unsupported Group Type"),
  INSUFFICIENT_RESOURCES(0x11, "Insufficient Resources"),
  DATABASE_OUT_OF_SYNC(0x12, "Database Out Of Sync"),
  VALUE_NOT_ALLOWED(0x13, "Value Not Allowed");

  private final int code;
  private final String specName;

  AttErrorCode(int code, String specName) {
    this.code = code;
    this.specName = specName;
  }

  public int code() {
    return code;
  }

  public String specName() {
    return specName;
  }

  /** The error with this code; empty for application (0x80-0x9F), profile and reserved codes. */
  public static Optional<AttErrorCode> of(int code) {
    for (AttErrorCode c : values()) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
