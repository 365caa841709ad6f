package dev.hogrig.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hogrig.util.Bytes;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.TestResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence as it lands in Allure result files, written by Allure's own lifecycle through {@link
 * AllureEvidenceSink} (allure-model 2 result format: labels, parameters, steps, attachments whose
 * {@code source} names a file beside the result).
 */
class EvidenceTest {
  static JsonObject onlyResult(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> results = s.filter(p -> p.toString().endsWith("-result.json")).toList();
      assertEquals(1, results.size(), results.toString());
      return JsonParser.parseString(Files.readString(results.get(0))).getAsJsonObject();
    }
  }

  static Map<String, List<String>> byName(JsonObject result, String member) {
    Map<String, List<String>> m = new HashMap<>();
    for (JsonElement e : result.getAsJsonArray(member)) {
      JsonObject o = e.getAsJsonObject();
      m.computeIfAbsent(o.get("name").getAsString(), k -> new java.util.ArrayList<>())
          .add(o.get("value").getAsString());
    }
    return m;
  }

  @Test
  void aScenarioResultCarriesHostRigAndEveryAttachment(@TempDir Path dir) throws Exception {
    ScenarioResults.write(
        dir, ScenarioResults.LAB, "mouse moves", FailureKind.HOST_NEVER_SUBSCRIBED.message("x"));
    JsonObject r = onlyResult(dir);

    Map<String, List<String>> labels = byName(r, "labels");
    assertEquals(List.of("lab-bluez-5.82"), labels.get("parentSuite"));
    assertEquals(List.of("lab-bluez-5.82"), labels.get("host"), "one host label, the rig's host");
    assertEquals(List.of("HOGP scenarios"), labels.get("suite"));

    Map<String, List<String>> params = byName(r, "parameters");
    assertEquals(List.of("Debian 13, Linux 6.1"), params.get("host OS"));
    assertEquals(List.of("qemu (virtual lab)"), params.get("host model"));
    assertEquals(List.of("bluetoothd 5.82"), params.get("host build"));
    assertEquals(List.of("hci0 (00:AA:01:00:00:01)"), params.get("adapter"));
    assertEquals(List.of("library:boot-keyboard"), params.get("profile"));
    assertTrue(params.get("descriptor SHA-256").get(0).matches("[0-9a-f]{12}"));

    Map<String, JsonObject> attachments = new HashMap<>();
    for (JsonElement e : r.getAsJsonArray("attachments")) {
      attachments.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
    }
    assertEquals(
        java.util.Set.of(
            "Report descriptor",
            "Host input events",
            "Per-cycle metrics",
            "Per-cycle metrics chart"),
        attachments.keySet());
    assertEquals("image/png", attachments.get("Per-cycle metrics chart").get("type").getAsString());
    assertEquals("text/csv", attachments.get("Per-cycle metrics").get("type").getAsString());
    String csv =
        Files.readString(
            dir.resolve(attachments.get("Per-cycle metrics").get("source").getAsString()));
    assertEquals("cycle,latency p50 ms,loss %\r\n1,7.5,0\r\n2,8.25,0\r\n3,,100\r\n", csv);
    String descriptor =
        Files.readString(
            dir.resolve(attachments.get("Report descriptor").get("source").getAsString()));
    // hid-decode names the first item of every HID 1.11 B.1 keyboard this way.
    assertTrue(descriptor.contains("Usage Page (Generic Desktop)"), descriptor);
    assertTrue(descriptor.contains("Input report"), "the layout follows the items");
    String input =
        Files.readString(
            dir.resolve(attachments.get("Host input events").get("source").getAsString()));
    assertEquals("0.001200 EV_KEY KEY_A 1\n0.001200 EV_SYN SYN_REPORT 0\n", input);

    JsonObject step = r.getAsJsonArray("steps").get(0).getAsJsonObject();
    assertEquals("connect and subscribe", step.get("name").getAsString());
    assertEquals("passed", step.get("status").getAsString());
    JsonObject timeline = step.getAsJsonArray("attachments").get(0).getAsJsonObject();
    assertEquals("GATT timeline", timeline.get("name").getAsString());
    assertTrue(
        Files.readString(dir.resolve(timeline.get("source").getAsString())).contains("subscribed"));
  }

  @Test
  void descriptorHashIsTheStartOfSha256() {
    // FIPS 180-2 Appendix B.1: SHA-256("abc") = ba7816bf 8f01cfea ...
    assertEquals(
        "ba7816bf8f01",
        Evidence.descriptorHash(Bytes.copyOf("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void aFailingStepIsMarkedAndItsExceptionPassesThrough(@TempDir Path dir) throws Exception {
    withTestCase(
        dir,
        ev -> {
          AssertionError thrown =
              assertThrows(
                  AssertionError.class,
                  () ->
                      ev.step(
                          "wait for input",
                          () -> {
                            throw new AssertionError(
                                FailureKind.CONNECTED_BUT_NO_INPUT.message("0 frames"));
                          }));
          assertEquals("connected but no input: 0 frames", thrown.getMessage());
          assertEquals(42, (int) ev.call("count", () -> 42));
        });
    JsonObject steps0 = onlyResult(dir).getAsJsonArray("steps").get(0).getAsJsonObject();
    assertEquals("failed", steps0.get("status").getAsString());
    assertEquals(
        "connected but no input: 0 frames",
        steps0.getAsJsonObject("statusDetails").get("message").getAsString());
  }

  @Test
  void btsnoopIsAttachedWholeAndAMissingOneAttachesNothing(@TempDir Path dir, @TempDir Path tmp)
      throws Exception {
    // btsnoop header: "btsnoop\0", version 1, datalink 2001 (btmon's monitor format).
    byte[] header = {'b', 't', 's', 'n', 'o', 'o', 'p', 0, 0, 0, 0, 1, 0, 0, 0x07, (byte) 0xd1};
    Path capture = Files.write(tmp.resolve("hci.btsnoop"), header);
    Path missing = tmp.resolve("none.btsnoop");
    withTestCase(
        dir,
        ev -> {
          ev.btsnoop(capture);
          ReportException e = assertThrows(ReportException.class, () -> ev.btsnoop(missing));
          assertEquals("no btsnoop capture at " + missing + " to attach", e.getMessage());
        });
    JsonObject r = onlyResult(dir);
    assertEquals(1, r.getAsJsonArray("attachments").size());
    JsonObject a = r.getAsJsonArray("attachments").get(0).getAsJsonObject();
    assertEquals("hci.btsnoop", a.get("name").getAsString());
    assertEquals("application/vnd.tcpdump.pcap", a.get("type").getAsString());
    assertTrue(a.get("source").getAsString().endsWith(".btsnoop"));
    assertArrayEquals(header, Files.readAllBytes(dir.resolve(a.get("source").getAsString())));
  }

  interface Body {
    void run(Evidence ev) throws Exception;
  }

  static void withTestCase(Path dir, Body body) throws Exception {
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(dir));
    String uuid = UUID.randomUUID().toString();
    lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("t"));
    lifecycle.startTestCase(uuid);
    try {
      body.run(new Evidence(new AllureEvidenceSink(lifecycle)));
    } finally {
      lifecycle.stopTestCase(uuid);
      lifecycle.writeTestCase(uuid);
    }
  }
}
