package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hci.AttPdu;
import dev.hogrig.hci.AttRecord;
import dev.hogrig.hci.HciTrace;
import dev.hogrig.hci.LinkEvent;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportType;
import dev.hogrig.lab.GuestBluetoothd;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.VirtualLab;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/**
 * An input report that does not fit a notification at the smallest ATT_MTU the host agrees to. A
 * Handle Value Notification carries at most ATT_MTU − 3 octets of value (Core 5.3 Vol 3 Part F
 * §3.4.7.1); BlueZ cuts a longer value to that. The scenario runs the same keyboard twice: with the
 * lab's bluetoothd as it is (both sides offer 517) and restarted with {@code [GATT] ExchangeMTU =
 * 48}, and types the same letter each time.
 *
 * <p>Why 48 and not 23: the lab host's bluetoothd cannot be held at 23. With {@code ExchangeMTU}
 * below 48, bluetoothd 5.82 on Linux 6.1 registers no adapter at all: its ATT listening socket's
 * {@code setsockopt(L2CAP_OPTIONS)} is refused with EINVAL ("Failed to create GATT database for
 * adapter", seen in the lab; the kernel's L2CAP takes no MTU below its 48-octet minimum), so a
 * Linux host never agrees to less than 48 and the 20-octet limit of ATT_MTU 23 is only reachable
 * with other hosts. The keyboard is therefore one whose report is longer than 45 octets: 46 octets
 * of constant padding, then the boot keyboard's modifiers, reserved octet and six keys (54 octets);
 * at ATT_MTU 48 every key is past the cut. (The library's Precision Touchpad, 29 octets, fits 45;
 * {@code hogrig descriptor lint --mtu 23} flags it for 23.)
 *
 * <p>Linux's hid-core pads a short report with zeros (hid_report_raw_event), so the host sees no
 * key at all. The scenario records the agreed ATT_MTU, the value lengths of the notifications on
 * the air and what the host typed; it fails when the report arrived whole although it could not
 * fit, or did not arrive although it fitted.
 */
@Scenario(
    name = "mtu",
    summary = "a 54-byte keyboard report at ATT_MTU 517 and at 48 (where it cannot fit)",
    records =
        "the ATT_MTU the two sides agreed, the value lengths of the notifications on the air,"
            + " the keys the host typed",
    requires = "the lab (its bluetoothd is restarted with [GATT] ExchangeMTU; both sides share it)")
class MtuScenario {
  static final int BLUEZ_DEFAULT_MTU = 517;

  /** The smallest ExchangeMTU with which the lab host's bluetoothd still starts its GATT server. */
  static final int LINUX_SMALLEST_MTU = 48;

  /** How long the host gets to show a key it will never show. */
  static final Duration QUIET = Duration.ofSeconds(5);

  /**
   * HID 1.11 Appendix B.1's boot keyboard input (modifiers, reserved, six keys) behind 46 octets of
   * constant padding: a 54-octet input report without a report ID.
   */
  static final Bytes PADDED_KEYBOARD =
      Bytes.fromHex(
          "05 01 09 06 a1 01"
              + " 75 08 95 2e 81 01" // 46 x 8 bits, Input (Cnst)
              + " 05 07 19 e0 29 e7 15 00 25 01 75 01 95 08 81 02" // modifiers
              + " 95 01 75 08 81 01" // reserved
              + " 95 06 75 08 15 00 25 65 05 07 19 00 29 65 81 00" // six keys
              + " c0");

  @ParameterizedTest(name = "ATT_MTU {0}")
  @ValueSource(ints = {BLUEZ_DEFAULT_MTU, LINUX_SMALLEST_MTU})
  void longReportAtMtu(int mtu, Rig rig) {
    VirtualLab lab =
        rig.lab()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "mtu needs the lab: a real host negotiates its own ATT_MTU"));
    if (mtu != BLUEZ_DEFAULT_MTU) {
      GuestBluetoothd.Daemon next =
          GuestBluetoothd.withConfig(
              lab,
              GuestBluetoothd.running(lab),
              "bluetooth-mtu-" + mtu,
              GuestBluetoothd.labConfig()
                  .replace("[GATT]\n", "[GATT]\nExchangeMTU = " + mtu + "\n"));
      GuestBluetoothd.Daemon before =
          rig.evidence()
              .step(
                  "restart the lab's bluetoothd with [GATT] ExchangeMTU = " + mtu,
                  () -> {
                    GuestBluetoothd.Daemon was = GuestBluetoothd.replace(lab, next);
                    GuestBluetoothd.powerOnAll(lab);
                    GuestBluetoothd.awaitPowered(lab, 2, Duration.ofSeconds(60));
                    return was;
                  });
      rig.atTeardown(
          "restart the lab's bluetoothd as it was",
          () -> {
            GuestBluetoothd.replace(lab, before);
            GuestBluetoothd.powerOnAll(lab);
            GuestBluetoothd.awaitPowered(lab, 2, Duration.ofSeconds(60));
          });
    }
    HidProfile keyboard = HidProfile.fromDescriptor("padded-keyboard", PADDED_KEYBOARD);
    int reportLength =
        keyboard.descriptor().reports(ReportType.INPUT).stream()
            .mapToInt(Report::payloadLength)
            .max()
            .orElseThrow();
    Emulator dev = rig.emulate(keyboard, "RigMtu" + mtu);
    Host host = rig.host();
    host.pair(dev);
    host.eventually().subscribedToAllInputReports();
    int agreed =
        rig.linkEvents().stream()
            .filter(e -> e instanceof LinkEvent.MtuExchanged)
            .mapToInt(e -> ((LinkEvent.MtuExchanged) e).attMtu())
            .reduce((a, b) -> b)
            .orElse(23); // no exchange: the default ATT_MTU (Vol 3 Part F §3.2.8)
    rig.evidence().parameter("ATT_MTU offered", mtu);
    rig.evidence().parameter("ATT_MTU agreed", agreed);
    rig.evidence().parameter("input report length", reportLength);
    dev.type("q");
    boolean fits = reportLength <= agreed - 3;
    Observed seen;
    try {
      if (fits) {
        host.eventually().typed("q");
      } else {
        sleep(QUIET);
      }
    } finally {
      seen = observe(rig, host.inputEvents(dev), reportLength, agreed);
    }
    boolean typed = seen.events().stream().anyMatch(MtuScenario::isKey);
    if (fits) {
      assertTrue(
          seen.lengths().contains(reportLength), "whole reports on the air: " + seen.lengths());
      assertTrue(typed, "the host typed the key");
    } else {
      assertEquals(mtu, agreed, "the sides agreed the ATT_MTU bluetoothd was told to offer");
      assertTrue(
          !seen.lengths().isEmpty() && seen.lengths().last() <= agreed - 3,
          "notifications cut to ATT_MTU - 3 = " + (agreed - 3) + ": " + seen.lengths());
      assertTrue(
          !typed,
          "the host typed a key from reports cut to "
              + (agreed - 3)
              + " of "
              + reportLength
              + " octets: "
              + seen.events());
    }
  }

  /** What the host produced and what went over the air, read once at the scenario's end. */
  private record Observed(ImmutableList<InputEvent> events, ImmutableSortedSet<Integer> lengths) {}

  /** Reads the capture once, records both as evidence and returns them for the verdict. */
  private static Observed observe(
      Rig rig, ImmutableList<InputEvent> events, int reportLength, int agreed) {
    ImmutableSortedSet<Integer> lengths = notificationLengths(rig);
    rig.evidence().parameter("notification value lengths on the air", lengths.toString());
    rig.evidence()
        .attachText(
            "what the host made of it at ATT_MTU " + agreed,
            "input report: "
                + reportLength
                + " octets; a notification carries at most "
                + (agreed - 3)
                + "\nnotification value lengths on the air: "
                + lengths
                + "\nevdev codes produced: "
                + new TreeSet<>(events.stream().map(e -> e.eventCode().name()).toList())
                + "\n");
    return new Observed(events, lengths);
  }

  /** A key press of the letter typed (KEY_Q, linux/input-event-codes.h). */
  private static boolean isKey(InputEvent e) {
    return e.eventCode().name().equals("KEY_Q") && e.value() == 1;
  }

  /**
   * Value lengths of every notification in this scenario's capture: Handle Value Notifications, and
   * each value of a Multiple Handle Value Notification (BlueZ 5.82 batches reports so when the
   * host's BlueZ supports it).
   */
  private static ImmutableSortedSet<Integer> notificationLengths(Rig rig) {
    ImmutableSortedSet.Builder<Integer> out = ImmutableSortedSet.naturalOrder();
    HciTrace trace = rig.capture().orElse(null);
    if (trace == null) {
      return out.build();
    }
    for (int index : trace.controllers()) {
      for (AttRecord r : trace.attPdus(index)) {
        if (r.pdu() instanceof AttPdu.HandleValueNotification n) {
          out.add(n.value().size());
        } else if (r.pdu() instanceof AttPdu.MultipleHandleValueNotification m) {
          m.values().forEach(v -> out.add(v.value().size()));
        }
      }
    }
    return out.build();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
