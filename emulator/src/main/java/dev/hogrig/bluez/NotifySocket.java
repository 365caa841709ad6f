package dev.hogrig.bluez;

import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * One host's notification socket of the AcquireNotify path: a {@code SOCK_SEQPACKET} socket pair,
 * one end handed to bluetoothd in the reply of {@code AcquireNotify}, the other kept here to write
 * each notification value as one packet.
 *
 * <pre>
 *  GattApplication.notify(value) ──write(value)──▶ [local end] ══ socketpair ══ [remote end]
 *                                                                                │ (fd passed in
 *                                                                                │  the D-Bus reply)
 *                              bluetoothd: sock_io_read → read(fd, buf, 512) ◀───┘
 *                                          → send_notification_to_device (that host only)
 * </pre>
 *
 * <p>Why SEQPACKET: bluetoothd turns each {@code read()} on its end into one Handle Value
 * Notification ({@code sock_io_read}, src/gatt-database.c, BlueZ 5.66 to 5.82), so the socket must
 * keep message boundaries: on a stream socket two values written back to back could come out of one
 * read as one notification. BlueZ's own client does the same ({@code socketpair(AF_LOCAL,
 * SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC)}, client/gatt.c).
 *
 * <p>Lifetime: bluetoothd closes its end when the host writes 0 to the CCC ({@code ccc_write_cb}
 * frees the client io) or the ATT link goes down ({@code att_disconnect_cb} shuts the io down). A
 * reader thread waits on the local end and sees end-of-file then; it also drains the one byte
 * (0x01) bluetoothd writes for each indication confirmation. End-of-file only comes once every copy
 * of the remote end is closed, so {@link #releaseRemote()} must close ours once the reply that
 * carries it has left (see {@link GattApplication}).
 */
final class NotifySocket implements AutoCloseable {
  private final AFUNIXDatagramChannel local;
  private final AFUNIXDatagramChannel remote;
  private final int remoteFd;
  private final String peer;
  private final int mtu;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean remoteReleased = new AtomicBoolean();
  private volatile Runnable onClosed = () -> {};

  private NotifySocket(
      AFUNIXDatagramChannel local, AFUNIXDatagramChannel remote, String peer, int mtu)
      throws IOException {
    this.local = local;
    this.remote = remote;
    this.peer = peer;
    this.mtu = mtu;
    this.remoteFd = FileDescriptorCast.using(remote.getFileDescriptor()).as(Integer.class);
    // junixsocket shuts a socket down when it closes it (by default): on our copy of the remote
    // end that would shut down the one socket bluetoothd holds too, and bluetoothd would see the
    // hang-up at once (seen in the lab: both sockets "closed" right after the release). Closing
    // our copy must only drop our reference.
    remote.setShutdownOnClose(false);
  }

  /**
   * Opens a SEQPACKET pair (blocking mode) for {@code peer}.
   *
   * @throws IOException when the kernel or junixsocket refuses (the caller answers NotSupported,
   *     which makes bluetoothd fall back to StartNotify)
   */
  static NotifySocket open(String peer, int mtu) throws IOException {
    AFUNIXSocketPair<AFUNIXDatagramChannel> pair =
        AFUNIXSocketPair.openDatagram(AFSocketType.SOCK_SEQPACKET);
    return new NotifySocket(pair.getSocket1(), pair.getSocket2(), peer, mtu);
  }

  /** Starts the thread that waits for bluetoothd to close its end; then {@code onClosed} runs. */
  void watch(Runnable whenClosed, String threadName) {
    this.onClosed = whenClosed;
    Thread t = new Thread(this::readUntilClosed, threadName);
    t.setDaemon(true);
    t.start();
  }

  private void readUntilClosed() {
    ByteBuffer buf = ByteBuffer.allocate(64);
    try {
      while (!closed.get()) {
        buf.clear();
        int n = local.read(buf);
        if (n <= 0) {
          break; // SEQPACKET end of file: recv() returned 0, every copy of the remote end closed
        }
        // 0x01 per indication confirmation (doc/org.bluez.GattCharacteristic.rst): nothing to do.
      }
    } catch (IOException e) {
      // closed under us (close()) or the peer went away: both end the socket
    }
    close();
  }

  /** The remote end's descriptor number, valid until {@link #releaseRemote()}. */
  int remoteFd() {
    return remoteFd;
  }

  /** Closes our copy of bluetoothd's end (after the reply carrying it was sent). Idempotent. */
  void releaseRemote() {
    if (remoteReleased.compareAndSet(false, true)) {
      try {
        remote.close();
      } catch (IOException e) {
        // nothing to do: the descriptor is gone either way
      }
    }
  }

  boolean isRemoteReleased() {
    return remoteReleased.get();
  }

  String peer() {
    return peer;
  }

  int mtu() {
    return mtu;
  }

  boolean isOpen() {
    return !closed.get();
  }

  /**
   * Writes {@code value} as one packet. Blocks while the socket buffer is full (bluetoothd has not
   * read the packets before: back pressure, in order).
   *
   * @return false when the socket is closed (bluetoothd closed its end): nothing was sent
   */
  boolean send(Bytes value) {
    if (closed.get()) {
      return false;
    }
    try {
      local.write(ByteBuffer.wrap(value.toArray()));
      return true;
    } catch (IOException e) {
      close();
      return false;
    }
  }

  /** Closes both ends that are ours; runs the close action once. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    releaseRemote();
    try {
      local.close();
    } catch (IOException e) {
      // gone either way
    }
    try {
      onClosed.run();
    } catch (RuntimeException e) {
      // the owner's bookkeeping must not break the reader thread
    }
  }

  @Override
  public String toString() {
    return "NotifySocket[" + peer + ", mtu " + mtu + ", " + (isOpen() ? "open" : "closed") + "]";
  }
}
