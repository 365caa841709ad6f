package dev.hogrig.gatt;

/** The handle of one characteristic descriptor. See {@link AttributeHandle}. */
public record DescriptorHandle(int key, BtUuid uuid, String label) implements AttributeHandle {
  @Override
  public String toString() {
    return label + " [" + uuid.shortString() + "]";
  }
}
