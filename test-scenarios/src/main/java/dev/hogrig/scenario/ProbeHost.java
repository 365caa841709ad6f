package dev.hogrig.scenario;

import static org.awaitility.Awaitility.await;

import com.google.common.collect.ImmutableList;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.probe.PageInfo;
import dev.hogrig.probe.ProbeServer;
import dev.hogrig.report.HostInfo;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real host observed through the browser probe: pairing and connections as for {@link RemoteHost}
 * (the operator does them on the host, the rig waits), while {@link #inputEvents} comes from the
 * probe page open in the host's browser, translated into evdev terms by {@link BrowserInput}. So
 * {@code typed("hello")}, {@code summed("REL_X", 100)}, {@code pointerMoved()} and {@code
 * scrolled()} hold or fail on a Mac or an iPad as they do on the lab's Linux host.
 *
 * <p>Input is counted per connection, as {@link LabHost} counts it: pairing and each (re)connection
 * set a mark on the server's event list, and {@link #inputEvents} returns what arrived after it.
 * The host's identity comes from the page's hello ({@link PageInfo}): the report groups its results
 * by {@code host-ADDR-os}.
 */
final class ProbeHost implements Host {
  private final RemoteHost remote;
  private final ProbeServer probe;
  private final BrowserInput translation;
  private final Duration pageWait;
  private final Evidence evidence;
  private int mark;
  private boolean waitedForPage;

  ProbeHost(
      RemoteHost remote,
      ProbeServer probe,
      BrowserInput translation,
      Duration pageWait,
      Evidence evidence) {
    this.remote = remote;
    this.probe = probe;
    this.translation = translation;
    this.pageWait = pageWait;
    this.evidence = evidence;
    this.mark = probe.eventCount();
  }

  /**
   * The page that said hello last; the first time, waits up to the pairing wait for the operator to
   * open it (once: a host whose page never came is not waited for again).
   */
  Optional<PageInfo> page() {
    boolean wait;
    synchronized (this) {
      wait = !waitedForPage;
      waitedForPage = true;
    }
    if (wait && probe.latestPage().isEmpty()) {
      evidence.note(
          "operator: open "
              + probe.url()
              + " in the browser of host "
              + remote.address()
              + " and keep it in front (waiting up to "
              + pageWait.toSeconds()
              + " s)");
      try {
        await()
            .atMost(pageWait)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> probe.latestPage().isPresent());
      } catch (ConditionTimeoutException e) {
        return Optional.empty();
      }
    }
    return probe.latestPage();
  }

  @Override
  public String name() {
    return remote.name()
        + page()
            .map(
                p ->
                    "-" + p.os().split(" ")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""))
            .orElse("");
  }

  @Override
  public String address() {
    return remote.address();
  }

  @Override
  public HostInfo info() {
    HostInfo base = remote.info();
    Optional<PageInfo> p = page();
    if (p.isEmpty()) {
      return new HostInfo(
          base.name(), "? (the probe page was not opened)", base.model(), base.build());
    }
    PageInfo page = p.get();
    evidence.report().parameter("host user agent", page.userAgent());
    evidence.report().parameter("host platform", page.platform());
    String model =
        page.uaData()
                .map(PageInfo.UaData::model)
                .filter(m -> !m.isEmpty())
                .map(m -> m + ", ")
                .orElse("")
            + base.model();
    return new HostInfo(name(), page.os(), model, page.userAgent());
  }

  @Override
  public void pair(Emulator emulator) {
    remote.pair(emulator);
    markInput();
  }

  @Override
  public ConnectAttempt connectWithoutPairing(Emulator emulator, Duration atMost) {
    ConnectAttempt a = remote.connectWithoutPairing(emulator, atMost);
    markInput();
    return a;
  }

  @Override
  public void connect(Emulator emulator) {
    remote.connect(emulator);
    markInput();
  }

  @Override
  public ConnectAttempt attemptConnect(Emulator emulator, Duration atMost) {
    ConnectAttempt a = remote.attemptConnect(emulator, atMost);
    markInput();
    return a;
  }

  @Override
  public boolean awaitReconnection(Emulator emulator, Duration atMost) {
    boolean up = remote.awaitReconnection(emulator, atMost);
    if (up) {
      markInput();
    }
    return up;
  }

  @Override
  public void disconnect(Emulator emulator) {
    remote.disconnect(emulator);
  }

  @Override
  public void forget(Emulator emulator) {
    remote.forget(emulator);
  }

  @Override
  public Emulator peer() {
    return remote.peer();
  }

  @Override
  public void forgetOwnBond(Emulator emulator) {
    remote.forgetOwnBond(emulator);
  }

  @Override
  public boolean isConnected(Emulator emulator) {
    return remote.isConnected(emulator);
  }

  private synchronized void markInput() {
    mark = probe.eventCount();
  }

  @Override
  public ImmutableList<InputEvent> inputEvents(Emulator emulator) {
    int from;
    synchronized (this) {
      from = mark;
    }
    return translation.toEvdev(probe.eventsSince(from));
  }

  /** Every event the probe received during this scenario, translated, for the evidence. */
  ImmutableList<InputEvent> allInputEvents() {
    return translation.toEvdev(probe.events());
  }

  /** A browser does not say which driver the host bound. */
  @Override
  public Optional<String> inputDriver(Emulator emulator) {
    return Optional.empty();
  }
}
