package dev.hogrig.probe;

import java.time.Instant;

/**
 * An event the rig accepted, with the moment it happened on the rig's clock.
 *
 * @param session the page session (one per page load) it came from
 * @param rigTime {@link ProbeEvent#pageTime()} plus the batch's {@link ClockSync#offsetMs()}
 * @param clockSynced whether the page had an offset estimate; when not, {@code rigTime} is the
 *     page's clock unchanged
 */
public record ReceivedEvent(
    String session, ProbeEvent event, Instant rigTime, boolean clockSynced) {}
