package dev.hogrig.hid;

/**
 * An extended usage: usage page (16 bits) and usage ID (16 bits), as HID 1.11 6.2.2.8 defines for a
 * 4-byte Usage item.
 */
public record Usage(int page, int id) implements UsageSpec, Comparable<Usage> {
  public Usage {
    if (page < 0 || page > 0xffff || id < 0 || id > 0xffff) {
      throw new IllegalArgumentException("usage page and id are 16-bit: " + page + ":" + id);
    }
  }

  /** From a 32-bit extended usage {@code page << 16 | id}. */
  public static Usage ofExtended(long extended) {
    return new Usage((int) ((extended >>> 16) & 0xffff), (int) (extended & 0xffff));
  }

  public long extended() {
    return ((long) page << 16) | id;
  }

  @Override
  public long count() {
    return 1;
  }

  @Override
  public Usage get(long i) {
    if (i != 0) {
      throw new IndexOutOfBoundsException(Long.toString(i));
    }
    return this;
  }

  @Override
  public int compareTo(Usage o) {
    return Long.compare(extended(), o.extended());
  }

  @Override
  public String toString() {
    return "%04x:%04x".formatted(page, id);
  }
}
