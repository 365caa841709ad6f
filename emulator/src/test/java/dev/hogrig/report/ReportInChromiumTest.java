package dev.hogrig.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated report as a person sees it: served over loopback HTTP (Allure's page loads its data
 * with XMLHttpRequest, which Chromium refuses for file:// pages) and rendered by headless Chromium,
 * whose DOM must show both hosts as suites, the scenarios under them and the failure categories.
 * The screenshot is attached to this test's own Allure result.
 */
class ReportInChromiumTest {
  /** Per Chromium run; a cold start on a loaded machine takes a few seconds. */
  static final long CHROMIUM_TIMEOUT_S = 90;

  @TempDir static Path base;
  static Path report;
  static HttpServer server;
  static String url;

  @BeforeAll
  static void generateAndServe() throws Exception {
    Path results = Files.createDirectories(base.resolve("results"));
    ScenarioResults.write(results, ScenarioResults.LAB, "keyboard types", null);
    ScenarioResults.write(
        results,
        ScenarioResults.LAB,
        "mouse moves",
        FailureKind.HOST_NEVER_SUBSCRIBED.message("no CCCD write within 10 s"));
    ScenarioResults.write(
        results,
        ScenarioResults.PIXEL,
        "touchpad scrolls",
        FailureKind.FELL_BACK_TO_MOUSE.message("Protocol Mode written to 0"));
    report = base.resolve("report");
    long t0 = System.nanoTime();
    new ReportGenerator(ReportTools.allure())
        .generate(List.of(results), report, EnvironmentInfo.detect());
    System.out.printf("report generated in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ReportInChromiumTest::serve);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html";
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Files of the report directory, nothing outside it. */
  static void serve(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      Path file = report.resolve(path.substring(1)).normalize();
      if (path.endsWith("/")) {
        file = file.resolve("index.html");
      }
      if (!file.startsWith(report) || !Files.isRegularFile(file)) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      x.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
      x.sendResponseHeaders(200, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String contentType(String name) {
    Map<String, String> types =
        Map.of(
            "html", "text/html; charset=utf-8",
            "js", "application/javascript",
            "css", "text/css",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8",
            "csv", "text/csv");
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return types.getOrDefault(ext, "application/octet-stream");
  }

  /** Runs headless Chromium with {@code args}; returns its standard output. */
  static String chromium(Path work, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ReportTools.chromium().toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox", // root in CI: Chromium's sandbox refuses to run as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + Files.createTempDirectory(work, "profile-"),
            // Virtual time runs the page's XHRs and renders before the DOM is dumped.
            "--virtual-time-budget=15000",
            "--window-size=1400,900"));
    cmd.addAll(Arrays.asList(args));
    Path stdout = Files.createTempFile(work, "chromium", ".out");
    Path stderr = Files.createTempFile(work, "chromium", ".err");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .directory(work.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(CHROMIUM_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in " + CHROMIUM_TIMEOUT_S + " s: " + cmd);
    }
    System.out.printf("chromium %s: %d ms%n", args[0], (System.nanoTime() - t0) / 1_000_000);
    assertEquals(0, p.exitValue(), Files.readString(stderr));
    return Files.readString(stdout);
  }

  @Test
  void suitesPageShowsBothHostsAndTheirScenarios(@TempDir Path work) throws Exception {
    String dom = chromium(work, "--dump-dom", url + "#suites");
    for (String text :
        List.of("lab-bluez-5.82", "pixel-7", "keyboard types", "mouse moves", "touchpad scrolls")) {
      assertTrue(dom.contains(text), text + " is not on the rendered Suites page");
    }
  }

  @Test
  void categoriesPageShowsTheFailureKinds(@TempDir Path work) throws Exception {
    String dom = chromium(work, "--dump-dom", url + "#categories");
    assertTrue(dom.contains("host never subscribed"), "category on the rendered page");
    assertTrue(dom.contains("fell back to mouse"), "category on the rendered page");
  }

  /** The report's address of one result: {@code #suites/PARENT_UID/UID} (Allure 2 routes). */
  static String resultUrl(String name) throws Exception {
    com.google.gson.JsonObject suites =
        com.google.gson.JsonParser.parseString(Files.readString(report.resolve("data/suites.json")))
            .getAsJsonObject();
    List<com.google.gson.JsonObject> todo = new ArrayList<>(List.of(suites));
    while (!todo.isEmpty()) {
      com.google.gson.JsonObject n = todo.remove(0);
      if (n.has("children")) {
        n.getAsJsonArray("children").forEach(c -> todo.add(c.getAsJsonObject()));
      } else if (n.get("name").getAsString().equals(name)) {
        return url
            + "#suites/"
            + n.get("parentUid").getAsString()
            + "/"
            + n.get("uid").getAsString()
            + "/";
      }
    }
    throw new AssertionError("no result " + name + " in data/suites.json");
  }

  @Test
  void aFailedScenarioShowsItsMessageParametersAndEvidence(@TempDir Path work) throws Exception {
    String page = resultUrl("mouse moves");
    String dom = chromium(work, "--dump-dom", page);
    for (String text :
        List.of(
            "host never subscribed: no CCCD write within 10 s",
            "Debian 13, Linux 6.1",
            "library:boot-keyboard",
            "connect and subscribe",
            "Report descriptor",
            "Host input events",
            "Per-cycle metrics chart")) {
      assertTrue(dom.contains(text), text + " is not on the rendered result page");
    }
    Path png = work.resolve("result.png");
    chromium(work, "--screenshot=" + png, page);
    Allure.addAttachment(
        "report: a failed scenario",
        "image/png",
        new java.io.ByteArrayInputStream(Files.readAllBytes(png)),
        "png");
  }

  @Test
  void screenshotOfTheSuitesPageIsAttached(@TempDir Path work) throws Exception {
    Path png = work.resolve("suites.png");
    chromium(work, "--screenshot=" + png, url + "#suites");
    byte[] image = Files.readAllBytes(png);
    // PNG signature (PNG spec §5.2).
    assertArrayEquals(
        new byte[] {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A},
        Arrays.copyOf(image, 8));
    Allure.addAttachment(
        "report: Suites page", "image/png", new java.io.ByteArrayInputStream(image), "png");
  }
}
