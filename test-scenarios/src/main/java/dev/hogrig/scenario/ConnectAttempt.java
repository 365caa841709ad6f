package dev.hogrig.scenario;

import java.util.Optional;

/**
 * What one connection attempt of the host gave, for scenarios where failing is a possible, and
 * interesting, outcome (keys lost on one side, encryption refused).
 *
 * @param linkUp the host's stack said connected after the attempt
 * @param inputDevice the host's input stack made an input device for the peer
 * @param error what the host's stack answered when the attempt failed
 */
public record ConnectAttempt(boolean linkUp, boolean inputDevice, Optional<String> error) {
  @Override
  public String toString() {
    return "link "
        + (linkUp ? "up" : "down")
        + ", input device "
        + (inputDevice ? "made" : "none")
        + error.map(e -> ", error: " + e).orElse("");
  }
}
