package dev.hogrig.bluez;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.AttributeHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hci.AttPdu;
import dev.hogrig.hci.AttRecord;
import dev.hogrig.hci.Direction;
import dev.hogrig.hci.HciTrace;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.VirtualLab;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HOGP §6.1 (and HIDS' security requirements) make HID data flow only over an encrypted, bonded
 * link. BlueZ's own HOGP host raises security before it reads anything (so it never shows the
 * refusal); this test is a host that does not: {@code gatttool} on the lab's host controller,
 * connecting with security level low, no pairing, reads the Report Map (UUID 0x2A4B) by type.
 * gatttool answers an Insufficient Encryption error by raising security itself (Just Works pairing,
 * seen when the peripheral's agent accepted: it then got the value), so the peripheral's agent here
 * refuses pairing, as a device that is not in pairing mode would.
 */
@dev.hogrig.lab.WithLab
@org.junit.jupiter.api.Tag(LabPeers.REPEAT_PAIRING)
class HogpSecurityLabTest {
  private static VirtualLab lab;
  private static BluezConnection bluez;
  private static Controller peripheralCtl;
  private static Controller hostCtl;

  @BeforeAll
  static void connect(VirtualLab shared) {
    lab = shared;
    assertTrue(lab.controllers().size() >= 2, "two usable controllers: " + lab.controllers());
    peripheralCtl = lab.controllers().get(0);
    hostCtl = lab.controllers().get(1);
    bluez = BluezConnection.open(lab.busAddress());
  }

  @AfterAll
  static void disconnect() {
    if (bluez != null) {
      bluez.close();
    }
  }

  /**
   * The read is refused by the peripheral's bluetoothd with an ATT security error (0x05
   * Insufficient Authentication or 0x0F Insufficient Encryption, Core 5.3 Vol 3 Part F §3.4.1.1)
   * before it reaches the model: the device serves no HID value to an unencrypted link.
   */
  @Test
  void anUnencryptedHostIsRefusedTheReportMap() {
    Adapter pa = bluez.adapter(peripheralCtl.name());
    Adapter host = bluez.adapter(hostCtl.name());
    List<GattEvent> events = new CopyOnWriteArrayList<>();
    List<String> asked = new CopyOnWriteArrayList<>();
    AgentListener refusing =
        new AgentListener() {
          @Override
          public boolean requestAuthorization(DeviceRef device) {
            asked.add("RequestAuthorization");
            return false;
          }

          @Override
          public boolean requestConfirmation(DeviceRef device, long passkey) {
            asked.add("RequestConfirmation");
            return false;
          }
        };
    int index = Integer.parseInt(peripheralCtl.name().substring(3));
    int before = securityErrors(index).size();
    try (BluezPeripheral p =
        BluezPeripheral.start(
            bluez, pa, HidProfile.mouse(), "RigNoBond", refusing, Clock.systemUTC())) {
      p.device().addListener(events::add);
      String cmd =
          "gatttool -i "
              + hostCtl.name()
              + " -t public -b "
              + peripheralCtl.address()
              + " --sec-level=low --char-read --uuid=2a4b";
      GuestShell.Result r = lab.shell().run(cmd, Duration.ofSeconds(60));
      System.out.println("hogp security: " + cmd + " -> exit " + r.exitCode() + ": " + r.output());
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollInterval(200, MILLISECONDS)
          .until(() -> securityErrors(index).size() > before);
      List<AttPdu.ErrorResponse> refused = securityErrors(index);
      System.out.println(
          "hogp security: refused "
              + refused.subList(before, refused.size())
              + "; peripheral agent asked: "
              + asked);
      assertFalse(
          r.output().matches("(?s).*handle: 0x[0-9a-f]+ \\s*value: .*"),
          "gatttool got a value: " + r.output());
      HogpDevice dev = p.device();
      assertTrue(
          events.stream()
              .noneMatch(e -> e instanceof GattEvent.Read read && isHid(dev, read.handle())),
          "the model served no HID read: " + events);
    } finally {
      LabPeers.forget(pa, peripheralCtl.address(), host, hostCtl.address());
    }
  }

  private static boolean isHid(HogpDevice dev, AttributeHandle handle) {
    return dev.reportMap().equals(handle)
        || dev.hidInformation().equals(handle)
        || dev.reportCharacteristics().containsValue(handle);
  }

  /** ATT Error Responses with a security error code sent by the peripheral's controller so far. */
  private static List<AttPdu.ErrorResponse> securityErrors(int index) {
    HciTrace t = HciTrace.read(lab.outputDir().resolve("hci.btsnoop"));
    return t.attPdus(index).stream()
        .filter(rec -> rec.direction() == Direction.TO_CONTROLLER)
        .map(AttRecord::pdu)
        .filter(AttPdu.ErrorResponse.class::isInstance)
        .map(AttPdu.ErrorResponse.class::cast)
        .filter(e -> e.errorCode() == 0x05 || e.errorCode() == 0x0F)
        .toList();
  }
}
