package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes air packets to a classic pcap file with link type 256, {@code
 * LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR} (tcpdump.org linktypes), the format sniffers such as
 * Ubertooth write and Wireshark's {@code btle_rf} dissector reads.
 *
 * <pre>
 * per packet:
 * +------------+--------------+-------------+-------------+------------------+---------+
 * | RF Channel | Signal Power | Noise Power | AA Offenses | Reference AA     | Flags   |
 * |  1 (0..39) | 1 (dBm, s8)  | 1 (dBm, s8) |      1      | 4 (little-endian)| 2 (LE)  |
 * +------------+--------------+-------------+-------------+------------------+---------+
 * | Access Address (4, LE) | PDU header + payload | CRC (3, as transmitted)             |
 * +------------------------+----------------------+-------------------------------------+
 * </pre>
 *
 * <p>Flags used here: 0x0001 de-whitened, 0x0002 Signal Power valid, 0x0010 Reference AA valid,
 * 0x0400 CRC checked, 0x0800 CRC valid (clear for a packet a persona corrupted), bits 7..9 the PDU
 * type (0 advertising, 2 data central to peripheral, 3 data peripheral to central), 0x0008
 * decrypted for PDUs of an encrypted link, whose payload this model keeps in clear (no MIC is
 * written). The CRC is always the true CRC of the written octets ({@link BleCrc}), so Wireshark
 * marks it correct, except on purpose for corrupted packets.
 */
public final class LlPcapWriter implements Closeable {
  /** The advertising access address 0x8E89BED6 (Core 5.4 Vol 6 Part B §2.1.2). */
  public static final long ADVERTISING_ACCESS_ADDRESS = 0x8E89BED6L;

  public static final int LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR = 256;

  /** Direction bits of the Flags field, already shifted. */
  public static final int PDU_ADVERTISING = 0;

  public static final int PDU_DATA_C_TO_P = 2 << 7;
  public static final int PDU_DATA_P_TO_C = 3 << 7;

  private final OutputStream out;

  public LlPcapWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out);
    try {
      // pcap global header, little-endian (magic a1b2c3d4, version 2.4, microsecond stamps)
      write32(0xa1b2c3d4L);
      write16(2);
      write16(4);
      write32(0);
      write32(0);
      write32(65535);
      write32(LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static LlPcapWriter create(Path file) throws IOException {
    return new LlPcapWriter(Files.newOutputStream(file));
  }

  /** An advertising channel PDU on channel 37..39. */
  public void advertising(long timeMicros, int rfChannel, AdvPdu pdu) {
    packet(
        timeMicros,
        rfChannel,
        ADVERTISING_ACCESS_ADDRESS,
        BleCrc.ADVERTISING_CRC_INIT,
        PDU_ADVERTISING,
        false,
        pdu.encode());
  }

  /**
   * One packet.
   *
   * @param rfChannel the RF channel index 0..39 (the pseudo-header's RF Channel is the RF channel,
   *     not the data channel index; see {@link ChannelSelection#rfChannel})
   * @param pduTypeFlags one of {@link #PDU_ADVERTISING}, {@link #PDU_DATA_C_TO_P}, {@link
   *     #PDU_DATA_P_TO_C}
   */
  public void packet(
      long timeMicros,
      int rfChannel,
      long accessAddress,
      int crcInit,
      int pduTypeFlags,
      boolean decrypted,
      Bytes pdu) {
    packet(timeMicros, rfChannel, accessAddress, crcInit, pduTypeFlags, decrypted, true, pdu);
  }

  /**
   * One packet; with {@code crcOk} false (a persona corrupted it) the written CRC is wrong in its
   * last bit and the CRC-valid flag is clear, as a sniffer records a damaged packet.
   */
  public synchronized void packet(
      long timeMicros,
      int rfChannel,
      long accessAddress,
      int crcInit,
      int pduTypeFlags,
      boolean decrypted,
      boolean crcOk,
      Bytes pdu) {
    Bytes crc = BleCrc.compute(crcInit, pdu);
    if (!crcOk) {
      crc = Bytes.of(crc.get(0), crc.get(1), crc.get(2) ^ 0x01);
    }
    int len = 10 + 4 + pdu.size() + 3;
    int flags =
        0x0001
            | 0x0002
            | 0x0010
            | 0x0400
            | (crcOk ? 0x0800 : 0)
            | pduTypeFlags
            | (decrypted ? 0x0008 : 0);
    try {
      write32(timeMicros / 1_000_000);
      write32(timeMicros % 1_000_000);
      write32(len);
      write32(len);
      out.write(rfChannel);
      out.write(-40 & 0xff); // signal power, dBm
      out.write(0); // noise power, not valid
      out.write(0); // access address offenses
      write32(accessAddress);
      write16(flags);
      write32(accessAddress);
      out.write(pdu.toArray());
      out.write(crc.toArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private void write16(int v) throws IOException {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private void write32(long v) throws IOException {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
