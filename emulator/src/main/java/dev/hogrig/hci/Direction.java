package dev.hogrig.hci;

/** Which way a record crossed the HCI, as the monitor opcode says. */
public enum Direction {
  /** Commands, ACL TX: host to controller. */
  TO_CONTROLLER,
  /** Events, ACL RX: controller to host. */
  FROM_CONTROLLER,
  /** Monitor notes and index changes. */
  NONE
}
