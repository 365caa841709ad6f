package dev.hogrig.hid;

/**
 * Usage Minimum .. Usage Maximum, inclusive. A range whose minimum exceeds its maximum is kept as
 * written (count 0) so the linter can report it.
 */
public record UsageRange(Usage min, Usage max) implements UsageSpec {
  @Override
  public long count() {
    return Math.max(0, max.extended() - min.extended() + 1);
  }

  @Override
  public Usage get(long i) {
    if (i < 0 || i >= count()) {
      throw new IndexOutOfBoundsException(Long.toString(i));
    }
    return Usage.ofExtended(min.extended() + i);
  }

  @Override
  public String toString() {
    return min + ".." + max;
  }
}
