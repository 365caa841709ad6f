package dev.hogrig.report;

import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.BtUuid;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.DescriptorHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.SecurityLevel;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.util.Bytes;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes Allure results as a scenario will: a test case of Allure's own lifecycle (into a directory
 * of the test's choosing, not the running test's), filled through {@link Evidence} with every kind
 * of evidence. The report tests read these back through the real Allure command line.
 */
public final class ScenarioResults {
  public static final HostInfo LAB =
      new HostInfo(
          "lab-bluez-5.82", "Debian 13, Linux 6.1", "qemu (virtual lab)", "bluetoothd 5.82");
  public static final HostInfo PIXEL =
      new HostInfo("pixel-7", "Android 14", "Pixel 7", "UQ1A.240205.004");

  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final CharacteristicHandle REPORT_MAP =
      new CharacteristicHandle(3, BtUuid.of16(0x2A4B), "Report Map");
  static final CharacteristicHandle INPUT_1 =
      new CharacteristicHandle(5, BtUuid.of16(0x2A4D), "Report (Input, id 1)");
  static final DescriptorHandle INPUT_1_CCCD =
      new DescriptorHandle(6, BtUuid.of16(0x2902), "Client Characteristic Configuration");

  private ScenarioResults() {}

  /** What the host did in a scenario where it subscribed and got one key report. */
  static List<GattEvent> subscribedAndNotified() {
    Bytes map = DescriptorLibrary.get("boot-keyboard").orElseThrow().bytes();
    return List.of(
        new GattEvent.Connected(T0, "11:22:33:44:55:66", SecurityLevel.ENCRYPTED),
        new GattEvent.Read(
            T0.plusMillis(12), "11:22:33:44:55:66", REPORT_MAP, 0, AttResult.ok(map)),
        new GattEvent.Write(
            T0.plusMillis(40),
            "11:22:33:44:55:66",
            INPUT_1_CCCD,
            0,
            Bytes.of(0x01, 0x00),
            true,
            AttResult.ok()),
        new GattEvent.SubscriptionChanged(T0.plusMillis(40), INPUT_1, true),
        new GattEvent.Notification(T0.plusMillis(55), INPUT_1, Bytes.of(0, 0, 4, 0, 0, 0, 0, 0)));
  }

  /**
   * Writes one scenario result for {@code host} into {@code dir}: passed when {@code failure} is
   * null, else failed with that message. Returns the result's UUID.
   */
  public static String write(Path dir, HostInfo host, String scenario, String failure)
      throws Exception {
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(dir));
    String uuid = UUID.randomUUID().toString();
    lifecycle.scheduleTestCase(
        new TestResult()
            .setUuid(uuid)
            .setName(scenario)
            .setFullName("dev.hogrig.scenario." + host.name() + "." + scenario)
            .setHistoryId(host.name() + "/" + scenario)
            .setTestCaseId(scenario)
            .setLabels(
                new java.util.ArrayList<>(
                    List.of(new Label().setName("suite").setValue("HOGP scenarios")))));
    lifecycle.startTestCase(uuid);
    Evidence evidence = new Evidence(new AllureEvidenceSink(lifecycle));
    ReportDescriptor descriptor = DescriptorLibrary.get("boot-keyboard").orElseThrow().parse();
    evidence.host(host);
    evidence.rig("hci0 (00:AA:01:00:00:01)", "library:boot-keyboard", descriptor.bytes());
    evidence.step("connect and subscribe", () -> evidence.gattTimeline(subscribedAndNotified()));
    evidence.descriptor(descriptor);
    evidence.hostInputEvents(
        List.of(new InputEvent(0, 1200, 1, 30, 1), new InputEvent(0, 1200, 0, 0, 0)));
    evidence.metrics(
        MetricsTable.builder("latency p50 ms", "loss %")
            .cycle(7.5, 0)
            .cycle(8.25, 0)
            .cycle(Double.NaN, 100)
            .build());
    lifecycle.updateTestCase(
        uuid,
        r -> {
          if (failure == null) {
            r.setStatus(Status.PASSED);
          } else {
            r.setStatus(Status.FAILED).setStatusDetails(new StatusDetails().setMessage(failure));
          }
        });
    lifecycle.stopTestCase(uuid);
    lifecycle.updateTestCase(
        uuid, r -> r.setStart(T0.toEpochMilli()).setStop(T0.toEpochMilli() + 1500));
    lifecycle.writeTestCase(uuid);
    return uuid;
  }
}
