package dev.hogrig.gatt;

import dev.hogrig.util.Bytes;

/**
 * Where the model puts values to notify. The backend implements it: it knows which clients
 * subscribed (the CCC descriptor is its business) and sends a Handle Value Notification to each,
 * through BlueZ's {@code PropertiesChanged} on {@code Value} or an {@code AcquireNotify} socket.
 */
@FunctionalInterface
public interface NotificationSink {
  /** Notify {@code value} of {@code characteristic} to every subscribed client. */
  void notify(CharacteristicHandle characteristic, Bytes value);

  /** A sink that drops everything, for a device without a backend. */
  static NotificationSink none() {
    return (c, v) -> {};
  }
}
