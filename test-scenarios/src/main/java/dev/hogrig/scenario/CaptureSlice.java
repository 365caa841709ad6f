package dev.hogrig.scenario;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hci.BtsnoopReader;
import dev.hogrig.hci.BtsnoopRecord;
import dev.hogrig.hci.BtsnoopWriter;
import dev.hogrig.hci.HciTrace;
import dev.hogrig.hci.LinkEvent;
import dev.hogrig.hci.LinkEvents;
import dev.hogrig.hci.MonitorOpcode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One scenario's part of the lab's btsnoop capture (btmon writes one file for the whole run): the
 * records written since a mark, preceded by the run's controller announcements (New Index, Index
 * Info), without which Wireshark would not know which controller a packet belongs to.
 *
 * <pre>
 *   hci.btsnoop (whole run)   [hdr][NewIndex 0][NewIndex 1][..other scenarios..][mark ... end]
 *   slice                     [hdr][NewIndex 0][NewIndex 1]                     [mark ... end]
 * </pre>
 */
final class CaptureSlice {
  private CaptureSlice() {}

  /** How many complete records the capture holds now: the mark for {@link #since}. */
  static long mark(Path capture) {
    return read(capture).size();
  }

  /** The records after {@code mark}, as a btsnoop file; empty when there is no capture. */
  static Optional<byte[]> since(Path capture, long mark) {
    List<BtsnoopRecord> all = read(capture);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    List<BtsnoopRecord> out = new ArrayList<>();
    for (int i = 0; i < Math.min(mark, all.size()); i++) {
      BtsnoopRecord r = all.get(i);
      if (r.opcode() == MonitorOpcode.NEW_INDEX.code()
          || r.opcode() == MonitorOpcode.INDEX_INFO.code()) {
        out.add(r);
      }
    }
    out.addAll(all.subList((int) Math.min(mark, all.size()), all.size()));
    return Optional.of(BtsnoopWriter.encodeFile(out).toArray());
  }

  /**
   * The link-layer events (connections, disconnections with reasons, MTU, encryption, parameter
   * updates) of the records after {@code mark}, every controller.
   */
  static ImmutableList<LinkEvent> linkEvents(Path capture, long mark) {
    return since(capture, mark)
        .map(bytes -> LinkEvents.from(HciTrace.read(new java.io.ByteArrayInputStream(bytes))))
        .orElse(ImmutableList.of());
  }

  private static ImmutableList<BtsnoopRecord> read(Path capture) {
    if (!Files.isRegularFile(capture)) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<BtsnoopRecord> b = ImmutableList.builder();
    try (InputStream in = Files.newInputStream(capture);
        BtsnoopReader r = new BtsnoopReader(new java.io.BufferedInputStream(in))) {
      Optional<BtsnoopRecord> next;
      while ((next = r.next()).isPresent()) {
        b.add(next.get());
      }
    } catch (IOException | RuntimeException e) {
      // A capture cut mid-record (btmon still writing) ends the slice there.
    }
    return b.build();
  }
}
