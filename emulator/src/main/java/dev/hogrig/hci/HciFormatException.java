package dev.hogrig.hci;

/**
 * The one exception the HCI layer raises for bad input: a btsnoop file that is not one, a record or
 * packet whose lengths do not add up, or counter text that is not {@code hciconfig} output. Its
 * message already says where (byte offset in the file or packet, or line) and what was expected.
 *
 * <p>A capture that merely stops in the middle of a record (btmon still writing, or killed) is not
 * malformed: {@link BtsnoopReader#incomplete()} reports it instead.
 */
public class HciFormatException extends RuntimeException {
  private final long offset;

  public HciFormatException(long offset, String what) {
    super("byte " + offset + ": " + what);
    this.offset = offset;
  }

  /** Byte offset of the problem in the input the decoder was given (-1 when it is text). */
  public long offset() {
    return offset;
  }

  static HciFormatException text(String what) {
    return new HciFormatException(what);
  }

  private HciFormatException(String message) {
    super(message);
    this.offset = -1;
  }
}
