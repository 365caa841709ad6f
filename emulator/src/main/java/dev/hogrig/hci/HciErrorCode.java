package dev.hogrig.hci;

import java.util.Optional;

/**
 * Controller error codes, Core v5.4 Vol 1 Part F §1.3, with the spec's names. They appear as the
 * status of commands and events and as the reason of a Disconnection Complete event. The ones a HID
 * peripheral meets most: {@link #CONNECTION_TIMEOUT} (supervision timeout: link lost), {@link
 * #REMOTE_USER_TERMINATED_CONNECTION} (the peer hung up), {@link
 * #CONNECTION_TERMINATED_BY_LOCAL_HOST}, {@link #LMP_LL_RESPONSE_TIMEOUT}, {@link
 * #UNACCEPTABLE_CONNECTION_PARAMETERS}, {@link #CONNECTION_TERMINATED_DUE_TO_MIC_FAILURE}.
 */
public enum HciErrorCode {
  SUCCESS(0x00, "Success"),
  UNKNOWN_HCI_COMMAND(0x01, "Unknown HCI Command"),
  UNKNOWN_CONNECTION_IDENTIFIER(0x02, "Unknown Connection Identifier"),
  HARDWARE_FAILURE(0x03, "Hardware Failure"),
  PAGE_TIMEOUT(0x04, "Page Timeout"),
  AUTHENTICATION_FAILURE(0x05, "Authentication Failure"),
  PIN_OR_KEY_MISSING(0x06, "PIN or Key Missing"),
  MEMORY_CAPACITY_EXCEEDED(0x07, "Memory Capacity Exceeded"),
  CONNECTION_TIMEOUT(0x08, "Connection Timeout"),
  CONNECTION_LIMIT_EXCEEDED(0x09, "Connection Limit Exceeded"),
  SYNCHRONOUS_CONNECTION_LIMIT_EXCEEDED(0x0a, "Synchronous Connection Limit To A Device Exceeded"),
  CONNECTION_ALREADY_EXISTS(0x0b, "Connection Already Exists"),
  COMMAND_DISALLOWED(0x0c, "Command Disallowed"),
  REJECTED_LIMITED_RESOURCES(0x0d, "Connection Rejected due to Limited Resources"),
  REJECTED_SECURITY_REASONS(0x0e, "Connection Rejected Due To Security Reasons"),
  REJECTED_UNACCEPTABLE_BD_ADDR(0x0f, "Connection Rejected due to Unacceptable BD_ADDR"),
  CONNECTION_ACCEPT_TIMEOUT_EXCEEDED(0x10, "Connection Accept Timeout Exceeded"),
  UNSUPPORTED_FEATURE_OR_PARAMETER_VALUE(0x11, "Unsupported Feature or Parameter Value"),
  INVALID_HCI_COMMAND_PARAMETERS(0x12, "Invalid HCI Command Parameters"),
  REMOTE_USER_TERMINATED_CONNECTION(0x13, "Remote User Terminated Connection"),
  REMOTE_TERMINATED_LOW_RESOURCES(0x14, "Remote Device Terminated Connection due to Low Resources"),
  REMOTE_TERMINATED_POWER_OFF(0x15, "Remote Device Terminated Connection due to Power Off"),
  CONNECTION_TERMINATED_BY_LOCAL_HOST(0x16, "Connection Terminated By Local Host"),
  REPEATED_ATTEMPTS(0x17, "Repeated Attempts"),
  PAIRING_NOT_ALLOWED(0x18, "Pairing Not Allowed"),
  UNKNOWN_LMP_PDU(0x19, "Unknown LMP PDU"),
  UNSUPPORTED_REMOTE_FEATURE(0x1a, "Unsupported Remote Feature"),
  SCO_OFFSET_REJECTED(0x1b, "SCO Offset Rejected"),
  SCO_INTERVAL_REJECTED(0x1c, "SCO Interval Rejected"),
  SCO_AIR_MODE_REJECTED(0x1d, "SCO Air Mode Rejected"),
  INVALID_LMP_LL_PARAMETERS(0x1e, "Invalid LMP Parameters / Invalid LL Parameters"),
  UNSPECIFIED_ERROR(0x1f, "Unspecified Error"),
  UNSUPPORTED_LMP_LL_PARAMETER_VALUE(
      0x20, "Unsupported LMP Parameter Value / Unsupported LL Parameter Value"),
  ROLE_CHANGE_NOT_ALLOWED(0x21, "Role Change Not Allowed"),
  LMP_LL_RESPONSE_TIMEOUT(0x22, "LMP Response Timeout / LL Response Timeout"),
  LMP_ERROR_TRANSACTION_COLLISION(0x23, "LMP Error Transaction Collision / LL Procedure Collision"),
  LMP_PDU_NOT_ALLOWED(0x24, "LMP PDU Not Allowed"),
  ENCRYPTION_MODE_NOT_ACCEPTABLE(0x25, "Encryption Mode Not Acceptable"),
  LINK_KEY_CANNOT_BE_CHANGED(0x26, "Link Key cannot be Changed"),
  REQUESTED_QOS_NOT_SUPPORTED(0x27, "Requested QoS Not Supported"),
  INSTANT_PASSED(0x28, "Instant Passed"),
  PAIRING_WITH_UNIT_KEY_NOT_SUPPORTED(0x29, "Pairing With Unit Key Not Supported"),
  DIFFERENT_TRANSACTION_COLLISION(0x2a, "Different Transaction Collision"),
  QOS_UNACCEPTABLE_PARAMETER(0x2c, "QoS Unacceptable Parameter"),
  QOS_REJECTED(0x2d, "QoS Rejected"),
  CHANNEL_CLASSIFICATION_NOT_SUPPORTED(0x2e, "Channel Classification Not Supported"),
  INSUFFICIENT_SECURITY(0x2f, "Insufficient Security"),
  PARAMETER_OUT_OF_MANDATORY_RANGE(0x30, "Parameter Out Of Mandatory Range"),
  ROLE_SWITCH_PENDING(0x32, "Role Switch Pending"),
  RESERVED_SLOT_VIOLATION(0x34, "Reserved Slot Violation"),
  ROLE_SWITCH_FAILED(0x35, "Role Switch Failed"),
  EXTENDED_INQUIRY_RESPONSE_TOO_LARGE(0x36, "Extended Inquiry Response Too Large"),
  SECURE_SIMPLE_PAIRING_NOT_SUPPORTED_BY_HOST(0x37, "Secure Simple Pairing Not Supported By Host"),
  HOST_BUSY_PAIRING(0x38, "Host Busy - Pairing"),
  REJECTED_NO_SUITABLE_CHANNEL(0x39, "Connection Rejected due to No Suitable Channel Found"),
  CONTROLLER_BUSY(0x3a, "Controller Busy"),
  UNACCEPTABLE_CONNECTION_PARAMETERS(0x3b, "Unacceptable Connection Parameters"),
  ADVERTISING_TIMEOUT(0x3c, "Advertising Timeout"),
  CONNECTION_TERMINATED_DUE_TO_MIC_FAILURE(0x3d, "Connection Terminated due to MIC Failure"),
  CONNECTION_FAILED_TO_BE_ESTABLISHED(
      0x3e, "Connection Failed to be Established / Synchronization Timeout"),
  COARSE_CLOCK_ADJUSTMENT_REJECTED(
      0x40, "Coarse Clock Adjustment Rejected but Will Try to Adjust Using Clock Dragging"),
  TYPE0_SUBMAP_NOT_DEFINED(0x41, "Type0 Submap Not Defined"),
  UNKNOWN_ADVERTISING_IDENTIFIER(0x42, "Unknown Advertising Identifier"),
  LIMIT_REACHED(0x43, "Limit Reached"),
  OPERATION_CANCELLED_BY_HOST(0x44, "Operation Cancelled by Host"),
  PACKET_TOO_LONG(0x45, "Packet Too Long");

  private static final HciErrorCode[] BY_CODE = new HciErrorCode[256];

  static {
    for (HciErrorCode c : values()) {
      BY_CODE[c.code] = c;
    }
  }

  private final int code;
  private final String specName;

  HciErrorCode(int code, String specName) {
    this.code = code;
    this.specName = specName;
  }

  public int code() {
    return code;
  }

  /** The name as Vol 1 Part F §1.3 prints it. */
  public String specName() {
    return specName;
  }

  /** The error with this code; empty for reserved or newer codes. */
  public static Optional<HciErrorCode> of(int code) {
    return code >= 0 && code < 256 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
  }

  /** {@code "Remote User Terminated Connection (0x13)"}, or {@code "0x47"} for unnamed codes. */
  public static String describe(int code) {
    return of(code)
        .map(c -> c.specName + String.format(" (0x%02x)", code))
        .orElse(String.format("0x%02x", code));
  }
}
