package dev.hogrig.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe server over real loopback HTTP ({@link HttpClient}): the page, the hello and batches
 * accepted, and each kind of bad request refused with its 4xx status and one refusal line, while
 * earlier events stay and the server keeps answering.
 */
class ProbeServerTest {
  /** The rig's clock, fixed: 2026-11-23T20:00:00.250Z. */
  static final Instant RIG_NOW = Instant.parse("2026-11-23T20:00:00.250Z");

  static final String HELLO =
      "{\"pageClock\":1000,\"userAgent\":\"test UA\",\"platform\":\"Win32\",\"language\":\"en\","
          + "\"maxTouchPoints\":0,\"devicePixelRatio\":1,\"screenWidth\":1920,"
          + "\"screenHeight\":1080,\"pointerFine\":true,\"anyPointerCoarse\":false,"
          + "\"hover\":true,\"uaData\":null}";

  ProbeServer server;
  HttpClient client;
  final List<Refusal> refused = new CopyOnWriteArrayList<>();
  final List<ReceivedEvent> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server =
        ProbeServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            Clock.fixed(RIG_NOW, ZoneOffset.UTC));
    server.addListener(
        new ProbeListener() {
          @Override
          public void refused(Refusal r) {
            refused.add(r);
          }

          @Override
          public void received(com.google.common.collect.ImmutableList<ReceivedEvent> events) {
            received.addAll(events);
          }
        });
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  URI uri(String suffix) {
    return URI.create(server.url() + suffix);
  }

  HttpResponse<String> post(URI to, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(to)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String hello() throws Exception {
    HttpResponse<String> r = post(uri("/hello"), "application/json", HELLO);
    assertEquals(200, r.statusCode(), r.body());
    return JsonParser.parseString(r.body()).getAsJsonObject().get("session").getAsString();
  }

  static String batch(String session, int seq, String... events) {
    return ProbeDecoderTest.batch(events)
        .replace("\"session\":\"s1\"", "\"session\":\"" + session + "\"")
        .replace("\"seq\":0", "\"seq\":" + seq);
  }

  @Test
  void servesThePageWithNothingExternal() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(server.url()).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(r.body().contains("<title>hogrig probe</title>"));
    // No resource from anywhere: no src attribute, no link but the empty data: icon.
    assertFalse(r.body().contains("src="), "the page loads a resource");
    assertFalse(r.body().matches("(?s).*href=\"(?!data:).*"), "the page links a resource");
    assertTrue(
        r.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .startsWith("default-src 'none'"));
    assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
  }

  @Test
  void helloAndBatchAreAcceptedAndPlacedOnTheRigClock() throws Exception {
    HttpResponse<String> h = post(uri("/hello"), "application/json", HELLO);
    assertEquals(200, h.statusCode());
    JsonObject answer = JsonParser.parseString(h.body()).getAsJsonObject();
    assertEquals(RIG_NOW.toEpochMilli(), answer.get("rigClock").getAsDouble());
    String session = answer.get("session").getAsString();
    assertEquals("Win32", server.sessions().get(session).platform());

    HttpResponse<String> r =
        post(
            uri("/events"),
            "application/json; charset=utf-8",
            batch(session, 0, ProbeDecoderTest.KEY, ProbeDecoderTest.WHEEL),
            "Origin",
            "http://" + server.url().getAuthority());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(2, JsonParser.parseString(r.body()).getAsJsonObject().get("accepted").getAsInt());
    List<ReceivedEvent> events = server.events();
    assertEquals(2, events.size());
    // Key at page time 1000.5 ms, batch clock offset -3.5 ms: rig time 997.0 ms after the epoch.
    assertEquals(Instant.ofEpochMilli(997), events.get(0).rigTime());
    assertTrue(events.get(0).clockSynced());
    assertEquals("KeyH", ((ProbeEvent.Key) events.get(0).event()).code());
    assertEquals(events, received);
    assertEquals(List.of(), refused);
  }

  @Test
  void aBatchSentTwiceIsKeptOnce() throws Exception {
    String s = hello();
    for (int i = 0; i < 2; i++) {
      assertEquals(
          200,
          post(uri("/events"), "application/json", batch(s, 0, ProbeDecoderTest.KEY)).statusCode());
    }
    assertEquals(1, server.events().size());
  }

  /** One bad request: its status, its one refusal line, nothing recorded, the server still up. */
  void refusedWith(int status, String reasonPart, Request request) throws Exception {
    String session = hello();
    assertEquals(
        200,
        post(uri("/events"), "application/json", batch(session, 0, ProbeDecoderTest.KEY))
            .statusCode());
    int before = refused.size();
    HttpResponse<String> r = request.send(session);
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(before + 1, refused.size(), "one refusal line: " + refused);
    Refusal line = refused.get(refused.size() - 1);
    assertEquals(status, line.status());
    assertTrue(line.reason().contains(reasonPart), line.toString());
    assertTrue(line.toString().startsWith("refused "), line.toString());
    assertFalse(line.toString().contains(server.token()), "the token is not logged");
    assertEquals(server.refusals().get(server.refusals().size() - 1), line);
    // Earlier events kept, nothing from the bad request, and the server answers the next batch.
    assertEquals(1, server.events().size());
    assertEquals(
        200,
        post(uri("/events"), "application/json", batch(session, 1, ProbeDecoderTest.WHEEL))
            .statusCode());
    assertEquals(2, server.events().size());
  }

  interface Request {
    HttpResponse<String> send(String session) throws Exception;
  }

  @Test
  void wrongToken() throws Exception {
    refusedWith(
        404,
        "wrong token",
        s ->
            post(
                URI.create(
                    server.url().toString().replace(server.token(), "AAAAAAAAAAAAAAAAAAAAAA")
                        + "/events"),
                "application/json",
                batch(s, 1, ProbeDecoderTest.KEY)));
  }

  @Test
  void noToken() throws Exception {
    refusedWith(
        404,
        "token",
        s ->
            post(
                URI.create("http://" + server.url().getAuthority() + "/probe/events"),
                "application/json",
                batch(s, 1, ProbeDecoderTest.KEY)));
  }

  @Test
  void wrongMethod() throws Exception {
    refusedWith(
        405,
        "method PUT",
        s ->
            client.send(
                HttpRequest.newBuilder(uri("/events"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(batch(s, 1, ProbeDecoderTest.KEY)))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void preflightIsRefused() throws Exception {
    refusedWith(
        405,
        "method OPTIONS",
        s ->
            client.send(
                HttpRequest.newBuilder(uri("/events"))
                    .timeout(Duration.ofSeconds(10))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://evil.example")
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void otherOrigin() throws Exception {
    refusedWith(
        403,
        "Origin http://evil.example",
        s ->
            post(
                uri("/events"),
                "application/json",
                batch(s, 1, ProbeDecoderTest.KEY),
                "Origin",
                "http://evil.example"));
  }

  @Test
  void sameHostOtherPortIsAnotherOrigin() throws Exception {
    refusedWith(
        403,
        "is not this server's own origin",
        s ->
            post(
                uri("/events"),
                "application/json",
                batch(s, 1, ProbeDecoderTest.KEY),
                "Origin",
                "http://" + server.url().getHost() + ":1"));
  }

  @Test
  void wrongContentType() throws Exception {
    refusedWith(
        415,
        "Content-Type text/plain",
        s -> post(uri("/events"), "text/plain", batch(s, 1, ProbeDecoderTest.KEY)));
  }

  @Test
  void noContentType() throws Exception {
    refusedWith(
        415,
        "Content-Type missing",
        s -> post(uri("/events"), null, batch(s, 1, ProbeDecoderTest.KEY)));
  }

  @Test
  void oversizedBody() throws Exception {
    refusedWith(
        413,
        "at most 262144",
        s -> post(uri("/events"), "application/json", " ".repeat(ProbeServer.MAX_BODY + 1)));
  }

  @Test
  void malformedJson() throws Exception {
    refusedWith(
        400, "malformed JSON", s -> post(uri("/events"), "application/json", "{\"session\":"));
  }

  @Test
  void unknownKind() throws Exception {
    refusedWith(
        400,
        "event 0: unknown kind \"scroll\"",
        s ->
            post(
                uri("/events"),
                "application/json",
                batch(
                    s,
                    1,
                    ProbeDecoderTest.KEY.replace("\"kind\":\"key\"", "\"kind\":\"scroll\""))));
  }

  @Test
  void unknownSession() throws Exception {
    refusedWith(
        409,
        "unknown session \"s99\"",
        s -> post(uri("/events"), "application/json", batch("s99", 0, ProbeDecoderTest.KEY)));
  }

  @Test
  void helloWithBadField() throws Exception {
    refusedWith(
        400,
        "hello: field 'maxTouchPoints'",
        s ->
            post(
                uri("/hello"),
                "application/json",
                HELLO.replace("\"maxTouchPoints\":0", "\"maxTouchPoints\":-2")));
  }

  @Test
  void urlCarriesTheTokenAndTokensDiffer() {
    try (ProbeServer other = ProbeServer.start()) {
      assertFalse(other.token().equals(server.token()));
      // 128 bits in URL-safe base64 without padding: 22 characters (RFC 4648 §5).
      assertTrue(server.token().matches("[A-Za-z0-9_-]{22}"), server.token());
      assertEquals("/probe/" + server.token(), server.url().getPath());
    }
  }
}
