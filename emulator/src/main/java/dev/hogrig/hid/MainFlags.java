package dev.hogrig.hid;

/**
 * The data bits of an Input, Output or Feature item (HID 1.11, 6.2.2.5).
 *
 * <pre>
 *   bit  0 Data/Constant      4 Linear/Non Linear         8 Bit Field/Buffered Bytes
 *        1 Array/Variable     5 Preferred/No Preferred
 *        2 Absolute/Relative  6 No Null/Null State
 *        3 No Wrap/Wrap       7 Non Volatile/Volatile (reserved for Input)
 * </pre>
 */
public record MainFlags(long bits) {
  public static final MainFlags DATA_VAR_ABS = new MainFlags(0x02);
  public static final MainFlags DATA_ARRAY_ABS = new MainFlags(0x00);
  public static final MainFlags DATA_VAR_REL = new MainFlags(0x06);
  public static final MainFlags CONST_ARRAY_ABS = new MainFlags(0x01);
  public static final MainFlags CONST_VAR_ABS = new MainFlags(0x03);

  public boolean constant() {
    return (bits & 0x001) != 0;
  }

  public boolean variable() {
    return (bits & 0x002) != 0;
  }

  public boolean array() {
    return !variable();
  }

  public boolean relative() {
    return (bits & 0x004) != 0;
  }

  public boolean wrap() {
    return (bits & 0x008) != 0;
  }

  public boolean nonLinear() {
    return (bits & 0x010) != 0;
  }

  public boolean noPreferredState() {
    return (bits & 0x020) != 0;
  }

  public boolean nullState() {
    return (bits & 0x040) != 0;
  }

  public boolean isVolatile() {
    return (bits & 0x080) != 0;
  }

  public boolean bufferedBytes() {
    return (bits & 0x100) != 0;
  }
}
