package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogrig.lab.Controller;
import dev.hogrig.lab.GuestShell;
import dev.hogrig.lab.LabOptions;
import dev.hogrig.lab.VirtualLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Boots the lab, makes one LE connection between two of its controllers and ends it, then audits
 * the lab's own btmon capture against the kernel's counters read at the same moment: a capture that
 * holds everything must be judged complete, and the disconnection must carry the reasons (btvirt
 * gives both sides the reason of the HCI_Disconnect command, 0x13, where a real controller would
 * give the side that hung up 0x16). Then it stops btmon while traffic goes on and checks that the
 * audit reports the gap.
 */
class CaptureAuditLabTest {
  @Test
  void labCaptureIsCompleteUntilBtmonStops() throws IOException {
    boolean ci = "true".equals(System.getenv("CI"));
    assumeTrue(ci || !"skip".equals(System.getenv("HOGRIG_LAB")), "HOGRIG_LAB=skip");
    assumeTrue(
        ci
            || Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))
                && Files.isExecutable(Path.of("/usr/bin/btvirt")),
        "lab packages missing (run scripts/setup as root)");
    Path out = Path.of("target", "lab", "CaptureAuditLabTest-" + Instant.now().toEpochMilli());
    try (VirtualLab lab =
        // The machine's BlueZ 5.66, not the staged 5.82: with 5.82 the same script left about 35 of
        // the 82 ACL packets per side out of btmon's capture in three runs out of three (also
        // with btmon writing to tmpfs instead of the 9p share), while 5.66 gave a complete
        // capture in every earlier run. Cause not found (docs/virtual-lab.md, Known problems);
        // this test is about the audit, so it keeps the stack whose capture is complete.
        VirtualLab.start(
            LabOptions.defaults(out)
                .withCacheDir(Path.of("target", "lab-cache"))
                .withSystemBluez())) {
      Controller peripheral = lab.controllers().get(0);
      Controller central = lab.controllers().get(1);
      String p = peripheral.name().substring(3);
      // LE general discovery only reports advertisers with the discoverable flag: "discov on".
      String script =
          String.join(
              "; ",
              "btmgmt --index " + p + " connectable on",
              "btmgmt --index " + p + " discov on",
              "btmgmt --index " + p + " advertising on",
              "{ echo 'select "
                  + central.address()
                  + "'; echo 'scan le'; sleep 10;"
                  + " echo 'scan off'; echo 'connect "
                  + peripheral.address()
                  + "'; sleep 10;"
                  + " echo 'disconnect "
                  + peripheral.address()
                  + "'; sleep 5; echo quit; }"
                  + " | bluetoothctl");
      GuestShell.Result r = lab.shell().run(script, Duration.ofSeconds(90));
      Files.writeString(out.resolve("connect.txt"), r.exitCode() + "\n" + r.output());

      Map<String, String> counters = readCounters(lab);
      Files.writeString(out.resolve("hciconfig.txt"), String.join("\n", counters.values()));
      // btmon may still be behind the kernel: a late record is not a lost one, so let the file
      // stop growing first. Traffic is over (disconnected, no scan), so it does.
      awaitQuiet(lab.outputDir().resolve("hci.btsnoop"));
      // Read while btmon still runs: a half-written last record must not fail the read.
      HciTrace live = HciTrace.read(lab.outputDir().resolve("hci.btsnoop"));
      AuditResult audit = CaptureAudit.check(live, counters);
      System.out.println("audit of the live capture: " + audit);
      assertTrue(
          audit.gaps().stream().allMatch(g -> g.startsWith("capture ends inside")),
          "gaps: " + audit.gaps());

      List<Connection> conns = live.connections();
      System.out.println("connections: " + conns);
      Connection atCentral = only(conns, central);
      Connection atPeripheral = only(conns, peripheral);
      assertEquals(Connection.Role.CENTRAL, atCentral.role());
      assertEquals(Connection.Role.PERIPHERAL, atPeripheral.role());
      assertEquals(BdAddr.parse(peripheral.address()), atCentral.peer());
      // The central's host sent HCI_Disconnect with reason 0x13 (Linux's default). A real
      // controller reports 0x16 (Connection Terminated By Local Host) to the side that hung up;
      // btvirt's btdev echoes the command's reason to both sides, so the lab shows 0x13 twice.
      int sent =
          live.records().stream()
              .filter(x -> x.index() == index(central) && x.packet() instanceof HciCommand)
              .map(x -> (HciCommand) x.packet())
              .filter(c -> c.opcode() == HciCommand.DISCONNECT)
              .mapToInt(c -> c.parameters().get(2))
              .findFirst()
              .orElseThrow();
      assertEquals(HciErrorCode.REMOTE_USER_TERMINATED_CONNECTION.code(), sent);
      assertEquals(sent, atCentral.reason().orElse(-1));
      assertEquals(
          HciErrorCode.REMOTE_USER_TERMINATED_CONNECTION.code(), atPeripheral.reason().orElse(-1));
      assertTrue(
          live.attPdus(index(central)).stream()
              .anyMatch(a -> a.pdu() instanceof AttPdu.ReadByGroupTypeRequest),
          "the central discovered services over ATT");

      // A real gap: btmon stopped (SIGSTOP) while the spare controller answers 150 commands. The
      // monitor socket's receive queue (rmem_default, 208 KiB) fills and the kernel drops the
      // rest without telling btmon, as in the stalls seen by hand; the file shows no drop count.
      Controller spare = lab.controllers().get(lab.controllers().size() - 1);
      GuestShell.Result g =
          lab.shell()
              .run(
                  "kill -STOP $(pidof btmon); for i in $(seq 150); do hcitool -i "
                      + spare.name()
                      + " cmd 0x04 0x0001 >/dev/null || exit 7; done; kill -CONT $(pidof btmon);"
                      + " sleep 3",
                  Duration.ofSeconds(240));
      assertEquals(0, g.exitCode(), g.output());
      Map<String, String> afterGap = readCounters(lab);
      Files.writeString(out.resolve("hciconfig-gap.txt"), String.join("\n", afterGap.values()));
      HciTrace gapped = HciTrace.read(lab.outputDir().resolve("hci.btsnoop"));
      Files.write(
          out.resolve("gap.btsnoop"), Files.readAllBytes(lab.outputDir().resolve("hci.btsnoop")));
      AuditResult withCounters = CaptureAudit.check(gapped, afterGap);
      AuditResult withoutCounters = CaptureAudit.check(gapped);
      System.out.println("audit after stopping btmon, with counters: " + withCounters.gaps());
      System.out.println("audit after stopping btmon, capture only: " + withoutCounters.gaps());
      assertTrue(
          withCounters.gaps().stream()
              .anyMatch(x -> x.startsWith(spare.name() + ": the kernel counted")),
          "gaps: " + withCounters.gaps());
    }
  }

  private static Map<String, String> readCounters(VirtualLab lab) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Controller c : lab.controllers()) {
      GuestShell.Result r = lab.shell().run("hciconfig " + c.name(), Duration.ofSeconds(20));
      assertEquals(0, r.exitCode(), r.output());
      out.put(c.name(), r.output());
    }
    return out;
  }

  private static int index(Controller c) {
    return Integer.parseInt(c.name().substring(3));
  }

  private static Connection only(List<Connection> conns, Controller c) {
    List<Connection> mine =
        conns.stream().filter(x -> x.index() == index(c)).collect(Collectors.toList());
    assertEquals(1, mine.size(), c + " connections: " + conns);
    return mine.get(0);
  }

  /** Waits (30 s at most) until {@code file} has kept its size for a whole second. */
  private static void awaitQuiet(Path file) {
    long[] last = {-1, System.nanoTime()};
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .pollInSameThread()
        .until(
            () -> {
              long size = Files.size(file);
              long now = System.nanoTime();
              if (size != last[0]) {
                last[0] = size;
                last[1] = now;
                return false;
              }
              return now - last[1] >= 1_000_000_000L;
            });
  }
}
