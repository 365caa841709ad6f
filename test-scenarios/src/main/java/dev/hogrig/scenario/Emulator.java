package dev.hogrig.scenario;

import com.google.common.collect.ImmutableList;
import dev.hogrig.bluez.BluezPeripheral;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.replay.InputScript;
import dev.hogrig.replay.PlaybackResult;
import dev.hogrig.replay.Replayer;
import dev.hogrig.replay.ReportSink;
import dev.hogrig.replay.Timebase;
import dev.hogrig.replay.TimedReport;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The emulated HOGP peripheral of one scenario: a {@link BluezPeripheral} (registered with the
 * target's BlueZ, advertising) and everything the host did to it, as {@link GattEvent}s in the
 * order they happened. Made by {@link Rig#emulate}; closed by the rig after the scenario.
 */
public final class Emulator implements AutoCloseable {
  private final BluezPeripheral peripheral;
  private final List<GattEvent> events = new CopyOnWriteArrayList<>();
  private final Instant started;

  Emulator(BluezPeripheral peripheral, Instant started) {
    this.peripheral = peripheral;
    this.started = started;
    peripheral.device().addListener(events::add);
  }

  /** The HOGP device: send input through it, read what the host wrote. */
  public HogpDevice device() {
    return peripheral.device();
  }

  /** The BlueZ side: adapter, advertisement, application. */
  public BluezPeripheral peripheral() {
    return peripheral;
  }

  /** The advertised local name, which the host's kernel uses as the HID device's name. */
  public String name() {
    return peripheral.localName();
  }

  /** The Bluetooth address hosts see (the adapter's). */
  public String address() {
    return peripheral.adapter().address();
  }

  /** When the emulator started advertising: zero of the GATT timeline. */
  public Instant started() {
    return started;
  }

  /** Everything the host did so far, oldest first. */
  public ImmutableList<GattEvent> events() {
    return ImmutableList.copyOf(events);
  }

  /** Events since the {@code mark}-th (a value of {@code events().size()} taken earlier). */
  public ImmutableList<GattEvent> eventsSince(int mark) {
    List<GattEvent> all = events();
    return ImmutableList.copyOf(all.subList(Math.min(mark, all.size()), all.size()));
  }

  /** The Report characteristics of the descriptor's input reports (what a host must subscribe). */
  public ImmutableList<CharacteristicHandle> inputReports() {
    return device().inputReports();
  }

  /**
   * The peripheral ends the link to {@code host} (BlueZ Device1.Disconnect on the emulator's side:
   * LL_TERMINATE_IND with reason 0x13, remote user terminated).
   *
   * @return false when the emulator's BlueZ knows no connected device of that address
   */
  public boolean dropLink(Host host) {
    java.util.Optional<dev.hogrig.bluez.Device> d = peripheral.adapter().device(host.address());
    if (d.isEmpty() || !d.get().connected()) {
      return false;
    }
    d.get().disconnect(java.time.Duration.ofSeconds(30));
    return true;
  }

  /**
   * Forgets the bond with {@code host} on the emulator's side only (BlueZ RemoveDevice), as a
   * peripheral that lost its keys (factory reset, flash wiped) would; the host keeps its keys.
   */
  public void forgetBond(Host host) {
    peripheral.adapter().device(host.address()).ifPresent(peripheral.adapter()::removeDevice);
  }

  /**
   * Plays {@code reports} (from {@link dev.hogrig.replay.InputScript} or a recording) into the
   * device with their timing, on this thread, and returns how it went (schedule errors, reports
   * sent). Reports the device cannot send (no subscriber) follow its unsubscribed policy.
   */
  public PlaybackResult play(List<TimedReport> reports) {
    return new Replayer(Timebase.precise(), ReportSink.of(device())).play(reports);
  }

  /** The report rate of {@link #type}: a brisk typist, well inside what the lab's link carries. */
  public static final double TYPING_HZ = 40;

  /**
   * Types {@code text} now through the replay engine (US layout, shift where needed, every key
   * released before the next) at {@link #TYPING_HZ} reports per second.
   *
   * @throws dev.hogrig.replay.ReplayException when the descriptor has no keyboard or a character
   *     has no US key
   */
  public PlaybackResult type(String text) {
    return play(script(TYPING_HZ).typeText(text).build());
  }

  /** A script for this device's descriptor at {@code rateHz} reports per second. */
  public InputScript script(double rateHz) {
    return InputScript.on(device().profile().descriptor(), rateHz);
  }

  @Override
  public void close() {
    peripheral.close();
  }

  @Override
  public String toString() {
    return "emulator " + name() + " on " + peripheral.adapter().name();
  }
}
