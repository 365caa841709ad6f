package dev.hogrig.gatt;

import com.google.common.collect.ImmutableSet;

/**
 * A characteristic descriptor as declared: UUID and permissions. Its value and behaviour live in an
 * {@link AttributeHandler}.
 *
 * @param permissions READ/WRITE grant the access, the others raise its security; in BlueZ's
 *     vocabulary they are the descriptor's {@code Flags}
 */
public record GattDescriptor(DescriptorHandle handle, ImmutableSet<Permission> permissions) {
  public BtUuid uuid() {
    return handle.uuid();
  }

  public String label() {
    return handle.label();
  }

  /** BlueZ {@code GattDescriptor1.Flags}: every permission's flag word, in enum order. */
  public ImmutableSet<String> bluezFlags() {
    return permissions.stream().map(Permission::flag).collect(ImmutableSet.toImmutableSet());
  }

  /** True when the descriptor can be read at all. */
  public boolean readable() {
    return Permission.grants(permissions, Permission.Access.READ);
  }

  /** True when the descriptor can be written at all. */
  public boolean writable() {
    return Permission.grants(permissions, Permission.Access.WRITE);
  }
}
