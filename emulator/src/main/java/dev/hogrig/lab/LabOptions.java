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
 */
public record LabOptions(
    Path outputDir,
    Path cacheDir,
    Optional<String> kernelVersion,
    int controllers,
    Duration readyTimeout,
    int memoryMb,
    int cpus,
    boolean bluetoothdDebug) {

  public LabOptions {
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
   * initramfs cached in {@code $XDG_CACHE_HOME/hogrig/lab} (or {@code ~/.cache/hogrig/lab}).
   */
  public static LabOptions defaults(Path outputDir) {
    return new LabOptions(
        outputDir, defaultCacheDir(), Optional.empty(), 3, Duration.ofSeconds(180), 1024, 2, false);
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
        outputDir, dir, kernelVersion, controllers, readyTimeout, memoryMb, cpus, bluetoothdDebug);
  }

  public LabOptions withControllers(int n) {
    return new LabOptions(
        outputDir, cacheDir, kernelVersion, n, readyTimeout, memoryMb, cpus, bluetoothdDebug);
  }

  public LabOptions withReadyTimeout(Duration d) {
    return new LabOptions(
        outputDir, cacheDir, kernelVersion, controllers, d, memoryMb, cpus, bluetoothdDebug);
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
        bluetoothdDebug);
  }

  public LabOptions withBluetoothdDebug(boolean on) {
    return new LabOptions(
        outputDir, cacheDir, kernelVersion, controllers, readyTimeout, memoryMb, cpus, on);
  }
}
