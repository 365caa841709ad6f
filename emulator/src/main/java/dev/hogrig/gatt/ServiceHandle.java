package dev.hogrig.gatt;

/** The handle of one service in a {@link GattDatabase}. */
public record ServiceHandle(int key, BtUuid uuid, String label) {
  @Override
  public String toString() {
    return label + " [" + uuid.shortString() + "]";
  }
}
