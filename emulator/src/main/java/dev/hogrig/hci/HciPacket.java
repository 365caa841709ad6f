package dev.hogrig.hci;

/**
 * A packet crossing the Host Controller Interface (Core v5.4 Vol 4 Part E §5.4): a command to the
 * controller, an event from it, or ACL data either way. SCO and ISO data are not modelled; a
 * capture keeps them as {@link MonitorPacket.Other}.
 */
public sealed interface HciPacket extends TracePacket permits HciCommand, HciEvent, AclData {}
