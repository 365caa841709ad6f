package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module decompression, the static-busybox check and the cache. */
class InitramfsBuilderTest {
  private static final byte[] FAKE_MODULE = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 42, 43, 44};

  @Test
  void plainAndGzipModulesAreReturnedAsElf(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("m.ko");
    Files.write(plain, FAKE_MODULE);
    assertArrayEquals(FAKE_MODULE, InitramfsBuilder.decompressModule(plain));
    Path gz = dir.resolve("m.ko.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(FAKE_MODULE);
    }
    assertArrayEquals(FAKE_MODULE, InitramfsBuilder.decompressModule(gz));
  }

  @Test
  void xzModulesAreDecompressedWithTheMachinesXz(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/xz")), "xz not installed");
    Path plain = dir.resolve("m.ko");
    Files.write(plain, FAKE_MODULE);
    Process p = new ProcessBuilder("/usr/bin/xz", "-z", plain.toString()).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertArrayEquals(FAKE_MODULE, InitramfsBuilder.decompressModule(dir.resolve("m.ko.xz")));
  }

  @Test
  void unknownModuleSuffixIsALabException(@TempDir Path dir) throws IOException {
    Path odd = dir.resolve("m.ko.lz4");
    Files.write(odd, FAKE_MODULE);
    LabException e = assertThrows(LabException.class, () -> InitramfsBuilder.decompressModule(odd));
    assertTrue(e.getMessage().contains("m.ko.lz4"), e.getMessage());
  }

  @Test
  void debianBusyboxStaticHasNoInterpreterButBashHasOne() throws IOException {
    Path busybox = Path.of("/bin/busybox");
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isReadable(busybox) && Files.isReadable(bash));
    assertFalse(InitramfsBuilder.isDynamicElf(Files.readAllBytes(busybox)));
    assertTrue(InitramfsBuilder.isDynamicElf(Files.readAllBytes(bash)));
  }

  @Test
  void secondBuildReusesTheCachedFile(@TempDir Path cache) throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox not installed");
    String kernel;
    try {
      kernel = VirtualLab.newestKernel();
    } catch (LabException e) {
      assumeTrue(false, "no Debian kernel: " + e.getMessage());
      return;
    }
    Path first = InitramfsBuilder.build(kernel, Path.of("/bin/busybox"), cache);
    long modified = Files.getLastModifiedTime(first).toMillis();
    Path second = InitramfsBuilder.build(kernel, Path.of("/bin/busybox"), cache);
    assertEquals(first, second);
    assertEquals(modified, Files.getLastModifiedTime(second).toMillis());
    assertTrue(first.getFileName().toString().startsWith("initramfs-" + kernel + "-"));
    byte[] head = Files.readAllBytes(first);
    assertEquals(0x1f, head[0] & 0xff, "gzip magic");
    assertEquals(0x8b, head[1] & 0xff, "gzip magic");
  }
}
