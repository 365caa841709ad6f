package dev.hogrig.gatt;

import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.time.Instant;

/**
 * Something a client did to the model, or something the model sent, stamped with the time of the
 * injected clock. Scenarios assert on these and reports print them.
 *
 * <p>Every access produces a {@link Read} or {@link Write} (whatever its result). When HIDS
 * behaviour accepts a write it also publishes the specific record ({@link ProtocolModeChanged},
 * {@link ControlPoint}, {@link OutputReport}, {@link FeatureWrite}), just before the {@link Write}
 * of the same access. Refused writes produce the {@link Write} only.
 *
 * <p>Every value the device has to notify ends in exactly one of: a {@link Notification} (handed to
 * the sink, at once or from the queue after a {@link QueueFlushed}), a {@link NotificationQueued}
 * that a later flush turns into a {@link Notification}, or a {@link NotificationDropped}; see
 * {@link UnsubscribedPolicy}. Nothing is lost without an event.
 */
public sealed interface GattEvent
    permits GattEvent.Read,
        GattEvent.Write,
        GattEvent.Connected,
        GattEvent.Disconnected,
        GattEvent.ProtocolModeChanged,
        GattEvent.ControlPoint,
        GattEvent.OutputReport,
        GattEvent.FeatureWrite,
        GattEvent.Notification,
        GattEvent.InputDropped,
        GattEvent.SubscriptionChanged,
        GattEvent.NotificationQueued,
        GattEvent.NotificationDropped,
        GattEvent.QueueFlushed {

  Instant time();

  /** A read of {@code handle} at {@code offset} and what was answered. */
  record Read(Instant time, String peer, AttributeHandle handle, int offset, AttResult result)
      implements GattEvent {}

  /** A write of {@code value} and what was answered (for a command: what was not sent). */
  record Write(
      Instant time,
      String peer,
      AttributeHandle handle,
      int offset,
      Bytes value,
      boolean withResponse,
      AttResult result)
      implements GattEvent {}

  record Connected(Instant time, String peer, SecurityLevel security) implements GattEvent {}

  record Disconnected(Instant time, String peer) implements GattEvent {}

  /** The host switched the protocol mode; {@code from} may equal {@code to} after a reset. */
  record ProtocolModeChanged(Instant time, String peer, ProtocolMode from, ProtocolMode to)
      implements GattEvent {}

  /** The host wrote a valid HID Control Point command. */
  record ControlPoint(Instant time, String peer, ControlPointCommand command)
      implements GattEvent {}

  /**
   * The host set an output report (keyboard LEDs).
   *
   * @param boot true when written to Boot Keyboard Output Report (then {@code reportId} is 0)
   */
  record OutputReport(Instant time, String peer, int reportId, boolean boot, Bytes value)
      implements GattEvent {}

  /** The host set a feature report, and the store accepted it. */
  record FeatureWrite(Instant time, String peer, int reportId, Bytes value) implements GattEvent {}

  /** The model handed {@code value} of {@code handle} to the {@link NotificationSink}. */
  record Notification(Instant time, CharacteristicHandle handle, Bytes value)
      implements GattEvent {}

  /** An input report the device could not send, and why (boot mode has no place for it). */
  record InputDropped(Instant time, ReportType type, int reportId, String reason)
      implements GattEvent {}

  /**
   * A client enabled ({@code subscribed}) or the last client disabled notifications of {@code
   * handle}; with BlueZ, a {@code StartNotify}/{@code StopNotify} call (bluetoothd also calls
   * StopNotify when the last subscribed client disconnects).
   */
  record SubscriptionChanged(Instant time, CharacteristicHandle handle, boolean subscribed)
      implements GattEvent {}

  /**
   * No client is subscribed to {@code handle}: {@code value} waits in its queue, which now holds
   * {@code pending} values ({@link UnsubscribedPolicy#queue}).
   */
  record NotificationQueued(Instant time, CharacteristicHandle handle, Bytes value, int pending)
      implements GattEvent {}

  /**
   * {@code value} of {@code handle} will never be sent: no client was subscribed and the policy is
   * {@link UnsubscribedPolicy#drop()}, or the queue was full and this, its oldest value, made room.
   *
   * @param dropped values of {@code handle} dropped so far, this one included
   */
  record NotificationDropped(
      Instant time, CharacteristicHandle handle, Bytes value, String reason, long dropped)
      implements GattEvent {}

  /**
   * A client subscribed to {@code handle}: the next {@code count} {@link Notification}s of it are
   * the queued values, oldest first; live values follow them.
   */
  record QueueFlushed(Instant time, CharacteristicHandle handle, int count) implements GattEvent {}
}
