package dev.hogrig.probe;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * One {@code POST /probe/{token}/events} body, decoded.
 *
 * @param session the session id the rig answered to this page's hello
 * @param seq the batch's number within the session, from 0; a batch the page sends again because
 *     the answer was lost carries the same number, and the rig keeps it once
 * @param clock the page's best clock estimate so far, empty before its first round trip
 * @param dropped events the page had to drop since its previous batch (its queue was full while the
 *     rig was unreachable)
 * @param events oldest first
 */
public record Batch(
    String session,
    long seq,
    Optional<ClockSync> clock,
    long dropped,
    ImmutableList<ProbeEvent> events) {}
