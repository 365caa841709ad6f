package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns HCI traffic into {@link LinkEvent}s: {@link #from(HciTrace, int)} for a whole capture,
 * {@link Decoder} one record at a time (what {@link LinkEventFollower} uses on a growing file).
 *
 * <pre>
 *  HCI event / ATT PDU (controller N)                  LinkEvent
 *  LE (Enhanced) Connection Complete, status 0    ->   Connected
 *  LE (Enhanced) Connection Complete, status != 0 ->   ConnectionFailed
 *  Disconnection Complete, status 0               ->   Disconnected (reason)
 *  Encryption Change v1 / v2                      ->   EncryptionChanged
 *  LE Connection Update Complete, status 0        ->   ConnectionUpdated
 *  ATT Exchange MTU Request ... Response          ->   MtuExchanged (at the response)
 * </pre>
 *
 * ATT PDUs are rebuilt from ACL fragments per controller, direction and handle ({@link
 * L2capReassembler}) on the fixed ATT channel 0x0004; EATT channels are not followed (the lab runs
 * one ATT bearer). A request waits for the response in the opposite direction on the same handle
 * (one pending request per direction: both hosts of a link may be client at once, as BlueZ is); an
 * Error Response to it, or the link going down, forgets it. Failed Disconnection Complete events
 * (status != 0: the link is still up) and failed connection updates make no event.
 */
public final class LinkEvents {
  private LinkEvents() {}

  /** The link events of controller {@code index}, in capture order. */
  public static ImmutableList<LinkEvent> from(HciTrace trace, int index) {
    ImmutableList.Builder<LinkEvent> out = ImmutableList.builder();
    Decoder d = new Decoder();
    for (TraceRecord r : trace.records()) {
      for (LinkEvent e : d.accept(r)) {
        if (e.index() == index) {
          out.add(e);
        }
      }
    }
    return out.build();
  }

  /** The link events of every controller, in capture order. */
  public static ImmutableList<LinkEvent> from(HciTrace trace) {
    ImmutableList.Builder<LinkEvent> out = ImmutableList.builder();
    Decoder d = new Decoder();
    for (TraceRecord r : trace.records()) {
      out.addAll(d.accept(r));
    }
    return out.build();
  }

  /**
   * Stateful: feed it every record of a capture in file order. Holds, per controller, the ACL
   * fragments of unfinished L2CAP frames and the Exchange MTU Requests not yet answered. Not
   * thread-safe.
   */
  public static final class Decoder {
    private record Side(int index, Direction direction) {}

    /** An unanswered request: sent ({@code TO_CONTROLLER}) or received on one link. */
    private record Request(int index, int handle, Direction direction) {}

    private final Map<Side, L2capReassembler> reassemblers = new HashMap<>();
    private final Map<Request, Integer> mtuRequests = new HashMap<>();

    /** The events {@code r} completes (usually none, at most one). */
    public List<LinkEvent> accept(TraceRecord r) {
      List<LinkEvent> out = new ArrayList<>(1);
      TracePacket p = r.packet();
      int i = r.index();
      if (p instanceof HciEvent.LeConnectionComplete c) {
        connected(
            out,
            r,
            c.status(),
            c.handle(),
            c.peerAddress(),
            c.peerAddressType(),
            c.role(),
            c.interval(),
            c.latency(),
            c.supervisionTimeout());
      } else if (p instanceof HciEvent.LeEnhancedConnectionComplete c) {
        connected(
            out,
            r,
            c.status(),
            c.handle(),
            c.peerAddress(),
            c.peerAddressType(),
            c.role(),
            c.interval(),
            c.latency(),
            c.supervisionTimeout());
      } else if (p instanceof HciEvent.LeEnhancedConnectionCompleteV2 c) {
        connected(
            out,
            r,
            c.status(),
            c.handle(),
            c.peerAddress(),
            c.peerAddressType(),
            c.role(),
            c.interval(),
            c.latency(),
            c.supervisionTimeout());
      } else if (p instanceof HciEvent.DisconnectionComplete d && d.status() == 0) {
        forget(i, d.handle());
        out.add(new LinkEvent.Disconnected(r.time(), i, d.handle(), d.reason()));
      } else if (p instanceof HciEvent.EncryptionChange e) {
        out.add(
            new LinkEvent.EncryptionChanged(
                r.time(),
                i,
                e.handle(),
                e.status(),
                e.status() == 0 && e.encryptionEnabled() != 0,
                Optional.empty()));
      } else if (p instanceof HciEvent.EncryptionChangeV2 e) {
        out.add(
            new LinkEvent.EncryptionChanged(
                r.time(),
                i,
                e.handle(),
                e.status(),
                e.status() == 0 && e.encryptionEnabled() != 0,
                Optional.of(e.keySize())));
      } else if (p instanceof HciEvent.LeConnectionUpdateComplete u && u.status() == 0) {
        out.add(
            new LinkEvent.ConnectionUpdated(
                r.time(),
                i,
                u.handle(),
                LinkEvent.INTERVAL_UNIT.multipliedBy(u.interval()),
                u.latency(),
                LinkEvent.TIMEOUT_UNIT.multipliedBy(u.supervisionTimeout())));
      } else if (p instanceof AclData acl) {
        att(out, r, acl);
      }
      return out;
    }

    private void connected(
        List<LinkEvent> out,
        TraceRecord r,
        int status,
        int handle,
        BdAddr peer,
        int peerType,
        int role,
        int interval,
        int latency,
        int timeout) {
      if (status != 0) {
        out.add(new LinkEvent.ConnectionFailed(r.time(), r.index(), status));
        return;
      }
      forget(r.index(), handle);
      Connection.Role rl =
          role == 0
              ? Connection.Role.CENTRAL
              : role == 1 ? Connection.Role.PERIPHERAL : Connection.Role.UNKNOWN;
      out.add(
          new LinkEvent.Connected(
              r.time(),
              r.index(),
              handle,
              peer,
              peerType,
              rl,
              LinkEvent.INTERVAL_UNIT.multipliedBy(interval),
              latency,
              LinkEvent.TIMEOUT_UNIT.multipliedBy(timeout)));
    }

    private void att(List<LinkEvent> out, TraceRecord r, AclData acl) {
      L2capReassembler re =
          reassemblers.computeIfAbsent(
              new Side(r.index(), r.direction()), k -> new L2capReassembler());
      Optional<L2capFrame> f = re.accept(acl);
      if (f.isEmpty() || f.get().channelId() != L2capFrame.CID_ATT) {
        return;
      }
      AttPdu pdu;
      try {
        pdu = AttCodec.decode(f.get().payload());
      } catch (HciFormatException e) {
        return; // a malformed PDU says nothing about the MTU
      }
      if (pdu instanceof AttPdu.ExchangeMtuRequest q) {
        mtuRequests.put(new Request(r.index(), acl.handle(), r.direction()), q.clientRxMtu());
        return;
      }
      // A response travels opposite to its request. Both hosts of a link may be client and server
      // at once (BlueZ sends its own Exchange MTU Request as it answers the peer's), so each
      // direction has its own pending request.
      Request answered = new Request(r.index(), acl.handle(), opposite(r.direction()));
      if (pdu instanceof AttPdu.ExchangeMtuResponse s) {
        Integer client = mtuRequests.remove(answered);
        if (client != null) {
          out.add(
              new LinkEvent.MtuExchanged(
                  r.time(),
                  r.index(),
                  acl.handle(),
                  client,
                  s.serverRxMtu(),
                  answered.direction() == Direction.TO_CONTROLLER));
        }
      } else if (pdu instanceof AttPdu.ErrorResponse e
          && e.requestOpcode() == AttPdu.EXCHANGE_MTU_REQUEST) {
        mtuRequests.remove(answered);
      }
    }

    private void forget(int index, int handle) {
      for (Direction d : Direction.values()) {
        mtuRequests.remove(new Request(index, handle, d));
      }
    }

    private static Direction opposite(Direction d) {
      return d == Direction.TO_CONTROLLER ? Direction.FROM_CONTROLLER : Direction.TO_CONTROLLER;
    }
  }
}
