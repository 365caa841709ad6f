package dev.hogrig.gatt;

import java.util.Optional;

/**
 * ATT error codes a server answers with (Core 5.4 Vol 3 Part F §3.4.1.1, Table 3.4), plus the
 * Common Profile and Service Error Codes (Core Specification Supplement Part B §1.2). HIDS 1.0
 * defines no application error codes of its own.
 */
public enum AttError {
  INVALID_HANDLE(0x01, "Invalid Handle"),
  READ_NOT_PERMITTED(0x02, "Read Not Permitted"),
  WRITE_NOT_PERMITTED(0x03, "Write Not Permitted"),
  INVALID_PDU(0x04, "Invalid PDU"),
  INSUFFICIENT_AUTHENTICATION(0x05, "Insufficient Authentication"),
  REQUEST_NOT_SUPPORTED(0x06, "Request Not Supported"),
  INVALID_OFFSET(0x07, "Invalid Offset"),
  INSUFFICIENT_AUTHORIZATION(0x08, "Insufficient Authorization"),
  PREPARE_QUEUE_FULL(0x09, "Prepare Queue Full"),
  ATTRIBUTE_NOT_FOUND(0x0A, "Attribute Not Found"),
  ATTRIBUTE_NOT_LONG(0x0B, "Attribute Not Long"),
  ENCRYPTION_KEY_SIZE_TOO_SHORT(0x0C, "Encryption Key Size Too Short"),
  INVALID_ATTRIBUTE_VALUE_LENGTH(0x0D, "Invalid Attribute Value Length"),
  UNLIKELY_ERROR(0x0E, "Unlikely Error"),
  INSUFFICIENT_ENCRYPTION(0x0F, "Insufficient Encryption"),
  UNSUPPORTED_GROUP_TYPE(0x10, "Unsupported Group Type"),
  INSUFFICIENT_RESOURCES(0x11, "Insufficient Resources"),
  DATABASE_OUT_OF_SYNC(0x12, "Database Out Of Sync"),
  VALUE_NOT_ALLOWED(0x13, "Value Not Allowed"),
  WRITE_REQUEST_REJECTED(0xFC, "Write Request Rejected"),
  CCCD_IMPROPERLY_CONFIGURED(
      0xFD, "Client Characteristic Configuration Descriptor Improperly" + " Configured"),
  PROCEDURE_ALREADY_IN_PROGRESS(0xFE, "Procedure Already in Progress"),
  OUT_OF_RANGE(0xFF, "Out of Range");

  private final int code;
  private final String specName;

  AttError(int code, String specName) {
    this.code = code;
    this.specName = specName;
  }

  /** The one-byte error code sent in ATT_ERROR_RSP. */
  public int code() {
    return code;
  }

  /** The name the specification gives the code. */
  public String specName() {
    return specName;
  }

  public static Optional<AttError> ofCode(int code) {
    for (AttError e : values()) {
      if (e.code == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** {@code "0x0F Insufficient Encryption"}. */
  @Override
  public String toString() {
    return String.format("0x%02X %s", code, specName);
  }
}
