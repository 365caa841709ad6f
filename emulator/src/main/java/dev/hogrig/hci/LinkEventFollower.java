package dev.hogrig.hci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Tails a btsnoop capture while btmon writes it and hands each {@link LinkEvent} to a listener, on
 * its own daemon thread, in capture order. The lab's guest appends {@code hci.btsnoop} over 9p
 * while the JVM reads it; {@code tail -f} in Java:
 *
 * <ul>
 *   <li>the file need not exist yet: the follower waits for it;
 *   <li>at the end of the file it sleeps for the poll interval and reads on from where it stopped
 *       (a {@link java.io.FileInputStream} at its end returns more once the file grew);
 *   <li>a record cut in the middle (btmon writes header and data with two {@code write(2)} calls)
 *       is held back until the rest arrives ({@link BtsnoopReader}); {@link #incomplete()} says so;
 *   <li>a file that shrank below what was read (a new capture in its place) is read again from its
 *       start, with fresh decoder state;
 *   <li>input that is not a btsnoop monitor file stops the follower: {@link #failure()} has the
 *       {@link HciFormatException}; so does a read error (as {@link UncheckedIOException});
 *   <li>{@link #close()} stops it: no event is delivered after close returns.
 * </ul>
 *
 * A listener that throws does not stop the follower ({@link #listenerFailures()} counts it). The
 * listener runs on the follower's thread: it should be quick (e.g. add to a concurrent list).
 */
public final class LinkEventFollower implements AutoCloseable {
  /** Poll interval of {@link #start(Path, Consumer)}. */
  public static final Duration DEFAULT_POLL = Duration.ofMillis(20);

  /** Shortest accepted poll interval: anything shorter only burns a core. */
  public static final Duration MIN_POLL = Duration.ofMillis(1);

  /** Longest accepted poll interval: events later than this are no longer "live". */
  public static final Duration MAX_POLL = Duration.ofSeconds(1);

  private final Path file;
  private final long pollNanos;
  private final Consumer<? super LinkEvent> listener;
  private final Thread thread;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong listenerFailures = new AtomicLong();
  private volatile boolean closed;
  private volatile long offset;
  private volatile boolean incomplete;
  private volatile RuntimeException failure;

  private LinkEventFollower(Path file, Duration poll, Consumer<? super LinkEvent> listener) {
    this.file = Objects.requireNonNull(file, "file");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (poll.compareTo(MIN_POLL) < 0 || poll.compareTo(MAX_POLL) > 0) {
      throw new IllegalArgumentException(
          "poll interval must be between " + MIN_POLL + " and " + MAX_POLL + ", got " + poll);
    }
    this.pollNanos = poll.toNanos();
    this.thread = new Thread(this::run, "link-events " + file.getFileName());
    thread.setDaemon(true);
  }

  /** Follows {@code file} with {@link #DEFAULT_POLL}. */
  public static LinkEventFollower start(Path file, Consumer<? super LinkEvent> listener) {
    return start(file, DEFAULT_POLL, listener);
  }

  /**
   * Follows {@code file}, polling every {@code poll} at its end.
   *
   * @throws IllegalArgumentException when {@code poll} is outside [{@link #MIN_POLL}, {@link
   *     #MAX_POLL}]
   */
  public static LinkEventFollower start(
      Path file, Duration poll, Consumer<? super LinkEvent> listener) {
    LinkEventFollower f = new LinkEventFollower(file, poll, listener);
    f.thread.start();
    return f;
  }

  public Path file() {
    return file;
  }

  /** Whole records read so far (since the last restart on a shrunk file). */
  public long recordsRead() {
    return records.get();
  }

  /** Events handed to the listener so far. */
  public long eventsDelivered() {
    return events.get();
  }

  /** Bytes of whole records read, file header included. */
  public long offset() {
    return offset;
  }

  /** True while the file ends inside a record: the rest is awaited. */
  public boolean incomplete() {
    return incomplete;
  }

  /** Listener calls that threw. */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /** Why the follower stopped on its own, if it did. */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /** True until {@link #close()} or a {@link #failure()}. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Stops following and waits (up to 10 s) for the thread to end. Idempotent. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "LinkEventFollower[" + file + ", " + records.get() + " records]";
  }

  private void run() {
    InputStream in = null;
    try {
      BtsnoopReader reader = null;
      LinkEvents.Decoder decoder = new LinkEvents.Decoder();
      while (!closed) {
        if (reader == null) {
          try {
            in = Files.newInputStream(file);
          } catch (NoSuchFileException e) {
            pause();
            continue;
          }
          reader = new BtsnoopReader(in);
        }
        Optional<BtsnoopRecord> r;
        while (!closed && (r = reader.next()).isPresent()) {
          records.incrementAndGet();
          deliver(decoder.accept(HciTrace.decode(r.get())));
        }
        offset = reader.offset();
        incomplete = reader.incomplete();
        if (size() < reader.offset()) {
          // Replaced by a shorter file: a new capture. Start over.
          in.close();
          in = null;
          reader = null;
          decoder = new LinkEvents.Decoder();
          records.set(0);
          continue;
        }
        pause();
      }
    } catch (IOException e) {
      failure = new UncheckedIOException("following " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // nothing left to read from it
        }
      }
    }
  }

  private long size() throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private void deliver(Iterable<LinkEvent> found) {
    for (LinkEvent e : found) {
      if (closed) {
        return;
      }
      try {
        listener.accept(e);
      } catch (RuntimeException ex) {
        listenerFailures.incrementAndGet();
      }
      events.incrementAndGet();
    }
  }

  private void pause() {
    if (!closed) {
      LockSupport.parkNanos(this, pollNanos);
    }
  }
}
