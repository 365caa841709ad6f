package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HciCountersTest {
  static final String TEXT =
      new String(
          BtsnoopReaderTest.resource("lab-idle-hciconfig.txt").toArray(), StandardCharsets.UTF_8);

  /** Values as hciconfig printed them in the lab (hci1 block of the saved output). */
  @Test
  void parsesTheCounterLinesOfARealOutput() {
    Map<String, HciCounters> all = HciCounters.parseAll(TEXT);
    assertEquals(java.util.List.of("hci0", "hci1", "hci2"), java.util.List.copyOf(all.keySet()));
    HciCounters h1 = all.get("hci1");
    assertEquals(1, h1.index());
    assertEquals(0, h1.rxBytes());
    assertEquals(40, h1.rxEvents());
    assertEquals(209, h1.txBytes());
    assertEquals(38, h1.txCommands());
    assertEquals(0, h1.txAcl());
    assertEquals(h1, HciCounters.parse(TEXT.substring(TEXT.indexOf("hci1:"))));
  }

  @Test
  void textWithoutCountersIsRefusedWithItsLine() {
    HciFormatException e =
        assertThrows(
            HciFormatException.class,
            () -> HciCounters.parse("first\nhci3:\tType: Primary\n\tRX bytes:1 acl:0\n"));
    assertTrue(e.getMessage().startsWith("line 2: block of hci3"), e.getMessage());
    assertThrows(HciFormatException.class, () -> HciCounters.parse("Can't get device info"));
    assertThrows(
        HciFormatException.class,
        () ->
            HciCounters.parse(
                "hci0:\n RX bytes:99999999999999999999 acl:0 sco:0 events:0 errors:0\n"
                    + " TX bytes:0 acl:0 sco:0 commands:0 errors:0"));
  }
}
