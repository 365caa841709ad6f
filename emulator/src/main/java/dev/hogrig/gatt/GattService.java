package dev.hogrig.gatt;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/** A service as declared: UUID, primary or secondary, its characteristics in order. */
public record GattService(
    ServiceHandle handle, boolean primary, ImmutableList<GattCharacteristic> characteristics) {

  public BtUuid uuid() {
    return handle.uuid();
  }

  public String label() {
    return handle.label();
  }

  /** The first characteristic with {@code uuid}. */
  public Optional<GattCharacteristic> characteristic(BtUuid uuid) {
    return characteristics.stream().filter(c -> c.uuid().equals(uuid)).findFirst();
  }

  /** Every characteristic with {@code uuid}, e.g. all Report characteristics. */
  public ImmutableList<GattCharacteristic> characteristics(BtUuid uuid) {
    return characteristics.stream()
        .filter(c -> c.uuid().equals(uuid))
        .collect(ImmutableList.toImmutableList());
  }
}
