package dev.hogrig.hci;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LinkEventFollower} on a file this test appends to, as btmon appends to the lab's capture:
 * in pieces, sometimes cutting a record in two. The expected events are those {@link LinkEvents}
 * derives from the whole file (itself tested in {@link LinkEventsTest}): following must lose,
 * repeat or reorder none.
 */
class LinkEventFollowerTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final BdAddr HOST = BdAddr.parse("00:AA:01:01:00:01");

  @TempDir Path dir;

  final List<LinkEvent> got = new CopyOnWriteArrayList<>();

  /** Connect, both MTU exchanges, an encryption change, a disconnection: 5 events. */
  static TraceBuilder session() {
    return new TraceBuilder()
        .connected(0, 0x2a, 1, HOST)
        .attTx(0, 0x2a, new AttPdu.ExchangeMtuRequest(517))
        .attRx(0, 0x2a, new AttPdu.ExchangeMtuRequest(517))
        .attTx(0, 0x2a, new AttPdu.ExchangeMtuResponse(517))
        .attRx(0, 0x2a, new AttPdu.ExchangeMtuResponse(517))
        .event(0, new HciEvent.EncryptionChangeV2(0, 0x2a, 1, 16))
        .disconnected(0, 0x2a, 0x13);
  }

  static List<LinkEvent> expected(Bytes file) {
    return LinkEvents.from(HciTrace.read(new java.io.ByteArrayInputStream(file.toArray())));
  }

  /** Offsets where the file header and each record end. */
  static List<Long> boundaries(Bytes file) {
    List<Long> out = new java.util.ArrayList<>();
    BtsnoopReader r = new BtsnoopReader(new java.io.ByteArrayInputStream(file.toArray()));
    while (r.next().isPresent()) {
      out.add(r.offset());
    }
    out.add(0, (long) BtsnoopReader.HEADER_SIZE);
    return out;
  }

  void append(Path file, Bytes part) {
    try {
      Files.write(file, part.toArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aFileThatGrowsInPiecesYieldsEveryEventOnceInOrder() {
    Bytes all = session().bytes();
    List<LinkEvent> want = expected(all);
    assertEquals(5, want.size(), want.toString());
    Path file = dir.resolve("hci.btsnoop");
    // Cut points: inside the file header, inside a record header, inside a record's data, and
    // on record boundaries, so the follower sees every kind of partial end.
    int[] cuts = {7, 16 + 10, 16 + 24 + 5, 120, 121, 200, all.size()};
    try (LinkEventFollower f = LinkEventFollower.start(file, Duration.ofMillis(2), got::add)) {
      List<Long> boundaries = boundaries(all);
      int from = 0;
      for (int cut : cuts) {
        append(file, all.slice(from, cut));
        from = cut;
        // The follower has caught up when it consumed every whole record before the cut and holds
        // the rest back.
        long whole = boundaries.stream().filter(b -> b <= cut).mapToLong(b -> b).max().orElse(0);
        boolean partial = whole != cut;
        await().atMost(WAIT).until(() -> f.offset() == whole && f.incomplete() == partial);
      }
      await().atMost(WAIT).until(() -> got.size() == want.size());
      assertEquals(want, got);
      assertEquals(session().size(), f.recordsRead());
      assertFalse(f.incomplete());
      assertEquals(all.size(), f.offset());
    }
  }

  @Test
  void aPartialTrailingRecordIsHeldUntilItsRestArrives() {
    Bytes all = session().bytes();
    List<LinkEvent> want = expected(all);
    Path file = dir.resolve("hci.btsnoop");
    // The last record (the Disconnection Complete) loses its last 3 bytes: its reason among them.
    int cut = all.size() - 3;
    append(file, all.slice(0, cut));
    try (LinkEventFollower f = LinkEventFollower.start(file, Duration.ofMillis(2), got::add)) {
      await().atMost(WAIT).until(() -> f.recordsRead() == session().size() - 1);
      await().atMost(WAIT).until(f::incomplete);
      assertEquals(want.subList(0, 4), got);
      append(file, all.slice(cut, all.size()));
      await().atMost(WAIT).until(() -> got.size() == 5);
      assertEquals(want, got);
      assertEquals(0x13, assertInstanceOf(LinkEvent.Disconnected.class, got.get(4)).reason());
    }
  }

  @Test
  void waitsForTheFileToAppear() {
    Path file = dir.resolve("later.btsnoop");
    try (LinkEventFollower f = LinkEventFollower.start(file, Duration.ofMillis(2), got::add)) {
      assertTrue(f.isRunning());
      append(file, session().bytes());
      await().atMost(WAIT).until(() -> got.size() == 5);
    }
  }

  @Test
  void closeStopsTheThreadAndNothingIsDeliveredAfterIt() {
    Bytes all = session().bytes();
    Path file = dir.resolve("hci.btsnoop");
    int half = 16 + 3 * 24; // inside the third record
    append(file, all.slice(0, half));
    LinkEventFollower f = LinkEventFollower.start(file, Duration.ofMillis(2), got::add);
    await().atMost(WAIT).until(() -> got.size() == 1);
    f.close();
    assertFalse(f.isRunning());
    append(file, all.slice(half, all.size()));
    assertEquals(1, got.size(), "the follower's thread has ended: nothing can arrive");
    f.close(); // idempotent
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheFollower() {
    Path file = dir.resolve("hci.btsnoop");
    append(file, session().bytes());
    try (LinkEventFollower f =
        LinkEventFollower.start(
            file,
            Duration.ofMillis(2),
            e -> {
              got.add(e);
              if (e instanceof LinkEvent.Connected) {
                throw new IllegalStateException("listener bug");
              }
            })) {
      await().atMost(WAIT).until(() -> got.size() == 5);
      assertEquals(1, f.listenerFailures());
      assertTrue(f.isRunning());
    }
  }

  @Test
  void aFileThatIsNotBtsnoopStopsTheFollowerWithTheReason() {
    Path file = dir.resolve("notes.txt");
    append(
        file,
        Bytes.copyOf(
            "this is not a capture\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    try (LinkEventFollower f = LinkEventFollower.start(file, Duration.ofMillis(2), got::add)) {
      await().atMost(WAIT).until(() -> !f.isRunning());
      HciFormatException e = assertInstanceOf(HciFormatException.class, f.failure().orElseThrow());
      assertTrue(e.getMessage().contains("not a btsnoop file"), e.getMessage());
    }
  }

  @Test
  void aReplacedShorterFileIsReadFromItsStart() throws IOException {
    Path file = dir.resolve("hci.btsnoop");
    append(file, session().bytes());
    try (LinkEventFollower f = LinkEventFollower.start(file, Duration.ofMillis(2), got::add)) {
      await().atMost(WAIT).until(() -> got.size() == 5);
      // A new lab run writes a new capture: header and one connection.
      Bytes next = new TraceBuilder().connected(1, 0x40, 0, HOST).bytes();
      Files.write(file, next.toArray());
      await().atMost(WAIT).until(() -> got.size() == 6);
      LinkEvent.Connected c = assertInstanceOf(LinkEvent.Connected.class, got.get(5));
      assertEquals(1, c.index());
    }
  }

  @Test
  void pollIntervalIsBounded() {
    Path file = dir.resolve("x");
    assertThrows(
        IllegalArgumentException.class,
        () -> LinkEventFollower.start(file, Duration.ZERO, got::add));
    assertThrows(
        IllegalArgumentException.class,
        () -> LinkEventFollower.start(file, Duration.ofSeconds(2), got::add));
  }
}
