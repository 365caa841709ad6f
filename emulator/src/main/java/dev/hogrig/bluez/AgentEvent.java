package dev.hogrig.bluez;

import java.time.Instant;

/**
 * One call bluetoothd made to an agent, as {@link AcceptingAgentListener} records it.
 *
 * @param method the Agent1 method, e.g. {@code RequestConfirmation}
 * @param device the device it was about ({@code null} for Cancel and Release)
 * @param detail passkey, PIN or service UUID, or empty
 * @param at when the call arrived
 */
public record AgentEvent(String method, DeviceRef device, String detail, Instant at) {}
