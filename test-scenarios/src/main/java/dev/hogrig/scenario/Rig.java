package dev.hogrig.scenario;

import dev.hogrig.bluez.AcceptingAgentListener;
import dev.hogrig.bluez.BluezPeripheral;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hci.LinkEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario method gets (as a parameter): the host under test, emulators to start, the
 * evidence recorder, and the run's settings. One per test method; {@link ScenarioExtension} closes
 * it afterwards, whatever happened: every emulator's bond is forgotten on both sides and its
 * registrations removed, so the lab or the adapter is ready for the next scenario.
 */
public final class Rig {
  /** Configuration parameter: how many cycles loop scenarios run (their own default otherwise). */
  public static final String CYCLES = "hogrig.scenario.cycles";

  private final RigSession session;
  private final Evidence evidence;
  private final Host host;
  private final java.util.function.Function<String, java.util.Optional<String>> config;
  private final List<Emulator> emulators = new ArrayList<>();
  private final List<Runnable> teardown = new ArrayList<>();
  private java.util.function.Supplier<com.google.common.collect.ImmutableList<LinkEvent>>
      linkEvents = com.google.common.collect.ImmutableList::of;
  private java.util.function.Supplier<java.util.Optional<dev.hogrig.hci.HciTrace>> capture =
      java.util.Optional::empty;

  Rig(
      RigSession session,
      Evidence evidence,
      Host host,
      java.util.function.Function<String, java.util.Optional<String>> config) {
    this.session = session;
    this.evidence = evidence;
    this.host = host;
    this.config = config;
  }

  public Host host() {
    return host;
  }

  public Evidence evidence() {
    return evidence;
  }

  public Target target() {
    return session.target;
  }

  /**
   * The number of cycles a loop scenario runs: {@value #CYCLES} when set (CLI {@code --cycles}),
   * else {@code defaultCycles}.
   *
   * @throws ScenarioException when the parameter is not a positive number
   */
  public int cycles(int defaultCycles) {
    return config
        .apply(CYCLES)
        .map(
            v -> {
              try {
                int n = Integer.parseInt(v.strip());
                if (n > 0) {
                  return n;
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              throw new ScenarioException(CYCLES + "=" + v + ": expected a positive number");
            })
        .orElse(defaultCycles);
  }

  /**
   * Starts an emulated peripheral for {@code profile}, advertising as {@code name}, on the target's
   * peripheral adapter, and records the profile (name, descriptor hash and decode) as parameters
   * and attachments.
   */
  public Emulator emulate(HidProfile profile, String name) {
    Instant started = Instant.now();
    BluezPeripheral p =
        evidence.step(
            "emulator " + name + " (" + profile.name() + ") registers and advertises",
            () ->
                BluezPeripheral.start(
                    session.bluez(),
                    session.peripheralAdapter(),
                    profile,
                    name,
                    new AcceptingAgentListener(),
                    Clock.systemUTC()));
    Emulator e = new Emulator(p, started);
    p.device().addListener(ev -> liveEvent(e, ev));
    synchronized (emulators) {
      emulators.add(e);
    }
    evidence
        .report()
        .rig(
            p.adapter().name() + " (" + p.adapter().address() + ")",
            profile.name(),
            profile.descriptor().bytes());
    evidence.report().descriptor(profile.descriptor());
    return e;
  }

  /**
   * Live host events for the console: what the host did that a person watches for (connections,
   * subscriptions, writes, protocol mode, control point), not each read or notification.
   */
  private void liveEvent(Emulator e, dev.hogrig.gatt.GattEvent ev) {
    String what = null;
    if (ev instanceof dev.hogrig.gatt.GattEvent.Connected c) {
      what = "host " + c.peer() + " connected, security " + c.security();
    } else if (ev instanceof dev.hogrig.gatt.GattEvent.SubscriptionChanged sc) {
      what =
          (sc.subscribed() ? "host subscribed to " : "host unsubscribed from ")
              + sc.handle().label();
    } else if (ev instanceof dev.hogrig.gatt.GattEvent.OutputReport o) {
      what = "host wrote output report " + o.reportId() + ": " + o.value();
    } else if (ev instanceof dev.hogrig.gatt.GattEvent.FeatureWrite f) {
      what = "host wrote feature report " + f.reportId() + ": " + f.value();
    } else if (ev instanceof dev.hogrig.gatt.GattEvent.ProtocolModeChanged pm) {
      what = "host set protocol mode " + pm.to();
    } else if (ev instanceof dev.hogrig.gatt.GattEvent.ControlPoint cp) {
      what = "host wrote HID Control Point " + cp.command();
    }
    if (what != null) {
      evidence.note("  [" + e.name() + "] " + what);
    }
  }

  /** The emulators started so far. */
  List<Emulator> emulators() {
    synchronized (emulators) {
      return List.copyOf(emulators);
    }
  }

  /**
   * What the controllers reported about the links since this scenario started (connections,
   * disconnections with their HCI reason, MTU exchanges, encryption changes), read from the lab's
   * btmon capture; empty on hardware, where the rig has no capture of its own yet.
   */
  public com.google.common.collect.ImmutableList<LinkEvent> linkEvents() {
    return linkEvents.get();
  }

  /**
   * This scenario's part of the lab's HCI capture, decoded (ATT PDUs per controller with {@link
   * dev.hogrig.hci.HciTrace#attPdus}); empty on hardware.
   */
  public java.util.Optional<dev.hogrig.hci.HciTrace> capture() {
    return capture.get();
  }

  /**
   * The virtual lab this run uses, for the few scenarios that configure the lab's host stack (e.g.
   * its bluetoothd); empty against a real host, where such a scenario should abort.
   */
  public java.util.Optional<dev.hogrig.lab.VirtualLab> lab() {
    return session.target.kind() == Target.Kind.HARDWARE
        ? java.util.Optional.empty()
        : session.lab();
  }

  /**
   * Runs {@code action} when the scenario ends, whatever happened, after the emulators were closed
   * and their bonds forgotten (so a lab setting a scenario changed is restored after the cleanup
   * that still needs it); actions run last-registered first. A failing action fails the scenario's
   * teardown with {@code what} in the message.
   */
  public void atTeardown(String what, Runnable action) {
    teardown.add(
        0,
        () -> {
          evidence.step(what, action);
        });
  }

  List<Runnable> teardownActions() {
    return List.copyOf(teardown);
  }

  void captureSource(
      java.util.function.Supplier<java.util.Optional<dev.hogrig.hci.HciTrace>> source) {
    this.capture = source;
  }

  void linkEventSource(
      java.util.function.Supplier<com.google.common.collect.ImmutableList<LinkEvent>> source) {
    this.linkEvents = source;
  }

  /** Long waits in the lab; short on hardware. */
  public Duration waitLimit() {
    return Host.DEFAULT_WAIT;
  }
}
