package dev.hogrig.controller.ll;

/**
 * A PDU that cannot be decoded: too short, too long, or a field out of its range. The message names
 * the PDU, the byte offset inside it and the field, so a capture can be checked by hand. Offsets
 * count from the first octet the decoder was given: the 2-octet header for {@link AdvPdu#decode}
 * and {@link DataPdu#decode}, the opcode for {@link LlControlPdu#decode}.
 */
public final class LlPduException extends RuntimeException {
  private final String pdu;
  private final int offset;
  private final String field;

  public LlPduException(String pdu, int offset, String field, String problem) {
    super(pdu + " at offset " + offset + ", field " + field + ": " + problem);
    this.pdu = pdu;
    this.offset = offset;
    this.field = field;
  }

  public String pdu() {
    return pdu;
  }

  public int offset() {
    return offset;
  }

  public String field() {
    return field;
  }
}
