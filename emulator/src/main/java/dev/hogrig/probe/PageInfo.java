package dev.hogrig.probe;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * Who opened the probe page: the browser's own description of the host, sent once per page load in
 * the {@code hello} request. This is how a report tells a Mac from an iPad when both run the same
 * scenario.
 *
 * @param userAgent {@code navigator.userAgent}
 * @param platform {@code navigator.platform} (deprecated but everywhere: {@code MacIntel}, {@code
 *     Win32}, {@code iPad}, {@code Linux armv81})
 * @param language {@code navigator.language}
 * @param maxTouchPoints {@code navigator.maxTouchPoints}: 0 on a desktop without a touch screen, 5
 *     on an iPad (which otherwise claims to be a Mac)
 * @param devicePixelRatio CSS pixel to device pixel ratio, which scales pointer movement
 * @param screenWidth {@code screen.width}, CSS pixels
 * @param screenHeight {@code screen.height}, CSS pixels
 * @param pointerFine CSS media {@code (pointer: fine)}: the primary pointer is a mouse or touchpad
 * @param anyPointerCoarse CSS media {@code (any-pointer: coarse)}: some pointer is a finger
 * @param hover CSS media {@code (hover: hover)}
 * @param uaData {@code navigator.userAgentData}: Chromium browsers, secure contexts only (loopback
 *     or HTTPS, so not a LAN address over plain HTTP)
 */
public record PageInfo(
    String userAgent,
    String platform,
    String language,
    int maxTouchPoints,
    double devicePixelRatio,
    int screenWidth,
    int screenHeight,
    boolean pointerFine,
    boolean anyPointerCoarse,
    boolean hover,
    Optional<UaData> uaData) {

  /**
   * User-Agent Client Hints (WICG UA-CH): low-entropy values and, when the page could ask, the
   * high-entropy {@code platformVersion} and {@code model} (empty when not given).
   */
  public record UaData(
      String platform,
      boolean mobile,
      ImmutableList<Brand> brands,
      String platformVersion,
      String model) {}

  /** One entry of {@code navigator.userAgentData.brands}. */
  public record Brand(String brand, String version) {}

  /**
   * The host's operating system as well as the page can tell: the client hints' platform and
   * version where present, else a guess from {@code platform} and {@code maxTouchPoints} (iPadOS
   * Safari reports {@code MacIntel} with touch points).
   */
  public String os() {
    if (uaData.isPresent() && !uaData.get().platform().isEmpty()) {
      UaData d = uaData.get();
      return d.platformVersion().isEmpty()
          ? d.platform()
          : d.platform() + " " + d.platformVersion();
    }
    if (platform.equals("MacIntel") && maxTouchPoints > 1) {
      return "iPadOS";
    }
    if (platform.startsWith("Mac")) {
      return "macOS";
    }
    if (platform.startsWith("Win")) {
      return "Windows";
    }
    if (platform.startsWith("iP")) {
      return "iOS";
    }
    if (userAgent.contains("Android")) {
      return "Android";
    }
    if (platform.startsWith("Linux")) {
      return "Linux";
    }
    return platform.isEmpty() ? "?" : platform;
  }
}
