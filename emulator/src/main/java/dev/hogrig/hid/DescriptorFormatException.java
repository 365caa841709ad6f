package dev.hogrig.hid;

/**
 * Descriptor bytes that cannot be split into items: an item whose data runs past the end, or a long
 * item whose length byte is missing. Carries the byte offset of the offending item.
 */
public final class DescriptorFormatException extends HidException {
  private final int offset;

  public DescriptorFormatException(int offset, String what) {
    super("byte " + offset + ": " + what);
    this.offset = offset;
  }

  /** Offset in the descriptor of the item that could not be read. */
  public int offset() {
    return offset;
  }
}
