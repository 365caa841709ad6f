package dev.hogrig.bluez;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogrig.bluez.GattApplication.NotifyPath;
import dev.hogrig.bluez.GattApplication.Subscription;
import dev.hogrig.bluez.dbus.AcquiredFd;
import dev.hogrig.bluez.dbus.GattCharacteristic1;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The AcquireNotify path on the wire without BlueZ: the machine's own {@code dbus-daemon} listening
 * on a unix socket and on TCP (as the lab guest's bus does), our application exported on one
 * connection, a second connection playing bluetoothd as src/gatt-database.c does: it looks for the
 * {@code NotifyAcquired} property, calls {@code AcquireNotify(device, mtu, link)}, reads one
 * notification per {@code read()} from the descriptor it got ({@code sock_io_read}), and closes it
 * to unsubscribe. The real BlueZ is {@code AcquireNotifyLabTest}'s job; this pins down the choice
 * of path by transport and the socket's behaviour.
 */
class AcquireNotifyTest {
  private static final String HOST_PATH = "/org/bluez/hci1/dev_00_AA_01_01_00_01";

  @TempDir Path dir;
  private Process daemon;
  private String unixAddress;
  private String tcpAddress;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void startDaemon() throws Exception {
    Path exe = Path.of("/usr/bin/dbus-daemon");
    assumeTrue(Files.isExecutable(exe), "needs dbus-daemon (package dbus)");
    Path conf = dir.resolve("bus.conf");
    Files.writeString(
        conf,
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
            + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            + "<busconfig><type>session</type>\n"
            + "<listen>unix:path="
            + dir.resolve("bus")
            + "</listen>\n"
            + "<listen>tcp:host=127.0.0.1,port=0,family=ipv4</listen>\n"
            + "<auth>EXTERNAL</auth><auth>ANONYMOUS</auth><allow_anonymous/>\n"
            + "<policy context=\"default\"><allow user=\"*\"/><allow own=\"*\"/>"
            + "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow receive_sender=\"*\"/>"
            + "</policy></busconfig>\n");
    daemon =
        new ProcessBuilder(exe.toString(), "--config-file=" + conf, "--nofork", "--print-address")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertTrue(line != null, "dbus-daemon printed its addresses");
    for (String a : line.strip().split(";")) {
      if (a.startsWith("unix:")) {
        unixAddress = "unix:path=" + dir.resolve("bus");
      } else if (a.startsWith("tcp:")) {
        tcpAddress = a.replaceAll(",guid=[0-9a-f]+", "");
      }
    }
    assertTrue(unixAddress != null && tcpAddress != null, "both listeners: " + line);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (RuntimeException e) {
        // the daemon may already be gone
      }
    }
    if (daemon != null) {
      daemon.destroy();
      daemon.waitFor();
    }
  }

  private BluezConnection open(String address) {
    BluezConnection c = BluezConnection.open(address);
    toClose.add(c);
    return c;
  }

  /** A keyboard exported on {@code app}; {@code ref} is its application. */
  private HogpDevice keyboard(BluezConnection app, AtomicReference<GattApplication> ref) {
    HogpDevice device =
        HogpDevice.create(
            HidProfile.keyboard(), Clock.systemUTC(), (c, v) -> ref.get().notify(c, v));
    GattApplication exported =
        GattApplication.export(app, app.bus(), "/org/bluez/hci0", device, Clock.systemUTC());
    toClose.add(exported);
    ref.set(exported);
    return device;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> characteristics(
      BluezConnection client, BluezConnection app, GattApplication exported) {
    ObjectManager om =
        Bus.call(
            "proxy",
            exported.path(),
            () ->
                client
                    .bus()
                    .connection()
                    .getRemoteObject(app.uniqueName(), exported.path(), ObjectManager.class));
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects =
        (Map<DBusPath, Map<String, Map<String, Variant<?>>>>)
            client.bus().invoke(om, Bus.OBJECT_MANAGER, "GetManagedObjects");
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    objects.forEach(
        (path, ifaces) -> {
          if (ifaces.containsKey(GattCharacteristic1.NAME)) {
            out.put(path.getPath(), Bus.plainMap(ifaces.get(GattCharacteristic1.NAME)));
          }
        });
    return out;
  }

  /**
   * Over TCP no descriptor can pass (dbus-java's TCP transport has no SCM_RIGHTS): the application
   * must not carry NotifyAcquired anywhere, or bluetoothd would call AcquireNotify and get nothing
   * usable (doc/org.bluez.GattCharacteristic.rst: "the presence of this property indicates that
   * AcquireNotify is supported").
   */
  @Test
  void overTcpNothingOffersAcquireNotify() {
    BluezConnection app = open(tcpAddress);
    BluezConnection client = open(tcpAddress);
    assertFalse(app.canPassFileDescriptors());
    AtomicReference<GattApplication> ref = new AtomicReference<>();
    keyboard(app, ref);
    assertFalse(ref.get().acquireNotifyOffered());
    Map<String, Map<String, Object>> chars = characteristics(client, app, ref.get());
    for (Map<String, Object> c : chars.values()) {
      assertFalse(c.containsKey("NotifyAcquired"), "no NotifyAcquired over TCP: " + c);
    }
  }

  /**
   * On a unix bus: NotifyAcquired on exactly the characteristics whose Flags include notify or
   * indicate; AcquireNotify with BlueZ's options returns a descriptor and the MTU; each value sent
   * comes out of the descriptor as one read, in order, including the first ones the model flushed
   * at subscription; closing the descriptor (the host left) unsubscribes, after which values go out
   * as PropertiesChanged again.
   */
  @Test
  void onAUnixBusValuesGoThroughTheAcquiredSocketInOrder() throws Exception {
    BluezConnection app = open(unixAddress);
    BluezConnection client = open(unixAddress);
    assertTrue(app.canPassFileDescriptors(), "junixsocket negotiated descriptor passing");
    AtomicReference<GattApplication> ref = new AtomicReference<>();
    HogpDevice device = keyboard(app, ref);
    GattApplication exported = ref.get();
    assertTrue(exported.acquireNotifyOffered());

    Map<String, Map<String, Object>> chars = characteristics(client, app, exported);
    int withProperty = 0;
    for (Map<String, Object> c : chars.values()) {
      List<?> flags = (List<?>) c.get("Flags");
      boolean notifies = flags.contains("notify") || flags.contains("indicate");
      assertEquals(notifies, c.containsKey("NotifyAcquired"), "NotifyAcquired iff notify: " + c);
      withProperty += notifies ? 1 : 0;
    }
    // Keyboard: Input Report, Boot Keyboard Input Report, Battery Level (gatt.md).
    assertEquals(3, withProperty, chars.toString());

    CharacteristicHandle input = device.reportCharacteristic(ReportType.INPUT, 0);
    // Sent before anyone subscribed: queued by the model's UnsubscribedPolicy, flushed on
    // subscription, so it must come out of the socket first.
    device.sendInput(
        ReportType.INPUT, 0, new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 4)));

    GattCharacteristic1 remote =
        Bus.call(
            "proxy",
            exported.objectPath(input),
            () ->
                client
                    .bus()
                    .connection()
                    .getRemoteObject(
                        app.uniqueName(), exported.objectPath(input), GattCharacteristic1.class));
    Map<String, Variant<?>> options = new LinkedHashMap<>();
    options.put("device", new Variant<>(new DBusPath(HOST_PATH)));
    options.put("mtu", new Variant<>(new UInt16(64)));
    options.put("link", new Variant<>("LE"));
    @SuppressWarnings("unchecked")
    AcquiredFd<FileDescriptor, UInt16> reply =
        (AcquiredFd<FileDescriptor, UInt16>)
            client.bus().invoke(remote, GattCharacteristic1.NAME, "AcquireNotify", options);
    assertEquals(64, reply.mtu().intValue(), "the MTU of the options comes back");
    assertTrue(exported.isNotifying(input));
    assertEquals(NotifyPath.ACQUIRE_NOTIFY, exported.notifyPath(input));
    assertEquals(List.of("00:AA:01:01:00:01"), exported.acquiredBy(input));
    // Our copy of the client's end is closed once the reply is out; the client's own copy must
    // keep the socket alive (first lab run: junixsocket's shutdown-on-close hung it up).
    await().atMost(Duration.ofSeconds(20)).until(() -> exported.remoteEndsReleased(input));
    assertTrue(exported.isNotifying(input), "still subscribed after our copy was released");

    device.sendInput(
        ReportType.INPUT, 0, new ReportData().press(new Usage(Usages.PAGE_KEYBOARD, 5)));
    device.sendInput(ReportType.INPUT, 0, new ReportData());

    java.io.FileDescriptor fd =
        FileDescriptorCast.unsafeUsing(reply.fd().getIntFileDescriptor()).getFileDescriptor();
    List<Bytes> got = new ArrayList<>();
    try (FileInputStream in = new FileInputStream(fd)) {
      byte[] buf = new byte[512];
      for (int i = 0; i < 3; i++) {
        int n = in.read(buf); // one packet per read, as bluetoothd's sock_io_read
        assertTrue(n > 0, "packet " + i);
        got.add(Bytes.copyOf(java.util.Arrays.copyOf(buf, n)));
      }
    } // closing it is bluetoothd dropping the client (CCC 0 or link down)
    // HID 1.11 Appendix B.1 boot keyboard report: modifiers, reserved, six key codes.
    assertEquals(
        List.of(
            Bytes.of(0, 0, 4, 0, 0, 0, 0, 0),
            Bytes.of(0, 0, 5, 0, 0, 0, 0, 0),
            Bytes.of(0, 0, 0, 0, 0, 0, 0, 0)),
        got);

    await().atMost(Duration.ofSeconds(20)).until(() -> !exported.isNotifying(input));
    assertEquals(NotifyPath.PROPERTIES_CHANGED, exported.notifyPath(input));
    List<Subscription> subs =
        exported.subscriptions().stream().filter(s -> s.characteristic().equals(input)).toList();
    assertEquals(2, subs.size(), subs.toString());
    assertEquals(NotifyPath.ACQUIRE_NOTIFY, subs.get(0).path());
    assertTrue(subs.get(0).notifying());
    assertEquals("00:AA:01:01:00:01", subs.get(0).peer());
    assertFalse(subs.get(1).notifying());
    assertEquals(3, exported.notificationsSent(NotifyPath.ACQUIRE_NOTIFY));
    assertEquals(0L, exported.notificationsSent(NotifyPath.PROPERTIES_CHANGED));
  }
}
