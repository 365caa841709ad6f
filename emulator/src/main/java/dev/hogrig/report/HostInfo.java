package dev.hogrig.report;

/**
 * The host a scenario ran against, as the report groups and labels it.
 *
 * @param name short stable name, the suite the host's results are grouped under, e.g. {@code
 *     "lab-bluez-5.82"} or {@code "pixel-7-android-14"}; the same name on every run so history
 *     lines up
 * @param os operating system and version, e.g. {@code "Debian 13, Linux 6.1"}
 * @param model device model, e.g. {@code "qemu q35 (virtual lab)"}
 * @param build OS build or BlueZ version, e.g. {@code "bluetoothd 5.82"}
 */
public record HostInfo(String name, String os, String model, String build) {
  public HostInfo {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a host needs a name to group its results under");
    }
  }
}
