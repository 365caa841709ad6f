package dev.hogrig.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hogrig.hci.BdAddr;
import dev.hogrig.util.Bytes;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two {@link VirtualController}s on one {@link Air}, driven as hosts drive them: H4 bytes in, H4
 * bytes out. Shared by the tests of every air. Every expected byte string is built by hand from the
 * Core v5.4 Vol 4 Part E layouts cited beside it (all fields little-endian, §5.2).
 */
final class HostPair implements AutoCloseable {
  /** Peripheral 00:AA:01:01:00:01, central 00:AA:01:02:00:02 (as the lab's btvirt numbers). */
  static final String P_ADDR = "00:AA:01:01:00:01";

  static final String C_ADDR = "00:AA:01:02:00:02";
  static final String P_ADDR_WIRE = "010001 01aa00".replace(" ", "");
  static final String C_ADDR_WIRE = "020002 01aa00".replace(" ", "");

  static final String LTK = "00112233445566778899aabbccddeeff";

  /** A host: writes H4 bytes to its controller, reads the H4 packets it gets back. */
  static final class Host {
    final BlockingQueue<Bytes> in = new LinkedBlockingQueue<>();
    final VirtualController c;

    Host(String name, String addr, Air air) {
      c = new VirtualController(name, BdAddr.parse(addr), air, in::add);
    }

    void send(String hex) {
      byte[] b = Bytes.fromHex(hex.replace(" ", "")).toArray();
      c.fromHost(b, 0, b.length);
    }

    /** The next H4 packet, as hex. */
    String next() throws InterruptedException {
      Bytes b = in.poll(5, TimeUnit.SECONDS);
      assertNotNull(b, c.name() + ": no packet from the controller within 5 s");
      return b.toHex().replace(" ", "");
    }

    void expect(String hex) throws InterruptedException {
      assertEquals(hex.replace(" ", "").toLowerCase(), next());
    }

    void quiet() throws InterruptedException {
      Bytes b = in.poll(200, TimeUnit.MILLISECONDS);
      assertNull(b, c.name() + ": unexpected " + (b == null ? "" : b.toHex()));
    }
  }

  final Host peripheral;
  final Host central;

  HostPair(Air air) {
    peripheral = new Host("peripheral", P_ADDR, air);
    central = new Host("central", C_ADDR, air);
  }

  @Override
  public void close() {
    peripheral.c.close();
    central.c.close();
  }

  /** Every event on, LE events 0x01..0x0c on (§7.3.1, §7.8.1). */
  static void enableEvents(Host h) throws Exception {
    h.send("01 01 0c 08 ffffffffffffff3f");
    h.expect("04 0e 04 01 01 0c 00");
    h.send("01 01 20 08 ff0f000000000000");
    h.expect("04 0e 04 01 01 20 00");
  }

  /** Peripheral advertises ADV_IND; central scans actively and sees both PDUs. */
  void advertiseAndScan() throws Exception {
    enableEvents(peripheral);
    enableEvents(central);
    // LE Set Advertising Parameters, §7.8.5: interval 0x00a0 both, ADV_IND, public, peer 0,
    // all channels, no filter.
    peripheral.send("01 06 20 0f a000 a000 00 00 00 000000000000 07 00");
    peripheral.expect("04 0e 04 01 06 20 00");
    // LE Set Advertising Data, §7.8.7: flags 02 01 06, then zero padding to 31.
    peripheral.send("01 08 20 20 03 020106" + "00".repeat(28));
    peripheral.expect("04 0e 04 01 08 20 00");
    peripheral.send("01 09 20 20 04 03190103" + "00".repeat(27));
    peripheral.expect("04 0e 04 01 09 20 00");
    peripheral.send("01 0a 20 01 01");
    peripheral.expect("04 0e 04 01 0a 20 00");
    // LE Set Scan Parameters, §7.8.10: active, 0x0010/0x0010, public, accept all.
    central.send("01 0b 20 07 01 1000 1000 00 00");
    central.expect("04 0e 04 01 0b 20 00");
    // LE Set Scan Enable, §7.8.11: enable, filter duplicates.
    central.send("01 0c 20 02 01 01");
    central.expect("04 0e 04 01 0c 20 00");
    // LE Advertising Report, §7.7.65.2: 3e len 02 num=1 type addr_type addr len data rssi(-40)
    central.expect("04 3e 0f 02 01 00 00 " + P_ADDR_WIRE + " 03 020106 d8");
    central.expect("04 3e 10 02 01 04 00 " + P_ADDR_WIRE + " 04 03190103 d8");
    central.send("01 0c 20 02 00 00");
    central.expect("04 0e 04 01 0c 20 00");
  }

  /** Connects central to the advertising peripheral; both get handle 0x0001. */
  void connect() throws Exception {
    advertiseAndScan();
    // LE Create Connection, §7.8.12: scan 0x0060/0x0060, no filter, peer public P, own public,
    // interval 0x0018..0x0028, latency 0, timeout 0x002a, CE 0..0.
    central.send(
        "01 0d 20 19 6000 6000 00 00 " + P_ADDR_WIRE + " 00 1800 2800 0000 2a00 0000 0000");
    // Command Status, §7.7.15: status 0, num 1, opcode 200d
    central.expect("04 0f 04 00 01 0d 20");
    // LE Connection Complete, §7.7.65.1: status handle role peer_type peer interval latency
    // timeout clock_accuracy; central role 0x00, peripheral 0x01.
    central.expect("04 3e 13 01 00 0100 00 00 " + P_ADDR_WIRE + " 1800 0000 2a00 00");
    peripheral.expect("04 3e 13 01 00 0100 01 00 " + C_ADDR_WIRE + " 1800 0000 2a00 00");
  }

  /** The central's host starts encryption; the peripheral's host is asked for the LTK. */
  void startEncryption() throws Exception {
    // LE Enable Encryption, §7.8.24: handle, Rand(8), EDIV(2), LTK(16) -> Command Status
    central.send("01 19 20 1c 0100 0102030405060708 3412 " + LTK);
    central.expect("04 0f 04 00 01 19 20");
    // LE Long Term Key Request, §7.7.65.5: handle, Rand, EDIV
    peripheral.expect("04 3e 0d 05 0100 0102030405060708 3412");
  }
}
