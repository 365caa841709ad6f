package dev.hogrig.gatt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A characteristic as declared: UUID, properties, permissions and descriptors. The Client
 * Characteristic Configuration descriptor (0x2902) is never part of the model: BlueZ adds it for
 * NOTIFY/INDICATE, and subscription state is per connection, reported by the backend.
 *
 * @param properties what a client may do (Core Vol 3 Part G §3.3.1.1)
 * @param permissions the security each access asks for; without one, an access the properties allow
 *     needs no security
 */
public record GattCharacteristic(
    CharacteristicHandle handle,
    ImmutableSet<Property> properties,
    ImmutableSet<Permission> permissions,
    ImmutableList<GattDescriptor> descriptors) {

  public BtUuid uuid() {
    return handle.uuid();
  }

  public String label() {
    return handle.label();
  }

  public boolean has(Property p) {
    return properties.contains(p);
  }

  /**
   * BlueZ {@code GattCharacteristic1.Flags}: the property words, then the permission words that
   * raise security ({@code "read"}/{@code "write"} permissions are implied by the properties).
   */
  public ImmutableSet<String> bluezFlags() {
    Set<String> out = new LinkedHashSet<>();
    properties.forEach(p -> out.add(p.flag()));
    for (Permission p : permissions) {
      if (p != Permission.READ && p != Permission.WRITE) {
        out.add(p.flag());
      }
    }
    return ImmutableSet.copyOf(out);
  }

  /** The descriptor with {@code uuid}, if declared. */
  public java.util.Optional<GattDescriptor> descriptor(BtUuid uuid) {
    return descriptors.stream().filter(d -> d.uuid().equals(uuid)).findFirst();
  }
}
