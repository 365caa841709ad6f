package dev.hogrig.cli;

import dev.hogrig.bluez.AcceptingAgentListener;
import dev.hogrig.bluez.BluezConnection;
import dev.hogrig.bluez.BluezPeripheral;
import dev.hogrig.bluez.GattApplication;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usages;
import dev.hogrig.lab.BenchStats.Move;
import dev.hogrig.lab.TimedEventRecorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig bench notify-peer} (hidden): the emulator half of {@code hogrig bench notify
 * --placement guest}, run inside the lab guest by {@link NotifyBench} through {@code
 * lab.GuestJava}. It starts the mouse peripheral on the system bus (a unix socket, so AcquireNotify
 * is offered) and answers one-line commands on standard input with one-line results on standard
 * output:
 *
 * <pre>
 *   (at start)                         → ready offered=true|false
 *   (the host subscribes the input)    → subscribed AcquireNotify|PropertiesChanged PEER
 *   run PATH SEQ0 N HZ                 → sent SEQ0 SPAN_MICROS T0 T1 … T(N-1)
 *   advertise                          → advertising (advertisement restarted: a scanning
 *                                        host gets btvirt's report anew)
 *   quit                               → bye (after closing the peripheral)
 * </pre>
 *
 * {@code run} sends N mouse moves carrying SEQ0.. (as {@link NotifyBench} does on the machine) at
 * HZ (0: as fast as sendInput returns) through PATH ({@code PropertiesChanged} forces the signal
 * even to a host holding a socket); each T is the guest's CLOCK_REALTIME in microseconds just
 * before the send, the same clock as the host's evdev timestamps, so no clock offset is needed.
 */
@Command(
    name = "notify-peer",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Internal: the emulator half of 'hogrig bench notify --placement guest', started inside",
      "the lab guest. Commands on stdin: 'run PATH SEQ0 N HZ', 'quit'."
    })
final class NotifyBenchPeer implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--adapter", required = true, description = "The peripheral's adapter.")
  String adapter;

  @Option(names = "--name", required = true, description = "The LocalName to advertise.")
  String name;

  @Override
  public Integer call() throws Exception {
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    PrintWriter out = spec.commandLine().getOut();
    try (BluezConnection bluez = BluezConnection.system();
        BluezPeripheral p =
            BluezPeripheral.start(
                bluez,
                bluez.adapter(adapter),
                HidProfile.mouse(),
                name,
                new AcceptingAgentListener(),
                Clock.systemUTC())) {
      GattApplication app = p.application();
      CharacteristicHandle input = p.device().reportCharacteristic(ReportType.INPUT, 0);
      app.addSubscriptionListener(
          s -> {
            if (s.notifying() && s.characteristic().equals(input)) {
              synchronized (out) {
                out.println("subscribed " + s.path().wireName() + " " + s.peer());
                out.flush();
              }
            }
          });
      synchronized (out) {
        out.println("ready offered=" + app.acquireNotifyOffered());
        out.flush();
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.strip().split("\\s+");
        if (f[0].equals("quit")) {
          break;
        }
        if (f[0].equals("advertise")) {
          p.restartAdvertising();
          synchronized (out) {
            out.println("advertising");
            out.flush();
          }
          continue;
        }
        if (!f[0].equals("run") || f.length != 5) {
          continue;
        }
        app.forcePropertiesChanged(f[1].equals("PropertiesChanged"));
        int seq0 = Integer.parseInt(f[2]);
        int n = Integer.parseInt(f[3]);
        int hz = Integer.parseInt(f[4]);
        long[] t = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          if (hz > 0) {
            long due = start + (long) (i * (1e9 / hz));
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
              java.util.concurrent.locks.LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
          }
          Move m = Move.of(seq0 + i);
          t[i] = TimedEventRecorder.micros(Instant.now());
          p.device()
              .sendInput(
                  ReportType.INPUT, 0, new ReportData().set(Usages.X, m.x()).set(Usages.Y, m.y()));
        }
        long span = (System.nanoTime() - start) / 1000;
        StringBuilder b = new StringBuilder("sent ").append(seq0).append(' ').append(span);
        for (long x : t) {
          b.append(' ').append(x);
        }
        synchronized (out) {
          out.println(b);
          out.flush();
        }
      }
    }
    out.println("bye");
    out.flush();
    return 0;
  }
}
