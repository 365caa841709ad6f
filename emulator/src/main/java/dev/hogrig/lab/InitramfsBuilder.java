package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the lab's initramfs: a static busybox, the kernel modules needed to mount the machine's
 * own root over virtio-9p, the init script and the guest's files. The guest then runs every program
 * from the machine's root (bluetoothd, btmon, modprobe with the machine's /lib/modules), so no disk
 * image has to be built or kept up to date.
 *
 * <pre>
 *  /init                      init.sh (busybox sh): mounts, insmod, 9p root, chroot
 *  /bin/busybox               the machine's static busybox
 *  /dev/console               char 5,1 (the kernel opens it before /init runs)
 *  /modules/NN-name.ko        in load order, decompressed
 *  /modules/order             the file names above, one a line
 *  /lab/guest.sh, ...         copied by init to /run/hogrig-lab in the guest
 * </pre>
 *
 * <p>The result is cached under the cache directory, named by kernel version and a SHA-256 of the
 * uncompressed archive (which is reproducible: see {@link NewcWriter}), so a later boot with the
 * same kernel, busybox and scripts reuses the file.
 */
public final class InitramfsBuilder {
  /** Modules to mount a virtio-9p root, in dependency order (each needs only those before it). */
  public static final ImmutableList<String> ROOT_MODULES =
      ImmutableList.of(
          "netfs",
          "fscache",
          "9pnet",
          "9p",
          "virtio_ring",
          "virtio",
          "9pnet_virtio",
          "virtio_pci_modern_dev",
          "virtio_pci_legacy_dev",
          "virtio_pci");

  /**
   * Modules the lab itself needs (Bluetooth, the virtual controller, uHID and the HID drivers,
   * evdev, the network for the bus port, the control channel), in dependency order after {@link
   * #ROOT_MODULES} (each needs only those before it: {@code modinfo -F depends}). Loaded from the
   * initramfs by init rather than by modprobe in the guest: modprobe reads modules.dep and every
   * module file over 9p, which under software emulation took 4–8 s of a 30 s boot.
   */
  public static final ImmutableList<String> LAB_MODULES =
      ImmutableList.of(
          "virtio_console",
          "rfkill",
          "crc16",
          // The crypto SMP needs, and what their self-tests need: ecdh's test generates a key
          // from the default RNG (drbg, whose own self-tests need ctr and sha512; it seeds itself
          // from the kernel's pool when jitterentropy_rng is missing, and that one does not
          // insmod without helpers modinfo does not list). Loaded by hand here because
          // the kernel's own request_module() finds no modprobe before the root is mounted;
          // without them "alg: ecdh-nist-p256: test failed", "Unable to create ECDH crypto
          // context" and every pairing fails.
          "ctr",
          "sha512_generic",
          "drbg",
          "cmac",
          "ecc",
          "ecdh_generic",
          "bluetooth",
          "hci_vhci",
          "hid",
          "uhid",
          "hid-generic",
          "hid-multitouch",
          "evdev",
          "failover",
          "net_failover",
          "virtio_net");

  /** Everything init loads, in order. */
  public static final ImmutableList<String> MODULES =
      ImmutableList.<String>builder().addAll(ROOT_MODULES).addAll(LAB_MODULES).build();

  /** Guest files (resources next to this class), copied to the guest's /run/hogrig-lab. */
  public static final ImmutableList<String> LAB_FILES =
      ImmutableList.of("guest.sh", "dbus-lab.conf", "bluetooth-main.conf", "shutdown.sh");

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);

  private InitramfsBuilder() {}

  /**
   * Returns the initramfs for the kernel version, building it into {@code cacheDir} when no cached
   * copy with the same content exists.
   */
  public static Path build(String kernelVersion, Path busybox, Path cacheDir) {
    try {
      byte[] archive = archive(kernelVersion, busybox);
      String hash = HexFormat.of().formatHex(sha256(archive)).substring(0, 16);
      Files.createDirectories(cacheDir);
      Path target = cacheDir.resolve("initramfs-" + kernelVersion + "-" + hash + ".cpio.gz");
      if (Files.isRegularFile(target) && Files.size(target) > 0) {
        return target;
      }
      Path tmp = Files.createTempFile(cacheDir, "initramfs-", ".tmp");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        out.write(archive);
      }
      // createTempFile makes it 0600; a shared cache wants it readable by other users' qemu.
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new LabException("cannot build the lab initramfs in " + cacheDir + ": " + e, e);
    }
  }

  /** The uncompressed newc archive. */
  static byte[] archive(String kernelVersion, Path busybox) throws IOException {
    byte[] busyboxBytes = Files.readAllBytes(busybox);
    if (isDynamicElf(busyboxBytes)) {
      throw new LabException(
          busybox
              + " is dynamically linked; the initramfs needs a static busybox"
              + " (Debian package busybox-static)");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 << 20);
    NewcWriter w = new NewcWriter(bytes);
    for (String dir : List.of("bin", "dev", "proc", "sys", "newroot", "modules", "lab", "tmp")) {
      w.directory(dir, 0755);
    }
    w.charDevice("dev/console", 0600, 5, 1);
    w.file("bin/busybox", 0755, busyboxBytes);
    w.file("init", 0755, resource("init.sh"));
    StringBuilder order = new StringBuilder();
    int n = 0;
    for (String module : MODULES) {
      Path file = moduleFile(kernelVersion, module);
      String name = String.format("%02d-%s.ko", n++, module);
      w.file("modules/" + name, 0644, decompressModule(file));
      order.append(name).append('\n');
    }
    w.file("modules/order", 0644, order.toString().getBytes(StandardCharsets.UTF_8));
    for (String f : LAB_FILES) {
      w.file("lab/" + f, f.endsWith(".sh") ? 0755 : 0644, resource(f));
    }
    w.finish();
    return bytes.toByteArray();
  }

  /** Finds a module's file with {@code modinfo -k VERSION -F filename NAME}. */
  static Path moduleFile(String kernelVersion, String module) {
    String out = Tools.run(TOOL_TIMEOUT, "modinfo", "-k", kernelVersion, "-F", "filename", module);
    String first = out.lines().findFirst().orElse("").trim();
    if (first.isEmpty() || first.equals("(builtin)")) {
      throw new LabException(
          "module "
              + module
              + " of kernel "
              + kernelVersion
              + " is not a loadable file (modinfo says '"
              + first
              + "'); the lab expects Debian's modular kernel");
    }
    Path p = Path.of(first);
    if (!Files.isRegularFile(p)) {
      throw new LabException("modinfo names " + p + " for " + module + ", but it does not exist");
    }
    return p;
  }

  /**
   * Returns a module's ELF bytes. Debian 12 ships plain {@code .ko}; later kernels compress them
   * ({@code .ko.xz}, {@code .ko.gz}, {@code .ko.zst}). busybox's insmod hands the file to
   * init_module() as is, so compressed modules are decompressed here: gzip with the JDK, xz and
   * zstd with the machine's {@code xz}/{@code zstd} tools.
   */
  static byte[] decompressModule(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".ko")) {
      return Files.readAllBytes(file);
    }
    if (name.endsWith(".ko.gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        return in.readAllBytes();
      }
    }
    if (name.endsWith(".ko.xz")) {
      return Tools.runBytes(TOOL_TIMEOUT, "xz", "-dc", file.toString());
    }
    if (name.endsWith(".ko.zst")) {
      return Tools.runBytes(TOOL_TIMEOUT, "zstd", "-dc", file.toString());
    }
    throw new LabException("unknown kernel module file type: " + file);
  }

  /**
   * Whether an ELF file has a PT_INTERP program header, i.e. needs a dynamic loader that the
   * initramfs does not contain. Reads the ELF64 little-endian header (e_phoff at 0x20, e_phentsize
   * at 0x36, e_phnum at 0x38) and each program header's p_type (PT_INTERP = 3).
   */
  static boolean isDynamicElf(byte[] elf) {
    if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
      throw new LabException("busybox is not an ELF file");
    }
    if (elf[4] != 2 || elf[5] != 1) {
      throw new LabException("busybox is not a 64-bit little-endian ELF file");
    }
    long phoff = le(elf, 0x20, 8);
    int phentsize = (int) le(elf, 0x36, 2);
    int phnum = (int) le(elf, 0x38, 2);
    for (int i = 0; i < phnum; i++) {
      long at = phoff + (long) i * phentsize;
      if (at + 4 > elf.length) {
        throw new LabException("busybox has a truncated ELF program header table");
      }
      if (le(elf, (int) at, 4) == 3) {
        return true;
      }
    }
    return false;
  }

  private static long le(byte[] b, int at, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = InitramfsBuilder.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new LabException("lab resource missing from the class path: " + name);
      }
      return in.readAllBytes();
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** Runs the machine's tools (modinfo, xz), bounded in time. */
  static final class Tools {
    private Tools() {}

    static String run(Duration timeout, String... command) {
      return new String(runBytes(timeout, command), StandardCharsets.UTF_8);
    }

    static byte[] runBytes(Duration timeout, String... command) {
      List<String> cmd = new ArrayList<>(List.of(command));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      String path = pb.environment().getOrDefault("PATH", "/usr/bin:/bin");
      pb.environment().put("PATH", path + ":/usr/sbin:/sbin");
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new LabException("cannot run " + command[0] + " (is it installed?): " + e, e);
      }
      try {
        // Read on this thread: module files are small, and the process ends by itself.
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new LabException(String.join(" ", cmd) + " did not finish in " + timeout);
        }
        if (p.exitValue() != 0) {
          throw new LabException(String.join(" ", cmd) + " failed with exit code " + p.exitValue());
        }
        return out;
      } catch (IOException e) {
        p.destroyForcibly();
        throw new LabException("cannot read the output of " + String.join(" ", cmd), e);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new LabException("interrupted while running " + String.join(" ", cmd), e);
      }
    }
  }
}
