package dev.hogrig.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.freedesktop.dbus.bin.EmbeddedDBusDaemon;
import org.freedesktop.dbus.connections.transports.TransportBuilder.SaslAuthMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed call reads as one sentence: the call, the object, the error, and what to do. The bus
 * failures are real: dbus-java's embedded bus daemon (over TCP with ANONYMOUS, as the lab's) on
 * which nobody owns {@code org.bluez}, a connection that was closed, a port where no bus listens.
 * BlueZ's own error names (which only a real bluetoothd sends, see {@code BluezLabTest} and {@code
 * RecoveryLabTest}) are checked on the advice table, with their meaning from bluez {@code
 * doc/org.bluez.*.rst} "Possible errors".
 */
class BluezErrorsTest {
  private EmbeddedDBusDaemon daemon;
  private String address;

  @BeforeEach
  void startBus() throws Exception {
    address = "tcp:host=127.0.0.1,port=" + freePort();
    daemon = new EmbeddedDBusDaemon(address + ",listen=true");
    daemon.setSaslAuthMode(SaslAuthMode.AUTH_ANONYMOUS);
    daemon.startInBackgroundAndWait(10_000);
  }

  @AfterEach
  void stopBus() throws IOException {
    daemon.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void noBluetoothdOnTheBusSaysSoAndNamesTheBus() {
    try (BluezConnection bluez = BluezConnection.open(address)) {
      BluezException e = assertThrows(BluezException.class, bluez::adapters);
      String m = e.getMessage();
      assertTrue(
          m.startsWith("org.freedesktop.DBus.ObjectManager.GetManagedObjects on / failed: "), m);
      assertTrue(m.contains("bluetoothd is not running on the bus at " + address), m);
      assertTrue(m.contains("start it"), m);
      assertTrue(e.advice().isPresent());
      assertFalse(m.contains("\n"), "one line: " + m);
      System.out.println("errors: no bluetoothd: " + m);
    }
  }

  @Test
  void aPropertyReadKeepsTheAdvice() {
    try (BluezConnection bluez = BluezConnection.open(address)) {
      BluezException e =
          assertThrows(
              BluezException.class,
              () -> new Adapter(bluez, bluez.bus(), "/org/bluez/hci0").alias());
      assertTrue(
          e.getMessage().startsWith("Get org.bluez.Adapter1.Alias on /org/bluez/hci0"),
          e.getMessage());
      assertTrue(e.getMessage().contains("bluetoothd is not running"), e.getMessage());
    }
  }

  @Test
  void aClosedConnectionSaysToOpenANewOne() {
    BluezConnection bluez = BluezConnection.open(address);
    bluez.close();
    BluezException e = assertThrows(BluezException.class, bluez::adapters);
    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    assertTrue(e.getMessage().contains("open a new BluezConnection"), e.getMessage());
    System.out.println("errors: closed: " + e.getMessage());
  }

  @Test
  void noBusAtTheAddressSaysWhichAddress() throws IOException {
    String nowhere = "tcp:host=127.0.0.1,port=" + freePort();
    BluezException e = assertThrows(BluezException.class, () -> BluezConnection.open(nowhere));
    assertTrue(e.getMessage().startsWith("connect on " + nowhere + " failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("cannot connect to the bus at " + nowhere), e.getMessage());
    System.out.println("errors: no bus: " + e.getMessage());
  }

  @Test
  void bluezErrorNamesGetAdviceThatFitsThem() {
    assertTrue(
        BluezErrors.advice("org.bluez.Error.NotReady", "Resource Not Ready", null)
            .contains("power it on"));
    assertTrue(
        BluezErrors.advice("org.bluez.Error.AlreadyExists", "Already Exists", null)
            .contains("close the earlier registration"));
    assertTrue(
        BluezErrors.advice("org.bluez.Error.Failed", "Maximum advertisements reached", null)
            .contains("close another advertisement"));
    assertTrue(
        BluezErrors.advice("org.bluez.Error.AuthenticationFailed", "Authentication Failed", null)
            .contains("pair again"));
    assertTrue(
        BluezErrors.advice(
                "org.freedesktop.DBus.Error.NoReply",
                "Message recipient disconnected from message bus without replying",
                null)
            .contains("bluetoothd exited during the call"));
    assertTrue(
        BluezErrors.advice(BluezException.TIMEOUT, "no answer within PT30S", null)
            .contains("did not answer in time"));
    assertTrue(
        BluezErrors.advice("org.freedesktop.DBus.Error.ServiceUnknown", null, null)
            .contains("not running on its bus"));
    assertNull(BluezErrors.advice("org.example.Unheard", null, null));
  }

  @Test
  void theMessageIsCallObjectErrorTextThenAdvice() {
    BluezException e =
        Bus.error(
            "org.bluez.Adapter1.StartDiscovery",
            "/org/bluez/hci0",
            "unix:path=/run/dbus/system_bus_socket",
            "org.bluez.Error.NotReady",
            "Resource Not Ready",
            null);
    assertEquals(
        "org.bluez.Adapter1.StartDiscovery on /org/bluez/hci0 failed: org.bluez.Error.NotReady:"
            + " Resource Not Ready; the adapter is not ready (powered off): power it on"
            + " (Adapter.setPowered(true)) and try again",
        e.getMessage());
    assertEquals("org.bluez.Error.NotReady", e.errorName());
  }
}
