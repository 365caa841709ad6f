package dev.hogrig.scenario;

import static org.awaitility.Awaitility.await;

import com.google.common.collect.ImmutableList;
import dev.hogrig.bluez.Adapter;
import dev.hogrig.bluez.BluezException;
import dev.hogrig.bluez.Device;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.report.HostInfo;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.TestAbortedException;

/**
 * A real host (a Mac, a PC, a tablet, a phone) next to this machine's adapter, known by its
 * address. The rig cannot press its buttons: pairing and host-initiated connections happen from the
 * host's own Bluetooth settings (or automatically, as HOGP hosts reconnect to bonded devices), and
 * the rig waits for them, telling the operator what to do. What it sees is everything the host does
 * over GATT (the emulator's events) and the link state BlueZ reports; the host's input stack is out
 * of its sight until the browser probe exists, so expectations on input are aborted (not failed)
 * with a message saying so.
 */
final class RemoteHost implements Host {
  private final Adapter adapter;
  private final String address;
  private final Duration pairWait;
  private final Evidence evidence;
  private Emulator peer;

  RemoteHost(Adapter adapter, String address, Duration pairWait, Evidence evidence) {
    this.adapter = adapter;
    this.address = address;
    this.pairWait = pairWait;
    this.evidence = evidence;
  }

  @Override
  public String name() {
    return "host-" + address.replace(":", "").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public HostInfo info() {
    String model = adapter.device(address).flatMap(Device::name).orElse("?");
    return new HostInfo(
        name(),
        "? (not observable over Bluetooth)",
        model + " (" + address + ", seen from " + adapter.name() + ")",
        "?");
  }

  @Override
  public synchronized Emulator peer() {
    if (peer == null) {
      throw new IllegalStateException(name() + " has not paired with an emulator yet");
    }
    return peer;
  }

  @Override
  public void pair(Emulator emulator) {
    synchronized (this) {
      peer = emulator;
    }
    evidence.note(
        "operator: on the host "
            + address
            + ", pair with \""
            + emulator.name()
            + "\" from its Bluetooth settings (waiting up to "
            + pairWait.toSeconds()
            + " s)");
    evidence.step(
        "host " + address + " pairs and connects",
        () ->
            waitUntil(
                () -> device().map(d -> d.paired() && d.connected()).orElse(false),
                "paired and connected"));
  }

  @Override
  public void connect(Emulator emulator) {
    evidence.note("waiting for host " + address + " to reconnect to " + emulator.name());
    evidence.step(
        "host " + address + " reconnects",
        () -> waitUntil(() -> isConnected(emulator), "connected again"));
  }

  @Override
  public ConnectAttempt connectWithoutPairing(Emulator emulator, Duration atMost) {
    synchronized (this) {
      peer = emulator;
    }
    return attemptConnect(emulator, atMost);
  }

  @Override
  public ConnectAttempt attemptConnect(Emulator emulator, Duration atMost) {
    evidence.note("operator: make host " + address + " connect to " + emulator.name());
    boolean up = awaitReconnection(emulator, atMost);
    return new ConnectAttempt(up, false, Optional.empty());
  }

  @Override
  public boolean awaitReconnection(Emulator emulator, Duration atMost) {
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> isConnected(emulator));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  @Override
  public void disconnect(Emulator emulator) {
    evidence.step(
        "peripheral drops the link to " + address,
        () -> device().ifPresent(d -> d.disconnect(Duration.ofSeconds(30))));
  }

  @Override
  public void forget(Emulator emulator) {
    device().ifPresent(adapter::removeDevice);
    evidence.note(
        "bond with "
            + address
            + " removed here; remove \""
            + emulator.name()
            + "\" on the host too before the next pairing scenario");
  }

  @Override
  public void forgetOwnBond(Emulator emulator) {
    evidence.note(
        "operator: on the host "
            + address
            + ", remove \""
            + emulator.name()
            + "\" from its Bluetooth settings");
    evidence.step(
        "host " + address + " forgets the bond",
        () -> waitUntil(() -> !isConnected(emulator), "disconnected"));
  }

  @Override
  public boolean isConnected(Emulator emulator) {
    try {
      return device().map(Device::connected).orElse(false);
    } catch (BluezException e) {
      return false;
    }
  }

  @Override
  public ImmutableList<InputEvent> inputEvents(Emulator emulator) {
    throw new TestAbortedException(
        "the input stack of "
            + address
            + " cannot be observed from here (only its GATT"
            + " traffic); a browser probe on the host is planned for that");
  }

  @Override
  public Optional<String> inputDriver(Emulator emulator) {
    return Optional.empty();
  }

  private Optional<Device> device() {
    return adapter.device(address);
  }

  private void waitUntil(java.util.concurrent.Callable<Boolean> what, String description) {
    try {
      await().atMost(pairWait).pollInterval(Duration.ofMillis(250)).until(what);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "host " + address + " not " + description + " within " + pairWait.toSeconds() + " s");
    }
  }
}
