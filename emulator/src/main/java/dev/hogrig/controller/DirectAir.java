package dev.hogrig.controller;

import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simplest {@link Air}: no link layer, no timing, no loss. Every procedure completes at once,
 * in the caller's call, with the outcome the Core spec gives for a perfect radio: reports reach
 * every scanner, a connection forms as soon as an initiator and a matching connectable advertiser
 * are both on the air, data arrives whole and is acknowledged, every control procedure succeeds
 * with the values both sides asked for. It plays the part btvirt plays in the lab, and stands in
 * until the link layer ({@code dev.hogrig.controller.ll}) replaces it.
 *
 * <p>Advertising, scanning and matching an initiator with an advertiser are {@link
 * AdvertisingMedium}'s, shared with {@link LlAir}. What it does decide, following the spec:
 *
 * <ul>
 *   <li>Encryption (Vol 6 Part B §5.1.3.1): the central's LTK must equal the one the peripheral's
 *       host replies; if the peripheral's host gives no key (negative reply) the central is told
 *       0x06 PIN or Key Missing and the link stays; if the keys differ, the first encrypted PDU
 *       fails its MIC and both sides lose the link with 0x3D Connection Terminated due to MIC
 *       Failure.
 *   <li>Termination: the side that asked is told 0x16 Connection Terminated By Local Host, the
 *       other side the reason that was sent (Vol 6 Part B §5.1.6).
 *   <li>Advertising reports repeat every advertising interval (at least 100 ms) while a scanner
 *       does not filter duplicates, once per advertiser and data otherwise.
 * </ul>
 *
 * Callbacks run on the calling thread under this air's lock; {@link VirtualController} only queues
 * them, so that is safe. A daemon timer repeats advertising reports; {@link #close} stops it.
 */
public final class DirectAir implements Air, AutoCloseable {
  private final Object lock = new Object();
  private final AdvertisingMedium medium = new AdvertisingMedium(this::connectPair);
  private final ScheduledExecutorService timer;

  public DirectAir() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "direct-air");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::repeatReports, 100, 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public Port attach(Station station) {
    synchronized (lock) {
      return new PortImpl(medium.add(station));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void repeatReports() {
    synchronized (lock) {
      medium.repeatReports(System.nanoTime());
    }
  }

  /** The medium matched an initiator with an advertiser (lock held): the link is up at once. */
  private void connectPair(
      AdvertisingMedium.Entry init, Initiation i, AdvertisingMedium.Entry adv, Advertisement a) {
    PortImpl initPort = owner.get(init);
    PortImpl advPort = owner.get(adv);
    LinkImpl c = new LinkImpl(initPort, Role.CENTRAL);
    LinkImpl p = new LinkImpl(advPort, Role.PERIPHERAL);
    c.peer = p;
    p.peer = c;
    init.station.connected(c, Role.CENTRAL, a.own(), i.parameters());
    adv.station.connected(p, Role.PERIPHERAL, i.own(), i.parameters());
  }

  private final Map<AdvertisingMedium.Entry, PortImpl> owner = new HashMap<>();

  private final class PortImpl implements Port {
    final AdvertisingMedium.Entry entry;
    final Station station;
    final List<LinkImpl> links = new ArrayList<>();

    PortImpl(AdvertisingMedium.Entry entry) {
      this.entry = entry;
      this.station = entry.station;
      owner.put(entry, this);
    }

    @Override
    public void advertise(Optional<Advertisement> a) {
      synchronized (lock) {
        medium.advertise(entry, a, System.nanoTime());
      }
    }

    @Override
    public void scan(Optional<Scan> s) {
      synchronized (lock) {
        medium.scan(entry, s);
      }
    }

    @Override
    public void connect(Initiation i) {
      synchronized (lock) {
        medium.connect(entry, i);
      }
    }

    @Override
    public void cancelConnect() {
      synchronized (lock) {
        medium.cancelConnect(entry);
      }
    }

    @Override
    public void detach(int reason) {
      synchronized (lock) {
        medium.remove(entry);
        owner.remove(entry);
        for (LinkImpl l : new ArrayList<>(links)) {
          l.closed = true;
          l.peer.end(reason);
          links.remove(l);
        }
      }
    }
  }

  private final class LinkImpl implements Link {
    final PortImpl port;
    final Role role;
    LinkImpl peer;
    boolean closed;
    boolean encrypted;
    Optional<Bytes> pendingLtk = Optional.empty();
    ConnectionParameters requested;

    LinkImpl(PortImpl port, Role role) {
      this.port = port;
      this.role = role;
      port.links.add(this);
    }

    Station st() {
      return port.station;
    }

    void end(int reason) {
      if (!closed) {
        closed = true;
        port.links.remove(this);
        st().disconnected(this, reason);
      }
    }

    @Override
    public Role role() {
      return role;
    }

    @Override
    public void send(boolean start, Bytes fragment) {
      synchronized (lock) {
        if (closed) {
          return;
        }
        peer.st().data(peer, start, fragment);
        st().dataAcknowledged(this, 1);
      }
    }

    @Override
    public void startEncryption(Bytes random, int diversifier, Bytes ltk) {
      synchronized (lock) {
        if (closed) {
          return;
        }
        pendingLtk = Optional.of(ltk);
        peer.st().longTermKeyRequest(peer, random, diversifier);
      }
    }

    @Override
    public void answerLongTermKey(Optional<Bytes> ltk) {
      synchronized (lock) {
        LinkImpl central = peer;
        if (closed || central.pendingLtk.isEmpty()) {
          return;
        }
        Bytes want = central.pendingLtk.get();
        central.pendingLtk = Optional.empty();
        if (ltk.isEmpty()) {
          central.st().encryptionChanged(central, 0x06, central.encrypted, false);
        } else if (!ltk.get().equals(want)) {
          end(0x3d);
          central.end(0x3d);
        } else {
          boolean refresh = encrypted;
          encrypted = true;
          central.encrypted = true;
          central.st().encryptionChanged(central, 0x00, true, refresh);
          st().encryptionChanged(this, 0x00, true, refresh);
        }
      }
    }

    @Override
    public void updateParameters(int min, int max, ConnectionParameters p) {
      synchronized (lock) {
        if (closed) {
          return;
        }
        requested = p;
        peer.st().parameterRequest(peer, min, max, p);
      }
    }

    @Override
    public void answerParameterRequest(Optional<ConnectionParameters> accepted, int reason) {
      synchronized (lock) {
        if (closed || peer.requested == null) {
          return;
        }
        ConnectionParameters asked = peer.requested;
        peer.requested = null;
        if (accepted.isPresent()) {
          peer.st().parametersUpdated(peer, 0x00, accepted.get());
          st().parametersUpdated(this, 0x00, accepted.get());
        } else {
          peer.st().parametersUpdated(peer, reason, asked);
        }
      }
    }

    @Override
    public void readRemoteFeatures() {
      synchronized (lock) {
        if (!closed) {
          st().remoteFeatures(this, 0x00, peer.st().leFeatures());
        }
      }
    }

    @Override
    public void readRemoteVersion() {
      synchronized (lock) {
        if (!closed) {
          Station p = peer.st();
          st().remoteVersion(this, 0x00, p.llVersion(), p.companyIdentifier(), p.subversion());
        }
      }
    }

    @Override
    public void updateDataLength(int txOctets, int txTime) {
      synchronized (lock) {
        if (!closed) {
          st().dataLengthChanged(this, txOctets, txTime, txOctets, txTime);
          peer.st().dataLengthChanged(peer, txOctets, txTime, txOctets, txTime);
        }
      }
    }

    @Override
    public void updatePhy(int txPhys, int rxPhys) {
      synchronized (lock) {
        if (!closed) {
          // DirectAir has only the 1M PHY: the procedure ends with both sides on it.
          st().phyUpdated(this, 0x00, 0x01, 0x01);
          peer.st().phyUpdated(peer, 0x00, 0x01, 0x01);
        }
      }
    }

    @Override
    public void disconnect(int reason) {
      synchronized (lock) {
        if (!closed) {
          end(0x16);
          peer.end(reason);
        }
      }
    }
  }
}
