package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newc layout as the kernel documents it (Documentation/driver-api/early-userspace/
 * buffer-format.rst): "070701", thirteen 8-digit hex fields, the name with its NUL padded to a
 * multiple of 4 counted from the start of the header, the data padded to a multiple of 4, and a
 * final "TRAILER!!!" entry. Read back here by an independent parser.
 */
class NewcWriterTest {
  record Entry(
      int offset, int mode, int nlink, int rdevMajor, int rdevMinor, String name, byte[] data) {}

  static List<Entry> readBack(byte[] a) {
    List<Entry> out = new ArrayList<>();
    int at = 0;
    while (true) {
      assertEquals(0, at % 4, "every header starts 4-aligned");
      assertEquals("070701", new String(a, at, 6, StandardCharsets.US_ASCII), "magic at " + at);
      long[] f = new long[13];
      for (int i = 0; i < 13; i++) {
        f[i] = Long.parseLong(new String(a, at + 6 + 8 * i, 8, StandardCharsets.US_ASCII), 16);
      }
      int fileSize = (int) f[6];
      int nameSize = (int) f[11];
      assertEquals(0, f[12], "c_check is 0 in newc");
      assertEquals(0, a[at + 110 + nameSize - 1], "name is NUL-terminated");
      String name = new String(a, at + 110, nameSize - 1, StandardCharsets.UTF_8);
      int dataAt = at + 110 + nameSize;
      for (int i = dataAt; i % 4 != 0; i++) {
        assertEquals(0, a[i], "name padding is zero");
      }
      dataAt = (dataAt + 3) & ~3;
      byte[] data = java.util.Arrays.copyOfRange(a, dataAt, dataAt + fileSize);
      out.add(new Entry(at, (int) f[1], (int) f[4], (int) f[9], (int) f[10], name, data));
      int end = dataAt + fileSize;
      for (int i = end; i % 4 != 0; i++) {
        assertEquals(0, a[i], "data padding is zero");
      }
      at = (end + 3) & ~3;
      if (name.equals("TRAILER!!!")) {
        assertEquals(a.length, at, "the trailer ends the archive");
        return out;
      }
    }
  }

  private static byte[] sample() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NewcWriter w = new NewcWriter(bytes);
    w.directory("bin", 0755);
    w.file("bin/x", 0755, "hello".getBytes(StandardCharsets.US_ASCII)); // 5 bytes: needs padding
    w.symlink("bin/sh", "x");
    w.charDevice("console", 0600, 5, 1);
    w.file("empty", 0644, new byte[0]);
    w.finish();
    return bytes.toByteArray();
  }

  @Test
  void archiveReadsBackWithNamesModesSizesAndAlignment() throws IOException {
    List<Entry> e = readBack(sample());
    assertEquals(
        List.of("bin", "bin/x", "bin/sh", "console", "empty", "TRAILER!!!"),
        e.stream().map(Entry::name).toList());
    assertEquals(0040755, e.get(0).mode(), "directory: S_IFDIR | 0755");
    assertEquals(0100755, e.get(1).mode(), "regular file: S_IFREG | 0755");
    assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), e.get(1).data());
    assertEquals(0120777, e.get(2).mode(), "symlink: S_IFLNK");
    assertArrayEquals("x".getBytes(StandardCharsets.US_ASCII), e.get(2).data(), "link target");
    assertEquals(0020600, e.get(3).mode(), "char device: S_IFCHR | 0600");
    assertEquals(5, e.get(3).rdevMajor());
    assertEquals(1, e.get(3).rdevMinor());
    assertEquals(0, e.get(4).data().length);
  }

  @Test
  void sameInputGivesIdenticalBytesSoTheCacheKeyIsStable() throws IOException {
    assertArrayEquals(sample(), sample());
  }

  /** busybox's cpio, an independent reader, lists the same names. */
  @Test
  void busyboxCpioListsTheEntries(@TempDir Path dir) throws Exception {
    Path busybox = Path.of("/bin/busybox");
    assumeTrue(Files.isExecutable(busybox), "busybox not installed");
    Path archive = dir.resolve("a.cpio");
    Files.write(archive, sample());
    Process p =
        new ProcessBuilder(busybox.toString(), "cpio", "-t")
            .redirectInput(archive.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertEquals(
        List.of("bin", "bin/x", "bin/sh", "console", "empty"),
        out.lines().filter(l -> !l.contains("blocks")).toList());
  }

  /** The real lab archive: init, busybox, /dev/console and every root module, in order. */
  @Test
  void labInitramfsHoldsInitBusyboxConsoleAndModulesInOrder() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox not installed");
    String kernel;
    try {
      kernel = VirtualLab.newestKernel();
    } catch (LabException e) {
      assumeTrue(false, "no Debian kernel: " + e.getMessage());
      return;
    }
    List<Entry> e = readBack(InitramfsBuilder.archive(kernel, Path.of("/bin/busybox")));
    List<String> names = e.stream().map(Entry::name).toList();
    assertTrue(names.contains("init"));
    assertTrue(names.contains("bin/busybox"));
    assertTrue(names.contains("dev/console"));
    assertTrue(names.contains("lab/guest.sh"));
    String order =
        new String(
            e.stream()
                .filter(x -> x.name().equals("modules/order"))
                .findFirst()
                .orElseThrow()
                .data(),
            StandardCharsets.UTF_8);
    List<String> modules = order.lines().map(l -> l.substring(3, l.length() - 3)).toList();
    assertEquals(InitramfsBuilder.MODULES, modules);
    for (Entry x : e) {
      if (x.name().startsWith("modules/") && x.name().endsWith(".ko")) {
        byte[] d = x.data();
        assertTrue(
            d.length > 4 && d[0] == 0x7f && d[1] == 'E' && d[2] == 'L' && d[3] == 'F',
            x.name() + " is an uncompressed ELF module");
      }
    }
  }
}
