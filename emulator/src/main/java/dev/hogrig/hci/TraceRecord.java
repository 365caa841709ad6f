package dev.hogrig.hci;

import java.time.Instant;

/**
 * One record of a capture, decoded.
 *
 * @param index controller index ({@link BtsnoopRecord#NO_INDEX} for system records)
 * @param direction which way it crossed the HCI
 * @param time when the kernel timestamped it (the skb time: for received packets, when the driver
 *     handed them to the core, which can be before records written earlier)
 * @param packet what it holds
 * @param drops btmon's cumulative drop count at this record (0 in every capture seen so far)
 */
public record TraceRecord(
    int index, Direction direction, Instant time, TracePacket packet, long drops) {}
