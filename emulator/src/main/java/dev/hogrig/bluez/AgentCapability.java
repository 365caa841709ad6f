package dev.hogrig.bluez;

/**
 * An agent's IO capability (bluez doc/agent-api.txt, {@code RegisterAgent}). With SMP it selects
 * the pairing method (Core 5.3 Vol 3 Part H §2.3.5.1, Table 2.8): {@link #NO_INPUT_NO_OUTPUT} on
 * either side gives Just Works; {@link #DISPLAY_YES_NO} on both sides gives Numeric Comparison (LE
 * Secure Connections), and so on.
 */
public enum AgentCapability {
  DISPLAY_ONLY("DisplayOnly"),
  DISPLAY_YES_NO("DisplayYesNo"),
  KEYBOARD_ONLY("KeyboardOnly"),
  NO_INPUT_NO_OUTPUT("NoInputNoOutput"),
  KEYBOARD_DISPLAY("KeyboardDisplay");

  private final String wireName;

  AgentCapability(String wireName) {
    this.wireName = wireName;
  }

  /** BlueZ's spelling, as {@code RegisterAgent} takes it. */
  public String wireName() {
    return wireName;
  }
}
