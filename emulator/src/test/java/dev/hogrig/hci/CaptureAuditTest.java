package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureAuditTest {
  static final Bytes ATT_READ = new L2capFrame(0x40, 4, Bytes.fromHex("0a 03 00")).encode();
  static final Bytes ATT_RSP = new L2capFrame(0x40, 4, Bytes.fromHex("0b 01")).encode();

  static HciEvent.LeConnectionComplete connected(int handle) {
    return new HciEvent.LeConnectionComplete(
        0, handle, 1, 0, BdAddr.parse("00:AA:01:02:00:02"), 24, 0, 42, 0);
  }

  /** A small, consistent session on hci1: reset, connection, one ATT exchange, disconnection. */
  static TraceBuilder session() {
    return new TraceBuilder()
        .add(1, Direction.NONE, new MonitorPacket.NewIndex(0, 0, new BdAddr(0), "hci1"))
        .command(1, HciCommand.RESET)
        .complete(1, HciCommand.RESET)
        .event(1, connected(0x40))
        .aclRx(1, 0x40, ATT_READ)
        .aclTx(1, 0x40, ATT_RSP)
        .event(
            1,
            new HciEvent.NumberOfCompletedPackets(
                com.google.common.collect.ImmutableList.of(new HciEvent.Completed(0x40, 1))))
        .event(1, new HciEvent.DisconnectionComplete(0, 0x40, 0x13));
  }

  static String hciconfig(String name, long events, long acl, long commands, long aclTx) {
    return name
        + ":\tType: Primary  Bus: Virtual\n\tBD Address: 00:AA:01:01:00:01  ACL MTU: 192:1  SCO MTU: 0:0\n"
        + "\tUP RUNNING \n\tRX bytes:0 acl:"
        + acl
        + " sco:0 events:"
        + events
        + " errors:0\n\tTX bytes:99 acl:"
        + aclTx
        + " sco:0 commands:"
        + commands
        + " errors:0\n";
  }

  @Test
  void consistentSessionIsComplete() {
    AuditResult r =
        CaptureAudit.check(session().trace(), Map.of("hci1", hciconfig("hci1", 4, 1, 1, 1)));
    assertTrue(r.complete(), r.gaps().toString());
    assertTrue(
        r.checks().stream().anyMatch(c -> c.equals("hci1: 4 events captured, kernel counted 4")),
        r.checks().toString());
  }

  @Test
  void truncatedLastRecordIsAGap() {
    Bytes b = session().bytes();
    HciTrace t = HciTrace.read(new ByteArrayInputStream(b.slice(0, b.size() - 2).toArray()));
    assertTrue(t.incomplete());
    AuditResult r = CaptureAudit.check(t);
    assertFalse(r.complete());
    assertTrue(r.gaps().get(0).startsWith("capture ends inside a record"), r.gaps().toString());
  }

  @Test
  void dropCountIsAGap() {
    TraceBuilder b = session().drops(5).command(1, 0x0c14).complete(1, 0x0c14);
    AuditResult r = CaptureAudit.check(b.trace());
    assertEquals(1, r.gaps().size(), r.gaps().toString());
    assertTrue(r.gaps().get(0).startsWith("btmon counted 5 dropped"), r.gaps().get(0));
  }

  @Test
  void timeGoingBackWithinOneKindIsAGap() {
    TraceBuilder b = session().at(100).complete(1, 0).at(50).complete(1, 0);
    AuditResult r = CaptureAudit.check(b.trace());
    assertEquals(1, r.gaps().size(), r.gaps().toString());
    assertTrue(r.gaps().get(0).startsWith("hci1 events: time goes back 50 ms"), r.gaps().get(0));
  }

  /** An event stamped before a command written earlier is normal (different queues). */
  @Test
  void timeGoingBackAcrossKindsIsNormal() {
    TraceBuilder b = new TraceBuilder().at(100).command(1, 0x0c03).at(90).complete(1, 0x0c03);
    assertTrue(CaptureAudit.check(b.trace()).complete());
  }

  @Test
  void replyWithoutItsCommandIsAGap() {
    TraceBuilder b = session().complete(1, 0x2006);
    AuditResult r = CaptureAudit.check(b.trace());
    assertEquals(1, r.gaps().size(), r.gaps().toString());
    assertTrue(r.gaps().get(0).contains("reply to command 0x2006"), r.gaps().get(0));
  }

  @Test
  void commandWithoutReplyBeforeAnsweredOnesIsAGap() {
    TraceBuilder b = session().command(1, 0x2006).command(1, 0x200a).complete(1, 0x200a);
    AuditResult r = CaptureAudit.check(b.trace());
    assertEquals(1, r.gaps().size(), r.gaps().toString());
    assertTrue(r.gaps().get(0).contains("command 0x2006"), r.gaps().get(0));
  }

  /** The kernel resets a controller whose command timed out; the reset answers for it. */
  @Test
  void commandForgottenByAResetIsNotAGap() {
    TraceBuilder b =
        new TraceBuilder()
            .command(1, 0x0c03)
            .command(1, HciCommand.RESET)
            .complete(1, HciCommand.RESET);
    assertTrue(CaptureAudit.check(b.trace()).complete());
  }

  @Test
  void lastCommandStillInFlightIsNotAGap() {
    assertTrue(CaptureAudit.check(session().command(1, 0x2006).trace()).complete());
  }

  @Test
  void moreCompletedPacketsThanSentIsAGap() {
    TraceBuilder b =
        new TraceBuilder()
            .event(1, connected(0x40))
            .aclTx(1, 0x40, ATT_RSP)
            .event(
                1,
                new HciEvent.NumberOfCompletedPackets(
                    com.google.common.collect.ImmutableList.of(new HciEvent.Completed(0x40, 3))));
    AuditResult r = CaptureAudit.check(b.trace());
    assertEquals(1, r.gaps().size(), r.gaps().toString());
    assertTrue(r.gaps().get(0).contains("reports 3 ACL packets completed"), r.gaps().get(0));
  }

  @Test
  void aclOnAHandleWithoutConnectionIsAGap() {
    TraceBuilder b = new TraceBuilder().aclRx(2, 0x41, ATT_READ).aclRx(2, 0x41, ATT_READ);
    AuditResult r = CaptureAudit.check(b.trace());
    assertEquals(1, r.gaps().size(), "reported once: " + r.gaps());
    assertTrue(r.gaps().get(0).startsWith("hci2 handle 0x041: ACL data"), r.gaps().get(0));
  }

  @Test
  void orphanFragmentIsAGap() {
    TraceBuilder b =
        new TraceBuilder()
            .event(1, connected(0x40))
            .add(
                1,
                Direction.FROM_CONTROLLER,
                new AclData(0x40, AclData.PB_CONTINUING, 0, Bytes.of(1)));
    AuditResult r = CaptureAudit.check(b.trace());
    assertEquals(1, r.gaps().size(), r.gaps().toString());
    assertTrue(r.gaps().get(0).contains("does not continue an L2CAP frame"), r.gaps().get(0));
  }

  @Test
  void fewerPacketsThanTheKernelCountedIsAGap() {
    AuditResult r =
        CaptureAudit.check(session().trace(), Map.of("hci1", hciconfig("hci1", 9, 1, 1, 2)));
    assertEquals(2, r.gaps().size(), r.gaps().toString());
    assertTrue(
        r.gaps()
            .get(0)
            .startsWith("hci1: the kernel counted 9 events, the capture holds 4 (5 missing"),
        r.gaps().get(0));
    assertTrue(r.gaps().get(1).contains("2 ACL TX packets, the capture holds 1"), r.gaps().get(1));
  }

  /**
   * When btmon binds its socket the kernel replays New Index, Open Index and Index Info for each
   * running controller: such a capture cannot be held against counters that count from
   * registration.
   */
  @Test
  void replayedControllerIsNotComparedAndSaysWhy() {
    HciTrace t =
        new TraceBuilder()
            .add(1, Direction.NONE, new MonitorPacket.NewIndex(0, 0, new BdAddr(0), "hci1"))
            .add(
                1,
                Direction.NONE,
                new MonitorPacket.Other(MonitorOpcode.OPEN_INDEX.code(), Bytes.EMPTY))
            .add(
                1,
                Direction.NONE,
                new MonitorPacket.IndexInfo(BdAddr.parse("00:AA:01:01:00:01"), 1521))
            .command(1, 0x0c14)
            .complete(1, 0x0c14)
            .trace();
    AuditResult r = CaptureAudit.check(t, Map.of("hci1", hciconfig("hci1", 1, 0, 1, 0)));
    assertEquals(1, r.gaps().size(), r.gaps().toString());
    assertTrue(
        r.gaps().get(0).startsWith("hci1: the capture does not show hci1 being registered"),
        r.gaps().get(0));
    assertTrue(CaptureAudit.check(t).complete(), "without counters nothing is claimed");
    HciTrace headless = new TraceBuilder().command(1, 0x0c14).complete(1, 0x0c14).trace();
    assertFalse(
        CaptureAudit.check(headless, Map.of("hci1", hciconfig("hci1", 1, 0, 1, 0))).complete());
  }

  @Test
  void countersForAnotherControllerAreRefused() {
    assertThrows(
        HciFormatException.class,
        () -> CaptureAudit.check(session().trace(), Map.of("hci1", hciconfig("hci2", 0, 0, 0, 0))));
  }

  /** The lab's boot capture (btmon before btvirt, closed by SIGINT) passes every rule. */
  @Test
  void labBootCaptureIsComplete() {
    HciTrace t =
        HciTrace.read(
            new ByteArrayInputStream(BtsnoopReaderTest.resource("lab-boot.btsnoop").toArray()));
    AuditResult r = CaptureAudit.check(t);
    assertTrue(r.complete(), r.gaps().toString());
  }

  /**
   * A lab capture read after "hciconfig -a" printed these counters for all three controllers: each
   * count matches (the capture holds one more command and event per controller: the Read Local Name
   * that hciconfig -a sends after printing them).
   */
  @Test
  void labCaptureMatchesTheKernelCounters() {
    HciTrace t =
        HciTrace.read(
            new ByteArrayInputStream(BtsnoopReaderTest.resource("lab-idle.btsnoop").toArray()));
    String text =
        new String(
            BtsnoopReaderTest.resource("lab-idle-hciconfig.txt").toArray(), StandardCharsets.UTF_8);
    Map<String, HciCounters> all = HciCounters.parseAll(text);
    java.util.Map<String, String> byController = new java.util.TreeMap<>();
    for (String name : all.keySet()) {
      int at = text.indexOf(name + ":");
      byController.put(name, text.substring(at));
    }
    AuditResult r = CaptureAudit.check(t, byController);
    assertTrue(r.complete(), r.gaps().toString());
    assertTrue(
        r.checks().contains("hci1: 39 commands captured, kernel counted 38"),
        r.checks().toString());
    assertTrue(
        r.checks().contains("hci1: 41 events captured, kernel counted 40"), r.checks().toString());

    // The same capture judged against a kernel that saw 10 more events on hci2: a gap.
    java.util.Map<String, String> more = new java.util.TreeMap<>(byController);
    more.put(
        "hci2",
        hciconfig("hci2", all.get("hci2").rxEvents() + 10, 0, all.get("hci2").txCommands(), 0));
    AuditResult worse = CaptureAudit.check(t, more);
    assertEquals(1, worse.gaps().size(), worse.gaps().toString());
    assertTrue(
        worse.gaps().get(0).startsWith("hci2: the kernel counted 44 events, the capture holds 35"),
        worse.gaps().get(0));
  }

  /**
   * A real gap: in the lab, btmon was stopped (SIGSTOP) while hci2 answered 300 hcitool commands,
   * then resumed. The kernel dropped what did not fit btmon's socket queue; the file shows no drop
   * count, and what remains is self-consistent. Only the kernel's counters show the gap.
   */
  @Test
  void labCaptureWithBtmonStoppedIsCaughtByTheCountersOnly() {
    HciTrace t =
        HciTrace.read(
            new ByteArrayInputStream(BtsnoopReaderTest.resource("lab-gap.btsnoop").toArray()));
    String text =
        new String(
            BtsnoopReaderTest.resource("lab-gap-hciconfig.txt").toArray(), StandardCharsets.UTF_8);
    java.util.Map<String, String> byController = new java.util.TreeMap<>();
    for (String name : HciCounters.parseAll(text).keySet()) {
      byController.put(name, text.substring(text.indexOf(name + ":")));
    }
    assertTrue(CaptureAudit.check(t).complete(), "the capture alone looks whole");
    AuditResult r = CaptureAudit.check(t, byController);
    assertEquals(
        java.util.List.of(
            "hci2: the kernel counted 332 commands, the capture holds 67 (265 missing, or btmon"
                + " started after hci2 was registered)",
            "hci2: the kernel counted 332 events, the capture holds 66 (266 missing, or btmon"
                + " started after hci2 was registered)"),
        r.gaps());
  }
}
