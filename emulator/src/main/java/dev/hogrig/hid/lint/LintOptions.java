package dev.hogrig.hid.lint;

/**
 * What the linter should assume about the link and the device.
 *
 * @param attMtu the ATT_MTU the central will negotiate. 23 is the LE minimum (Core 5.3 Vol 3 Part F
 *     §3.2.8) and what a peripheral must assume until an Exchange MTU completes; a notification
 *     carries at most {@code attMtu - 3} bytes of report.
 * @param bootProtocol whether to hold keyboard and mouse applications to the boot report layouts of
 *     HID 1.11 Appendix B
 */
public record LintOptions(int attMtu, BootProtocol bootProtocol) {

  /** The smallest ATT_MTU on LE (Core 5.3 Vol 3 Part F §3.2.8). */
  public static final int MIN_ATT_MTU = 23;

  /** The largest ATT_MTU the L2CAP length field allows. */
  public static final int MAX_ATT_MTU = 0xffff;

  /**
   * Whether the device offers the boot protocol (HOGP 1.0 and HIDS 1.0: a boot keyboard or boot
   * mouse exposes Boot Keyboard/Mouse Report characteristics and a Protocol Mode characteristic). A
   * report descriptor alone does not say, so the caller decides.
   */
  public enum BootProtocol {
    /**
     * Check only when the first top-level application is a Keyboard or Mouse, and report mismatches
     * as INFO. That is what a device offering boot mode looks like, but it is a guess: over HOGP
     * the boot reports are separate characteristics, so a mouse with 16-bit report-mode axes is
     * fine as long as its firmware encodes boot reports separately. Say YES to make mismatches
     * ERRORs.
     */
    AUTO,
    /** The device offers boot mode: every mismatch is an ERROR. */
    YES,
    /** The device does not offer boot mode: boot rules never fire. */
    NO
  }

  public LintOptions {
    if (attMtu < MIN_ATT_MTU || attMtu > MAX_ATT_MTU) {
      throw new IllegalArgumentException(
          "ATT_MTU must be %d..%d, got %d".formatted(MIN_ATT_MTU, MAX_ATT_MTU, attMtu));
    }
    if (bootProtocol == null) {
      throw new IllegalArgumentException("bootProtocol must not be null");
    }
  }

  /** ATT_MTU 23 (what every LE link starts with) and boot checks on {@link BootProtocol#AUTO}. */
  public static LintOptions defaults() {
    return new LintOptions(MIN_ATT_MTU, BootProtocol.AUTO);
  }

  public LintOptions withAttMtu(int mtu) {
    return new LintOptions(mtu, bootProtocol);
  }

  public LintOptions withBootProtocol(BootProtocol boot) {
    return new LintOptions(attMtu, boot);
  }
}
