package dev.hogrig.hci;

import dev.hogrig.util.Bytes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds L2CAP frames from the ACL packets of one direction of one controller (Core v5.4 Vol 3
 * Part A §7.2: a frame starts in a packet whose Packet_Boundary flag is 0b00, 0b10 or 0b11, and
 * continues in 0b01 packets until the basic header's length is reached).
 *
 * <p>State: per connection handle, the bytes of the frame being rebuilt. Invariants: a pending
 * buffer always begins with a start fragment; it is dropped (and counted in {@link #dropped()})
 * when a new start fragment arrives before it is whole, when a continuation arrives with nothing
 * pending, or when it grows past the length its header declared. Use one instance per (controller,
 * direction): fragments of both directions on one handle interleave.
 */
public final class L2capReassembler {
  private final Map<Integer, Bytes> pending = new HashMap<>();
  private int dropped;

  /**
   * Feeds one ACL packet; returns the frame it completes, if any.
   *
   * @throws HciFormatException never: fragments that do not fit are dropped and counted
   */
  public Optional<L2capFrame> accept(AclData acl) {
    Bytes buf;
    if (acl.starts()) {
      if (pending.remove(acl.handle()) != null) {
        dropped++;
      }
      buf = acl.data();
    } else {
      Bytes before = pending.remove(acl.handle());
      if (before == null) {
        dropped++;
        return Optional.empty();
      }
      buf = before.concat(acl.data());
    }
    if (buf.size() < 4) {
      pending.put(acl.handle(), buf);
      return Optional.empty();
    }
    int length = buf.get(0) | (buf.get(1) << 8);
    int cid = buf.get(2) | (buf.get(3) << 8);
    if (buf.size() - 4 < length) {
      pending.put(acl.handle(), buf);
      return Optional.empty();
    }
    if (buf.size() - 4 > length) {
      dropped++;
      return Optional.empty();
    }
    return Optional.of(new L2capFrame(acl.handle(), cid, buf.slice(4, buf.size())));
  }

  /** Fragments thrown away because they did not fit a frame (a capture gap shows up here). */
  public int dropped() {
    return dropped;
  }

  /** Handles with a frame still incomplete. */
  public int pendingFrames() {
    return pending.size();
  }
}
