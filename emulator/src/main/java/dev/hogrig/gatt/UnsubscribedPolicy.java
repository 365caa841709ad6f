package dev.hogrig.gatt;

/**
 * What a {@link HogpDevice} does with a value to notify (an input report, a boot report, a battery
 * level) while no client has enabled notifications on that characteristic: before the host wrote
 * its CCC descriptor after connecting, between a disconnection and the next subscription, or after
 * the host unsubscribed. A notification can only go to a client whose Client Characteristic
 * Configuration enables it (Core 5.3 Vol 3 Part G §3.3.3.3, §4.10); bluetoothd silently sends
 * nothing otherwise. So the device decides, visibly, instead of handing the value to the backend
 * and letting it vanish:
 *
 * <ul>
 *   <li>{@link #queue(int) queue(n)}: keep the <b>latest</b> {@code n} values of each
 *       characteristic, in order, and send them, oldest first, when a client subscribes to that
 *       characteristic; each value pushed out by a newer one is counted as dropped ({@link
 *       GattEvent.NotificationDropped}).
 *   <li>{@link #drop()}: send nothing, count every value as dropped.
 * </ul>
 *
 * <h2>Why the latest values, not the first</h2>
 *
 * A HID input report is a state, not a delta, for everything that can stay pressed: a keyboard
 * report lists the keys held now (HID 1.11 Appendix B.1), a button field says which buttons are
 * down. Keeping the first {@code n} and dropping what comes after would split a press/release pair
 * whenever the press is value {@code n} and its release value {@code n + 1}: the host gets the
 * press, never the release, and repeats the key until the next report arrives, possibly much later
 * (a stuck key, the worst thing a keyboard can do). Keeping the latest {@code n} always keeps the
 * last report, which is the device's current state; what is lost is the oldest history. If the
 * dropped oldest value is a press whose release is kept, the host diffs the release against its
 * idle state and sees no change: the keystroke is lost whole, never half. Relative motion (mouse X
 * and Y deltas) is lost with the dropped values either way; nothing can keep it within a bound. For
 * Battery Level only the last value matters, and it is the one kept.
 *
 * <h2>Default</h2>
 *
 * {@link #defaults()} is {@code queue(32)}: 16 keystrokes (press and release) per characteristic,
 * about three seconds of fast typing (60 words per minute is 5 keystrokes a second), which covers a
 * host's reconnection and CCC write after a link loss; at most 32 × 512 octets (the longest
 * attribute value, Core 5.3 Vol 3 Part F §3.2.9) are held per characteristic.
 *
 * @param kind what to do
 * @param capacity values kept per characteristic (0 for {@link Kind#DROP})
 */
public record UnsubscribedPolicy(Kind kind, int capacity) {
  /** The queue length of {@link #defaults()}. */
  public static final int DEFAULT_CAPACITY = 32;

  /** The two policies. */
  public enum Kind {
    /** Keep the latest {@code capacity} values, flush them in order on subscription. */
    QUEUE,
    /** Keep nothing; count each value as dropped. */
    DROP
  }

  public UnsubscribedPolicy {
    if (kind == null) {
      throw new GattModelException("unsubscribed policy kind must not be null");
    }
    if (kind == Kind.QUEUE && capacity < 1) {
      throw new GattModelException(
          "a queue for unsubscribed notifications holds at least 1 value, got " + capacity);
    }
    if (kind == Kind.DROP && capacity != 0) {
      throw new GattModelException("the drop policy keeps no values, got capacity " + capacity);
    }
  }

  /** Keep the latest {@code n} values per characteristic; flush them on subscription. */
  public static UnsubscribedPolicy queue(int n) {
    return new UnsubscribedPolicy(Kind.QUEUE, n);
  }

  /** Send nothing while unsubscribed; count each value as dropped. */
  public static UnsubscribedPolicy drop() {
    return new UnsubscribedPolicy(Kind.DROP, 0);
  }

  /** {@code queue(32)}; see the class comment. */
  public static UnsubscribedPolicy defaults() {
    return queue(DEFAULT_CAPACITY);
  }

  @Override
  public String toString() {
    return kind == Kind.QUEUE ? "queue(" + capacity + ")" : "drop()";
  }
}
