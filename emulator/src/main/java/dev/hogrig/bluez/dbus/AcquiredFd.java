package dev.hogrig.bluez.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * The two out-arguments of {@code AcquireNotify}/{@code AcquireWrite}: {@code (h fd, q mtu)}
 * (doc/org.bluez.GattCharacteristic.rst). Generic because dbus-java 5.1.1 derives a Tuple's D-Bus
 * signature from the type arguments of the method's return type ({@code AcquiredFd<FileDescriptor,
 * UInt16>} → {@code hq}), not from the fields.
 */
public final class AcquiredFd<A, B> extends Tuple {
  @Position(0)
  private final A fd;

  @Position(1)
  private final B mtu;

  public AcquiredFd(A fd, B mtu) {
    this.fd = fd;
    this.mtu = mtu;
  }

  public A fd() {
    return fd;
  }

  public B mtu() {
    return mtu;
  }
}
