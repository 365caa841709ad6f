package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Splits descriptor bytes into items and joins items back into bytes. Stateless. */
public final class Items {
  private Items() {}

  /**
   * Splits {@code descriptor} into its items, each remembering its offset.
   *
   * @throws DescriptorFormatException if an item's data runs past the end
   */
  public static ImmutableList<Item> parse(Bytes descriptor) {
    ImmutableList.Builder<Item> items = ImmutableList.builder();
    int pos = 0;
    int n = descriptor.size();
    while (pos < n) {
      int prefix = descriptor.get(pos);
      if (prefix == LongItem.PREFIX) {
        if (pos + 3 > n) {
          throw new DescriptorFormatException(
              pos, "long item (0xfe) needs a size and a tag byte, but the descriptor ends");
        }
        int size = descriptor.get(pos + 1);
        int tag = descriptor.get(pos + 2);
        if (pos + 3 + size > n) {
          throw new DescriptorFormatException(
              pos, "long item declares %d data bytes, only %d remain".formatted(size, n - pos - 3));
        }
        items.add(new LongItem(pos, tag, descriptor.slice(pos + 3, pos + 3 + size)));
        pos += 3 + size;
      } else {
        int size = ShortItem.dataSize(prefix);
        if (pos + 1 + size > n) {
          throw new DescriptorFormatException(
              pos,
              "item 0x%02x (%s) needs %d data bytes, only %d remain"
                  .formatted(
                      prefix,
                      ItemTag.ofPrefix(prefix).map(ItemTag::displayName).orElse("reserved tag"),
                      size,
                      n - pos - 1));
        }
        items.add(new ShortItem(pos, prefix, descriptor.slice(pos + 1, pos + 1 + size)));
        pos += 1 + size;
      }
    }
    return items.build();
  }

  /** Concatenates the items' encodings. */
  public static Bytes encode(List<? extends Item> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Item item : items) {
      out.writeBytes(item.encoded().toArray());
    }
    return Bytes.copyOf(out.toByteArray());
  }

  /** Returns copies of {@code items} with offsets recomputed as if laid out back to back. */
  public static ImmutableList<Item> relocate(List<? extends Item> items) {
    ImmutableList.Builder<Item> out = ImmutableList.builder();
    int pos = 0;
    for (Item item : items) {
      out.add(item instanceof ShortItem s ? s.at(pos) : ((LongItem) item).at(pos));
      pos += item.length();
    }
    return out.build();
  }
}
