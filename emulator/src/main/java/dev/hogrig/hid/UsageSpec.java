package dev.hogrig.hid;

/** What a local Usage, or a Usage Minimum/Maximum pair, contributes to the next main item. */
public sealed interface UsageSpec permits Usage, UsageRange {
  /** Number of usages this entry stands for. */
  long count();

  /** The {@code i}-th usage, 0-based, {@code i < count()}. */
  Usage get(long i);
}
