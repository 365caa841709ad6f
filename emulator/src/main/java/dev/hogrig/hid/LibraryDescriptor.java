package dev.hogrig.hid;

import dev.hogrig.util.Bytes;

/**
 * One descriptor of the built-in library: a name the CLI accepts, the human text it was read from,
 * and its bytes.
 *
 * <p>The text is the resource file as written: a {@code #} header (title, summary, sources,
 * deviations, report wire lengths) followed by one item per line in the format hid-tools' {@code
 * hid-decode} prints, so a person can read what each byte means and a test can regenerate the text
 * from the bytes.
 *
 * @param name the CLI name, e.g. {@code "boot-keyboard"}
 * @param title first header line, e.g. {@code "Boot keyboard (HID 1.11 Appendix B.1)"}
 * @param summary the first header paragraph after the title, joined into one line
 * @param bytes the descriptor bytes, read from the leading {@code 0x..,} column of the text
 * @param text the whole resource file
 */
public record LibraryDescriptor(
    String name, String title, String summary, Bytes bytes, String text) {

  /** Parses {@link #bytes()}; library descriptors parse without {@link Problem}s. */
  public ReportDescriptor parse() {
    return ReportDescriptor.parse(bytes);
  }
}
