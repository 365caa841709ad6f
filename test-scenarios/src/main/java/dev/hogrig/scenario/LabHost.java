package dev.hogrig.scenario;

import com.google.common.collect.ImmutableList;
import dev.hogrig.bluez.Adapter;
import dev.hogrig.bluez.BluezException;
import dev.hogrig.bluez.Device;
import dev.hogrig.bluez.Peers;
import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.HidDeviceInfo;
import dev.hogrig.lab.HostInputDevices;
import dev.hogrig.lab.InputDeviceInfo;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventStream;
import dev.hogrig.lab.LabException;
import dev.hogrig.lab.VirtualLab;
import dev.hogrig.report.HostInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The lab's Linux host: the guest's second controller under the same bluetoothd as the emulator,
 * with BlueZ's HOGP host plugin turning the peer into a uhid device of the guest's kernel. The rig
 * drives it over D-Bus (discover, Pair, Connect, Disconnect, RemoveDevice) and watches its kernel:
 * which HID device and input devices appeared ({@link HostInputDevices}), and every evdev event
 * they produced ({@link InputEventStream}, evemu-record in the guest).
 *
 * <p>Input events are recorded per connection: a (re)connect makes BlueZ create the uhid device
 * anew, so {@link #connect} and {@link #pair} start new recorders on the new event nodes, and
 * {@link #inputEvents} returns what the current connection produced. That is what the "connected
 * but no input" detector needs.
 */
final class LabHost implements Host {
  private static final Duration WAIT = DEFAULT_WAIT;

  private final VirtualLab lab;
  private final Adapter host;
  private final Adapter peripheralSide;
  private final Evidence evidence;
  private Emulator peer;
  private String kernel;
  private Device device;
  private HidDeviceInfo hid;
  private final List<InputEventStream> streams = new ArrayList<>();
  private final List<InputEvent> earlier = new ArrayList<>();

  LabHost(VirtualLab lab, Adapter host, Adapter peripheralSide, Evidence evidence) {
    this.lab = lab;
    this.host = host;
    this.peripheralSide = peripheralSide;
    this.evidence = evidence;
  }

  @Override
  public String name() {
    return "lab-linux";
  }

  @Override
  public String address() {
    return host.address();
  }

  @Override
  public synchronized HostInfo info() {
    if (kernel == null) {
      GuestShell.Result r = lab.shell().run("uname -r", Duration.ofSeconds(30));
      kernel = r.ok() ? r.output().strip() : "?";
    }
    return new HostInfo(
        name(),
        "Linux " + kernel + " (lab guest)",
        "virtual lab: qemu TCG, btvirt " + host.name() + " " + host.address(),
        "BlueZ " + lab.bluezVersion());
  }

  @Override
  public synchronized Emulator peer() {
    if (peer == null) {
      throw new IllegalStateException(name() + " has not paired with an emulator yet");
    }
    return peer;
  }

  @Override
  public synchronized void pair(Emulator emulator) {
    peer = emulator;
    evidence.step(
        "host discovers " + emulator.name(),
        () -> device = host.discover(emulator.peripheral().advertisement(), WAIT));
    evidence.step("host pairs", () -> device.pair(WAIT));
    evidence.step("host connects", () -> device.connect(WAIT));
    awaitInputDevices(emulator);
  }

  @Override
  public synchronized void connect(Emulator emulator) {
    requirePeer(emulator);
    evidence.step("host connects", () -> device.connect(WAIT));
    awaitInputDevices(emulator);
  }

  @Override
  public synchronized ConnectAttempt connectWithoutPairing(Emulator emulator, Duration atMost) {
    peer = emulator;
    evidence.step(
        "host discovers " + emulator.name(),
        () -> device = host.discover(emulator.peripheral().advertisement(), WAIT));
    return attemptConnect(emulator, atMost);
  }

  @Override
  public synchronized ConnectAttempt attemptConnect(Emulator emulator, Duration atMost) {
    requirePeer(emulator);
    stopStreams();
    Optional<String> error = Optional.empty();
    try {
      evidence.step("host tries to connect", () -> device.connect(atMost));
    } catch (BluezException e) {
      error = Optional.of(e.getMessage());
    }
    boolean up = isConnected(emulator);
    boolean input = false;
    if (up) {
      try {
        hid = HostInputDevices.await(lab.shell(), h -> isOurs(h, emulator), atMost);
        input = true;
        for (InputDeviceInfo in : hid.inputs()) {
          if (!in.eventNode().isEmpty()) {
            streams.add(InputEventStream.start(lab, in.eventNode()));
          }
        }
      } catch (LabException e) {
        hid = null;
      }
    }
    ConnectAttempt a = new ConnectAttempt(up, input, error);
    evidence.note("connection attempt: " + a);
    return a;
  }

  @Override
  public boolean awaitReconnection(Emulator emulator, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!isConnected(emulator)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    synchronized (this) {
      awaitInputDevices(emulator);
    }
    return true;
  }

  @Override
  public synchronized void disconnect(Emulator emulator) {
    requirePeer(emulator);
    evidence.step("host disconnects", () -> device.disconnect(WAIT));
    stopStreams();
  }

  @Override
  public synchronized void forget(Emulator emulator) {
    stopStreams();
    if (peer == null) {
      return;
    }
    Peers.forgetEachOther(
        peripheralSide, emulator.address(), host, host.address(), Duration.ofSeconds(30));
    device = null;
    hid = null;
  }

  @Override
  public synchronized void forgetOwnBond(Emulator emulator) {
    requirePeer(emulator);
    stopStreams();
    evidence.step("host removes its bond with " + emulator.name(), () -> host.removeDevice(device));
    device = null;
    hid = null;
  }

  @Override
  public boolean isConnected(Emulator emulator) {
    Device d;
    synchronized (this) {
      d = device;
    }
    try {
      return d != null && emulator == peer && d.connected();
    } catch (BluezException e) {
      return false; // the device object went away with the link
    }
  }

  @Override
  public synchronized ImmutableList<InputEvent> inputEvents(Emulator emulator) {
    requirePeer(emulator);
    List<InputEvent> all = new ArrayList<>();
    for (InputEventStream s : streams) {
      all.addAll(s.events());
    }
    // evemu-record stamps relative to its own first event; order by time across nodes.
    all.sort(Comparator.comparingLong(InputEvent::timeMicros));
    return ImmutableList.copyOf(all);
  }

  /** Every input event seen on earlier connections and the current one, for the evidence. */
  synchronized ImmutableList<InputEvent> allInputEvents() {
    List<InputEvent> all = new ArrayList<>(earlier);
    if (peer != null) {
      all.addAll(inputEvents(peer));
    }
    return ImmutableList.copyOf(all);
  }

  @Override
  public synchronized Optional<String> inputDriver(Emulator emulator) {
    requirePeer(emulator);
    return hid == null ? Optional.empty() : hid.driver();
  }

  /** The kernel's HID device for the peer, as last listed. */
  synchronized Optional<HidDeviceInfo> hidDevice() {
    return Optional.ofNullable(hid);
  }

  private void requirePeer(Emulator emulator) {
    if (peer != emulator
        && peer != null
        && device != null
        && peer.address().equalsIgnoreCase(emulator.address())) {
      // A new emulator on the same adapter: the same device to the host, new firmware.
      peer = emulator;
    }
    if (peer != emulator || device == null) {
      throw new IllegalStateException(
          name() + " is not paired with " + emulator.name() + " (call pair first)");
    }
  }

  /**
   * Waits until the kernel made the peer's HID device (bus Bluetooth, named after the peer) and
   * starts recording each of its input devices.
   */
  private void awaitInputDevices(Emulator emulator) {
    stopStreams();
    evidence.step(
        "host kernel makes the input device",
        () -> hid = HostInputDevices.await(lab.shell(), h -> isOurs(h, emulator), WAIT));
    for (InputDeviceInfo in : hid.inputs()) {
      if (!in.eventNode().isEmpty()) {
        try {
          streams.add(InputEventStream.start(lab, in.eventNode()));
        } catch (LabException e) {
          stopStreams();
          throw e;
        }
      }
    }
  }

  /** The kernel's HID device BlueZ made for {@code emulator}: Bluetooth, named after it. */
  private static boolean isOurs(HidDeviceInfo h, Emulator emulator) {
    return h.bus() == HidDeviceInfo.BUS_BLUETOOTH
        && h.name().equals(emulator.name())
        && !h.inputs().isEmpty();
  }

  private void stopStreams() {
    for (InputEventStream s : streams) {
      try {
        earlier.addAll(s.events());
      } catch (LabException e) {
        // The recording is unreadable (lab gone): nothing more to keep.
      }
      s.close();
    }
    streams.clear();
  }

  /** Stops the recorders; the lab itself belongs to the run. */
  synchronized void close() {
    stopStreams();
  }
}
