package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Checks on the run's shared lab ({@link WithLab}) what later scenarios rely on: two usable
 * controllers, the guest's bus reachable from the machine, the guest shell, BlueZ seeing the
 * controllers. That closing a lab leaves no qemu behind is checked by {@code LabCliTest}, which
 * boots a lab of its own.
 */
@WithLab
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VirtualLabTest {
  private static VirtualLab lab;

  @BeforeAll
  static void boot(VirtualLab shared) {
    lab = shared;
  }

  @Test
  @Order(1)
  void atLeastTwoControllersAreUsable() {
    assertTrue(lab.controllers().size() >= 2, "usable controllers: " + lab.controllers());
    for (Controller c : lab.controllers()) {
      assertTrue(c.name().matches("hci\\d+"), c.name());
      assertTrue(c.address().matches("([0-9A-F]{2}:){5}[0-9A-F]{2}"), c.address());
    }
  }

  /**
   * The D-Bus authentication exchange (D-Bus specification, "Authentication protocol"): a NUL byte,
   * {@code AUTH ANONYMOUS <hex trace>}, the server answers {@code OK <32 hex digits of the server
   * GUID>}; after {@code BEGIN} the Hello call gets a unique name back.
   */
  @Test
  @Order(2)
  void busOnTheForwardedPortAcceptsAnonymousAuthAndReachesBluez() throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), lab.busPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(0);
      out.write("AUTH ANONYMOUS 686f67726967\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply = readLine(in);
      assertTrue(reply.matches("OK [0-9a-f]{32}"), "SASL reply: " + reply);
      out.write("BEGIN\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(
          methodCall(
              1, "/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus", "Hello"));
      out.flush();
      // The reply carries our unique name ":1.N" as a STRING body.
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!got.toString(StandardCharsets.ISO_8859_1).matches("(?s).*:1\\.\\d+.*")
          && System.nanoTime() < deadline) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
      }
      byte[] msg = got.toByteArray();
      assertTrue(msg.length > 16, "a reply message");
      assertEquals('l', msg[0], "little-endian message");
      assertEquals(2, msg[1], "METHOD_RETURN");
      assertTrue(
          got.toString(StandardCharsets.ISO_8859_1).matches("(?s).*:1\\.\\d+.*"),
          "Hello returned a unique name");

      // bluetoothd itself answers this anonymous TCP client: the bus policy lets it through.
      out.write(
          methodCall(
              2, "/", "org.bluez", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects"));
      out.flush();
      String adapter = lab.controllers().get(0).objectPath();
      ByteArrayOutputStream objects = new ByteArrayOutputStream();
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!objects.toString(StandardCharsets.ISO_8859_1).contains("org.bluez.Adapter1")
          && System.nanoTime() < deadline) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        objects.write(buf, 0, n);
      }
      String text = objects.toString(StandardCharsets.ISO_8859_1);
      assertTrue(text.contains(adapter), adapter + " in GetManagedObjects reply");
      assertTrue(text.contains("org.bluez.Adapter1"), "Adapter1 interface in the reply");
    }
  }

  @Test
  @Order(3)
  void shellRunsCommandsInTheGuestKernel() {
    GuestShell.Result r = lab.shell().run("cat /proc/version", Duration.ofSeconds(20));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().startsWith("Linux version "), r.output());
    GuestShell.Result fails =
        lab.shell().run("echo out; echo err >&2; exit 3", Duration.ofSeconds(20));
    assertEquals(3, fails.exitCode());
    assertEquals("out\nerr\n", fails.output());
    GuestShell.Result noNewline = lab.shell().run("printf abc", Duration.ofSeconds(20));
    assertEquals("abc", noNewline.output());
    GuestShell.Result input =
        lab.shell().run("grep -c . /proc/bus/input/devices || true", Duration.ofSeconds(20));
    assertEquals(0, input.exitCode(), input.output());
  }

  @Test
  @Order(4)
  void guestCommandThatHangsIsKilledAtItsTimeout() {
    GuestShell.Result r = lab.shell().run("sleep 30", Duration.ofSeconds(2));
    assertEquals(124, r.exitCode(), "timeout(1) status");
    assertEquals(0, lab.shell().run("true", Duration.ofSeconds(10)).exitCode());
  }

  @Test
  @Order(5)
  void bluezListsTheUsableControllers() {
    GuestShell.Result r = lab.shell().run("bluetoothctl list", Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.output());
    for (Controller c : lab.controllers()) {
      assertTrue(r.output().contains(c.address()), c + " in:\n" + r.output());
    }
    GuestShell.Result mgmt = lab.shell().run("btmgmt info", Duration.ofSeconds(30));
    for (Controller c : lab.controllers()) {
      assertTrue(mgmt.output().contains(c.name() + ":"), c + " in:\n" + mgmt.output());
    }
  }

  @Test
  @Order(6)
  void captureAndLogsLandInTheOutputDirectory() throws IOException {
    Path capture = lab.outputDir().resolve("hci.btsnoop");
    // btsnoop file header: "btsnoop\0", version 1, datalink 2001 (Linux monitor), big-endian.
    byte[] head;
    try (InputStream in = Files.newInputStream(capture)) {
      head = in.readNBytes(16);
    }
    assertEquals(16, head.length, "btsnoop header present");
    assertEquals("btsnoop\0", new String(head, 0, 8, StandardCharsets.US_ASCII));
    assertEquals(1, java.nio.ByteBuffer.wrap(head, 8, 4).getInt(), "btsnoop version");
    assertEquals(2001, java.nio.ByteBuffer.wrap(head, 12, 4).getInt(), "monitor datalink");
    assertTrue(Files.isRegularFile(lab.outputDir().resolve("controllers")));
  }

  @Test
  @Order(100)
  void guestLogsItsBootSteps() {
    String steps = VirtualLab.tail(lab.outputDir().resolve("guest.log"));
    System.out.println("virtual lab: guest steps (uptime s):\n" + steps);
    assertTrue(steps.contains("READY"), steps);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /**
   * A METHOD_CALL without arguments as a D-Bus message (D-Bus specification, "Message Format"):
   *
   * <pre>
   *  'l' 1(METHOD_CALL) 0(flags) 1(version) | body length u32 = 0 | serial u32
   *  header fields a(yv): PATH(1) 'o', DESTINATION(6) 's', INTERFACE(2) 's', MEMBER(3) 's'
   *  each field 8-aligned; the header is padded to 8 before the (empty) body
   * </pre>
   */
  static byte[] methodCall(int serial, String path, String dest, String iface, String member) {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    field(fields, 1, 'o', path);
    field(fields, 6, 's', dest);
    field(fields, 2, 's', iface);
    field(fields, 3, 's', member);
    byte[] f = fields.toByteArray();
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.write('l');
    m.write(1);
    m.write(0);
    m.write(1);
    u32(m, 0);
    u32(m, serial);
    // The array length counts the elements only, not padding after the last one.
    u32(m, f.length);
    m.write(f, 0, f.length);
    while (m.size() % 8 != 0) {
      m.write(0);
    }
    return m.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, int code, char sig, String value) {
    // Each struct element is 8-aligned; the array starts at message offset 16, itself 8-aligned.
    while (out.size() % 8 != 0) {
      out.write(0);
    }
    out.write(code);
    out.write(1); // signature length
    out.write(sig);
    out.write(0);
    // The string's length sits at offset 4 of the struct: already 4-aligned.
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    u32(out, v.length);
    out.write(v, 0, v.length);
    out.write(0);
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
    out.write((v >>> 16) & 0xff);
    out.write((v >>> 24) & 0xff);
  }
}
