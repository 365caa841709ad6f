package dev.hogrig.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" (SVR4, no CRC) format, the only format the Linux kernel
 * unpacks as an initramfs (kernel documentation, {@code early-userspace/buffer-format.rst}; {@code
 * man 5 cpio}). Written here rather than by a {@code cpio} tool so that building the lab needs
 * nothing beyond the JDK, and so that the archive is byte-for-byte reproducible (inode numbers are
 * sequential, every mtime is 0), which lets the lab cache it by content hash.
 *
 * <p>Each entry is a 110-byte ASCII header, the NUL-terminated name, padding to a multiple of 4,
 * the data, and padding to a multiple of 4 again:
 *
 * <pre>
 *  offset  size  field        (all numbers: 8 ASCII hex digits, upper or lower case)
 *  0       6     magic "070701"
 *  6       8     c_ino
 *  14      8     c_mode       file type bits (S_IFREG 0100000, S_IFDIR 0040000,
 *                             S_IFLNK 0120000, S_IFCHR 0020000) | permissions
 *  22      8     c_uid
 *  30      8     c_gid
 *  38      8     c_nlink
 *  46      8     c_mtime
 *  54      8     c_filesize   bytes of data (for a symlink: the target)
 *  62      8     c_devmajor
 *  70      8     c_devminor
 *  78      8     c_rdevmajor  device numbers of a device node
 *  86      8     c_rdevminor
 *  94      8     c_namesize   length of the name including its NUL
 *  102     8     c_check      0 for newc
 *  110     ...   name, NUL, pad to 4 | data, pad to 4
 * </pre>
 *
 * The archive ends with an entry named {@code TRAILER!!!}. Names are relative, without a leading
 * slash, as the kernel's own {@code gen_init_cpio} writes them.
 */
public final class NewcWriter {
  /** Magic of the newc format. */
  public static final String MAGIC = "070701";

  /** Name of the entry that ends an archive. */
  public static final String TRAILER = "TRAILER!!!";

  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFCHR = 0020000;

  private final OutputStream out;
  private long written;
  private int nextInode = 1;
  private boolean finished;

  public NewcWriter(OutputStream out) {
    this.out = out;
  }

  /** Adds a directory; parents must have been added before. */
  public void directory(String name, int permissions) throws IOException {
    entry(name, S_IFDIR | permissions, 2, 0, 0, new byte[0]);
  }

  /** Adds a regular file with the given content. */
  public void file(String name, int permissions, byte[] content) throws IOException {
    entry(name, S_IFREG | permissions, 1, 0, 0, content);
  }

  /** Adds a symbolic link; the target is stored as the entry's data, without a NUL. */
  public void symlink(String name, String target) throws IOException {
    entry(name, S_IFLNK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Adds a character device node. The kernel needs {@code dev/console} to exist before it runs
   * {@code /init}, or init starts without stdin/stdout ("unable to open an initial console").
   */
  public void charDevice(String name, int permissions, int major, int minor) throws IOException {
    entry(name, S_IFCHR | permissions, 1, major, minor, new byte[0]);
  }

  /** Writes the trailer entry; the archive is complete afterwards. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    header(TRAILER, 0, 0, 1, 0, 0, 0);
    writeName(TRAILER);
    finished = true;
    out.flush();
  }

  private void entry(String name, int mode, int nlink, int rdevMajor, int rdevMinor, byte[] data)
      throws IOException {
    if (finished) {
      throw new IllegalStateException("archive already finished");
    }
    if (name.isEmpty() || name.startsWith("/") || name.equals(TRAILER)) {
      throw new IllegalArgumentException("bad cpio entry name: '" + name + "'");
    }
    header(name, nextInode++, mode, nlink, data.length, rdevMajor, rdevMinor);
    writeName(name);
    out.write(data);
    written += data.length;
    pad();
  }

  private void header(
      String name, int inode, int mode, int nlink, int size, int rdevMajor, int rdevMinor)
      throws IOException {
    int nameSize = name.getBytes(StandardCharsets.UTF_8).length + 1;
    StringBuilder h = new StringBuilder(110).append(MAGIC);
    for (int v :
        new int[] {inode, mode, 0, 0, nlink, 0, size, 0, 0, rdevMajor, rdevMinor, nameSize, 0}) {
      h.append(String.format("%08X", v));
    }
    byte[] bytes = h.toString().getBytes(StandardCharsets.US_ASCII);
    out.write(bytes);
    written += bytes.length;
  }

  private void writeName(String name) throws IOException {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    out.write(0);
    written += bytes.length + 1;
    pad();
  }

  private void pad() throws IOException {
    while (written % 4 != 0) {
      out.write(0);
      written++;
    }
  }
}
