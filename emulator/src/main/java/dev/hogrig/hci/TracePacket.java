package dev.hogrig.hci;

/**
 * What one record of a monitor capture holds: an HCI packet ({@link HciPacket}) or something the
 * kernel's monitor channel says about controllers and the system ({@link MonitorPacket}).
 */
public sealed interface TracePacket permits HciPacket, MonitorPacket {}
