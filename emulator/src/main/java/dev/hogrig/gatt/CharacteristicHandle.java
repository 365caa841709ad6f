package dev.hogrig.gatt;

/** The handle of one characteristic (its value attribute). See {@link AttributeHandle}. */
public record CharacteristicHandle(int key, BtUuid uuid, String label) implements AttributeHandle {
  @Override
  public String toString() {
    return label + " [" + uuid.shortString() + "]";
  }
}
