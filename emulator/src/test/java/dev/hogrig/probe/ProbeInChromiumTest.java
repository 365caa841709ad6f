package dev.hogrig.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe page in a real browser: headless Chromium (Debian's, installed by {@code
 * scripts/setup}) opens it, is driven with synthetic input over the Chrome DevTools Protocol (CDP,
 * through the JDK's own WebSocket client), and the rig's server must receive and decode exactly
 * that input. Expected values come from the CDP calls made (Input domain: deltas in CSS pixels,
 * hence DOM_DELTA_PIXEL) and from UI Events (key and code values, button numbering).
 */
class ProbeInChromiumTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  ProbeServer server;
  Process chromium;
  Cdp cdp;
  String session;

  static Path chromiumExecutable() {
    for (String p : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    String why = "no Chromium at /usr/bin/chromium; scripts/setup installs Debian's chromium";
    if ("true".equals(System.getenv("CI"))) {
      fail(why);
    }
    assumeTrue(false, why);
    return null;
  }

  @BeforeEach
  void start(@TempDir Path work) throws Exception {
    Path exe = chromiumExecutable();
    server = ProbeServer.start();
    List<String> cmd =
        List.of(
            exe.toString(),
            "--headless",
            "--no-sandbox", // root in CI: Chromium's sandbox refuses to run as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--user-data-dir=" + Files.createDirectories(work.resolve("profile")),
            "--remote-debugging-port=0",
            "--window-size=1000,800",
            "about:blank");
    chromium = new ProcessBuilder(cmd).redirectOutput(work.resolve("out.txt").toFile()).start();
    CompletableFuture<String> ws = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.startsWith("DevTools listening on ")) {
                    ws.complete(line.substring("DevTools listening on ".length()).strip());
                  }
                }
              } catch (Exception e) {
                ws.completeExceptionally(e);
              }
              ws.completeExceptionally(new AssertionError("chromium ended without DevTools URL"));
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    long t0 = System.nanoTime();
    cdp = Cdp.connect(URI.create(ws.get(WAIT.toSeconds(), TimeUnit.SECONDS)));
    System.out.printf("chromium DevTools up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    JsonObject target = cdp.call(null, "Target.createTarget", obj("url", "about:blank"));
    JsonObject attached =
        cdp.call(
            null,
            "Target.attachToTarget",
            obj("targetId", target.get("targetId").getAsString(), "flatten", true));
    session = attached.get("sessionId").getAsString();
    cdp.call(session, "Page.enable", obj());
    cdp.call(session, "Emulation.setFocusEmulationEnabled", obj("enabled", true));
  }

  @AfterEach
  void stop() {
    if (cdp != null) {
      cdp.close();
    }
    if (chromium != null) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
    }
    if (server != null) {
      server.close();
    }
  }

  void openProbe() throws Exception {
    cdp.call(session, "Page.navigate", obj("url", server.url().toString()));
    await().atMost(WAIT).until(() -> !server.sessions().isEmpty());
  }

  void key(String type, String key, String code, int vk, int modifiers, String text)
      throws Exception {
    JsonObject p =
        obj(
            "type", type,
            "key", key,
            "code", code,
            "windowsVirtualKeyCode", vk,
            "nativeVirtualKeyCode", vk,
            "modifiers", modifiers);
    if (text != null) {
      p.addProperty("text", text);
      p.addProperty("unmodifiedText", text);
    }
    cdp.call(session, "Input.dispatchKeyEvent", p);
  }

  /** CDP modifiers bit field: Alt 1, Ctrl 2, Meta 4, Shift 8. */
  static final int SHIFT = 8;

  void typeHiBang() throws Exception {
    key("rawKeyDown", "Shift", "ShiftLeft", 16, SHIFT, null);
    key("keyDown", "H", "KeyH", 72, SHIFT, "H");
    key("keyUp", "H", "KeyH", 72, SHIFT, null);
    key("keyUp", "Shift", "ShiftLeft", 16, 0, null);
    key("keyDown", "i", "KeyI", 73, 0, "i");
    key("keyUp", "i", "KeyI", 73, 0, null);
    key("rawKeyDown", "Shift", "ShiftLeft", 16, SHIFT, null);
    key("keyDown", "!", "Digit1", 49, SHIFT, "!");
    key("keyUp", "!", "Digit1", 49, SHIFT, null);
    key("keyUp", "Shift", "ShiftLeft", 16, 0, null);
  }

  void mouse(String type, int x, int y, String button, int buttons, JsonObject extra)
      throws Exception {
    JsonObject p = obj("type", type, "x", x, "y", y, "button", button, "buttons", buttons);
    if (!type.equals("mouseMoved") && !type.equals("mouseWheel")) {
      p.addProperty("clickCount", 1);
    }
    extra.entrySet().forEach(e -> p.add(e.getKey(), e.getValue()));
    cdp.call(session, "Input.dispatchMouseEvent", p);
  }

  @Test
  void keysPointerAndWheelArriveDecoded() throws Exception {
    openProbe();
    typeHiBang();
    mouse("mouseMoved", 600, 500, "none", 0, obj());
    await().atMost(WAIT).until(() -> pointers(server.events()).size() >= 1);
    int mark = server.eventCount();
    mouse("mouseMoved", 630, 490, "none", 0, obj());
    mouse("mousePressed", 630, 490, "left", 1, obj());
    mouse("mouseReleased", 630, 490, "left", 0, obj());
    mouse("mouseWheel", 630, 490, "none", 0, obj("deltaX", 40, "deltaY", 120));
    await()
        .atMost(WAIT)
        .until(
            () ->
                server.eventsSince(mark).stream()
                    .anyMatch(e -> e.event() instanceof ProbeEvent.Wheel));

    List<String> keys = new ArrayList<>();
    for (ReceivedEvent r : server.events()) {
      if (r.event() instanceof ProbeEvent.Key k) {
        keys.add(
            k.type() + " " + k.key() + " " + k.code() + (k.modifiers().shift() ? " shift" : ""));
      }
    }
    assertEquals(
        List.of(
            "keydown Shift ShiftLeft shift",
            "keydown H KeyH shift",
            "keyup H KeyH shift",
            "keyup Shift ShiftLeft",
            "keydown i KeyI",
            "keyup i KeyI",
            "keydown Shift ShiftLeft shift",
            "keydown ! Digit1 shift",
            "keyup ! Digit1 shift",
            "keyup Shift ShiftLeft"),
        keys);

    List<ProbeEvent.Pointer> after = pointers(server.eventsSince(mark));
    // Movement is the difference of screen positions (Pointer Lock 2.0 §5): 630-600, 490-500.
    double dx = 0;
    double dy = 0;
    for (ProbeEvent.Pointer p : after) {
      if (p.type().equals("pointermove")) {
        dx += p.movementX();
        dy += p.movementY();
      }
    }
    assertEquals(30, dx, "movementX");
    assertEquals(-10, dy, "movementY");
    List<String> buttons = new ArrayList<>();
    for (ProbeEvent.Pointer p : after) {
      if (!p.type().equals("pointermove")) {
        buttons.add(
            p.type() + " " + p.pointerType() + " button " + p.button() + " buttons " + p.buttons());
      }
    }
    // UI Events §3.4.3: the primary button is 0 and bit 0 of buttons.
    assertEquals(
        List.of("pointerdown mouse button 0 buttons 1", "pointerup mouse button 0 buttons 0"),
        buttons);
    List<ProbeEvent.Wheel> wheels = new ArrayList<>();
    for (ReceivedEvent r : server.eventsSince(mark)) {
      if (r.event() instanceof ProbeEvent.Wheel w) {
        wheels.add(w);
      }
    }
    assertEquals(1, wheels.size(), wheels.toString());
    assertEquals(40, wheels.get(0).deltaX());
    assertEquals(120, wheels.get(0).deltaY());
    assertEquals(ProbeEvent.Wheel.DOM_DELTA_PIXEL, wheels.get(0).deltaMode());
    PageInfo page = server.latestPage().orElseThrow();
    assertTrue(page.userAgent().contains("Chrome"), page.userAgent());
    System.out.printf(
        "probe in chromium: %d events, clock %s, page %s%n",
        server.eventCount(), server.clockSync(server.events().get(0).session()), page.os());
    assertEquals(List.of(), server.refusals());
  }

  static List<ProbeEvent.Pointer> pointers(List<ReceivedEvent> events) {
    List<ProbeEvent.Pointer> out = new ArrayList<>();
    for (ReceivedEvent r : events) {
      if (r.event() instanceof ProbeEvent.Pointer p) {
        out.add(p);
      }
    }
    return out;
  }

  Object evaluate(String expression) throws Exception {
    JsonObject r =
        cdp.call(
            session,
            "Runtime.evaluate",
            obj("expression", expression, "awaitPromise", true, "returnByValue", true));
    JsonElement v = r.getAsJsonObject("result").get("value");
    return v == null ? null : v.getAsString();
  }

  @Test
  void postsWithoutTokenWithWrongTokenOrFromAnotherOriginAreRefused() throws Exception {
    openProbe();
    await().atMost(WAIT).until(() -> !server.sessions().isEmpty());
    String s = server.sessions().keySet().iterator().next();
    String batch = ProbeServerTest.batch(s, 1000, ProbeDecoderTest.KEY).replace("\"", "\\\"");
    String origin = "http://" + server.url().getAuthority();
    String post =
        "fetch(%s, {method: 'POST', mode: '%s', headers: {'Content-Type': '%s'}, body: \"%s\"})"
            + ".then(r => String(r.status), e => 'failed: ' + e)";
    int before = server.eventCount();

    // Same origin, wrong token and no token.
    String wrong = server.url().toString().replace(server.token(), "x".repeat(22));
    assertEquals(
        "404",
        evaluate(String.format(post, "'" + wrong + "/events'", "cors", "application/json", batch)));
    assertEquals(
        "404",
        evaluate(
            String.format(
                post, "'" + origin + "/probe/events'", "cors", "application/json", batch)));

    // Another origin: the same server addressed as localhost is another origin for the browser.
    String other = "http://localhost:" + server.address().getPort() + "/elsewhere";
    JsonObject tab = cdp.call(null, "Target.createTarget", obj("url", other));
    session =
        cdp.call(
                null,
                "Target.attachToTarget",
                obj("targetId", tab.get("targetId").getAsString(), "flatten", true))
            .get("sessionId")
            .getAsString();
    await()
        .atMost(WAIT)
        .until(() -> server.refusals().stream().anyMatch(r -> r.path().equals("/elsewhere")));
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> String.valueOf(evaluate("location.origin")),
            o -> o.startsWith("http://localhost:"));
    // With JSON the browser asks first (CORS preflight), and the OPTIONS is refused...
    assertTrue(
        String.valueOf(
                evaluate(
                    String.format(
                        post, "'" + server.url() + "/events'", "cors", "application/json", batch)))
            .startsWith("failed"));
    // ...and a "simple" request, which goes out without asking, is refused for its Origin.
    evaluate(String.format(post, "'" + server.url() + "/events'", "no-cors", "text/plain", batch));
    await().atMost(WAIT).until(() -> server.refusals().stream().anyMatch(r -> r.status() == 403));

    List<String> lines = server.refusals().stream().map(Refusal::toString).toList();
    System.out.println(String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains(": 404 wrong token")), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("refused POST /probe/events")), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("refused OPTIONS") && l.contains("405")),
        lines.toString());
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("403 Origin http://localhost:" + server.address().getPort())),
        lines.toString());
    // Nothing of it recorded (the probe page's own posts carry no key events here).
    assertTrue(
        server.eventsSince(before).stream().noneMatch(e -> e.event() instanceof ProbeEvent.Key),
        server.eventsSince(before).toString());
  }

  static JsonObject obj(Object... kv) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) {
      String k = (String) kv[i];
      Object v = kv[i + 1];
      if (v instanceof Number n) {
        o.addProperty(k, n);
      } else if (v instanceof Boolean b) {
        o.addProperty(k, b);
      } else {
        o.addProperty(k, String.valueOf(v));
      }
    }
    return o;
  }

  /** A minimal CDP client: JSON commands with ids over one WebSocket, flat sessions. */
  static final class Cdp implements WebSocket.Listener, AutoCloseable {
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    static Cdp connect(URI uri) throws Exception {
      Cdp c = new Cdp();
      c.ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .buildAsync(uri, c)
              .get(30, TimeUnit.SECONDS);
      return c;
    }

    JsonObject call(String session, String method, JsonObject params) throws Exception {
      int id = ids.incrementAndGet();
      JsonObject m = new JsonObject();
      m.addProperty("id", id);
      m.addProperty("method", method);
      m.add("params", params);
      if (session != null) {
        m.addProperty("sessionId", session);
      }
      CompletableFuture<JsonObject> answer = new CompletableFuture<>();
      pending.put(id, answer);
      synchronized (this) {
        ws.sendText(m.toString(), true).get(30, TimeUnit.SECONDS);
      }
      JsonObject r = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new AssertionError(method + ": " + r.get("error"));
      }
      return r.getAsJsonObject("result");
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject m = JsonParser.parseString(partial.toString()).getAsJsonObject();
        partial.setLength(0);
        if (m.has("id")) {
          CompletableFuture<JsonObject> f = pending.remove(m.get("id").getAsInt());
          if (f != null) {
            f.complete(m);
          }
        }
      }
      w.request(1);
      return null;
    }

    @Override
    public void close() {
      ws.abort();
    }
  }
}
