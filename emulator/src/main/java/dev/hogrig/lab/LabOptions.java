package dev.hogrig.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to boot the lab.
 *
 * @param outputDir the machine directory the guest writes into (btsnoop capture, daemon logs);
 *     shared writable over 9p and mounted at {@link VirtualLab#GUEST_OUTPUT_DIR} in the guest
 * @param cacheDir where built initramfs files are kept between runs
 * @param kernelVersion the Debian kernel to boot ({@code /boot/vmlinuz-VERSION} and its {@code
 *     /lib/modules/VERSION}); empty: the newest one that has both
 * @param controllers how many virtual LE controllers btvirt creates ({@code btvirt -L -lN})
 * @param readyTimeout how long to wait for the guest's readiness line
 * @param memoryMb guest memory
 * @param cpus guest CPUs (TCG threads)
 * @param bluetoothdDebug run bluetoothd with {@code -d} (its log goes to the output directory)
 * @param bluez which bluetoothd the guest runs: a BlueZ staged by {@code scripts/stage-bluez} (its
 *     folder), or empty for the machine's own {@code /usr/libexec/bluetooth/bluetoothd}
 * @param radio which controllers the guest's BlueZ runs on: btvirt's, or the Java radio's
 */
public record LabOptions(
    Path outputDir,
    Path cacheDir,
    Optional<String> kernelVersion,
    int controllers,
    Duration readyTimeout,
    int memoryMb,
    int cpus,
    boolean bluetoothdDebug,
    Optional<Path> bluez,
    Radio radio) {

  /**
   * Where {@code scripts/stage-bluez} (run by {@code scripts/setup}) puts Debian 13's BlueZ 5.82.
   * The lab runs it by default because the machine's BlueZ 5.66 cannot be a HOGP host for a BlueZ
   * peripheral: 5.66's HOGP host ignores the Multiple Handle Value Notifications (ATT 0x23) that
   * its own GATT client asks a BlueZ server to send (bluez/bluez issue #71, fixed in 5.67).
   */
  public static final Path STAGED_BLUEZ = Path.of("/opt/hogrig/bluez-5.82");

  public LabOptions {
    java.util.Objects.requireNonNull(radio, "radio");
    if (controllers < 1 || controllers > 8) {
      throw new IllegalArgumentException("controllers must be 1..8, got " + controllers);
    }
    if (memoryMb < 256) {
      throw new IllegalArgumentException("memoryMb must be at least 256, got " + memoryMb);
    }
    if (cpus < 1) {
      throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
    }
  }

  /**
   * Defaults: three controllers, 1 GiB, 2 CPUs, 180 s to get ready (TCG on a busy machine), the
   * initramfs cached in {@code $XDG_CACHE_HOME/hogrig/lab} (or {@code ~/.cache/hogrig/lab}), the
   * staged BlueZ ({@link #STAGED_BLUEZ}).
   */
  public static LabOptions defaults(Path outputDir) {
    return new LabOptions(
        outputDir,
        defaultCacheDir(),
        Optional.empty(),
        3,
        Duration.ofSeconds(180),
        1024,
        2,
        false,
        Optional.of(STAGED_BLUEZ),
        Radio.BTVIRT);
  }

  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("hogrig").resolve("lab");
  }

  public LabOptions withCacheDir(Path dir) {
    return new LabOptions(
        outputDir,
        dir,
        kernelVersion,
        controllers,
        readyTimeout,
        memoryMb,
        cpus,
        bluetoothdDebug,
        bluez,
        radio);
  }

  public LabOptions withControllers(int n) {
    return new LabOptions(
        outputDir,
        cacheDir,
        kernelVersion,
        n,
        readyTimeout,
        memoryMb,
        cpus,
        bluetoothdDebug,
        bluez,
        radio);
  }

  public LabOptions withReadyTimeout(Duration d) {
    return new LabOptions(
        outputDir,
        cacheDir,
        kernelVersion,
        controllers,
        d,
        memoryMb,
        cpus,
        bluetoothdDebug,
        bluez,
        radio);
  }

  public LabOptions withKernelVersion(String version) {
    return new LabOptions(
        outputDir,
        cacheDir,
        Optional.of(version),
        controllers,
        readyTimeout,
        memoryMb,
        cpus,
        bluetoothdDebug,
        bluez,
        radio);
  }

  public LabOptions withBluetoothdDebug(boolean on) {
    return new LabOptions(
        outputDir,
        cacheDir,
        kernelVersion,
        controllers,
        readyTimeout,
        memoryMb,
        cpus,
        on,
        bluez,
        radio);
  }

  /** Runs the BlueZ staged in {@code dir} ({@code scripts/stage-bluez DIR}). */
  public LabOptions withStagedBluez(Path dir) {
    return new LabOptions(
        outputDir,
        cacheDir,
        kernelVersion,
        controllers,
        readyTimeout,
        memoryMb,
        cpus,
        bluetoothdDebug,
        Optional.of(dir),
        radio);
  }

  /** Runs the machine's own BlueZ (Debian 12: 5.66, whose HOGP host drops ATT 0x23). */
  public LabOptions withSystemBluez() {
    return new LabOptions(
        outputDir,
        cacheDir,
        kernelVersion,
        controllers,
        readyTimeout,
        memoryMb,
        cpus,
        bluetoothdDebug,
        Optional.empty(),
        radio);
  }

  /** Runs the guest's BlueZ on {@code radio}'s controllers. */
  public LabOptions withRadio(Radio radio) {
    return new LabOptions(
        outputDir,
        cacheDir,
        kernelVersion,
        controllers,
        readyTimeout,
        memoryMb,
        cpus,
        bluetoothdDebug,
        bluez,
        radio);
  }

  /**
   * The guest's controllers. {@link #BTVIRT}: BlueZ's btvirt emulator in the guest ({@code btvirt
   * -L -lN}, HCI-level only, {@link #controllers} of them). {@link #JAVA}: two {@code
   * dev.hogrig.controller.VirtualController}s in this JVM, reached over two qemu serial ports that
   * the guest attaches with {@code btattach -P h4} (see {@code JavaRadio}); {@link #controllers} is
   * then ignored. {@link #JAVA} joins them with {@code DirectAir} (every procedure completes at
   * once); {@link #JAVA_LL} with {@code LlAir}, whose links run through the link layer (connection
   * events on the wall clock, LL control procedures, supervision timeout).
   */
  public enum Radio {
    BTVIRT,
    JAVA,
    JAVA_LL
  }
}
