package dev.hogrig.probe;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rig's side of the browser probe: a small HTTP server (the JDK's {@code
 * com.sun.net.httpserver}, no dependency) that serves one page to the browser on the host under
 * test and collects the input events that page saw. Plain HTTP and batched POSTs, because every
 * browser on every host the rig targets can do that with no library on either side.
 *
 * <pre>
 *   GET  /probe/{token}          the page (probe.html: inline script and style, nothing external)
 *   POST /probe/{token}/hello    {@link ProbeDecoder#hello} -> {"session": "s1", "rigClock": ms}
 *   POST /probe/{token}/events   {@link ProbeDecoder#batch} -> {"accepted": n, "rigClock": ms}
 * </pre>
 *
 * <p>Every answer to a POST carries {@code rigClock}, the rig's clock in milliseconds since the
 * epoch when it answered; the page turns each round trip into a {@link ClockSync} and sends its
 * best one with the next batch, so events are placed on the rig's clock with an error of at most
 * half that round trip.
 *
 * <p>The token (128 bits from {@link SecureRandom}, new for each server) is what lets only the page
 * this server handed out post events: a request whose path carries another token is refused. The
 * other refusals, each answered with a 4xx status and told to {@link ProbeListener#refused} as one
 * {@link Refusal} line (events accepted before stay, the server keeps running): a method other than
 * the path's; an {@code Origin} header that is not this server's own origin ({@code http://} plus
 * the request's {@code Host}), which stops another page in the host's browser from posting (CORS
 * would stop it reading answers, not sending); a {@code Content-Type} other than {@code
 * application/json}, which also means a cross-origin browser request needs a preflight ({@code
 * OPTIONS}), itself refused; a body over {@link #MAX_BODY} bytes; a message {@link ProbeDecoder}
 * refuses; a batch for a session no hello opened.
 *
 * <p>Requests are handled one at a time on one thread, in arrival order.
 */
public final class ProbeServer implements AutoCloseable {
  /** Largest request body accepted: a full batch of the page's 400 events is about 100 KiB. */
  public static final int MAX_BODY = 256 * 1024;

  /** An oversized body up to this size is read and dropped before the 413 goes out. */
  static final int DRAIN_LIMIT = 4 * 1024 * 1024;

  /** Refusals kept for {@link #refusals()}; older ones are only logged. */
  static final int MAX_REFUSALS = 1000;

  private static final System.Logger LOG = System.getLogger(ProbeServer.class.getName());
  private static final String PAGE_RESOURCE = "probe.html";

  private final HttpServer http;
  private final ExecutorService executor;
  private final Clock clock;
  private final String token;
  private final byte[] page;
  private final List<ProbeListener> listeners = new CopyOnWriteArrayList<>();
  private final List<ReceivedEvent> events = new ArrayList<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private int sessionCounter;

  private static final class Session {
    final PageInfo page;
    long nextSeq;
    Optional<ClockSync> clock = Optional.empty();
    long dropped;

    Session(PageInfo page) {
      this.page = page;
    }
  }

  private ProbeServer(HttpServer http, ExecutorService executor, Clock clock, String token) {
    this.http = http;
    this.executor = executor;
    this.clock = clock;
    this.token = token;
    try (InputStream in = ProbeServer.class.getResourceAsStream(PAGE_RESOURCE)) {
      if (in == null) {
        throw new ProbeException(PAGE_RESOURCE + ": resource missing from the class path");
      }
      this.page = in.readAllBytes();
    } catch (IOException e) {
      throw new ProbeException(PAGE_RESOURCE + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Starts a server on the loopback address, on a free port, with the system clock. */
  public static ProbeServer start() {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Clock.systemUTC());
  }

  /**
   * Starts a server.
   *
   * @param bind the address and port to listen on (port 0: any free one); the wildcard address
   *     listens on every interface, which a phone or another computer needs
   * @param clock the rig's clock, the one events are mapped onto
   * @throws ProbeException when it cannot listen there
   */
  public static ProbeServer start(InetSocketAddress bind, Clock clock) {
    HttpServer http;
    try {
      http = HttpServer.create(bind, 16);
    } catch (IOException e) {
      throw new ProbeException("probe: cannot listen on " + bind + ": " + e.getMessage(), e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "probe-http");
              t.setDaemon(true);
              return t;
            });
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    ProbeServer s = new ProbeServer(http, executor, clock, token);
    http.createContext("/", s::handle);
    http.setExecutor(executor);
    http.start();
    return s;
  }

  /** The address and port the server listens on. */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** The secret part of the page's address. */
  public String token() {
    return token;
  }

  /**
   * The page's address, to open on the host under test. For a server on the wildcard address the
   * host part is the first site-local IPv4 address of an interface that is up (the one a device on
   * the same LAN can reach, usually); {@link #urls()} lists every candidate.
   */
  public URI url() {
    List<URI> all = urls();
    return all.get(0);
  }

  /** Every address the page can be reached at, the preferred one first. */
  public List<URI> urls() {
    InetAddress a = address().getAddress();
    List<InetAddress> hosts = new ArrayList<>();
    if (a.isAnyLocalAddress()) {
      try {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          if (!n.isUp() || n.isLoopback()) {
            continue;
          }
          for (InetAddress i : Collections.list(n.getInetAddresses())) {
            if (i instanceof Inet4Address) {
              hosts.add(i);
            }
          }
        }
      } catch (SocketException e) {
        // No interface list: loopback only.
      }
      hosts.sort((x, y) -> Boolean.compare(!x.isSiteLocalAddress(), !y.isSiteLocalAddress()));
      hosts.add(InetAddress.getLoopbackAddress());
    } else {
      hosts.add(a);
    }
    List<URI> out = new ArrayList<>();
    for (InetAddress h : hosts) {
      String host = h.getHostAddress();
      if (host.contains(":")) {
        host = "[" + host.replaceFirst("%.*$", "") + "]";
      }
      out.add(URI.create("http://" + host + ":" + address().getPort() + "/probe/" + token));
    }
    return out;
  }

  public void addListener(ProbeListener l) {
    listeners.add(l);
  }

  public void removeListener(ProbeListener l) {
    listeners.remove(l);
  }

  /** Every event accepted so far, in arrival order. */
  public synchronized ImmutableList<ReceivedEvent> events() {
    return ImmutableList.copyOf(events);
  }

  /** How many events were accepted so far: a mark for {@link #eventsSince}. */
  public synchronized int eventCount() {
    return events.size();
  }

  /** The events accepted after the first {@code mark}. */
  public synchronized ImmutableList<ReceivedEvent> eventsSince(int mark) {
    return ImmutableList.copyOf(events.subList(Math.min(mark, events.size()), events.size()));
  }

  /** The last {@value #MAX_REFUSALS} refusals, oldest first. */
  public synchronized ImmutableList<Refusal> refusals() {
    return ImmutableList.copyOf(refusals);
  }

  /** Each session the pages opened, in order, with who opened it. */
  public synchronized ImmutableMap<String, PageInfo> sessions() {
    ImmutableMap.Builder<String, PageInfo> b = ImmutableMap.builder();
    sessions.forEach((k, v) -> b.put(k, v.page));
    return b.buildOrThrow();
  }

  /** The page that said hello last. */
  public synchronized Optional<PageInfo> latestPage() {
    return sessions.values().stream().reduce((a, b) -> b).map(s -> s.page);
  }

  /** The latest clock estimate a session sent. */
  public synchronized Optional<ClockSync> clockSync(String session) {
    Session s = sessions.get(session);
    return s == null ? Optional.empty() : s.clock;
  }

  /** Events the pages said they dropped (their queue overflowed while the rig was unreachable). */
  public synchronized long droppedByPages() {
    return sessions.values().stream().mapToLong(s -> s.dropped).sum();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  /** A refusal on its way out: the status and the reason. */
  private static final class Refused extends Exception {
    final int status;

    Refused(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  private void handle(HttpExchange x) {
    try (x) {
      try {
        route(x);
      } catch (Refused r) {
        refuse(x, r.status, r.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "probe: request failed: " + e, e);
    }
  }

  private void route(HttpExchange x) throws IOException, Refused {
    String path = x.getRequestURI().getRawPath();
    String[] parts = path.split("/", -1);
    // "", "probe", token[, "hello"|"events"]
    if (parts.length < 3 || parts.length > 4 || !parts[0].isEmpty() || !parts[1].equals("probe")) {
      throw new Refused(404, "no such page");
    }
    if (!tokenMatches(parts[2])) {
      throw new Refused(404, parts[2].isEmpty() ? "no token" : "wrong token");
    }
    String action = parts.length == 4 ? parts[3] : "";
    String method = x.getRequestMethod();
    if (action.isEmpty()) {
      if (!method.equals("GET")) {
        throw new Refused(405, "method " + method + " on the page, only GET");
      }
      // The page loads nothing from anywhere and talks only to this server; the token in its
      // address goes nowhere else.
      x.getResponseHeaders()
          .set(
              "Content-Security-Policy",
              "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
                  + " connect-src 'self'; img-src data:");
      send(x, 200, "text/html; charset=utf-8", page);
      return;
    }
    if (!action.equals("hello") && !action.equals("events")) {
      throw new Refused(404, "no such action '" + action + "'");
    }
    if (!method.equals("POST")) {
      throw new Refused(405, "method " + method + ", only POST");
    }
    checkOrigin(x);
    String type = x.getRequestHeaders().getFirst("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new Refused(
          415, "Content-Type " + (type == null ? "missing" : type) + ", expected application/json");
    }
    String body = readBody(x);
    JsonObject answer;
    try {
      answer = action.equals("hello") ? hello(body) : events(body);
    } catch (ProbeFormatException e) {
      throw new Refused(400, e.getMessage());
    }
    answer.addProperty("rigClock", millis(clock.instant()));
    send(x, 200, "application/json", answer.toString().getBytes(StandardCharsets.UTF_8));
  }

  private boolean tokenMatches(String candidate) {
    return MessageDigest.isEqual(
        candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A browser sends {@code Origin} with every POST (Fetch §3.1 "origin header"); the page's own
   * requests carry the origin the page was loaded from, which is the scheme and the {@code Host}
   * the browser addressed. Requests without it (not from a browser) pass: the token guards them.
   */
  private static void checkOrigin(HttpExchange x) throws Refused {
    String origin = x.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      return;
    }
    String host = x.getRequestHeaders().getFirst("Host");
    String own = host == null ? null : "http://" + host.toLowerCase(Locale.ROOT);
    if (!origin.toLowerCase(Locale.ROOT).equals(own)) {
      throw new Refused(403, "Origin " + origin + " is not this server's own origin " + own + "");
    }
  }

  /**
   * Reads the body, at most {@link #MAX_BODY} bytes. An oversized body is still read and dropped up
   * to {@link #DRAIN_LIMIT} bytes, so the client gets the 413 instead of a reset connection
   * (closing a socket with unread data resets it, RFC 9112 §9.6).
   */
  private static String readBody(HttpExchange x) throws IOException, Refused {
    String length = x.getRequestHeaders().getFirst("Content-Length");
    long declared = -1;
    if (length != null) {
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new Refused(400, "Content-Length " + length);
      }
    }
    InputStream in = x.getRequestBody();
    if (declared > MAX_BODY) {
      if (declared <= DRAIN_LIMIT) {
        in.skipNBytes(declared);
      }
      throw new Refused(413, "body of " + declared + " bytes, at most " + MAX_BODY);
    }
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      in.skip(DRAIN_LIMIT);
      throw new Refused(413, "body over " + MAX_BODY + " bytes, at most " + MAX_BODY);
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private JsonObject hello(String body) {
    ProbeDecoder.Hello h = ProbeDecoder.hello(body);
    String id;
    synchronized (this) {
      id = "s" + ++sessionCounter;
      sessions.put(id, new Session(h.page()));
    }
    for (ProbeListener l : listeners) {
      tell(() -> l.connected(id, h.page()));
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("session", id);
    return answer;
  }

  private JsonObject events(String body) throws Refused {
    Batch b = ProbeDecoder.batch(body);
    ImmutableList<ReceivedEvent> accepted;
    synchronized (this) {
      Session s = sessions.get(b.session());
      if (s == null) {
        throw new Refused(
            409, "unknown session " + ProbeDecoder.quote(b.session()) + ", say hello");
      }
      if (b.seq() < s.nextSeq) {
        // Sent again because our answer was lost: kept already.
        JsonObject answer = new JsonObject();
        answer.addProperty("accepted", 0);
        return answer;
      }
      if (b.seq() > s.nextSeq) {
        throw new Refused(
            409, "batch " + b.seq() + " of " + b.session() + ", expected " + s.nextSeq);
      }
      s.nextSeq++;
      s.dropped += b.dropped();
      if (b.clock().isPresent()) {
        s.clock = b.clock();
      }
      ImmutableList.Builder<ReceivedEvent> out = ImmutableList.builder();
      for (ProbeEvent e : b.events()) {
        double offset = s.clock.map(ClockSync::offsetMs).orElse(0.0);
        out.add(
            new ReceivedEvent(b.session(), e, instant(e.pageTime() + offset), s.clock.isPresent()));
      }
      accepted = out.build();
      events.addAll(accepted);
    }
    if (!accepted.isEmpty()) {
      for (ProbeListener l : listeners) {
        tell(() -> l.received(accepted));
      }
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("accepted", accepted.size());
    return answer;
  }

  private void refuse(HttpExchange x, int status, String reason) throws IOException {
    String path = x.getRequestURI().getRawPath().replace(token, "{token}");
    String remote = x.getRemoteAddress().getAddress().getHostAddress();
    Refusal r = new Refusal(clock.instant(), status, x.getRequestMethod(), path, remote, reason);
    synchronized (this) {
      if (refusals.size() == MAX_REFUSALS) {
        refusals.remove(0);
      }
      refusals.add(r);
    }
    LOG.log(System.Logger.Level.INFO, "probe: " + r);
    for (ProbeListener l : listeners) {
      tell(() -> l.refused(r));
    }
    // The client may still be sending a body we did not read: this connection is done.
    x.getResponseHeaders().set("Connection", "close");
    send(x, status, "text/plain; charset=utf-8", reason.getBytes(StandardCharsets.UTF_8));
  }

  private static void tell(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "probe: a listener failed: " + e, e);
    }
  }

  private static void send(HttpExchange x, int status, String type, byte[] body)
      throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static double millis(Instant i) {
    return i.getEpochSecond() * 1000.0 + i.getNano() / 1e6;
  }

  static Instant instant(double millis) {
    long whole = (long) Math.floor(millis);
    long nanos = Math.round((millis - whole) * 1e6);
    return Instant.ofEpochMilli(whole).plusNanos(nanos);
  }
}
