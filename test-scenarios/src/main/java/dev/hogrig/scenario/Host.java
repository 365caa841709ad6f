package dev.hogrig.scenario;

import com.google.common.collect.ImmutableList;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.report.HostInfo;
import java.time.Duration;
import java.util.Optional;

/**
 * The host under test, as a scenario sees it: something that pairs with, connects to and
 * disconnects from an {@link Emulator}, and whose input stack can be observed.
 *
 * <p>Two kinds today: {@link LabHost}, the lab's Linux host, which the rig drives over D-Bus and
 * whose kernel input devices and evdev events it reads; and {@link RemoteHost}, a real host known
 * only by its address, which pairs and connects from its own UI and whose input stack the rig
 * cannot see yet (the browser probe of a later issue will implement {@link #inputEvents} for it).
 */
public interface Host {
  /** How the host appears in reports and summaries, e.g. {@code lab-linux}. */
  String name();

  /** The host's Bluetooth address, as the emulator's side sees it. */
  String address();

  /** Who the host is (name, OS, model, build), as the report labels and groups its results. */
  HostInfo info();

  /**
   * Brings the host and {@code emulator} to a bonded, connected state: discovery, pairing and
   * connection. The lab host drives these; a remote host is waited for (its operator pairs).
   */
  void pair(Emulator emulator);

  /**
   * The host discovers {@code emulator} and connects to it without pairing first, reporting what
   * happened (a host may pair by itself, refuse, or use the link unencrypted).
   */
  ConnectAttempt connectWithoutPairing(Emulator emulator, Duration atMost);

  /** The host connects again to a bonded emulator (host-initiated reconnection). */
  void connect(Emulator emulator);

  /**
   * The host tries once to connect to the bonded {@code emulator} and reports what happened instead
   * of failing; waits up to {@code atMost} for the link and then for an input device.
   */
  ConnectAttempt attemptConnect(Emulator emulator, Duration atMost);

  /**
   * Waits, without asking the host anything, until it has connected to the bonded {@code emulator}
   * by itself (as a host reconnects to a bonded HID device that advertises), at most {@code
   * atMost}; then the host's input stack is watched anew.
   *
   * @return whether the host reconnected in time
   */
  boolean awaitReconnection(Emulator emulator, Duration atMost);

  /** The host drops the link (LL terminate from the host's side). */
  void disconnect(Emulator emulator);

  /** Both sides forget the bond, so the next scenario pairs from scratch. */
  void forget(Emulator emulator);

  /**
   * The emulator this host paired with last: what {@link #eventually()}'s expectations are about.
   *
   * @throws IllegalStateException when it has not paired with one yet
   */
  Emulator peer();

  /**
   * The host forgets its bond with {@code emulator} (its user removed the device), while the
   * emulator keeps its keys.
   */
  void forgetOwnBond(Emulator emulator);

  /** Whether the host's stack says it is connected to {@code emulator}. */
  boolean isConnected(Emulator emulator);

  /**
   * The input events the host's input stack produced for {@code emulator} since it was last
   * (re)connected, oldest first.
   *
   * @throws org.opentest4j.TestAbortedException when this host's input stack cannot be observed
   */
  ImmutableList<InputEvent> inputEvents(Emulator emulator);

  /**
   * The driver the host bound to the emulator's HID device (Linux: hid-generic, hid-multitouch).
   */
  Optional<String> inputDriver(Emulator emulator);

  /** Expectations that wait up to {@link #DEFAULT_WAIT}. */
  default HostExpectations eventually() {
    return eventually(DEFAULT_WAIT);
  }

  /** Expectations that wait up to {@code atMost}. */
  default HostExpectations eventually(Duration atMost) {
    return new HostExpectations(this, atMost);
  }

  /** Sleeps, for scenarios that must give a host time to do something it should not. */
  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Long enough for the lab under software emulation; a real host is much quicker. */
  Duration DEFAULT_WAIT = Duration.ofSeconds(60);
}
