package dev.hogrig.bluez;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.bluez.dbus.GattCharacteristic1;
import dev.hogrig.bluez.dbus.GattDescriptor1;
import dev.hogrig.gatt.AttError;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.bin.EmbeddedDBusDaemon;
import org.freedesktop.dbus.connections.transports.TransportBuilder.SaslAuthMode;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exported GATT application on the wire, without BlueZ: dbus-java's embedded bus daemon over
 * TCP (ANONYMOUS, as the lab), our application exported on one connection, and a second connection
 * playing bluetoothd: GetManagedObjects, ReadValue/WriteValue with BlueZ's options, the error names
 * BlueZ 5.66 maps to ATT codes, StartNotify and the PropertiesChanged(Value) signal.
 */
class GattApplicationTest {
  private EmbeddedDBusDaemon daemon;
  private BluezConnection app;
  private BluezConnection client;
  private HogpDevice device;
  private GattApplication exported;
  private final List<GattEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String address = "tcp:host=127.0.0.1,port=" + port;
    daemon = new EmbeddedDBusDaemon(address + ",listen=true");
    daemon.setSaslAuthMode(SaslAuthMode.AUTH_ANONYMOUS);
    daemon.startInBackgroundAndWait(10_000);
    app = BluezConnection.open(address);
    client = BluezConnection.open(address);
    AtomicReference<GattApplication> ref = new AtomicReference<>();
    device =
        HogpDevice.create(
            HidProfile.keyboard(), Clock.systemUTC(), (c, v) -> ref.get().notify(c, v));
    device.addListener(events::add);
    exported = GattApplication.export(app, app.bus(), "/org/bluez/hci0", device, Clock.systemUTC());
    ref.set(exported);
  }

  @AfterEach
  void stop() throws IOException {
    if (exported != null) {
      exported.close();
    }
    client.close();
    app.close();
    daemon.close();
  }

  private <T extends org.freedesktop.dbus.interfaces.DBusInterface> T remote(
      String path, Class<T> type) {
    return Bus.call(
        "proxy",
        path,
        () -> client.bus().connection().getRemoteObject(app.uniqueName(), path, type));
  }

  private static Map<String, Variant<?>> options(int offset, String type) {
    Map<String, Variant<?>> m = new LinkedHashMap<>();
    m.put("device", new Variant<>(new DBusPath("/org/bluez/hci1/dev_00_AA_01_01_00_01")));
    m.put("mtu", new Variant<>(new UInt16(185)));
    m.put("offset", new Variant<>(new UInt16(offset)));
    if (type != null) {
      m.put("type", new Variant<>(type));
    }
    return m;
  }

  @Test
  @SuppressWarnings("unchecked")
  void getManagedObjectsListsEveryServiceCharacteristicAndDescriptorButNoCcc() {
    ObjectManager om = remote(exported.path(), ObjectManager.class);
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects =
        (Map<DBusPath, Map<String, Map<String, Variant<?>>>>)
            client.bus().invoke(om, Bus.OBJECT_MANAGER, "GetManagedObjects");
    Map<String, Object> reportMap = null;
    int services = 0;
    for (var e : objects.entrySet()) {
      Map<String, Map<String, Variant<?>>> ifaces = e.getValue();
      if (ifaces.containsKey("org.bluez.GattService1")) {
        services++;
        Map<String, Object> s = Bus.plainMap(ifaces.get("org.bluez.GattService1"));
        assertEquals(true, s.get("Primary"));
        assertEquals(List.of(), s.get("Includes"));
      }
      if (ifaces.containsKey(GattDescriptor1.NAME)) {
        Object uuid = Bus.plainMap(ifaces.get(GattDescriptor1.NAME)).get("UUID");
        assertFalse("00002902-0000-1000-8000-00805f9b34fb".equals(uuid), "no CCC exported");
      }
      if (ifaces.containsKey(GattCharacteristic1.NAME)) {
        Map<String, Object> c = Bus.plainMap(ifaces.get(GattCharacteristic1.NAME));
        if ("00002a4b-0000-1000-8000-00805f9b34fb".equals(c.get("UUID"))) {
          reportMap = c;
        }
      }
    }
    assertEquals(3, services, "HID, Battery, Device Information");
    assertTrue(reportMap != null, "Report Map exported: " + objects.keySet());
    // The keyboard profile protects its HID service with authenticated encryption (gatt.md).
    assertEquals(List.of("read", "encrypt-authenticated-read"), reportMap.get("Flags"));
  }

  @Test
  void readValueAnswersFromTheOffsetAndNamesThePeerFromTheDeviceOption() {
    GattCharacteristic1 map =
        remote(exported.objectPath(device.reportMap()), GattCharacteristic1.class);
    byte[] whole =
        (byte[]) client.bus().invoke(map, GattCharacteristic1.NAME, "ReadValue", options(0, null));
    byte[] tail =
        (byte[]) client.bus().invoke(map, GattCharacteristic1.NAME, "ReadValue", options(5, null));
    Bytes expected = device.profile().descriptor().bytes();
    assertArrayEquals(expected.toArray(), whole);
    assertArrayEquals(expected.slice(5, expected.size()).toArray(), tail);
    GattEvent.Read r =
        (GattEvent.Read)
            events.stream()
                .filter(GattEvent.Read.class::isInstance)
                .reduce((a, b) -> b)
                .orElseThrow();
    assertEquals("00:AA:01:01:00:01", r.peer());
    assertEquals(5, r.offset());
    GattCharacteristic1 pnp =
        remote(exported.objectPath(device.pnpId()), GattCharacteristic1.class);
    byte[] pnpValue =
        (byte[]) client.bus().invoke(pnp, GattCharacteristic1.NAME, "ReadValue", options(0, null));
    // PnP ID (DIS 1.1 §3.9): USB-IF source 0x02, VID 0x1209, PID 0x0001, version 0x0100, LE.
    assertArrayEquals(new byte[] {2, 0x09, 0x12, 1, 0, 0, 1}, pnpValue);
    GattDescriptor1 ref =
        remote(
            exported.objectPath(device.reportReference(ReportType.INPUT, 0)),
            GattDescriptor1.class);
    byte[] refValue =
        (byte[]) client.bus().invoke(ref, GattDescriptor1.NAME, "ReadValue", options(0, null));
    assertArrayEquals(new byte[] {0, 1}, refValue, "Report Reference: ID 0, Input");
  }

  @Test
  void errorsAreRepliedWithTheNamesBluezMapsToAttCodes() {
    GattCharacteristic1 map =
        remote(exported.objectPath(device.reportMap()), GattCharacteristic1.class);
    BluezException past =
        assertThrows(
            BluezException.class,
            () ->
                client
                    .bus()
                    .invoke(map, GattCharacteristic1.NAME, "ReadValue", options(4000, null)));
    assertEquals("org.bluez.Error.InvalidOffset", past.errorName());

    CharacteristicHandle out = device.bootKeyboardOutput().orElseThrow();
    GattCharacteristic1 leds = remote(exported.objectPath(out), GattCharacteristic1.class);
    BluezException len =
        assertThrows(
            BluezException.class,
            () ->
                client
                    .bus()
                    .invoke(
                        leds,
                        GattCharacteristic1.NAME,
                        "WriteValue",
                        new byte[] {1, 2},
                        options(0, "request")));
    assertEquals("org.bluez.Error.InvalidValueLength", len.errorName());
    client
        .bus()
        .invoke(
            leds, GattCharacteristic1.NAME, "WriteValue", new byte[] {2}, options(0, "request"));
    assertEquals(Bytes.of(2), device.bootKeyboardOutputValue(), "Caps Lock LED written");
  }

  @Test
  void startNotifyIsRecordedAndInputGoesOutAsPropertiesChangedValue() throws Exception {
    CharacteristicHandle input = device.reportCharacteristic(ReportType.INPUT, 0);
    String path = exported.objectPath(input);
    List<Object> values = new CopyOnWriteArrayList<>();
    client
        .bus()
        .connection()
        .addSigHandler(
            Properties.PropertiesChanged.class,
            s -> {
              if (s.getPath().equals(path)
                  && s.getInterfaceName().equals(GattCharacteristic1.NAME)) {
                values.add(Bus.plain(s.getPropertiesChanged().get("Value")));
              }
            });
    GattCharacteristic1 chr = remote(path, GattCharacteristic1.class);
    client.bus().invoke(chr, GattCharacteristic1.NAME, "StartNotify");
    assertTrue(exported.isNotifying(input));
    assertEquals(1, exported.subscriptions().size());
    device.sendInput(
        ReportType.INPUT, 0, new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 0x04)));
    await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> values.size() == 1);
    // Boot keyboard input (HID 1.11 App. B.1): modifiers, reserved, key 0x04 ('a'), 5 zeros.
    assertEquals(List.of(0, 0, 4, 0, 0, 0, 0, 0), values.get(0));
    client.bus().invoke(chr, GattCharacteristic1.NAME, "StopNotify");
    assertFalse(exported.isNotifying(input));
    assertFalse(exported.subscriptions().get(1).notifying());
  }

  /** The agent's capability string is the SMP IO capability's BlueZ name (agent-api.txt). */
  @Test
  void peripheralRegistersTheAgentWithTheProfilesIoCapability() {
    assertEquals(
        AgentCapability.KEYBOARD_DISPLAY,
        BluezPeripheral.capability(HidProfile.keyboard().ioCapability()));
    assertEquals(
        AgentCapability.NO_INPUT_NO_OUTPUT,
        BluezPeripheral.capability(HidProfile.mouse().ioCapability()));
    for (dev.hogrig.gatt.IoCapability io : dev.hogrig.gatt.IoCapability.values()) {
      assertEquals(io.bluezName(), BluezPeripheral.capability(io).wireName());
    }
  }

  @Test
  void attErrorsMapAsBluez566DbusErrorToAttEcodeReadsThem() {
    assertEquals(
        "org.bluez.Error.InvalidValueLength",
        BluezAttErrors.reply(AttError.INVALID_ATTRIBUTE_VALUE_LENGTH, false).errorName());
    assertEquals(
        "org.bluez.Error.InvalidOffset",
        BluezAttErrors.reply(AttError.INVALID_OFFSET, true).errorName());
    assertEquals(
        "org.bluez.Error.NotAuthorized",
        BluezAttErrors.reply(AttError.INSUFFICIENT_AUTHORIZATION, true).errorName());
    assertEquals(
        "org.bluez.Error.NotSupported",
        BluezAttErrors.reply(AttError.REQUEST_NOT_SUPPORTED, true).errorName());
    assertEquals(
        "org.bluez.Error.InProgress",
        BluezAttErrors.reply(AttError.PROCEDURE_ALREADY_IN_PROGRESS, false).errorName());
    // NotPermitted becomes 0x02 in a read's reply handler, 0x03 in a write's.
    assertEquals(
        "org.bluez.Error.NotPermitted",
        BluezAttErrors.reply(AttError.READ_NOT_PERMITTED, true).errorName());
    assertEquals(
        "org.bluez.Error.NotPermitted",
        BluezAttErrors.reply(AttError.WRITE_NOT_PERMITTED, false).errorName());
    assertEquals(0x0E, BluezAttErrors.reply(AttError.READ_NOT_PERMITTED, false).sentCode());
    // Application codes: Failed with the code as the whole message (strtol base 0).
    BluezAttErrors.Reply app = BluezAttErrors.reply(0x85, true, "x");
    assertEquals("org.bluez.Error.Failed", app.errorName());
    assertEquals("0x85", app.message());
    // No name for Value Not Allowed: BlueZ answers 0x0E Unlikely Error.
    assertEquals(0x0E, BluezAttErrors.reply(AttError.VALUE_NOT_ALLOWED, false).sentCode());
  }
}
