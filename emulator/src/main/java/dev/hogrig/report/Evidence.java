package dev.hogrig.report;

import dev.hogrig.gatt.GattEvent;
import dev.hogrig.hid.DescriptorText;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportLayoutText;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputFrame;
import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a scenario records about one run, in the shape the Allure report shows: which host and rig
 * (labels and parameters), and the attachments a person needs to tell why a host misbehaved without
 * rerunning it: the HCI capture, the GATT operations, the descriptor, the host's input events,
 * per-cycle metrics.
 *
 * <p>Each method renders its content completely before handing it to the {@link EvidenceSink}, so
 * bad input (a missing capture) throws {@link ReportException} and leaves nothing half-attached.
 *
 * <p>Grouping: {@link #host} sets the {@code parentSuite} label to the host's name, so the report's
 * Suites page shows one tree per host (a host matrix: the same scenario under each host), and the
 * {@code host} label, which Allure's Timeline page groups by.
 */
public final class Evidence {
  /** Attachment name of the btsnoop capture. */
  public static final String BTSNOOP = "hci.btsnoop";

  /**
   * MIME type of the capture: the IANA-registered type of capture files (vendor tree, {@code
   * application/vnd.tcpdump.pcap}). The report's viewer does not know it, so it offers the file as
   * a download; Wireshark recognises btsnoop by its magic ({@code "btsnoop\0"}), not by type.
   */
  public static final String BTSNOOP_TYPE = "application/vnd.tcpdump.pcap";

  /** Label names (Allure's own, see allure-java-commons {@code ResultsUtils}). */
  public static final String PARENT_SUITE = "parentSuite";

  public static final String HOST = "host";

  /** Parameter names. */
  public static final String HOST_OS = "host OS";

  public static final String HOST_MODEL = "host model";
  public static final String HOST_BUILD = "host build";
  public static final String ADAPTER = "adapter";
  public static final String PROFILE = "profile";
  public static final String DESCRIPTOR_HASH = "descriptor SHA-256";

  private final EvidenceSink sink;

  public Evidence(EvidenceSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Labels the result with the host (suite grouping) and adds its OS, model, build. */
  public void host(HostInfo host) {
    sink.label(PARENT_SUITE, host.name());
    sink.label(HOST, host.name());
    sink.parameter(HOST_OS, host.os());
    sink.parameter(HOST_MODEL, host.model());
    sink.parameter(HOST_BUILD, host.build());
  }

  /**
   * The rig's side: which adapter emulated which profile with which descriptor.
   *
   * @param adapter e.g. {@code "hci0 (00:AA:01:00:00:01)"}
   * @param profile e.g. {@code "library:boot-keyboard"}
   * @param descriptor the report map the device served; its hash tells runs with the same profile
   *     name but a changed descriptor apart
   */
  public void rig(String adapter, String profile, Bytes descriptor) {
    sink.parameter(ADAPTER, adapter);
    sink.parameter(PROFILE, profile);
    sink.parameter(DESCRIPTOR_HASH, descriptorHash(descriptor));
  }

  /** The first 12 hex digits of the descriptor bytes' SHA-256 (48 bits: no accidental clash). */
  public static String descriptorHash(Bytes descriptor) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(descriptor.toArray());
      return HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest spec)", e);
    }
  }

  /**
   * Attaches the btmon capture (btsnoop, datalink 2001 "monitor") as {@value #BTSNOOP}; it opens in
   * Wireshark. The file is read whole now: btmon may still be appending, and what was captured so
   * far is the evidence (a truncated last record is tolerated by readers, see {@code
   * BtsnoopReader}).
   *
   * @throws ReportException when the file does not exist or cannot be read
   */
  public void btsnoop(Path capture) {
    byte[] content;
    try {
      content = Files.readAllBytes(capture);
    } catch (NoSuchFileException e) {
      throw new ReportException("no btsnoop capture at " + capture + " to attach");
    } catch (IOException e) {
      throw new ReportException("cannot read the btsnoop capture " + capture + ": " + e, e);
    }
    sink.attachment(BTSNOOP, BTSNOOP_TYPE, "btsnoop", content);
  }

  /**
   * Attaches btsnoop bytes already in memory as {@value #BTSNOOP}: a part of a longer capture, cut
   * to one scenario.
   */
  public void btsnoop(Bytes content) {
    sink.attachment(BTSNOOP, BTSNOOP_TYPE, "btsnoop", content.toArray());
  }

  /** Adds a parameter of the result (beside the title; Allure's history keys on them). */
  public void parameter(String name, String value) {
    sink.parameter(name, value);
  }

  /** Adds a label of the result (Allure groups and filters by labels). */
  public void label(String name, String value) {
    sink.label(name, value);
  }

  /** Attaches any content. */
  public void attachment(String name, String mimeType, String extension, byte[] content) {
    sink.attachment(name, mimeType, extension, content);
  }

  /** Attaches the GATT operations as a table ({@link GattTimeline}). */
  public void gattTimeline(List<? extends GattEvent> events) {
    text("GATT timeline", GattTimeline.render(events));
  }

  /**
   * Attaches the descriptor as hid-decode style text, then each report's layout on the wire, then
   * the bytes in hex: what the host was given to parse.
   */
  public void descriptor(ReportDescriptor descriptor) {
    String text =
        DescriptorText.decode(descriptor)
            + "\n"
            + ReportLayoutText.describe(descriptor)
            + "\n"
            + descriptor.bytes().size()
            + " bytes, SHA-256 "
            + descriptorHash(descriptor.bytes())
            + ":\n"
            + descriptor.bytes().toHex()
            + "\n";
    text("Report descriptor", text);
  }

  /** Attaches the host's evdev events, one per line as evemu prints them. */
  public void hostInputEvents(List<InputEvent> events) {
    StringBuilder out = new StringBuilder();
    for (InputEvent e : events) {
      out.append(e).append('\n');
    }
    if (events.isEmpty()) {
      out.append("(no input events on the host)\n");
    }
    text("Host input events", out.toString());
  }

  /** Attaches the host's evdev frames (one per SYN_REPORT), one per line. */
  public void hostInputFrames(List<InputFrame> frames) {
    StringBuilder out = new StringBuilder();
    for (InputFrame f : frames) {
      out.append(f).append('\n');
    }
    if (frames.isEmpty()) {
      out.append("(no input frames on the host)\n");
    }
    text("Host input frames", out.toString());
  }

  /** Attaches per-cycle metrics twice: as CSV (for a spreadsheet) and as a PNG chart. */
  public void metrics(MetricsTable table) {
    byte[] csv = table.csv().getBytes(StandardCharsets.UTF_8);
    byte[] png = MetricsChart.png(table);
    sink.attachment("Per-cycle metrics", "text/csv", "csv", csv);
    sink.attachment("Per-cycle metrics chart", "image/png", "png", png);
  }

  /** Attaches any text. */
  public void text(String name, String content) {
    sink.attachment(name, "text/plain", "txt", content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code body} as a named step of the result and returns what it returned ({@link
   * EvidenceSink#step}). Named apart from {@link #step} so a lambda is never ambiguous.
   */
  public <T> T call(String name, EvidenceSink.Step<T> body) throws Exception {
    return sink.step(name, body);
  }

  /** Runs {@code body} as a named step that returns nothing. */
  public void step(String name, Action body) throws Exception {
    sink.step(
        name,
        () -> {
          body.run();
          return null;
        });
  }

  /** A step body without a result. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }
}
