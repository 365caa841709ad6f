package dev.hogrig.hci;

import java.time.Instant;

/**
 * An ATT PDU found in a capture: the reassembled L2CAP frame on channel 0x0004 of one controller.
 *
 * @param index the controller
 * @param direction {@link Direction#TO_CONTROLLER} when this host sent it
 * @param time timestamp of the ACL packet that completed the frame
 * @param handle the connection handle
 * @param pdu the decoded PDU
 */
public record AttRecord(int index, Direction direction, Instant time, int handle, AttPdu pdu) {}
