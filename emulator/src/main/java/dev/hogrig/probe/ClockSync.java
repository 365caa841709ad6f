package dev.hogrig.probe;

/**
 * The page's estimate of the rig's clock relative to its own, from one request/response round trip,
 * NTP style (RFC 5905 §8, with the rig answering at one instant, so t1 = t2):
 *
 * <pre>
 *   page  t0 ──── POST (hello or events) ────▶ rig  t1 (its clock when it answers)
 *   page  t3 ◀─── {"rigClock": t1} ──────────
 *
 *   offsetMs = t1 − (t0 + t3) / 2     rig clock − page clock
 *   rttMs    = t3 − t0
 * </pre>
 *
 * The error of {@code offsetMs} is at most {@code rttMs / 2} (asymmetric paths); the page keeps the
 * sample with the smallest round trip of the last 30 s and sends it with every batch, so a moment
 * {@code p} on the page's clock is {@code p + offsetMs} on the rig's.
 */
public record ClockSync(double offsetMs, double rttMs) {}
