package dev.hogrig.hci;

import dev.hogrig.util.Bytes;

/**
 * A whole L2CAP basic-mode frame, reassembled from ACL fragments (Core v5.4 Vol 3 Part A §3.1):
 *
 * <pre>
 *  0               2               4
 * +---------------+---------------+--------------------
 * | length (LE)   | channel ID    | information payload (length bytes)
 * +---------------+---------------+--------------------
 * </pre>
 *
 * LE fixed channels (Vol 3 Part A §2.1): {@link #CID_ATT}, {@link #CID_LE_SIGNALING}, {@link
 * #CID_SMP}.
 *
 * @param handle the ACL connection handle it travelled on
 * @param channelId the destination channel ID
 * @param payload the information payload
 */
public record L2capFrame(int handle, int channelId, Bytes payload) {
  public static final int CID_ATT = 0x0004;
  public static final int CID_LE_SIGNALING = 0x0005;
  public static final int CID_SMP = 0x0006;

  /** The basic header and payload, ready to be cut into ACL fragments. */
  public Bytes encode() {
    return new Wire.Out().u16(payload.size()).u16(channelId).bytes(payload).build();
  }
}
