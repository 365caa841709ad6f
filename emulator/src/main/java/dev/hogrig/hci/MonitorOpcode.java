package dev.hogrig.hci;

import java.util.Optional;

/**
 * What a record of a Linux monitor capture (btsnoop datalink 2001) carries: the low 16 bits of the
 * record's flags. The values are those of BlueZ's {@code src/shared/btsnoop.h} and {@code
 * doc/btsnoop.txt}, which the kernel's HCI monitor channel ({@code HCI_CHANNEL_MONITOR}) also uses.
 */
public enum MonitorOpcode {
  NEW_INDEX(0),
  DEL_INDEX(1),
  COMMAND_PKT(2),
  EVENT_PKT(3),
  ACL_TX_PKT(4),
  ACL_RX_PKT(5),
  SCO_TX_PKT(6),
  SCO_RX_PKT(7),
  OPEN_INDEX(8),
  CLOSE_INDEX(9),
  INDEX_INFO(10),
  VENDOR_DIAG(11),
  SYSTEM_NOTE(12),
  USER_LOGGING(13),
  CTRL_OPEN(14),
  CTRL_CLOSE(15),
  CTRL_COMMAND(16),
  CTRL_EVENT(17),
  ISO_TX_PKT(18),
  ISO_RX_PKT(19);

  private static final MonitorOpcode[] BY_CODE = values();

  private final int code;

  MonitorOpcode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The opcode with this value; empty for values BlueZ has not assigned (yet). */
  public static Optional<MonitorOpcode> of(int code) {
    return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
  }
}
