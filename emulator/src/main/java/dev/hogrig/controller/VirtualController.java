package dev.hogrig.controller;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hci.AclData;
import dev.hogrig.hci.BdAddr;
import dev.hogrig.hci.HciCodec;
import dev.hogrig.hci.HciCommand;
import dev.hogrig.hci.HciErrorCode;
import dev.hogrig.hci.HciEvent;
import dev.hogrig.hci.HciFormatException;
import dev.hogrig.hci.Wire;
import dev.hogrig.util.Bytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * An LE-only Bluetooth controller in Java: the HCI half of a controller (Core v5.4 Vol 4 Part E),
 * speaking H4 ({@link H4}) to a host, with everything that crosses the air delegated to an {@link
 * Air}. Linux's {@code hci_uart} driver (via {@code btattach -P h4}) and BlueZ use it as they use
 * any UART controller; that lets the lab put a controller whose every decision is ours under an
 * unmodified kernel and bluetoothd.
 *
 * <h2>What it says it is</h2>
 *
 * <ul>
 *   <li>HCI/LMP version 0x0c (Core 5.3), company 0xFFFF (no company: Assigned Numbers reserves it
 *       for tests).
 *   <li>LMP features (Vol 2 Part C §3.3): only bit 37 "BR/EDR Not Supported" and bit 38 "LE
 *       Supported (Controller)" — octet 4 = 0x60 — so Linux skips the whole BR/EDR init and sets LE
 *       enabled (net/bluetooth/hci_sync.c, {@code hci_init2_sync}).
 *   <li>LE features (Vol 6 Part B §4.6): LE Encryption, Connection Parameters Request, Extended
 *       Reject Indication, Peripheral-initiated Features Exchange, LE Ping, LE Data Packet Length
 *       Extension (octet 0 = 0x3F). No 2M/Coded PHY, no extended advertising, no LL privacy: Linux
 *       then uses legacy advertising and scanning and never the resolving list for address
 *       resolution (it still reads its size and clears it).
 *   <li>Supported Commands (Vol 4 Part E §6.27): exactly the commands {@link #COMMANDS} lists, each
 *       with its octet and bit. Linux gates most optional init steps on these bits, so the bitmap
 *       and the dispatcher must agree; a unit test checks they do.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * Bytes from the host are framed on the caller's thread ({@link #fromHost}); every packet, and
 * every {@link Air.Station} callback, then runs on the controller's one thread in arrival order, so
 * the state below needs no locks. Output goes to the {@code toHost} sink on that thread as H4
 * bytes.
 *
 * <h2>Bad input</h2>
 *
 * A byte that is not an H4 indicator, an event or SCO/ISO packet from the host, a command whose
 * parameter length is wrong for its opcode, or ACL data for an unknown handle is logged with its
 * bytes and kept in {@link #problems()}; the controller answers as Vol 4 Part E says (Unknown HCI
 * Command 0x01, Invalid HCI Command Parameters 0x12, Unknown Connection Identifier 0x02) and
 * carries on.
 */
public final class VirtualController implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(VirtualController.class.getName());

  /** Core 5.3 (Assigned Numbers, "Core Specification Versions"). */
  public static final int VERSION = 0x0c;

  public static final int COMPANY = 0xffff;
  public static final int SUBVERSION = 0x0001;

  /** LMP features page 0: octet 4 bit 5 BR/EDR Not Supported, bit 6 LE Supported (Controller). */
  public static final Bytes LMP_FEATURES = Bytes.of(0, 0, 0, 0, 0x60, 0, 0, 0);

  /** LE features (Vol 6 Part B §4.6): bits 0-5, see the class comment. */
  public static final Bytes LE_FEATURES = Bytes.of(0x3f, 0, 0, 0, 0, 0, 0, 0);

  /** LE Read Buffer Size [v1] (§7.8.2): 251-byte packets, 8 of them. */
  public static final int LE_ACL_MTU = 251;

  public static final int LE_ACL_PACKETS = 8;

  /** LE Read Maximum Data Length (§7.8.46): 251 octets, 2120 µs both ways (1M PHY). */
  public static final int MAX_OCTETS = 251;

  public static final int MAX_TIME = 2120;

  static final int ACCEPT_LIST_SIZE = 16;
  static final int RESOLVING_LIST_SIZE = 16;

  /** A command this controller implements: opcode, parameter length (-1 any), bitmap position. */
  public record Spec(int opcode, String name, int length, int octet, int bit) {}

  /** Every command this controller implements, with its place in Supported Commands (§6.27). */
  public static final ImmutableList<Spec> COMMANDS =
      ImmutableList.of(
          new Spec(0x0406, "Disconnect", 3, 0, 5),
          new Spec(0x041d, "Read Remote Version Information", 2, 2, 7),
          new Spec(0x0c01, "Set Event Mask", 8, 5, 6),
          new Spec(0x0c03, "Reset", 0, 5, 7),
          new Spec(0x0c33, "Host Buffer Size", 7, 10, 6),
          new Spec(0x0c63, "Set Event Mask Page 2", 8, 22, 2),
          new Spec(0x0c7b, "Read Authenticated Payload Timeout", 2, 32, 4),
          new Spec(0x0c7c, "Write Authenticated Payload Timeout", 4, 32, 5),
          new Spec(0x1001, "Read Local Version Information", 0, 14, 3),
          new Spec(0x1002, "Read Local Supported Commands", 0, -1, -1),
          new Spec(0x1003, "Read Local Supported Features", 0, 14, 5),
          new Spec(0x1005, "Read Buffer Size", 0, 14, 7),
          new Spec(0x1009, "Read BD_ADDR", 0, 15, 1),
          new Spec(0x1405, "Read RSSI", 2, 15, 5),
          new Spec(0x2001, "LE Set Event Mask", 8, 25, 0),
          new Spec(0x2002, "LE Read Buffer Size", 0, 25, 1),
          new Spec(0x2003, "LE Read Local Supported Features", 0, 25, 2),
          new Spec(0x2005, "LE Set Random Address", 6, 25, 4),
          new Spec(0x2006, "LE Set Advertising Parameters", 15, 25, 5),
          new Spec(0x2007, "LE Read Advertising Physical Channel Tx Power", 0, 25, 6),
          new Spec(0x2008, "LE Set Advertising Data", 32, 25, 7),
          new Spec(0x2009, "LE Set Scan Response Data", 32, 26, 0),
          new Spec(0x200a, "LE Set Advertising Enable", 1, 26, 1),
          new Spec(0x200b, "LE Set Scan Parameters", 7, 26, 2),
          new Spec(0x200c, "LE Set Scan Enable", 2, 26, 3),
          new Spec(0x200d, "LE Create Connection", 25, 26, 4),
          new Spec(0x200e, "LE Create Connection Cancel", 0, 26, 5),
          new Spec(0x200f, "LE Read Filter Accept List Size", 0, 26, 6),
          new Spec(0x2010, "LE Clear Filter Accept List", 0, 26, 7),
          new Spec(0x2011, "LE Add Device To Filter Accept List", 7, 27, 0),
          new Spec(0x2012, "LE Remove Device From Filter Accept List", 7, 27, 1),
          new Spec(0x2013, "LE Connection Update", 14, 27, 2),
          new Spec(0x2016, "LE Read Remote Features", 2, 27, 5),
          new Spec(0x2017, "LE Encrypt", 32, 27, 6),
          new Spec(0x2018, "LE Rand", 0, 27, 7),
          new Spec(0x2019, "LE Enable Encryption", 28, 28, 0),
          new Spec(0x201a, "LE Long Term Key Request Reply", 18, 28, 1),
          new Spec(0x201b, "LE Long Term Key Request Negative Reply", 2, 28, 2),
          new Spec(0x201c, "LE Read Supported States", 0, 28, 3),
          new Spec(0x2020, "LE Remote Connection Parameter Request Reply", 14, 33, 4),
          new Spec(0x2021, "LE Remote Connection Parameter Request Negative Reply", 3, 33, 5),
          new Spec(0x2022, "LE Set Data Length", 6, 33, 6),
          new Spec(0x2023, "LE Read Suggested Default Data Length", 0, 33, 7),
          new Spec(0x2024, "LE Write Suggested Default Data Length", 4, 34, 0),
          new Spec(0x2027, "LE Add Device To Resolving List", 39, 34, 3),
          new Spec(0x2028, "LE Remove Device From Resolving List", 7, 34, 4),
          new Spec(0x2029, "LE Clear Resolving List", 0, 34, 5),
          new Spec(0x202a, "LE Read Resolving List Size", 0, 34, 6),
          new Spec(0x202d, "LE Set Address Resolution Enable", 1, 35, 1),
          new Spec(0x202e, "LE Set Resolvable Private Address Timeout", 2, 35, 2),
          new Spec(0x202f, "LE Read Maximum Data Length", 0, 35, 3),
          new Spec(0x2030, "LE Read PHY", 2, 35, 4),
          new Spec(0x2031, "LE Set Default PHY", 3, 35, 5),
          new Spec(0x2032, "LE Set PHY", 7, 35, 6));

  /** Commands answered with Command Status; their outcome comes later in its own event. */
  private static final Set<Integer> STATUS_COMMANDS =
      Set.of(0x0406, 0x041d, 0x200d, 0x2013, 0x2016, 0x2019, 0x2032);

  private static final Map<Integer, Spec> BY_OPCODE = new HashMap<>();

  static {
    for (Spec s : COMMANDS) {
      BY_OPCODE.put(s.opcode(), s);
    }
  }

  /** Supported Commands (§7.4.2): 64 octets, a bit per command of {@link #COMMANDS}. */
  public static Bytes supportedCommands() {
    int[] b = new int[64];
    for (Spec s : COMMANDS) {
      if (s.octet() >= 0) {
        b[s.octet()] |= 1 << s.bit();
      }
    }
    return Bytes.of(b);
  }

  /** Event mask defaults: §7.3.1 and §7.8.1. */
  private static final long DEFAULT_EVENT_MASK = 0x00001fffffffffffL;

  private static final long DEFAULT_LE_EVENT_MASK = 0x1fL;

  private final String name;
  private final BdAddr address;
  private final Consumer<Bytes> toHost;
  private final ExecutorService thread;
  private final Air.Port port;
  private final H4.Decoder decoder;
  private final SecureRandom random = new SecureRandom();
  private final List<String> problems = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLongArray counts =
      new java.util.concurrent.atomic.AtomicLongArray(6);

  /**
   * What crossed this controller's HCI so far (counted on the controller thread).
   *
   * @param commands commands from the host
   * @param events events to the host
   * @param aclFromHost ACL packets from the host (sent on the air)
   * @param aclBytesFromHost their data bytes (L2CAP fragments, without the 4-byte ACL header)
   * @param aclToHost ACL packets to the host (received from the air)
   * @param aclBytesToHost their data bytes
   */
  public record Counters(
      long commands,
      long events,
      long aclFromHost,
      long aclBytesFromHost,
      long aclToHost,
      long aclBytesToHost) {}

  public Counters counters() {
    return new Counters(
        counts.get(0), counts.get(1), counts.get(2), counts.get(3), counts.get(4), counts.get(5));
  }

  // State (controller thread only).
  private long eventMask = DEFAULT_EVENT_MASK;
  private long leEventMask = DEFAULT_LE_EVENT_MASK;
  private Optional<BdAddr> randomAddress = Optional.empty();
  private int advType;
  private int advOwnType;
  private int advIntervalMs = 100;
  private Optional<Air.Address> advDirect = Optional.empty();
  private Bytes advData = Bytes.EMPTY;
  private Bytes scanRspData = Bytes.EMPTY;
  private boolean advertising;
  private boolean scanActive;
  private int scanOwnType;
  private boolean scanning;
  private boolean initiating;
  private final Set<Air.Address> acceptList = new LinkedHashSet<>();
  private int resolvingListEntries;
  private int suggestedTxOctets = 27;
  private int suggestedTxTime = 328;
  private final Map<Air.Link, Integer> handles = new HashMap<>();
  private final Map<Integer, Air.Link> links = new HashMap<>();
  private final Map<Integer, Integer> payloadTimeouts = new HashMap<>();
  private int nextHandle = 0x0001;
  private int aclInFlight;

  /**
   * @param name for logs and thread names, e.g. {@code "peripheral"}
   * @param address the public address (Read BD_ADDR)
   * @param air where advertising, connections and data go
   * @param toHost receives H4 bytes for the host, one packet per call, on the controller thread
   */
  public VirtualController(String name, BdAddr address, Air air, Consumer<Bytes> toHost) {
    this.name = name;
    this.address = address;
    this.toHost = toHost;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "controller-" + name);
              t.setDaemon(true);
              return t;
            });
    this.decoder =
        new H4.Decoder(
            new H4.Listener() {
              @Override
              public void packet(int type, Bytes packet) {
                run(() -> fromHostPacket(type, packet));
              }

              @Override
              public void malformed(H4FormatException problem) {
                run(() -> problem(problem.getMessage()));
              }
            });
    this.port = air.attach(new StationImpl());
  }

  public String name() {
    return name;
  }

  public BdAddr address() {
    return address;
  }

  /** Bytes from the host, as many or as few as a read gave. Not for concurrent callers. */
  public void fromHost(byte[] b, int off, int len) {
    decoder.feed(b, off, len);
  }

  /** Every bad input so far, each with where and what (for tests and logs). */
  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /** Ends every link (the peer sees 0x15 Remote Device Terminated due to Power Off) and stops. */
  @Override
  public void close() {
    run(() -> port.detach(HciErrorCode.REMOTE_TERMINATED_POWER_OFF.code()));
    thread.shutdown();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(Runnable r) {
    if (thread.isShutdown()) {
      return;
    }
    try {
      thread.execute(
          () -> {
            try {
              r.run();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, name + ": internal error", e);
              problem("internal error: " + e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void problem(String what) {
    LOG.warning(name + ": " + what);
    synchronized (problems) {
      problems.add(what);
    }
  }

  // ---------------------------------------------------------------- from the host

  private void fromHostPacket(int type, Bytes packet) {
    switch (type) {
      case H4.COMMAND:
        command(HciCodec.decodeCommand(packet));
        break;
      case H4.ACL:
        acl(HciCodec.decodeAcl(packet));
        break;
      default:
        problem(
            String.format(
                "H4 packet type 0x%02x from the host is not supported (dropped): %s",
                type, packet.toHex()));
    }
  }

  private void acl(AclData a) {
    counts.incrementAndGet(2);
    counts.addAndGet(3, a.data().size());
    Air.Link link = links.get(a.handle());
    if (link == null) {
      // Vol 4 Part E §4.1: data for an unknown handle is dropped; Linux never sends it.
      problem(String.format("ACL data for unknown handle 0x%03x dropped", a.handle()));
      return;
    }
    if (a.data().size() > LE_ACL_MTU) {
      problem("ACL data of " + a.data().size() + " bytes exceeds the LE buffer " + LE_ACL_MTU);
    }
    aclInFlight++;
    if (aclInFlight > LE_ACL_PACKETS) {
      problem("host sent more than " + LE_ACL_PACKETS + " ACL packets without completion");
    }
    link.send(a.packetBoundary() != AclData.PB_CONTINUING, a.data());
  }

  private void command(HciCommand c) {
    counts.incrementAndGet(0);
    Spec spec = BY_OPCODE.get(c.opcode());
    if (spec == null) {
      // Vol 4 Part E §4.5: an unsupported command gets Unknown HCI Command in Command Complete.
      problem(String.format("unknown command 0x%04x %s", c.opcode(), c.parameters().toHex()));
      complete(c.opcode(), Bytes.of(HciErrorCode.UNKNOWN_HCI_COMMAND.code()));
      return;
    }
    if (spec.length() >= 0 && c.parameters().size() != spec.length()) {
      problem(
          String.format(
              "%s (0x%04x): %d parameter bytes, the spec says %d: %s",
              spec.name(),
              c.opcode(),
              c.parameters().size(),
              spec.length(),
              c.parameters().toHex()));
      int invalid = HciErrorCode.INVALID_HCI_COMMAND_PARAMETERS.code();
      if (STATUS_COMMANDS.contains(c.opcode())) {
        status(c.opcode(), invalid);
      } else {
        complete(c.opcode(), Bytes.of(invalid));
      }
      return;
    }
    Wire w = new Wire(c.parameters(), spec.name());
    try {
      dispatch(c.opcode(), w);
    } catch (HciFormatException e) {
      problem(e.getMessage());
      complete(c.opcode(), Bytes.of(HciErrorCode.INVALID_HCI_COMMAND_PARAMETERS.code()));
    }
  }

  private void dispatch(int op, Wire w) {
    switch (op) {
      case 0x0c03: // Reset, §7.3.2
        reset();
        ok(op);
        return;
      case 0x0c01: // Set Event Mask, §7.3.1
        eventMask = u64(w.bytes(8, "Event_Mask"));
        ok(op);
        return;
      case 0x0c63: // Set Event Mask Page 2, §7.3.69
      case 0x0c33: // Host Buffer Size, §7.3.39
      case 0x2029: // LE Clear Resolving List, §7.8.40
      case 0x202d: // LE Set Address Resolution Enable, §7.8.44
      case 0x202e: // LE Set RPA Timeout, §7.8.45
      case 0x2031: // LE Set Default PHY, §7.8.48
        if (op == 0x2029) {
          resolvingListEntries = 0;
        }
        ok(op);
        return;
      case 0x0c7b: // Read Authenticated Payload Timeout, §7.3.93: status handle timeout
      case 0x0c7c: // Write Authenticated Payload Timeout, §7.3.94: status handle
        {
          // Linux writes it after encryption when LE Ping is supported (hci_event.c,
          // hci_encrypt_change_evt). DirectAir has no LE ping to time out; the value is kept.
          int h = w.u16("Connection_Handle") & 0xfff;
          int st = links.containsKey(h) ? 0 : HciErrorCode.UNKNOWN_CONNECTION_IDENTIFIER.code();
          if (op == 0x0c7c) {
            int t = w.u16("Authenticated_Payload_Timeout");
            if (st == 0) {
              payloadTimeouts.put(h, t);
            }
            complete(op, new Wire.Out().u8(st).u16(h).build());
          } else {
            complete(
                op,
                new Wire.Out().u8(st).u16(h).u16(payloadTimeouts.getOrDefault(h, 3000)).build());
          }
          return;
        }
      case 0x1001: // Read Local Version Information, §7.4.1
        complete(
            op,
            new Wire.Out()
                .u8(0)
                .u8(VERSION)
                .u16(SUBVERSION)
                .u8(VERSION)
                .u16(COMPANY)
                .u16(SUBVERSION)
                .build());
        return;
      case 0x1002: // Read Local Supported Commands, §7.4.2
        complete(op, Bytes.of(0).concat(supportedCommands()));
        return;
      case 0x1003: // Read Local Supported Features, §7.4.3
        complete(op, Bytes.of(0).concat(LMP_FEATURES));
        return;
      case 0x1005: // Read Buffer Size, §7.4.5: no BR/EDR buffers (LE has its own)
        complete(op, new Wire.Out().u8(0).u16(0).u8(0).u16(0).u16(0).build());
        return;
      case 0x1009: // Read BD_ADDR, §7.4.6
        complete(op, Bytes.of(0).concat(address.toWire()));
        return;
      case 0x1405: // Read RSSI, §7.5.4
        {
          int h = w.u16("Handle") & 0xfff;
          int st = links.containsKey(h) ? 0 : 0x02;
          complete(op, new Wire.Out().u8(st).u16(h).u8(st == 0 ? 0xd8 : 0).build()); // -40 dBm
          return;
        }
      case 0x2001: // LE Set Event Mask, §7.8.1
        leEventMask = u64(w.bytes(8, "LE_Event_Mask"));
        ok(op);
        return;
      case 0x2002: // LE Read Buffer Size [v1], §7.8.2
        complete(op, new Wire.Out().u8(0).u16(LE_ACL_MTU).u8(LE_ACL_PACKETS).build());
        return;
      case 0x2003: // LE Read Local Supported Features, §7.8.3
        complete(op, Bytes.of(0).concat(LE_FEATURES));
        return;
      case 0x2005: // LE Set Random Address, §7.8.4
        randomAddress = Optional.of(w.addr("Random_Address"));
        ok(op);
        return;
      case 0x2006: // LE Set Advertising Parameters, §7.8.5
        {
          if (advertising) {
            complete(op, Bytes.of(HciErrorCode.COMMAND_DISALLOWED.code()));
            return;
          }
          int min = w.u16("Advertising_Interval_Min");
          w.u16("Advertising_Interval_Max");
          int type = w.u8("Advertising_Type");
          int own = w.u8("Own_Address_Type");
          int peerType = w.u8("Peer_Address_Type");
          BdAddr peer = w.addr("Peer_Address");
          if (type > 4 || own > 3) {
            complete(op, Bytes.of(HciErrorCode.INVALID_HCI_COMMAND_PARAMETERS.code()));
            return;
          }
          advType = type;
          advOwnType = own & 1;
          advIntervalMs = (int) (min * 0.625);
          advDirect =
              type == 1 || type == 4
                  ? Optional.of(new Air.Address(peerType & 1, peer))
                  : Optional.empty();
          ok(op);
          return;
        }
      case 0x2007: // LE Read Advertising Physical Channel Tx Power, §7.8.6: 0 dBm
        complete(op, Bytes.of(0, 0));
        return;
      case 0x2008: // LE Set Advertising Data, §7.8.7
      case 0x2009: // LE Set Scan Response Data, §7.8.8
        {
          int len = w.u8("Data_Length");
          Bytes all = w.bytes(31, "Data");
          if (len > 31) {
            complete(op, Bytes.of(HciErrorCode.INVALID_HCI_COMMAND_PARAMETERS.code()));
            return;
          }
          if (op == 0x2008) {
            advData = all.slice(0, len);
          } else {
            scanRspData = all.slice(0, len);
          }
          ok(op);
          if (advertising) {
            port.advertise(Optional.of(advertisement()));
          }
          return;
        }
      case 0x200a: // LE Set Advertising Enable, §7.8.9
        {
          boolean on = w.u8("Advertising_Enable") == 1;
          if (on && advOwnType == Air.RANDOM && randomAddress.isEmpty()) {
            complete(op, Bytes.of(HciErrorCode.INVALID_HCI_COMMAND_PARAMETERS.code()));
            return;
          }
          advertising = on;
          ok(op);
          port.advertise(on ? Optional.of(advertisement()) : Optional.empty());
          return;
        }
      case 0x200b: // LE Set Scan Parameters, §7.8.10
        {
          if (scanning) {
            complete(op, Bytes.of(HciErrorCode.COMMAND_DISALLOWED.code()));
            return;
          }
          scanActive = w.u8("LE_Scan_Type") == 1;
          w.u16("LE_Scan_Interval");
          w.u16("LE_Scan_Window");
          scanOwnType = w.u8("Own_Address_Type") & 1;
          ok(op);
          return;
        }
      case 0x200c: // LE Set Scan Enable, §7.8.11
        {
          boolean on = w.u8("LE_Scan_Enable") == 1;
          boolean dup = w.u8("Filter_Duplicates") == 1;
          scanning = on;
          ok(op);
          port.scan(
              on ? Optional.of(new Air.Scan(scanActive, own(scanOwnType), dup)) : Optional.empty());
          return;
        }
      case 0x200d: // LE Create Connection, §7.8.12
        {
          w.u16("LE_Scan_Interval");
          w.u16("LE_Scan_Window");
          int policy = w.u8("Initiator_Filter_Policy");
          int peerType = w.u8("Peer_Address_Type");
          BdAddr peer = w.addr("Peer_Address");
          int ownType = w.u8("Own_Address_Type");
          int min = w.u16("Connection_Interval_Min");
          w.u16("Connection_Interval_Max");
          int latency = w.u16("Max_Latency");
          int timeout = w.u16("Supervision_Timeout");
          if (initiating) {
            status(op, HciErrorCode.COMMAND_DISALLOWED.code());
            return;
          }
          initiating = true;
          status(op, 0);
          port.connect(
              new Air.Initiation(
                  own(ownType & 1),
                  new Air.Address(peerType & 1, peer),
                  policy == 1,
                  com.google.common.collect.ImmutableSet.copyOf(acceptList),
                  new Air.ConnectionParameters(min, latency, timeout)));
          return;
        }
      case 0x200e: // LE Create Connection Cancel, §7.8.13
        if (!initiating) {
          complete(op, Bytes.of(HciErrorCode.COMMAND_DISALLOWED.code()));
          return;
        }
        ok(op);
        port.cancelConnect();
        return;
      case 0x200f: // LE Read Filter Accept List Size, §7.8.14
        complete(op, Bytes.of(0, ACCEPT_LIST_SIZE));
        return;
      case 0x2010: // LE Clear Filter Accept List, §7.8.15
        acceptList.clear();
        ok(op);
        return;
      case 0x2011: // LE Add Device To Filter Accept List, §7.8.16
      case 0x2012: // LE Remove Device From Filter Accept List, §7.8.17
        {
          Air.Address a = new Air.Address(w.u8("Address_Type"), w.addr("Address"));
          if (op == 0x2011) {
            if (acceptList.size() >= ACCEPT_LIST_SIZE) {
              complete(op, Bytes.of(HciErrorCode.MEMORY_CAPACITY_EXCEEDED.code()));
              return;
            }
            acceptList.add(a);
          } else {
            acceptList.remove(a);
          }
          ok(op);
          return;
        }
      case 0x2013: // LE Connection Update, §7.8.18
        {
          Air.Link link = link(op, w.u16("Connection_Handle"));
          if (link == null) {
            return;
          }
          int min = w.u16("Connection_Interval_Min");
          int max = w.u16("Connection_Interval_Max");
          int latency = w.u16("Max_Latency");
          int timeout = w.u16("Supervision_Timeout");
          status(op, 0);
          link.updateParameters(min, max, new Air.ConnectionParameters(min, latency, timeout));
          return;
        }
      case 0x2016: // LE Read Remote Features, §7.8.21
        {
          Air.Link link = link(op, w.u16("Connection_Handle"));
          if (link != null) {
            status(op, 0);
            link.readRemoteFeatures();
          }
          return;
        }
      case 0x041d: // Read Remote Version Information, §7.1.23
        {
          Air.Link link = link(op, w.u16("Connection_Handle"));
          if (link != null) {
            status(op, 0);
            link.readRemoteVersion();
          }
          return;
        }
      case 0x0406: // Disconnect, §7.1.6
        {
          Air.Link link = link(op, w.u16("Connection_Handle"));
          if (link != null) {
            int reason = w.u8("Reason");
            status(op, 0);
            link.disconnect(reason);
          }
          return;
        }
      case 0x2017: // LE Encrypt, §7.8.22
        complete(op, Bytes.of(0).concat(encrypt(w.bytes(16, "Key"), w.bytes(16, "Plaintext"))));
        return;
      case 0x2018: // LE Rand, §7.8.23
        {
          byte[] r = new byte[8];
          random.nextBytes(r);
          complete(op, Bytes.of(0).concat(Bytes.copyOf(r)));
          return;
        }
      case 0x2019: // LE Enable Encryption, §7.8.24
        {
          Air.Link link = link(op, w.u16("Connection_Handle"));
          if (link == null) {
            return;
          }
          Bytes rand = w.bytes(8, "Random_Number");
          int ediv = w.u16("Encrypted_Diversifier");
          Bytes ltk = w.bytes(16, "Long_Term_Key");
          if (link.role() != Air.Role.CENTRAL) {
            status(op, HciErrorCode.COMMAND_DISALLOWED.code());
            return;
          }
          status(op, 0);
          link.startEncryption(rand, ediv, ltk);
          return;
        }
      case 0x201a: // LE Long Term Key Request Reply, §7.8.25
      case 0x201b: // LE Long Term Key Request Negative Reply, §7.8.26
        {
          int h = w.u16("Connection_Handle") & 0xfff;
          Air.Link link = links.get(h);
          if (link == null) {
            complete(op, new Wire.Out().u8(0x02).u16(h).build());
            return;
          }
          Optional<Bytes> ltk =
              op == 0x201a ? Optional.of(w.bytes(16, "Long_Term_Key")) : Optional.empty();
          complete(op, new Wire.Out().u8(0).u16(h).build());
          link.answerLongTermKey(ltk);
          return;
        }
      case 0x201c: // LE Read Supported States, §7.8.27: every state and combination up to bit 41
        complete(op, Bytes.of(0, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03, 0, 0));
        return;
      case 0x2020: // LE Remote Connection Parameter Request Reply, §7.8.31
      case 0x2021: // ... Negative Reply, §7.8.32
        {
          int h = w.u16("Connection_Handle") & 0xfff;
          Air.Link link = links.get(h);
          if (link == null) {
            complete(op, new Wire.Out().u8(0x02).u16(h).build());
            return;
          }
          complete(op, new Wire.Out().u8(0).u16(h).build());
          if (op == 0x2020) {
            int min = w.u16("Interval_Min");
            w.u16("Interval_Max");
            int latency = w.u16("Max_Latency");
            int timeout = w.u16("Timeout");
            link.answerParameterRequest(
                Optional.of(new Air.ConnectionParameters(min, latency, timeout)), 0);
          } else {
            link.answerParameterRequest(Optional.empty(), w.u8("Reason"));
          }
          return;
        }
      case 0x2022: // LE Set Data Length, §7.8.33
        {
          int h = w.u16("Connection_Handle") & 0xfff;
          Air.Link link = links.get(h);
          if (link == null) {
            complete(op, new Wire.Out().u8(0x02).u16(h).build());
            return;
          }
          int octets = Math.min(MAX_OCTETS, w.u16("TX_Octets"));
          int time = Math.min(MAX_TIME, w.u16("TX_Time"));
          complete(op, new Wire.Out().u8(0).u16(h).build());
          link.updateDataLength(octets, time);
          return;
        }
      case 0x2023: // LE Read Suggested Default Data Length, §7.8.34
        complete(op, new Wire.Out().u8(0).u16(suggestedTxOctets).u16(suggestedTxTime).build());
        return;
      case 0x2024: // LE Write Suggested Default Data Length, §7.8.35
        suggestedTxOctets = w.u16("Suggested_Max_TX_Octets");
        suggestedTxTime = w.u16("Suggested_Max_TX_Time");
        ok(op);
        return;
      case 0x2027: // LE Add Device To Resolving List, §7.8.38
        if (resolvingListEntries >= RESOLVING_LIST_SIZE) {
          complete(op, Bytes.of(HciErrorCode.MEMORY_CAPACITY_EXCEEDED.code()));
          return;
        }
        resolvingListEntries++;
        ok(op);
        return;
      case 0x2028: // LE Remove Device From Resolving List, §7.8.39
        resolvingListEntries = Math.max(0, resolvingListEntries - 1);
        ok(op);
        return;
      case 0x202a: // LE Read Resolving List Size, §7.8.41
        complete(op, Bytes.of(0, RESOLVING_LIST_SIZE));
        return;
      case 0x202f: // LE Read Maximum Data Length, §7.8.46
        complete(
            op,
            new Wire.Out()
                .u8(0)
                .u16(MAX_OCTETS)
                .u16(MAX_TIME)
                .u16(MAX_OCTETS)
                .u16(MAX_TIME)
                .build());
        return;
      case 0x2030: // LE Read PHY, §7.8.47: always LE 1M
        {
          int h = w.u16("Connection_Handle") & 0xfff;
          int st = links.containsKey(h) ? 0 : 0x02;
          complete(op, new Wire.Out().u8(st).u16(h).u8(1).u8(1).build());
          return;
        }
      case 0x2032: // LE Set PHY, §7.8.49
        {
          Air.Link link = link(op, w.u16("Connection_Handle"));
          if (link != null) {
            w.u8("ALL_PHYS");
            int tx = w.u8("TX_PHYS");
            int rx = w.u8("RX_PHYS");
            status(op, 0);
            link.updatePhy(tx, rx);
          }
          return;
        }
      default:
        throw new IllegalStateException(String.format("no handler for 0x%04x", op));
    }
  }

  private Air.Address own(int type) {
    return type == Air.RANDOM && randomAddress.isPresent()
        ? new Air.Address(Air.RANDOM, randomAddress.get())
        : new Air.Address(Air.PUBLIC, address);
  }

  private Air.Advertisement advertisement() {
    return new Air.Advertisement(
        advType, own(advOwnType), advDirect, advIntervalMs, advData, scanRspData);
  }

  /** The link for a handle, or an answer of 0x02 Unknown Connection Identifier and null. */
  private Air.Link link(int op, int handleField) {
    Air.Link link = links.get(handleField & 0xfff);
    if (link == null) {
      status(op, HciErrorCode.UNKNOWN_CONNECTION_IDENTIFIER.code());
    }
    return link;
  }

  private void reset() {
    // §7.3.2: back to the power-on state; links end without events to this host.
    eventMask = DEFAULT_EVENT_MASK;
    leEventMask = DEFAULT_LE_EVENT_MASK;
    randomAddress = Optional.empty();
    advertising = false;
    scanning = false;
    advData = Bytes.EMPTY;
    scanRspData = Bytes.EMPTY;
    acceptList.clear();
    resolvingListEntries = 0;
    suggestedTxOctets = 27;
    suggestedTxTime = 328;
    port.advertise(Optional.empty());
    port.scan(Optional.empty());
    if (initiating) {
      initiating = false;
      port.cancelConnect();
    }
    List<Air.Link> all = new ArrayList<>(links.values());
    links.clear();
    handles.clear();
    aclInFlight = 0;
    for (Air.Link l : all) {
      l.disconnect(HciErrorCode.REMOTE_TERMINATED_POWER_OFF.code());
    }
  }

  /**
   * LE Encrypt (§7.8.22): AES-128 (FIPS-197) of Plaintext_Data with Key. HCI carries both, and the
   * result, least significant octet first (Vol 4 Part E §5.2); AES works on them most significant
   * first, hence the reversals (as Linux's smp.c {@code smp_e} does around its own AES).
   */
  static Bytes encrypt(Bytes key, Bytes plaintext) {
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(reverse(key).toArray(), "AES"));
      return reverse(Bytes.copyOf(aes.doFinal(reverse(plaintext).toArray())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128 is part of every Java runtime", e);
    }
  }

  private static Bytes reverse(Bytes b) {
    byte[] a = b.toArray();
    byte[] r = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[a.length - 1 - i];
    }
    return Bytes.copyOf(r);
  }

  private static long u64(Bytes b) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | b.get(i);
    }
    return v;
  }

  // ---------------------------------------------------------------- to the host

  private void ok(int op) {
    complete(op, Bytes.of(0));
  }

  private void complete(int op, Bytes returnParameters) {
    send(new HciEvent.CommandComplete(1, op, returnParameters));
  }

  private void status(int op, int status) {
    send(new HciEvent.CommandStatus(status, 1, op));
  }

  private void send(HciEvent e) {
    counts.incrementAndGet(1);
    toHost.accept(H4.event(e));
  }

  /** Sends an event if the host's event mask lets it through (§7.3.1, §7.8.1). */
  private void sendMasked(HciEvent e) {
    if (e instanceof HciEvent.LeMeta m) {
      if ((eventMask & (1L << 61)) == 0 || (leEventMask & (1L << (m.subevent() - 1))) == 0) {
        return;
      }
    } else {
      int bit = eventMaskBit(e.code());
      if (bit >= 0 && (eventMask & (1L << bit)) == 0) {
        return;
      }
    }
    send(e);
  }

  private static int eventMaskBit(int code) {
    switch (code) {
      case HciEvent.DISCONNECTION_COMPLETE:
        return 4;
      case HciEvent.ENCRYPTION_CHANGE:
        return 7;
      case HciEvent.READ_REMOTE_VERSION_COMPLETE:
        return 11;
      case ENCRYPTION_KEY_REFRESH_COMPLETE:
        return 47;
      default:
        return -1;
    }
  }

  private boolean leMasked(int subevent) {
    return (eventMask & (1L << 61)) != 0 && (leEventMask & (1L << (subevent - 1))) != 0;
  }

  /** Encryption Key Refresh Complete, §7.7.39: {@code status(1) handle(2)}. */
  static final int ENCRYPTION_KEY_REFRESH_COMPLETE = 0x30;

  /** LE Advertising Report, §7.7.65.2. */
  static final int LE_ADVERTISING_REPORT = 0x02;

  /** LE Remote Connection Parameter Request, §7.7.65.6. */
  static final int LE_REMOTE_CONNECTION_PARAMETER_REQUEST = 0x06;

  /** LE PHY Update Complete, §7.7.65.12. */
  static final int LE_PHY_UPDATE_COMPLETE = 0x0c;

  /** Air callbacks, each moved onto the controller thread. */
  private final class StationImpl implements Air.Station {
    @Override
    public Bytes leFeatures() {
      return LE_FEATURES;
    }

    @Override
    public int llVersion() {
      return VERSION;
    }

    @Override
    public int companyIdentifier() {
      return COMPANY;
    }

    @Override
    public int subversion() {
      return SUBVERSION;
    }

    @Override
    public void advertisingReport(Air.Report r) {
      run(
          () -> {
            if (!scanning) {
              return;
            }
            // §7.7.65.2 with Num_Reports = 1:
            // subevent(1) num(1) event_type(1) addr_type(1) addr(6) len(1) data(len) rssi(1)
            Bytes p =
                new Wire.Out()
                    .u8(1)
                    .u8(r.eventType())
                    .u8(r.advertiser().type())
                    .addr(r.advertiser().address())
                    .u8(r.data().size())
                    .bytes(r.data())
                    .u8(r.rssi() & 0xff)
                    .build();
            sendMasked(new HciEvent.LeUnknown(LE_ADVERTISING_REPORT, p));
          });
    }

    @Override
    public void connected(
        Air.Link link, Air.Role role, Air.Address peer, Air.ConnectionParameters p) {
      run(
          () -> {
            int h = nextHandle;
            nextHandle = nextHandle >= 0xeff ? 1 : nextHandle + 1;
            handles.put(link, h);
            links.put(h, link);
            if (role == Air.Role.CENTRAL) {
              initiating = false;
            }
            sendMasked(
                new HciEvent.LeConnectionComplete(
                    0,
                    h,
                    role.code(),
                    peer.type(),
                    peer.address(),
                    p.interval(),
                    p.latency(),
                    p.supervisionTimeout(),
                    0));
          });
    }

    @Override
    public void connectFailed(int status) {
      run(
          () -> {
            if (!initiating) {
              return; // a Reset ended the attempt: no event (§7.3.2)
            }
            initiating = false;
            // §7.8.13: a cancelled LE Create Connection ends in LE Connection Complete, 0x02.
            sendMasked(
                new HciEvent.LeConnectionComplete(status, 0, 0, 0, new BdAddr(0), 0, 0, 0, 0));
          });
    }

    @Override
    public void advertisingEnded() {
      run(() -> advertising = false);
    }

    @Override
    public void data(Air.Link link, boolean start, Bytes fragment) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h != null) {
              counts.incrementAndGet(4);
              counts.addAndGet(5, fragment.size());
              toHost.accept(
                  H4.acl(
                      new AclData(
                          h,
                          start ? AclData.PB_FIRST_FLUSHABLE : AclData.PB_CONTINUING,
                          0,
                          fragment)));
            }
          });
    }

    @Override
    public void dataAcknowledged(Air.Link link, int packets) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h != null) {
              aclInFlight = Math.max(0, aclInFlight - packets);
              // §7.7.19; not maskable.
              send(
                  new HciEvent.NumberOfCompletedPackets(
                      ImmutableList.of(new HciEvent.Completed(h, packets))));
            }
          });
    }

    @Override
    public void longTermKeyRequest(Air.Link link, Bytes rand, int ediv) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h == null) {
              return;
            }
            if (!leMasked(HciEvent.LE_LONG_TERM_KEY_REQUEST)) {
              // Vol 6 Part B §5.1.3.1: no way to ask the host, so no key.
              link.answerLongTermKey(Optional.empty());
              return;
            }
            send(new HciEvent.LeLongTermKeyRequest(h, rand, ediv));
          });
    }

    @Override
    public void encryptionChanged(Air.Link link, int status, boolean enabled, boolean refresh) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h == null) {
              return;
            }
            if (refresh && status == 0) {
              sendMasked(
                  new HciEvent.Unknown(
                      ENCRYPTION_KEY_REFRESH_COMPLETE, new Wire.Out().u8(0).u16(h).build()));
            } else {
              sendMasked(new HciEvent.EncryptionChange(status, h, enabled ? 1 : 0));
            }
          });
    }

    @Override
    public void parameterRequest(
        Air.Link link, int intervalMin, int intervalMax, Air.ConnectionParameters p) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h == null) {
              return;
            }
            if (!leMasked(LE_REMOTE_CONNECTION_PARAMETER_REQUEST)) {
              // Vol 6 Part B §5.1.7.1: a host that does not take the event lets the LL decide.
              link.answerParameterRequest(Optional.of(p), 0);
              return;
            }
            send(
                new HciEvent.LeUnknown(
                    LE_REMOTE_CONNECTION_PARAMETER_REQUEST,
                    new Wire.Out()
                        .u16(h)
                        .u16(intervalMin)
                        .u16(intervalMax)
                        .u16(p.latency())
                        .u16(p.supervisionTimeout())
                        .build()));
          });
    }

    @Override
    public void parametersUpdated(Air.Link link, int status, Air.ConnectionParameters p) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h != null) {
              sendMasked(
                  new HciEvent.LeConnectionUpdateComplete(
                      status, h, p.interval(), p.latency(), p.supervisionTimeout()));
            }
          });
    }

    @Override
    public void remoteFeatures(Air.Link link, int status, Bytes features) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h != null) {
              sendMasked(new HciEvent.LeReadRemoteFeaturesComplete(status, h, features));
            }
          });
    }

    @Override
    public void remoteVersion(Air.Link link, int status, int version, int company, int sub) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h != null) {
              sendMasked(new HciEvent.ReadRemoteVersionComplete(status, h, version, company, sub));
            }
          });
    }

    @Override
    public void dataLengthChanged(
        Air.Link link, int maxTxOctets, int maxTxTime, int maxRxOctets, int maxRxTime) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h != null) {
              sendMasked(
                  new HciEvent.LeDataLengthChange(
                      h, maxTxOctets, maxTxTime, maxRxOctets, maxRxTime));
            }
          });
    }

    @Override
    public void phyUpdated(Air.Link link, int status, int txPhy, int rxPhy) {
      run(
          () -> {
            Integer h = handles.get(link);
            if (h != null) {
              // §7.7.65.12: status(1) handle(2) tx_phy(1) rx_phy(1)
              sendMasked(
                  new HciEvent.LeUnknown(
                      LE_PHY_UPDATE_COMPLETE,
                      new Wire.Out().u8(status).u16(h).u8(txPhy).u8(rxPhy).build()));
            }
          });
    }

    @Override
    public void disconnected(Air.Link link, int reason) {
      run(
          () -> {
            Integer h = handles.remove(link);
            if (h != null) {
              links.remove(h);
              payloadTimeouts.remove(h);
              sendMasked(new HciEvent.DisconnectionComplete(0, h, reason));
            }
          });
    }
  }
}
