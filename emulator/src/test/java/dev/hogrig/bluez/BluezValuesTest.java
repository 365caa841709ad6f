package dev.hogrig.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/** The parts of the BlueZ backend that need no bluetoothd. */
class BluezValuesTest {

  /**
   * bluez doc/device-api.txt: device objects are {@code [variable
   * prefix]/{hci0,...}/dev_XX_XX_XX_XX_XX_XX}.
   */
  @Test
  void deviceRefReadsAdapterAndAddressFromTheObjectPath() {
    DeviceRef r = DeviceRef.fromPath("/org/bluez/hci1/dev_00_AA_01_02_00_02");
    assertEquals("hci1", r.adapterName());
    assertEquals("00:AA:01:02:00:02", r.address());
    assertEquals("/org/bluez/hci1/dev_00_AA_01_02_00_02", r.path());
  }

  @Test
  void bluezExceptionMessageNamesCallObjectErrorAndText() {
    BluezException e =
        new BluezException(
            "org.bluez.Device1.Pair",
            "/org/bluez/hci1/dev_00_AA_01_00_00_00",
            "org.bluez.Error.AuthenticationFailed",
            "Authentication Failed",
            null);
    assertEquals(
        "org.bluez.Device1.Pair on /org/bluez/hci1/dev_00_AA_01_00_00_00 failed:"
            + " org.bluez.Error.AuthenticationFailed: Authentication Failed",
        e.getMessage());
    assertEquals("org.bluez.Error.AuthenticationFailed", e.errorName());
  }

  /** Assigned Numbers §2.6: Appearance is a 16-bit value. */
  @Test
  void advertisementAppearanceMustFitSixteenBits() {
    AdvertisementData ok = AdvertisementData.peripheral("Kbd").withAppearance(0x03C1);
    assertEquals(0x03C1, ok.appearance().getAsInt());
    assertThrows(
        IllegalArgumentException.class,
        () -> AdvertisementData.peripheral("Kbd").withAppearance(0x10000));
  }

  /** What bluetoothd reads with GetAll (bluez doc/advertising-api.txt) and the D-Bus types. */
  @Test
  void advertisementPropertiesHaveBluezNamesAndTypes() {
    AdvertisementData data =
        AdvertisementData.peripheral("RigKbd").withServiceUuids("1812").withAppearance(0x03C1);
    Map<String, Variant<?>> props = wire(data);
    assertEquals("peripheral", props.get("Type").getValue());
    assertEquals("s", props.get("Type").getSig());
    assertEquals(List.of("1812"), props.get("ServiceUUIDs").getValue());
    assertEquals("as", props.get("ServiceUUIDs").getSig());
    assertEquals("q", props.get("Appearance").getSig());
    assertEquals(0x03C1, ((UInt16) props.get("Appearance").getValue()).intValue());
    assertEquals("RigKbd", props.get("LocalName").getValue());
    assertEquals(true, props.get("Discoverable").getValue());
    assertEquals("b", props.get("Discoverable").getSig());
    assertFalse(wire(AdvertisementData.peripheral("x")).containsKey("Appearance"));
  }

  private static Map<String, Variant<?>> wire(AdvertisementData data) {
    try {
      Constructor<Advertisement> c =
          Advertisement.class.getDeclaredConstructor(
              BluezConnection.class,
              Bus.class,
              String.class,
              String.class,
              AdvertisementData.class);
      c.setAccessible(true);
      return c.newInstance(null, null, "/org/bluez/hci0", "/dev/hogrig/advertisement0", data)
          .wireProperties();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void plainUnwrapsDbusTypes() {
    assertEquals(0x03C1, Bus.plain(new Variant<>(new UInt16(0x03C1))));
    assertEquals(4_000_000_000L, Bus.plain(new UInt32(4_000_000_000L)));
    assertEquals(200, Bus.plain((byte) 200));
    assertEquals("/org/bluez/hci0", Bus.plain(new DBusPath("/org/bluez/hci0")));
    assertEquals(List.of(1), Bus.plain(List.of(new Variant<>(new UInt16(1)))));
  }

  /** The package's rule: the rest of the project sees plain Java, never a dbus-java type. */
  @Test
  void noPublicSignatureInTheBackendMentionsDbusJava() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c :
        List.of(
            BluezConnection.class,
            Adapter.class,
            Device.class,
            DeviceRef.class,
            Advertisement.class,
            AdvertisementData.class,
            AdvertisementData.Type.class,
            Agent.class,
            AgentCapability.class,
            AgentListener.class,
            AgentEvent.class,
            AcceptingAgentListener.class,
            BatteryGattApplication.class,
            GattApplication.class,
            GattApplication.Subscription.class,
            BluezPeripheral.class,
            BluezException.class)) {
      assertTrue(Modifier.isPublic(c.getModifiers()), c.getName());
      assertFalse(
          org.freedesktop.dbus.interfaces.DBusInterface.class.isAssignableFrom(c), c.getName());
      for (Method m : c.getMethods()) {
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        types.add(m.getGenericReturnType());
        types.addAll(List.of(m.getGenericExceptionTypes()));
        for (Type t : types) {
          if (t.getTypeName().contains("org.freedesktop")) {
            leaks.add(c.getSimpleName() + "." + m.getName() + ": " + t.getTypeName());
          }
        }
      }
      for (Field f : c.getFields()) {
        if (f.getGenericType().getTypeName().contains("org.freedesktop")) {
          leaks.add(c.getSimpleName() + "." + f.getName());
        }
      }
      for (Constructor<?> k : c.getConstructors()) {
        for (Type t : k.getGenericParameterTypes()) {
          if (t.getTypeName().contains("org.freedesktop")) {
            leaks.add(c.getSimpleName() + ".<init>: " + t.getTypeName());
          }
        }
      }
    }
    assertTrue(leaks.isEmpty(), "dbus-java types in public API: " + leaks);
  }
}
