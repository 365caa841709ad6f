package dev.hogrig.hid.lint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.hogrig.hid.Item;
import dev.hogrig.hid.ItemTag;
import dev.hogrig.hid.ItemType;
import dev.hogrig.hid.ShortItem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A second pass over the items that remembers <em>which item</em> set each piece of state. The
 * model ({@link dev.hogrig.hid.Field}) keeps the values in force at each main item but not where
 * they came from; a finding about "Logical Maximum below Logical Minimum" should point at the
 * Logical Maximum item, not at the Input that used it.
 *
 * <p>Follows the same global stack (HID 1.11 §6.2.2.7 Push/Pop) and local pairing (§6.2.2.8) rules
 * as the parser: a stray Pop leaves the state alone, a Usage Minimum pairs with the next Usage
 * Maximum, and a 1- or 2-byte usage takes the Usage Page in force at the main item.
 */
final class ItemWalk {

  /** The global items in force when a main item was read, keyed by tag (absent: never set). */
  record MainItem(ShortItem item, ImmutableMap<ItemTag, ShortItem> globals) {}

  /** A Usage Minimum/Maximum pair, both as extended usages (page in the high 16 bits). */
  record Range(ShortItem min, ShortItem max, long minExtended, long maxExtended) {}

  final List<MainItem> mains = new ArrayList<>();
  final List<Range> ranges = new ArrayList<>();

  /** Push items never popped, innermost last. */
  final List<ShortItem> unpoppedPushes = new ArrayList<>();

  /** Pop items with nothing pushed. */
  final List<ShortItem> strayPops = new ArrayList<>();

  /**
   * A Push that made the stack {@code depth} deep, deeper than {@link #LINUX_GLOBAL_STACK_SIZE}.
   */
  record DeepPush(ShortItem push, int depth) {}

  final List<DeepPush> deepPushes = new ArrayList<>();

  /** HID_GLOBAL_STACK_SIZE in include/linux/hid.h. */
  static final int LINUX_GLOBAL_STACK_SIZE = 4;

  private ItemWalk() {}

  static ItemWalk of(List<Item> items) {
    ItemWalk w = new ItemWalk();
    w.run(items);
    return w;
  }

  private void run(List<Item> items) {
    Map<ItemTag, ShortItem> globals = new EnumMap<>(ItemTag.class);
    Deque<Map<ItemTag, ShortItem>> stack = new ArrayDeque<>();
    Deque<ShortItem> pushes = new ArrayDeque<>();
    List<ShortItem> locals = new ArrayList<>();
    for (Item item : items) {
      if (!(item instanceof ShortItem s) || s.tag().isEmpty()) {
        continue;
      }
      ItemTag tag = s.tag().get();
      if (tag == ItemTag.PUSH) {
        stack.push(new EnumMap<>(globals));
        pushes.push(s);
        if (stack.size() > LINUX_GLOBAL_STACK_SIZE) {
          deepPushes.add(new DeepPush(s, stack.size()));
        }
      } else if (tag == ItemTag.POP) {
        if (stack.isEmpty()) {
          strayPops.add(s);
        } else {
          globals = stack.pop();
          pushes.pop();
        }
      } else if (tag.type() == ItemType.GLOBAL) {
        globals.put(tag, s);
      } else if (tag.type() == ItemType.LOCAL) {
        locals.add(s);
      } else {
        pairRanges(locals, globals);
        if (tag.declaresField()) {
          mains.add(new MainItem(s, ImmutableMap.copyOf(globals)));
        }
        locals.clear();
      }
    }
    List<ShortItem> open = new ArrayList<>(pushes);
    unpoppedPushes.addAll(ImmutableList.copyOf(open).reverse());
  }

  private void pairRanges(List<ShortItem> locals, Map<ItemTag, ShortItem> globals) {
    ShortItem page = globals.get(ItemTag.USAGE_PAGE);
    long pageValue = page == null ? 0 : page.unsignedValue() & 0xffff;
    ShortItem pendingMin = null;
    for (ShortItem s : locals) {
      ItemTag tag = s.tag().orElseThrow();
      if (tag == ItemTag.USAGE_MINIMUM) {
        pendingMin = s;
      } else if (tag == ItemTag.USAGE_MAXIMUM && pendingMin != null) {
        ranges.add(
            new Range(pendingMin, s, extended(pendingMin, pageValue), extended(s, pageValue)));
        pendingMin = null;
      }
    }
  }

  private static long extended(ShortItem usage, long page) {
    if (usage.size() == 4) {
      return usage.unsignedValue();
    }
    return (page << 16) | (usage.unsignedValue() & 0xffff);
  }
}
