package dev.hogrig.probe;

import java.time.Instant;

/**
 * A request the probe server refused, and why: one per refused request, told to every {@link
 * ProbeListener} and kept by the server.
 *
 * @param status the HTTP status sent (4xx)
 * @param method the request's method
 * @param path the request's path with the server's own token replaced by {@code {token}}
 * @param remote the client's address
 * @param reason what was wrong, for a person
 */
public record Refusal(
    Instant at, int status, String method, String path, String remote, String reason) {
  /** The log line: {@code refused POST /probe/{token}/events from 127.0.0.1: 415 ...}. */
  @Override
  public String toString() {
    return "refused " + method + " " + path + " from " + remote + ": " + status + " " + reason;
  }
}
