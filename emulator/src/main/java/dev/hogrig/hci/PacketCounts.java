package dev.hogrig.hci;

/**
 * How many packets of each kind a capture holds for one controller: the figures the kernel keeps in
 * {@code struct hci_dev_stats} and {@code hciconfig} prints.
 */
public record PacketCounts(
    long commands, long events, long aclTx, long aclRx, long scoTx, long scoRx) {}
