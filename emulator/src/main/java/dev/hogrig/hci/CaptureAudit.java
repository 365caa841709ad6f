package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a btmon capture holds everything that crossed the HCI, and says what is missing
 * when it does not. The lab's captures have been seen to stop for minutes while traffic went on,
 * with no drop count in the file; a capture the rig hands over as evidence must not be silently
 * partial.
 *
 * <p>Rules that need nothing but the capture:
 *
 * <ol>
 *   <li><b>truncated</b>: the file ends inside a record.
 *   <li><b>drops</b>: a record's cumulative drop count is not zero.
 *   <li><b>time order</b>: per controller and record kind (commands, events, ACL TX, ACL RX) the
 *       kernel timestamps packets in the order it queues them, so time going backwards within one
 *       kind means records are out of place. (Across kinds it is normal: an event is stamped when
 *       the driver receives it, and a command sent meanwhile is written first.)
 *   <li><b>unanswered command</b>: a Command Complete or Command Status for an opcode the capture
 *       has no outstanding command for (the command record is missing), or a command that never got
 *       one although later commands on that controller did (its reply is missing). Commands before
 *       an HCI_Reset are forgiven. A controller that really never answered (a timeout the kernel
 *       logs as "Opcode 0x... failed: -110") is reported too: the capture alone cannot tell it from
 *       a lost reply; the counters can.
 *   <li><b>ACL flow</b>: per connection, Number Of Completed Packets reports more packets than the
 *       capture shows the host sending (ACL TX records are missing).
 *   <li><b>unknown handle</b>: ACL data on a handle for which the capture has no connection
 *       complete event (the connection's start is missing).
 *   <li><b>fragments</b>: an L2CAP continuation fragment with no start, or a start that cuts short
 *       the frame before it.
 * </ol>
 *
 * <p>Rule that needs the kernel's counters ({@link HciCounters}, from {@code hciconfig hciN} taken
 * when the capture is read): <b>counts</b>. The kernel counts each command, event and ACL packet
 * after the monitor got its copy, from the controller's registration on; so when btmon ran before
 * the controller was registered (as in the lab), the capture holds at least as many of each kind as
 * the counters say. Fewer means records are missing. Records after the counters were read only add
 * to the capture's side, so this rule cannot raise a false alarm, but a gap smaller than the
 * traffic that followed the reading is not seen. {@code hciconfig -a} itself sends HCI Read Local
 * Name after printing the counters, one more command and event per controller in the capture. When
 * the capture does not show the controller's registration (see {@link #showsRegistration}), the
 * counters are not compared and that is reported as a gap: completeness cannot be shown.
 */
public final class CaptureAudit {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

  private CaptureAudit() {}

  /** The rules that need no counters. */
  public static AuditResult check(HciTrace trace) {
    return check(trace, Map.of());
  }

  /**
   * All rules.
   *
   * @param hciconfigByController {@code hciconfig hciN} (or {@code -a}) output per controller name
   *     ({@code "hci1"}), taken at the end of the run; controllers not in the map are checked by
   *     the other rules only
   * @throws HciFormatException if a text is not hciconfig output or names another controller
   */
  public static AuditResult check(HciTrace trace, Map<String, String> hciconfigByController) {
    ImmutableList.Builder<String> gaps = ImmutableList.builder();
    ImmutableList.Builder<String> checks = ImmutableList.builder();
    ImmutableList<TraceRecord> recs = trace.records();

    if (trace.incomplete()) {
      gaps.add(
          "capture ends inside a record after byte "
              + trace.length()
              + " (btmon was still writing or was killed): the last record is lost");
    } else {
      checks.add("capture ends on a record boundary (" + trace.length() + " bytes)");
    }

    long drops = 0;
    for (int i = 0; i < recs.size(); i++) {
      if (recs.get(i).drops() > drops) {
        drops = recs.get(i).drops();
        gaps.add(
            "btmon counted "
                + drops
                + " dropped packet(s) by record #"
                + i
                + " ("
                + clock(recs.get(i).time())
                + ")");
        break;
      }
    }
    if (drops == 0) {
      checks.add("no record reports drops (" + recs.size() + " records)");
    }

    timeOrder(recs, gaps, checks);
    commandReplies(recs, gaps, checks);
    aclFlow(trace, gaps, checks);

    for (Map.Entry<String, String> e : new java.util.TreeMap<>(hciconfigByController).entrySet()) {
      HciCounters k = HciCounters.parse(e.getValue());
      if (!k.controller().equals(e.getKey())) {
        throw HciFormatException.text(
            "hciconfig text given for " + e.getKey() + " is about " + k.controller());
      }
      if (!showsRegistration(recs, k.index())) {
        gaps.add(
            k.controller()
                + ": the capture does not show "
                + k.controller()
                + " being registered (btmon started later, or its first records are lost), so"
                + " the kernel's counters, which count from registration, cannot be compared");
        continue;
      }
      PacketCounts c = trace.counts(k.index());
      compare(k.controller(), "commands", c.commands(), k.txCommands(), gaps, checks);
      compare(k.controller(), "events", c.events(), k.rxEvents(), gaps, checks);
      compare(k.controller(), "ACL TX packets", c.aclTx(), k.txAcl(), gaps, checks);
      compare(k.controller(), "ACL RX packets", c.aclRx(), k.rxAcl(), gaps, checks);
      compare(k.controller(), "SCO TX packets", c.scoTx(), k.txSco(), gaps, checks);
      compare(k.controller(), "SCO RX packets", c.scoRx(), k.rxSco(), gaps, checks);
    }
    return AuditResult.of(gaps.build(), checks.build());
  }

  /**
   * Whether the capture holds the controller's registration rather than the kernel's replay when
   * btmon bound its socket. The replay of a running controller is New Index, Open Index and Index
   * Info back to back; a registration is New Index, Open Index, then the init commands (HCI_Reset
   * first), and Index Info only once the address was read.
   */
  static boolean showsRegistration(ImmutableList<TraceRecord> recs, int index) {
    boolean first = true;
    for (TraceRecord r : recs) {
      if (r.index() != index) {
        continue;
      }
      if (first) {
        if (!(r.packet() instanceof MonitorPacket.NewIndex)) {
          return false;
        }
        first = false;
        continue;
      }
      if (r.packet() instanceof HciCommand) {
        return true;
      }
      if (r.packet() instanceof MonitorPacket.IndexInfo || r.packet() instanceof HciPacket) {
        return false;
      }
    }
    return !first;
  }

  private static void compare(
      String hci,
      String what,
      long captured,
      long kernel,
      ImmutableList.Builder<String> gaps,
      ImmutableList.Builder<String> checks) {
    if (captured < kernel) {
      gaps.add(
          hci
              + ": the kernel counted "
              + kernel
              + " "
              + what
              + ", the capture holds "
              + captured
              + " ("
              + (kernel - captured)
              + " missing, or btmon started after "
              + hci
              + " was registered)");
    } else {
      checks.add(hci + ": " + captured + " " + what + " captured, kernel counted " + kernel);
    }
  }

  private static void timeOrder(
      ImmutableList<TraceRecord> recs,
      ImmutableList.Builder<String> gaps,
      ImmutableList.Builder<String> checks) {
    Map<Long, Instant> last = new HashMap<>();
    Set<Long> reported = new HashSet<>();
    int compared = 0;
    for (int i = 0; i < recs.size(); i++) {
      TraceRecord r = recs.get(i);
      if (!(r.packet() instanceof HciPacket)) {
        continue;
      }
      int op = MonitorCodec.opcode(r.packet(), r.direction());
      long key = ((long) r.index() << 16) | op;
      Instant before = last.put(key, r.time());
      if (before == null) {
        continue;
      }
      compared++;
      if (r.time().isBefore(before) && reported.add(key)) {
        gaps.add(
            "hci"
                + r.index()
                + " "
                + kind(op)
                + ": time goes back "
                + Duration.between(r.time(), before).toMillis()
                + " ms at record #"
                + i
                + " ("
                + clock(r.time())
                + " after "
                + clock(before)
                + ")");
      }
    }
    if (reported.isEmpty()) {
      checks.add(
          "time never goes back within a controller's commands, events, ACL TX or ACL RX ("
              + compared
              + " pairs)");
    }
  }

  private static void commandReplies(
      ImmutableList<TraceRecord> recs,
      ImmutableList.Builder<String> gaps,
      ImmutableList.Builder<String> checks) {
    // Per controller: commands sent and not yet answered, oldest first, as record positions.
    Map<Integer, Deque<int[]>> pending = new LinkedHashMap<>();
    Map<Integer, Integer> lastAnswered = new HashMap<>();
    int answered = 0;
    int problems = 0;
    for (int i = 0; i < recs.size(); i++) {
      TraceRecord r = recs.get(i);
      Deque<int[]> q = pending.computeIfAbsent(r.index(), k -> new ArrayDeque<>());
      if (r.packet() instanceof HciCommand c) {
        if (c.opcode() == HciCommand.RESET) {
          // A reset makes the controller forget commands it had not answered (Vol 4 Part E
          // §7.3.2): the kernel sends one after a command timed out.
          q.clear();
        }
        q.addLast(new int[] {c.opcode(), i});
        continue;
      }
      int opcode;
      if (r.packet() instanceof HciEvent.CommandComplete cc) {
        opcode = cc.opcode();
      } else if (r.packet() instanceof HciEvent.CommandStatus cs) {
        opcode = cs.opcode();
      } else {
        continue;
      }
      if (opcode == 0) {
        continue; // a controller's "ready for commands" with no command (Vol 4 Part E §7.7.14)
      }
      int[] match = null;
      for (int[] p : q) {
        if (p[0] == opcode) {
          match = p;
          break;
        }
      }
      if (match == null) {
        problems++;
        if (problems <= 5) {
          gaps.add(
              String.format(
                  "hci%d: reply to command 0x%04x at record #%d (%s) but the command is not in"
                      + " the capture",
                  r.index(), opcode, i, clock(r.time())));
        }
        continue;
      }
      q.remove(match);
      answered++;
      lastAnswered.put(r.index(), match[1]);
    }
    for (Map.Entry<Integer, Deque<int[]>> e : pending.entrySet()) {
      Integer lastAnsweredAt = lastAnswered.get(e.getKey());
      for (int[] p : e.getValue()) {
        if (lastAnsweredAt != null && p[1] < lastAnsweredAt) {
          problems++;
          if (problems <= 5) {
            gaps.add(
                String.format(
                    "hci%d: command 0x%04x at record #%d (%s) got no reply in the capture, though"
                        + " later commands did",
                    e.getKey(), p[0], p[1], clock(recs.get(p[1]).time())));
          }
        }
      }
    }
    if (problems > 5) {
      gaps.add((problems - 5) + " more command/reply mismatches");
    }
    if (problems == 0) {
      checks.add("every command reply matches a captured command (" + answered + " pairs)");
    }
  }

  private static void aclFlow(
      HciTrace trace, ImmutableList.Builder<String> gaps, ImmutableList.Builder<String> checks) {
    Map<Long, long[]> open = new HashMap<>(); // index<<16|handle -> {sent, completed}
    Set<Long> unknownReported = new HashSet<>();
    Map<Integer, L2capReassembler[]> reassembly = new HashMap<>();
    int problems = 0;
    ImmutableList<TraceRecord> recs = trace.records();
    for (int i = 0; i < recs.size(); i++) {
      TraceRecord r = recs.get(i);
      TracePacket p = r.packet();
      if (p instanceof HciEvent.LeConnectionComplete c && c.status() == 0) {
        open.put(key(r.index(), c.handle()), new long[2]);
      } else if (p instanceof HciEvent.LeEnhancedConnectionComplete c && c.status() == 0) {
        open.put(key(r.index(), c.handle()), new long[2]);
      } else if (p instanceof HciEvent.LeEnhancedConnectionCompleteV2 c && c.status() == 0) {
        open.put(key(r.index(), c.handle()), new long[2]);
      } else if (p instanceof HciEvent.DisconnectionComplete d && d.status() == 0) {
        open.remove(key(r.index(), d.handle()));
      } else if (p instanceof HciEvent.NumberOfCompletedPackets n) {
        for (HciEvent.Completed c : n.entries()) {
          long[] flow = open.get(key(r.index(), c.handle()));
          if (flow == null) {
            continue;
          }
          flow[1] += c.packets();
          if (flow[1] > flow[0]) {
            problems++;
            gaps.add(
                String.format(
                    "hci%d handle 0x%03x: controller reports %d ACL packets completed by record"
                        + " #%d (%s), the capture shows %d sent",
                    r.index(), c.handle(), flow[1], i, clock(r.time()), flow[0]));
            flow[0] = flow[1]; // report each shortfall once
          }
        }
      } else if (p instanceof AclData acl) {
        long k = key(r.index(), acl.handle());
        long[] flow = open.get(k);
        if (flow == null) {
          if (unknownReported.add(k)) {
            problems++;
            gaps.add(
                String.format(
                    "hci%d handle 0x%03x: ACL data at record #%d (%s) but no connection complete"
                        + " event for it in the capture",
                    r.index(), acl.handle(), i, clock(r.time())));
          }
        } else if (r.direction() == Direction.TO_CONTROLLER) {
          flow[0]++;
        }
        L2capReassembler[] re =
            reassembly.computeIfAbsent(
                r.index(),
                x -> new L2capReassembler[] {new L2capReassembler(), new L2capReassembler()});
        L2capReassembler one = re[r.direction() == Direction.TO_CONTROLLER ? 0 : 1];
        int before = one.dropped();
        one.accept(acl);
        if (one.dropped() > before) {
          problems++;
          gaps.add(
              String.format(
                  "hci%d handle 0x%03x: ACL fragment at record #%d (%s) does not continue an L2CAP"
                      + " frame (fragments missing)",
                  r.index(), acl.handle(), i, clock(r.time())));
        }
      }
    }
    if (problems == 0) {
      checks.add("ACL data, completed-packet counts and L2CAP fragments are consistent");
    }
  }

  private static long key(int index, int handle) {
    return ((long) index << 16) | handle;
  }

  private static String kind(int op) {
    switch (op) {
      case 2:
        return "commands";
      case 3:
        return "events";
      case 4:
        return "ACL TX";
      case 5:
        return "ACL RX";
      default:
        return "opcode " + op;
    }
  }

  private static String clock(Instant t) {
    return LocalTime.ofInstant(t, ZoneOffset.UTC).format(CLOCK);
  }
}
