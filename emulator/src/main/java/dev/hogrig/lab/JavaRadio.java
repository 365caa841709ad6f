package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import dev.hogrig.controller.Air;
import dev.hogrig.controller.DirectAir;
import dev.hogrig.controller.LlAir;
import dev.hogrig.controller.VirtualController;
import dev.hogrig.hci.BdAddr;
import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The lab's Java radio: two {@link VirtualController}s joined by a {@link DirectAir}, each one
 * behind a qemu serial port. qemu serves each port as a unix socket ({@code -chardev
 * socket,server=on,wait=off -serial chardev:...}); the guest sees them as {@code ttyS1} and {@code
 * ttyS2} and attaches them with {@code btattach -B /dev/ttySn -P h4}, so the guest kernel's {@code
 * hci_uart} speaks H4 to the controllers over the 16550 emulation:
 *
 * <pre>
 *  guest kernel hci_uart --ttyS1--> qemu --{run}/h4-1.sock--> VirtualController "hci-a" --+
 *                                                                                        DirectAir
 *  guest kernel hci_uart --ttyS2--> qemu --{run}/h4-2.sock--> VirtualController "hci-b" --+
 * </pre>
 *
 * With {@code linkLayer} the air is an {@link LlAir} instead: the same controllers, their links run
 * through the link layer (personas made from the controllers, connection events on the wall clock);
 * its figures are logged when the radio closes.
 *
 * <p>The JVM must be connected before the guest attaches the ports: a socket chardev with no client
 * drops what the guest writes, and the kernel's HCI_Reset would be lost. {@link #connect} waits for
 * qemu to create the sockets and connects at once, long before the guest boots that far.
 */
final class JavaRadio implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JavaRadio.class.getName());

  /** The controllers' public addresses, in port order (ttyS1, ttyS2). */
  static final ImmutableList<BdAddr> ADDRESSES =
      ImmutableList.of(BdAddr.parse("00:AA:01:01:00:01"), BdAddr.parse("00:AA:01:02:00:02"));

  private final Air air;
  private final AutoCloseable airCloser;
  private final List<SocketChannel> channels = new ArrayList<>();
  private final List<VirtualController> controllers = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private final AtomicLong bytesToHost = new AtomicLong();
  private final AtomicLong bytesFromHost = new AtomicLong();
  private volatile boolean closed;

  private JavaRadio(boolean linkLayer) {
    if (linkLayer) {
      LlAir ll = new LlAir();
      air = ll;
      airCloser =
          () -> {
            for (LlAir.LinkFigures f : ll.figures()) {
              LOG.info("ll-air: " + f);
            }
            ll.close();
          };
    } else {
      DirectAir direct = new DirectAir();
      air = direct;
      airCloser = direct;
    }
  }

  /** The socket paths qemu serves, in port order. */
  static List<Path> sockets(Path runDir) {
    return List.of(runDir.resolve("h4-1.sock"), runDir.resolve("h4-2.sock"));
  }

  /** Connects to qemu's sockets (waiting up to {@code waitMillis} for them) and starts. */
  static JavaRadio connect(List<Path> sockets, long waitMillis) {
    return connect(sockets, waitMillis, false);
  }

  /**
   * As {@link #connect(List, long)}; with {@code linkLayer} the controllers share an {@link LlAir}
   * rather than a {@link DirectAir}.
   */
  static JavaRadio connect(List<Path> sockets, long waitMillis, boolean linkLayer) {
    JavaRadio r = new JavaRadio(linkLayer);
    try {
      for (int i = 0; i < sockets.size(); i++) {
        SocketChannel ch = open(sockets.get(i), waitMillis);
        r.channels.add(ch);
        VirtualController c =
            new VirtualController(
                "hci-" + (char) ('a' + i), ADDRESSES.get(i), r.air, bytes -> r.write(ch, bytes));
        r.controllers.add(c);
        Thread t = new Thread(() -> r.read(ch, c), "h4-reader-" + c.name());
        t.setDaemon(true);
        r.readers.add(t);
      }
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    r.readers.forEach(Thread::start);
    return r;
  }

  private static SocketChannel open(Path socket, long waitMillis) {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (true) {
      try {
        if (Files.exists(socket)) {
          SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
          ch.connect(UnixDomainSocketAddress.of(socket));
          return ch;
        }
      } catch (IOException e) {
        if (System.currentTimeMillis() > deadline) {
          throw new LabException("cannot connect to the H4 socket " + socket + ": " + e, e);
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new LabException("qemu did not create the H4 socket " + socket);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException("interrupted while connecting to " + socket, e);
      }
    }
  }

  private void read(SocketChannel ch, VirtualController c) {
    ByteBuffer buf = ByteBuffer.allocate(4096);
    try {
      while (!closed) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        bytesFromHost.addAndGet(n);
        c.fromHost(buf.array(), 0, n);
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.warning(c.name() + ": H4 socket read failed: " + e);
      }
    }
  }

  private void write(SocketChannel ch, Bytes h4) {
    ByteBuffer b = ByteBuffer.wrap(h4.toArray());
    try {
      synchronized (ch) {
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      bytesToHost.addAndGet(h4.size());
    } catch (IOException e) {
      if (!closed) {
        LOG.warning("H4 socket write failed: " + e);
      }
    }
  }

  List<VirtualController> controllers() {
    return List.copyOf(controllers);
  }

  /** Bytes the controllers sent to the guest, and received from it, so far. */
  long bytesToHost() {
    return bytesToHost.get();
  }

  long bytesFromHost() {
    return bytesFromHost.get();
  }

  @Override
  public void close() {
    closed = true;
    for (VirtualController c : controllers) {
      c.close();
    }
    for (SocketChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    try {
      airCloser.close();
    } catch (Exception e) {
      LOG.warning("closing the air failed: " + e);
    }
  }
}
