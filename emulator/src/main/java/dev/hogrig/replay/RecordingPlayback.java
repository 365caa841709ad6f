package dev.hogrig.replay;

import com.google.common.collect.ImmutableList;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.PnpId;
import dev.hogrig.hid.DecodedReport;
import dev.hogrig.hid.HidRecording;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportCodecException;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.TextCompileException;

/**
 * A hid-tools recording ({@link HidRecording}, {@code hid-recorder}'s {@code .hid} files) as a HOGP
 * device and a timeline of its input reports.
 *
 * <pre>
 *   N: Logitech MX Anywhere 3      ──▶ profile name
 *   I: 5 046d b025                 ──▶ PnP ID: USB-IF vendor 0x046d, product 0xb025
 *   R: 71 05 01 09 02 ...          ──▶ Report Map (the descriptor)
 *   E: 000000.004019 3 02 01 00    ──▶ TimedReport(at 0 ns,        INPUT, id 2, payload 01 00)
 *   E: 000000.012019 3 02 00 ff    ──▶ TimedReport(at 8 000 000 ns, INPUT, id 2, payload 00 ff)
 * </pre>
 *
 * <p>An {@code E:} line holds a report as USB and uhid carry it: when the descriptor declares
 * report IDs the first byte is the ID (HID 1.11 §5.6), and the rest is the payload that HOGP puts
 * in the Report characteristic (HOGP 1.0 §4.8: the ID travels in the Report Reference descriptor
 * instead). Each line is checked against the descriptor through {@link ReportCodec#decode}, so an
 * unknown report ID or a wrong length is refused before anything is played, naming the line.
 *
 * <p>Times are kept relative to the first {@code E:} line: hid-recorder starts its clock when it
 * starts, so a recording that begins with seconds of silence does not make a replay wait for them.
 */
public final class RecordingPlayback {
  private RecordingPlayback() {}

  /**
   * The recording's input reports on its own descriptor ({@link #reports(HidRecording,
   * ReportDescriptor)}).
   */
  public static ImmutableList<TimedReport> reports(HidRecording recording) {
    return reports(recording, ReportDescriptor.parse(recording.descriptor()));
  }

  /**
   * The recording's {@code E:} lines as input reports on {@code descriptor}, timed from the first.
   *
   * @throws TextCompileException naming the {@code E:} line (column 1) that is empty, has a report
   *     ID or length {@code descriptor} does not declare, or is timed before the line above it
   */
  public static ImmutableList<TimedReport> reports(
      HidRecording recording, ReportDescriptor descriptor) {
    ImmutableList.Builder<TimedReport> out = ImmutableList.builder();
    long first = -1;
    long last = -1;
    for (HidRecording.Event e : recording.events()) {
      if (e.data().isEmpty()) {
        throw new TextCompileException(e.line(), 1, "E: line with no report bytes");
      }
      DecodedReport decoded;
      try {
        decoded = ReportCodec.decode(descriptor, ReportType.INPUT, e.data());
      } catch (ReportCodecException ex) {
        throw new TextCompileException(
            e.line(), 1, "E: line does not fit the descriptor: " + ex.getMessage());
      }
      if (first < 0) {
        first = e.timestampMicros();
      }
      if (e.timestampMicros() < last) {
        throw new TextCompileException(
            e.line(),
            1,
            "E: line timed %s s, before the E: line above it (%s s): a recording runs forward"
                .formatted(seconds(e.timestampMicros()), seconds(last)));
      }
      last = e.timestampMicros();
      int id = decoded.report().id();
      out.add(
          new TimedReport(
              (e.timestampMicros() - first) * 1000,
              ReportType.INPUT,
              id,
              id == 0 ? e.data() : e.data().slice(1, e.data().size()),
              "line " + e.line()));
    }
    return out.build();
  }

  /**
   * A HOGP profile that presents as the recorded device: its descriptor ({@link
   * HidProfile#fromDescriptor}: appearance and IO capability from the first application), the
   * {@code N:} name ("hogrig replay" when there is none) and a PnP ID with the {@code I:} vendor
   * and product. Vendor ID Source is USB-IF: a recording's {@code I:} line carries the Linux bus
   * but not where the vendor ID was assigned, and recorded devices (USB, and Bluetooth devices from
   * USB vendors) overwhelmingly use USB-IF IDs.
   *
   * @throws dev.hogrig.gatt.GattModelException when the descriptor cannot be a Report Map (over 512
   *     octets)
   */
  public static HidProfile profile(HidRecording recording) {
    String name = recording.name().isBlank() ? "hogrig replay" : recording.name().strip();
    return HidProfile.fromDescriptor(name, recording.descriptor())
        .withPnpId(
            new PnpId(
                PnpId.VendorIdSource.USB_IF,
                recording.vendorId() & 0xffff,
                recording.productId() & 0xffff,
                0x0100));
  }

  private static String seconds(long micros) {
    return "%d.%06d".formatted(micros / 1_000_000, micros % 1_000_000);
  }
}
