package dev.hogrig.replay;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hid.DecodedReport;
import dev.hogrig.hid.HidException;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects what the host wrote to the device's reports while a replay ran: output reports (a
 * keyboard's LEDs) and feature reports (a touchpad's Input Mode), each with the device clock's time
 * and its values decoded through the descriptor, by usage name.
 *
 * <pre>
 *   host writes 0x02 to the keyboard's Output report
 *     → HostWrite(time, peer, OUTPUT, id 0, boot=false, value 02, {Num Lock=0, Caps Lock=1, ...})
 * </pre>
 *
 * <p>It listens to the device's {@link GattEvent}s: {@link GattEvent.OutputReport} and {@link
 * GattEvent.FeatureWrite}, which {@link HogpDevice} publishes only for writes it accepted (HIDS 1.0
 * §3.6). A write to the Boot Keyboard Output Report is decoded as HID 1.11 Appendix B.1 lays it
 * out: bit 0 Num Lock .. bit 4 Kana (LED page 0x08, usages 1..5). Thread-safe: BlueZ calls arrive
 * on D-Bus threads.
 */
public final class HostWriteRecorder implements Consumer<GattEvent> {

  /**
   * One accepted write.
   *
   * @param reportId 0 for a boot write or a descriptor without report IDs
   * @param boot true for a write to the Boot Keyboard Output Report
   * @param value the payload as written (no report ID byte)
   * @param values decoded logical values by usage name (first occurrence of each; pressed array
   *     usages as 1); empty when the value does not decode
   */
  public record HostWrite(
      Instant time,
      String peer,
      ReportType type,
      int reportId,
      boolean boot,
      Bytes value,
      ImmutableMap<String, Long> values) {

    /** The value named {@code usageName} ("Caps Lock"), if the write carried it. */
    public Optional<Long> value(String usageName) {
      return Optional.ofNullable(values.get(usageName));
    }
  }

  private final ReportDescriptor descriptor;
  private final List<HostWrite> writes = new ArrayList<>();

  /** A recorder decoding through {@code descriptor}; feed it with {@link #accept}. */
  public HostWriteRecorder(ReportDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A recorder listening to {@code device} from now on ({@link HogpDevice#addListener}). */
  public static HostWriteRecorder attach(HogpDevice device) {
    HostWriteRecorder r = new HostWriteRecorder(device.profile().descriptor());
    device.addListener(r);
    return r;
  }

  @Override
  public void accept(GattEvent e) {
    HostWrite w = null;
    if (e instanceof GattEvent.OutputReport o) {
      w =
          new HostWrite(
              o.time(),
              o.peer(),
              ReportType.OUTPUT,
              o.reportId(),
              o.boot(),
              o.value(),
              o.boot() ? bootLeds(o.value()) : decode(ReportType.OUTPUT, o.reportId(), o.value()));
    } else if (e instanceof GattEvent.FeatureWrite f) {
      w =
          new HostWrite(
              f.time(),
              f.peer(),
              ReportType.FEATURE,
              f.reportId(),
              false,
              f.value(),
              decode(ReportType.FEATURE, f.reportId(), f.value()));
    }
    if (w != null) {
      synchronized (writes) {
        writes.add(w);
      }
    }
  }

  /** Everything recorded so far, in arrival order. */
  public ImmutableList<HostWrite> writes() {
    synchronized (writes) {
      return ImmutableList.copyOf(writes);
    }
  }

  /** The output report writes only (LEDs). */
  public ImmutableList<HostWrite> outputs() {
    return writes().stream()
        .filter(w -> w.type() == ReportType.OUTPUT)
        .collect(ImmutableList.toImmutableList());
  }

  private ImmutableMap<String, Long> decode(ReportType type, int id, Bytes payload) {
    DecodedReport d;
    try {
      d = ReportCodec.decodePayload(descriptor, type, id, payload);
    } catch (HidException ex) {
      return ImmutableMap.of();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (DecodedReport.Value v : d.values()) {
      if (v.usage().isEmpty()) {
        continue;
      }
      String name = UsageNames.name(v.usage().get());
      if (v.kind() == DecodedReport.Kind.VARIABLE) {
        out.putIfAbsent(name, v.logical());
      } else if (v.kind() == DecodedReport.Kind.ARRAY) {
        out.putIfAbsent(name, 1L);
      }
    }
    return ImmutableMap.copyOf(out);
  }

  /** HID 1.11 Appendix B.1: Boot Keyboard Output Report, bit n−1 = LED usage n, n = 1..5. */
  private static ImmutableMap<String, Long> bootLeds(Bytes value) {
    if (value.size() < 1) {
      return ImmutableMap.of();
    }
    ImmutableMap.Builder<String, Long> out = ImmutableMap.builder();
    for (int n = 1; n <= 5; n++) {
      out.put(
          UsageNames.name(new Usage(Usages.PAGE_LED, n)), (long) ((value.get(0) >> (n - 1)) & 1));
    }
    return out.buildOrThrow();
  }
}
