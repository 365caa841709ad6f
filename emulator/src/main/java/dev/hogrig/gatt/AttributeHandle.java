package dev.hogrig.gatt;

/**
 * A typed reference to a characteristic value or a descriptor in one {@link GattDatabase}: what a
 * backend passes back to {@link GattServerLogic#read} and {@link GattServerLogic#write}.
 *
 * <p>Handles are handed out when an attribute is added, never computed from a position. They are
 * not ATT handles: BlueZ assigns those when it registers the application, and the backend keeps the
 * mapping.
 */
public sealed interface AttributeHandle permits CharacteristicHandle, DescriptorHandle {
  /** Unique within its database. */
  int key();

  BtUuid uuid();

  /** Human name for events and reports, e.g. {@code "Report (Input, id 2)"}. */
  String label();
}
