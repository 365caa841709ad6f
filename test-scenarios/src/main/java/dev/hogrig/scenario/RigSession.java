package dev.hogrig.scenario;

import dev.hogrig.bluez.Adapter;
import dev.hogrig.bluez.BluezConnection;
import dev.hogrig.bluez.BluezException;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.LabException;
import dev.hogrig.lab.LabOptions;
import dev.hogrig.lab.VirtualLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What all scenarios of one run share: the target, and for the lab the booted (or attached) guest
 * and the D-Bus connection to its bluetoothd; for hardware the system bus. Opened on first use,
 * closed when the run ends (JUnit's root store closes it): a lab this run booted is powered off, a
 * lab it attached to is left running.
 */
final class RigSession implements AutoCloseable {
  final Target target;
  private final Path workDir;
  private Optional<VirtualLab> lab;
  private BluezConnection bluez;
  private final boolean bootedHere;
  private LabHealth baseline;
  private String broken;
  private Optional<dev.hogrig.probe.ProbeServer> probe = Optional.empty();

  private RigSession(
      Target target,
      Path workDir,
      Optional<VirtualLab> lab,
      BluezConnection bluez,
      boolean bootedHere) {
    this.target = target;
    this.workDir = workDir;
    this.lab = lab;
    this.bluez = bluez;
    this.bootedHere = bootedHere;
    this.baseline = lab.map(LabHealth::check).orElse(null);
  }

  synchronized Optional<VirtualLab> lab() {
    return lab;
  }

  /** The browser probe, when the target names one: open for the whole run. */
  synchronized Optional<dev.hogrig.probe.ProbeServer> probe() {
    return probe;
  }

  synchronized BluezConnection bluez() {
    return bluez;
  }

  /**
   * Checks the lab after a scenario (see {@link LabHealth}); empty when it is as healthy as before,
   * else what went wrong. A lab this run booted is then booted anew; a lab it attached to is marked
   * broken, and the scenarios after this one fail at once saying so.
   */
  synchronized Optional<LabHealth> checkHealth(String scenario) {
    if (lab.isEmpty()) {
      return Optional.empty();
    }
    LabHealth now = LabHealth.check(lab.get());
    if (!now.worseThan(baseline)) {
      return Optional.empty();
    }
    if (!now.bluetoothd()) {
      if (bootedHere) {
        reboot();
      } else {
        broken =
            "the lab's bluetoothd died during scenario "
                + scenario
                + " (see its 'host kernel log' attachment); restart the lab: hogrig lab down"
                + " --dir DIR && hogrig lab up --dir DIR";
      }
    } else {
      baseline = now;
    }
    return Optional.of(now);
  }

  /** Fails when an earlier scenario left the lab unusable. */
  synchronized void requireUsable() {
    if (broken != null) {
      throw new ScenarioException(broken);
    }
  }

  /**
   * Whether the guest kernel logged a BUG, Oops or corruption since the last healthy check: the
   * lab's Linux host broke, whatever the scenario was doing.
   */
  synchronized boolean kernelBroke() {
    return lab.isPresent()
        && LabHealth.check(lab.get()).kernelProblems() > baseline.kernelProblems();
  }

  /** Boots a new lab in place of a broken one; every step runs even when an earlier one fails. */
  private void reboot() {
    try {
      bluez.close();
    } catch (RuntimeException e) {
      // Its bluetoothd is gone: there is nothing left to unregister.
    }
    lab.ifPresent(
        l -> {
          try {
            l.close();
          } catch (RuntimeException e) {
            // qemu is stopped by its process handle in any case.
          }
        });
    RigSession fresh = open(target, workDir);
    this.lab = fresh.lab;
    this.bluez = fresh.bluez;
    this.baseline = fresh.baseline;
  }

  /**
   * Opens the target.
   *
   * @param workDir where a booted lab keeps its output (guest logs, capture)
   * @throws ScenarioException when the lab does not start or the adapter is missing
   */
  static RigSession open(Target target, Path workDir) {
    if (target.kind() == Target.Kind.HARDWARE) {
      BluezConnection bluez;
      try {
        bluez = BluezConnection.system();
      } catch (BluezException e) {
        throw new ScenarioException("cannot reach BlueZ on the system bus: " + e.getMessage(), e);
      }
      try {
        bluez.adapter(target.adapter());
      } catch (BluezException e) {
        bluez.close();
        throw new ScenarioException(
            "adapter " + target.adapter() + " not found: " + e.getMessage(), e);
      }
      RigSession s = new RigSession(target, workDir, Optional.empty(), bluez, false);
      if (target.probe().isPresent()) {
        Target.Probe p = target.probe().get();
        try {
          s.probe =
              Optional.of(
                  dev.hogrig.probe.ProbeServer.start(
                      new java.net.InetSocketAddress(p.bind(), p.port()),
                      java.time.Clock.systemUTC()));
        } catch (dev.hogrig.probe.ProbeException e) {
          bluez.close();
          throw new ScenarioException(e.getMessage(), e);
        }
      }
      return s;
    }
    VirtualLab lab;
    boolean booted;
    try {
      if (target.labDir().isPresent()) {
        Path state = target.labDir().get().toAbsolutePath().resolve(VirtualLab.STATE_FILE);
        if (!Files.isRegularFile(state)) {
          throw new ScenarioException(
              "no running lab in "
                  + target.labDir().get()
                  + " (start one: hogrig lab up --dir DIR)");
        }
        lab = VirtualLab.attach(state);
        booted = false;
      } else {
        try {
          lab = boot(workDir);
        } catch (LabException first) {
          // A guest that printed nothing for the whole readiness wait was seen once in CI (qemu
          // TCG); every other boot of the session came up. One more, said out loud; a second
          // failure is final.
          System.out.println("rig: the lab did not boot, booting once more: " + first.getMessage());
          lab = boot(workDir);
        }
        booted = true;
      }
    } catch (LabException e) {
      throw new ScenarioException("the virtual lab did not start: " + e.getMessage(), e);
    }
    if (lab.controllers().size() < 2) {
      if (booted) {
        lab.close();
      }
      throw new ScenarioException(
          "the lab needs two controllers (peripheral and host), it has " + lab.controllers());
    }
    try {
      return new RigSession(
          target, workDir, Optional.of(lab), BluezConnection.open(lab.busAddress()), booted);
    } catch (BluezException e) {
      if (booted) {
        lab.close();
      }
      throw new ScenarioException("cannot reach the lab's bluetoothd: " + e.getMessage(), e);
    }
  }

  private static VirtualLab boot(Path workDir) {
    Path out = workDir.resolve("lab").resolve("run-" + Instant.now().toEpochMilli());
    return VirtualLab.start(
        LabOptions.defaults(out).withBluetoothdDebug(Boolean.getBoolean("hogrig.lab.btdebug")));
  }

  /** The adapter the emulator runs on. */
  synchronized Adapter peripheralAdapter() {
    if (lab.isPresent()) {
      return bluez.adapter(lab.get().controllers().get(0).name());
    }
    return bluez.adapter(target.adapter());
  }

  /** The lab's host-side controller. */
  synchronized Controller hostController() {
    return lab.orElseThrow().controllers().get(1);
  }

  @Override
  public synchronized void close() {
    probe.ifPresent(dev.hogrig.probe.ProbeServer::close);
    try {
      bluez.close();
    } finally {
      lab.ifPresent(
          l -> {
            if (bootedHere) {
              l.close();
            } else {
              l.detach();
            }
          });
    }
  }
}
