package dev.hogrig.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Runs shell commands in the lab guest as root, one at a time, over a virtio-serial port that qemu
 * backs with a unix socket on the machine (so nothing listens on the network for it).
 *
 * <p>The wire format is line based and survives a command that timed out on the machine's side:
 *
 * <pre>
 *  machine -> guest:  TOKEN SP TIMEOUT-SECONDS SP BASE64(command) LF
 *  guest -> machine:  output bytes (stdout and stderr, merged) LF TOKEN SP EXIT-STATUS LF
 * </pre>
 *
 * TOKEN is {@code HOGRIG-END-} and a fresh random id per command; the guest adds the LF before the
 * token itself, so the command's output is returned byte for byte. Output that ends with another
 * command's token (one the machine gave up waiting for) is dropped. The guest runs each command
 * under {@code timeout -k 2 SECONDS bash -c}, so a command that hangs ends with status 124 (or 137
 * when it ignored SIGTERM).
 */
public final class GuestShell implements AutoCloseable {
  /** A finished command: its exit status and its merged stdout/stderr. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private static final String TOKEN_PREFIX = "HOGRIG-END-";
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final SocketChannel channel;
  private final Selector selector;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private GuestShell(SocketChannel channel, Selector selector) {
    this.channel = channel;
    this.selector = selector;
  }

  /** Connects to the unix socket of qemu's chardev. */
  static GuestShell connect(Path socket) {
    try {
      SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.configureBlocking(false);
      Selector sel = Selector.open();
      ch.register(sel, SelectionKey.OP_READ);
      return new GuestShell(ch, sel);
    } catch (IOException e) {
      throw new LabException("cannot connect to the guest shell socket " + socket + ": " + e, e);
    }
  }

  /**
   * Runs {@code command} with {@code bash -c} in the guest (cwd /root) and returns its exit status
   * and output. The guest kills the command after {@code timeout}; this call gives up a few seconds
   * later with a {@link LabException}.
   *
   * <p>Stdin is an idle pipe that never reaches EOF, because BlueZ's shell-based tools ({@code
   * bluetoothctl}, {@code btmgmt}) quit on an EOF stdin before their answer arrives, printing
   * nothing and exiting 0. A command that reads stdin therefore waits until its timeout.
   */
  public synchronized Result run(String command, Duration timeout) {
    String token = TOKEN_PREFIX + UUID.randomUUID().toString().replace("-", "");
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    String line =
        token
            + " "
            + seconds
            + " "
            + Base64.getEncoder().encodeToString(command.getBytes(StandardCharsets.UTF_8))
            + "\n";
    long deadline = System.nanoTime() + timeout.plus(MARGIN).toNanos();
    try {
      write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)), deadline);
      while (true) {
        Result r = parse(token);
        if (r != null) {
          return r;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new LabException(
              "guest command did not answer within "
                  + timeout.plus(MARGIN).toSeconds()
                  + " s: "
                  + command);
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        ByteBuffer buf = ByteBuffer.allocate(65536);
        int n;
        while ((n = channel.read(buf)) > 0) {
          pending.write(buf.array(), 0, n);
          buf.clear();
        }
        if (n < 0) {
          throw new LabException("the guest shell connection closed (did the VM stop?)");
        }
      }
    } catch (IOException e) {
      throw new LabException("guest shell I/O failed: " + e, e);
    }
  }

  /** Sends a command without waiting for its answer (used for power-off). */
  synchronized void fireAndForget(String command) {
    String line =
        TOKEN_PREFIX
            + "poweroff 30 "
            + Base64.getEncoder().encodeToString(command.getBytes(StandardCharsets.UTF_8))
            + "\n";
    try {
      write(
          ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)),
          System.nanoTime() + Duration.ofSeconds(5).toNanos());
    } catch (IOException e) {
      throw new LabException("guest shell I/O failed: " + e, e);
    }
  }

  private void write(ByteBuffer buf, long deadline) throws IOException {
    while (buf.hasRemaining()) {
      if (channel.write(buf) == 0) {
        if (System.nanoTime() > deadline) {
          throw new LabException("the guest does not read its shell port");
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LabException("interrupted while writing to the guest shell", e);
        }
      }
    }
  }

  /**
   * Looks for "LF TOKEN SP STATUS LF" in what arrived. Drops everything up to a marker of another
   * (abandoned) command.
   */
  private Result parse(String token) {
    byte[] data = pending.toByteArray();
    byte[] prefix = ("\n" + TOKEN_PREFIX).getBytes(StandardCharsets.US_ASCII);
    int from = 0;
    while (true) {
      int at = indexOf(data, prefix, from);
      if (at < 0) {
        return null;
      }
      int eol = -1;
      for (int i = at + 1; i < data.length; i++) {
        if (data[i] == '\n') {
          eol = i;
          break;
        }
      }
      if (eol < 0) {
        return null; // marker line not complete yet
      }
      String marker = new String(data, at + 1, eol - at - 1, StandardCharsets.US_ASCII);
      int sp = marker.indexOf(' ');
      String seen = sp < 0 ? marker : marker.substring(0, sp);
      if (seen.equals(token)) {
        int status;
        try {
          status = Integer.parseInt(marker.substring(sp + 1).trim());
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          throw new LabException("garbled status line from the guest shell: " + marker);
        }
        String output = new String(data, 0, at, StandardCharsets.UTF_8);
        pending.reset();
        pending.write(data, eol + 1, data.length - eol - 1);
        return new Result(status, output);
      }
      // An older command's end: drop its output and look further.
      byte[] rest = java.util.Arrays.copyOfRange(data, eol + 1, data.length);
      pending.reset();
      pending.write(rest, 0, rest.length);
      data = rest;
      from = 0;
    }
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public synchronized void close() {
    try {
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
