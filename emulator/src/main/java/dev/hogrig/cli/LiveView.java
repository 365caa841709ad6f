package dev.hogrig.cli;

import com.google.gson.JsonObject;
import dev.hogrig.bluez.DeviceRef;
import dev.hogrig.bluez.GattApplication;
import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.GattUuids;
import dev.hogrig.hid.DecodedReport;
import dev.hogrig.hid.HidException;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.UsageTables;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code hogrig emulate} prints while it runs: one line per thing the host does, stamped with
 * the time since the emulation started. Three sources feed it, each on its own thread (so every
 * method is synchronized and the lines never interleave): the device's {@link GattEvent}s (reads,
 * writes and what HIDS made of them), the GATT application's {@link GattApplication.Subscription}s
 * (bluetoothd's StartNotify/StopNotify: a host enabled notifications in a CCC), and the pairing
 * agent.
 *
 * <p>Text lines look like this (the kind column is 11 wide):
 *
 * <pre>
 *     +1.234 s  read        Report Map @0 -&gt; ok (63 B)
 *     +1.301 s  subscribe   Report (Input, id 0)
 *     +2.010 s  output      report id 0 = 02 (LEDs: Caps Lock)
 *     +0.512 s  pairing     confirm passkey 123456 for 00:AA:01:02:00:02 on hci1 -&gt; accepted
 * </pre>
 *
 * <p>A write that HIDS turned into a specific record (HIDS 1.0: Protocol Mode, Control Point,
 * output and feature reports) produces two events, the record and then the plain {@link
 * GattEvent.Write} of the same access ({@link GattEvent} says so); the text view prints the record
 * only and folds the successful write that follows it. {@code --json} prints one object per event,
 * nothing folded, so scripts see everything.
 */
final class LiveView {
  private static final UsageTables USAGES = UsageTables.standard();

  /** Reads of values longer than this print their length, not their bytes. */
  static final int SHOWN_BYTES = 16;

  private final PrintWriter out;
  private final boolean json;
  private final Instant start;
  private final ReportDescriptor descriptor;
  private GattEvent foldNextWrite;

  /**
   * @param descriptor the emulated device's descriptor, to name the LEDs of output reports
   * @param start time zero of the timestamps
   */
  LiveView(PrintWriter out, boolean json, ReportDescriptor descriptor, Instant start) {
    this.out = out;
    this.json = json;
    this.descriptor = descriptor;
    this.start = start;
  }

  Instant start() {
    return start;
  }

  /** Prints one device event (a folded write prints nothing). */
  synchronized void event(GattEvent e) {
    if (json) {
      emit(json(e));
      return;
    }
    GattEvent fold = foldNextWrite;
    foldNextWrite = null;
    if (e instanceof GattEvent.Write w && fold != null && folds(fold, w)) {
      return;
    }
    if (e instanceof GattEvent.ProtocolModeChanged
        || e instanceof GattEvent.ControlPoint
        || e instanceof GattEvent.OutputReport
        || e instanceof GattEvent.FeatureWrite) {
      foldNextWrite = e;
    }
    line(e.time(), kind(e), text(e));
  }

  /**
   * Prints a StartNotify or AcquireNotify ({@code subscribe}) or a StopNotify or closed socket
   * ({@code unsubscribe}); JSON names the notification path ({@code PropertiesChanged} or {@code
   * AcquireNotify}) and, for AcquireNotify, the peer; text adds them only for AcquireNotify.
   */
  synchronized void subscription(GattApplication.Subscription s) {
    foldNextWrite = null;
    String kind = s.notifying() ? "subscribe" : "unsubscribe";
    if (json) {
      JsonObject o = head(s.time(), kind);
      o.addProperty("attribute", s.characteristic().label());
      o.addProperty("path", s.path().wireName());
      if (!s.peer().isEmpty()) {
        o.addProperty("peer", s.peer());
      }
      emit(o);
      return;
    }
    String via =
        s.path() == GattApplication.NotifyPath.ACQUIRE_NOTIFY
            ? " via AcquireNotify" + (s.peer().isEmpty() ? "" : " (" + s.peer() + ")")
            : "";
    line(s.time(), kind, s.characteristic().label() + via);
  }

  /**
   * Prints what the pairing agent was asked and answered.
   *
   * @param request e.g. {@code confirm passkey}
   * @param detail the passkey or UUID, or empty
   * @param device the remote device, or null (Cancel, Release)
   * @param answer e.g. {@code accepted}, or empty for a notice
   */
  synchronized void pairing(
      Instant at, String request, String detail, DeviceRef device, String answer) {
    foldNextWrite = null;
    if (json) {
      JsonObject o = head(at, "pairing");
      o.addProperty("request", request);
      if (!detail.isEmpty()) {
        o.addProperty("detail", detail);
      }
      if (device != null) {
        o.addProperty("peer", device.address());
        o.addProperty("adapter", device.adapterName());
      }
      if (!answer.isEmpty()) {
        o.addProperty("answer", answer);
      }
      emit(o);
      return;
    }
    StringBuilder b = new StringBuilder(request);
    if (!detail.isEmpty()) {
      b.append(' ').append(detail);
    }
    if (device != null) {
      b.append(" for ").append(device.address()).append(" on ").append(device.adapterName());
    }
    if (!answer.isEmpty()) {
      b.append(" -> ").append(answer);
    }
    line(at, "pairing", b.toString());
  }

  /**
   * Prints a change of a remote device's link as bluetoothd reports it (Device1 {@code Connected},
   * {@code Paired}): {@code what} is e.g. {@code connected}, {@code disconnected}, {@code paired}.
   */
  synchronized void link(Instant at, String address, String what, String name) {
    foldNextWrite = null;
    if (json) {
      JsonObject o = head(at, "link");
      o.addProperty("peer", address);
      o.addProperty("state", what);
      if (!name.isEmpty()) {
        o.addProperty("name", name);
      }
      emit(o);
      return;
    }
    line(at, "link", address + (name.isEmpty() ? "" : " (" + name + ")") + " " + what);
  }

  /** Prints what the emulator itself did (started advertising, stopped). */
  synchronized void status(Instant at, String message) {
    foldNextWrite = null;
    if (json) {
      JsonObject o = head(at, "status");
      o.addProperty("message", message);
      emit(o);
      return;
    }
    line(at, "status", message);
  }

  // ------------------------------------------------------------------ text

  private void line(Instant at, String kind, String text) {
    out.printf(Locale.ROOT, "%+10.3f s  %-11s %s%n", seconds(at), kind, text);
    out.flush();
  }

  private double seconds(Instant at) {
    return Duration.between(start, at).toNanos() / 1e9;
  }

  /** The kind column of an event's line. */
  static String kind(GattEvent e) {
    if (e instanceof GattEvent.Read) {
      return "read";
    } else if (e instanceof GattEvent.Write) {
      return "write";
    } else if (e instanceof GattEvent.Connected) {
      return "host";
    } else if (e instanceof GattEvent.Disconnected) {
      return "disconnect";
    } else if (e instanceof GattEvent.ProtocolModeChanged) {
      return "mode";
    } else if (e instanceof GattEvent.ControlPoint) {
      return "control";
    } else if (e instanceof GattEvent.OutputReport) {
      return "output";
    } else if (e instanceof GattEvent.FeatureWrite) {
      return "feature";
    } else if (e instanceof GattEvent.Notification) {
      return "notify";
    } else {
      return "dropped";
    }
  }

  /** The rest of an event's line, after the kind column. */
  String text(GattEvent e) {
    if (e instanceof GattEvent.Read r) {
      return r.handle().label() + " @" + r.offset() + " -> " + readResult(r.result());
    } else if (e instanceof GattEvent.Write w) {
      return w.handle().label()
          + (w.offset() != 0 ? " @" + w.offset() : "")
          + " = "
          + hex(w.value())
          + (w.withResponse() ? "" : " (command)")
          + " -> "
          + (w.result() instanceof AttResult.Error err ? err.error().toString() : "ok");
    } else if (e instanceof GattEvent.Connected c) {
      return c.peer() + " first access (link at least " + level(c.security()) + ")";
    } else if (e instanceof GattEvent.Disconnected d) {
      return d.peer();
    } else if (e instanceof GattEvent.ProtocolModeChanged m) {
      return "Protocol Mode " + modeName(m.from()) + " -> " + modeName(m.to());
    } else if (e instanceof GattEvent.ControlPoint c) {
      return "HID Control Point: "
          + (c.command() == dev.hogrig.gatt.ControlPointCommand.SUSPEND
              ? "Suspend"
              : "Exit Suspend");
    } else if (e instanceof GattEvent.OutputReport o) {
      String where = o.boot() ? "boot keyboard" : "report id " + o.reportId();
      return where + " = " + hex(o.value()) + leds(o).map(l -> " (LEDs: " + l + ")").orElse("");
    } else if (e instanceof GattEvent.FeatureWrite f) {
      return "report id " + f.reportId() + " = " + hex(f.value());
    } else if (e instanceof GattEvent.Notification n) {
      return n.handle().label() + " = " + hex(n.value());
    } else {
      GattEvent.InputDropped d = (GattEvent.InputDropped) e;
      return d.type().displayName() + " report id " + d.reportId() + ": " + d.reason();
    }
  }

  private static String readResult(AttResult result) {
    if (result instanceof AttResult.Value v) {
      Bytes b = v.value();
      if (b.isEmpty()) {
        return "ok (0 B)";
      }
      return b.size() > SHOWN_BYTES ? "ok (" + b.size() + " B)" : "ok " + b.toHex();
    }
    return ((AttResult.Error) result).error().toString();
  }

  private static String hex(Bytes b) {
    return b.isEmpty() ? "(empty)" : b.toHex();
  }

  private static String level(dev.hogrig.gatt.SecurityLevel s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  private static String modeName(dev.hogrig.gatt.ProtocolMode m) {
    return m == dev.hogrig.gatt.ProtocolMode.BOOT ? "Boot" : "Report";
  }

  /**
   * The LEDs an output report turns on, by their LED page names (HUT 1.5 §11), or empty when the
   * report has no LED field or cannot be decoded. The boot keyboard output report has the fixed
   * layout of HID 1.11 Appendix B.1: bits 0..4 Num Lock, Caps Lock, Scroll Lock, Compose, Kana.
   */
  Optional<String> leds(GattEvent.OutputReport o) {
    List<String> on = new ArrayList<>();
    boolean hasLeds = false;
    if (o.boot()) {
      hasLeds = true;
      int bits = o.value().isEmpty() ? 0 : o.value().get(0);
      for (int i = 0; i < 5; i++) {
        if ((bits & (1 << i)) != 0) {
          on.add(ledName(new Usage(Usages.PAGE_LED, i + 1)));
        }
      }
    } else {
      DecodedReport d;
      try {
        d = ReportCodec.decodePayload(descriptor, ReportType.OUTPUT, o.reportId(), o.value());
      } catch (HidException | IllegalArgumentException ex) {
        return Optional.empty();
      }
      for (DecodedReport.Value v : d.values()) {
        Optional<Usage> u = v.usage();
        if (u.isEmpty() || u.get().page() != Usages.PAGE_LED) {
          continue;
        }
        hasLeds = true;
        boolean lit =
            v.kind() == DecodedReport.Kind.ARRAY
                ? !v.isNull()
                : v.kind() == DecodedReport.Kind.VARIABLE && v.logical() != 0;
        if (lit) {
          on.add(ledName(u.get()));
        }
      }
    }
    if (!hasLeds) {
      return Optional.empty();
    }
    return Optional.of(on.isEmpty() ? "none" : String.join(", ", on));
  }

  private static String ledName(Usage u) {
    return USAGES.usageName(u).orElse(String.format("LED 0x%02X", u.id()));
  }

  /**
   * Whether {@code w} is the plain write of the access that produced {@code record}: same peer,
   * same value, and a characteristic of the kind that makes such a record (HIDS 1.0 UUIDs).
   */
  private static boolean folds(GattEvent record, GattEvent.Write w) {
    if (!w.result().isOk()) {
      return false;
    }
    dev.hogrig.gatt.BtUuid uuid = w.handle().uuid();
    if (record instanceof GattEvent.OutputReport o) {
      return o.peer().equals(w.peer())
          && o.value().equals(w.value())
          && uuid.equals(o.boot() ? GattUuids.BOOT_KEYBOARD_OUTPUT_REPORT : GattUuids.REPORT);
    } else if (record instanceof GattEvent.FeatureWrite f) {
      return f.peer().equals(w.peer())
          && f.value().equals(w.value())
          && uuid.equals(GattUuids.REPORT);
    } else if (record instanceof GattEvent.ProtocolModeChanged m) {
      return m.peer().equals(w.peer())
          && w.value().equals(Bytes.of(m.to().value()))
          && uuid.equals(GattUuids.PROTOCOL_MODE);
    } else if (record instanceof GattEvent.ControlPoint c) {
      return c.peer().equals(w.peer())
          && w.value().equals(Bytes.of(c.command().value()))
          && uuid.equals(GattUuids.HID_CONTROL_POINT);
    }
    return false;
  }

  // ------------------------------------------------------------------ JSON

  private JsonObject head(Instant at, String kind) {
    JsonObject o = new JsonObject();
    o.addProperty("ms", Duration.between(start, at).toMillis());
    o.addProperty("event", kind);
    return o;
  }

  /** One event as a JSON object: {@code ms}, {@code event} (the kind column) and its fields. */
  JsonObject json(GattEvent e) {
    JsonObject o = head(e.time(), kind(e));
    if (e instanceof GattEvent.Read r) {
      o.addProperty("peer", r.peer());
      o.addProperty("attribute", r.handle().label());
      o.addProperty("offset", r.offset());
      result(o, r.result());
    } else if (e instanceof GattEvent.Write w) {
      o.addProperty("peer", w.peer());
      o.addProperty("attribute", w.handle().label());
      o.addProperty("offset", w.offset());
      o.addProperty("value", w.value().toHex());
      o.addProperty("withResponse", w.withResponse());
      result(o, w.result());
    } else if (e instanceof GattEvent.Connected c) {
      o.addProperty("peer", c.peer());
      o.addProperty("security", level(c.security()));
    } else if (e instanceof GattEvent.Disconnected d) {
      o.addProperty("peer", d.peer());
    } else if (e instanceof GattEvent.ProtocolModeChanged m) {
      o.addProperty("peer", m.peer());
      o.addProperty("from", modeName(m.from()).toLowerCase(Locale.ROOT));
      o.addProperty("to", modeName(m.to()).toLowerCase(Locale.ROOT));
    } else if (e instanceof GattEvent.ControlPoint c) {
      o.addProperty("peer", c.peer());
      o.addProperty("command", c.command().name().toLowerCase(Locale.ROOT));
    } else if (e instanceof GattEvent.OutputReport out) {
      o.addProperty("peer", out.peer());
      o.addProperty("reportId", out.reportId());
      o.addProperty("boot", out.boot());
      o.addProperty("value", out.value().toHex());
      leds(out).ifPresent(l -> o.addProperty("leds", l));
    } else if (e instanceof GattEvent.FeatureWrite f) {
      o.addProperty("peer", f.peer());
      o.addProperty("reportId", f.reportId());
      o.addProperty("value", f.value().toHex());
    } else if (e instanceof GattEvent.Notification n) {
      o.addProperty("attribute", n.handle().label());
      o.addProperty("value", n.value().toHex());
    } else {
      GattEvent.InputDropped d = (GattEvent.InputDropped) e;
      o.addProperty("type", d.type().displayName().toLowerCase(Locale.ROOT));
      o.addProperty("reportId", d.reportId());
      o.addProperty("reason", d.reason());
    }
    return o;
  }

  private static void result(JsonObject o, AttResult r) {
    if (r instanceof AttResult.Value v) {
      o.addProperty("result", "ok");
      o.addProperty("bytes", v.value().size());
      o.addProperty("value", v.value().toHex());
    } else {
      AttResult.Error err = (AttResult.Error) r;
      o.addProperty("result", "error");
      o.addProperty("error", err.error().code());
      o.addProperty("errorName", err.error().specName());
    }
  }

  private void emit(JsonObject o) {
    out.println(Json.LINE.toJson(o));
    out.flush();
  }
}
