package dev.hogrig.controller.ll;

/**
 * How one side answers a control PDU opcode its peer sends.
 *
 * <ul>
 *   <li>{@link Kind#SUPPORT}: run the procedure as Core 5.4 Vol 6 Part B §5.1 says.
 *   <li>{@link Kind#UNKNOWN_RSP}: answer LL_UNKNOWN_RSP with UnknownType = the opcode (§2.4.2.7),
 *       as a controller that does not implement it must.
 *   <li>{@link Kind#REJECT_EXT_IND}: answer LL_REJECT_EXT_IND(opcode, {@code errorCode}).
 *   <li>{@link Kind#IGNORE}: acknowledge at the link layer, answer nothing; the peer's 40 s
 *       response timeout (§5.2) ends the link with 0x22.
 *   <li>{@link Kind#DELAY}: support it, but only after {@code delayMillis}.
 * </ul>
 */
public record OpcodePolicy(Kind kind, int errorCode, long delayMillis) {
  public enum Kind {
    SUPPORT,
    UNKNOWN_RSP,
    REJECT_EXT_IND,
    IGNORE,
    DELAY
  }

  public OpcodePolicy {
    if (errorCode < 0 || errorCode > 0xff) {
      throw new IllegalArgumentException("error code must be 0x00..0xFF, got " + errorCode);
    }
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must not be negative, got " + delayMillis);
    }
  }

  public static final OpcodePolicy SUPPORT = new OpcodePolicy(Kind.SUPPORT, 0, 0);
  public static final OpcodePolicy UNKNOWN = new OpcodePolicy(Kind.UNKNOWN_RSP, 0, 0);
  public static final OpcodePolicy IGNORE = new OpcodePolicy(Kind.IGNORE, 0, 0);

  public static OpcodePolicy rejectExt(int errorCode) {
    return new OpcodePolicy(Kind.REJECT_EXT_IND, errorCode, 0);
  }

  public static OpcodePolicy delay(long millis) {
    return new OpcodePolicy(Kind.DELAY, 0, millis);
  }
}
