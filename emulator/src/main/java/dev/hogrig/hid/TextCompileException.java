package dev.hogrig.hid;

/**
 * Descriptor text (or a hid-recorder recording) that does not compile. The message reads {@code
 * line 7, column 1: unknown item "Usage Pgae"}: where, 1-based, and what was expected there.
 */
public final class TextCompileException extends HidException {
  private final int line;
  private final int column;

  /**
   * @param line 1-based line number
   * @param column 1-based column (character index in the line)
   * @param what what is wrong and, where it helps, what was expected
   */
  public TextCompileException(int line, int column, String what) {
    super("line " + line + ", column " + column + ": " + what);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
