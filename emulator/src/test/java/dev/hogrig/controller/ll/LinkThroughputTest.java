package dev.hogrig.controller.ll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The virtual air at the minimum connection interval (7.5 ms, Core 5.4 Vol 6 Part B §4.5.1):
 * several PDUs per connection event, as a real radio carries (field.md: ~900 notifications/s at 7.5
 * ms measured on radios). Figures are printed, not asserted.
 */
class LinkThroughputTest {
  @Test
  void severalPdusPerEventAtSevenAndAHalfMilliseconds() {
    VirtualLlScheduler clock = new VirtualLlScheduler();
    Recorder c = new Recorder(clock);
    Recorder p = new Recorder(clock);
    LinkPair pair =
        LinkPair.connect(
            clock,
            LinkPair.connectInd(6, 0, 200, 0x50654C4BL, 0x123456),
            Personas.spec54(),
            c,
            Personas.spec54(),
            p,
            Optional.empty());
    // A 20-octet notification is 27 octets of L2CAP (4 L2CAP + 3 ATT + 20): one data PDU.
    Bytes notification = Bytes.copyOf(new byte[27]);
    int seconds = 10;
    int sent = 0;
    long wallStart = System.nanoTime();
    for (int ms = 0; ms < seconds * 1000; ms++) {
      // Offer 2000 notifications/s, more than the link carries, so the queue never runs dry.
      pair.peripheral().sendData(true, notification);
      pair.peripheral().sendData(true, notification);
      sent += 2;
      clock.runFor(1000);
    }
    double wallMs = (System.nanoTime() - wallStart) / 1e6;
    long events = pair.central().eventCount();
    System.out.printf(
        "7.5 ms interval: %d notifications delivered in %d s virtual (%.0f/s, %.1f per event),"
            + " %d offered; simulated in %.0f ms wall; event timing error mean %.1f µs max %d µs%n",
        c.data.size(),
        seconds,
        c.data.size() / (double) seconds,
        c.data.size() / (double) events,
        sent,
        wallMs,
        pair.central().meanEventErrorMicros(),
        pair.central().maxEventErrorMicros());
    assertTrue(pair.central().isOpen());
    assertTrue(c.data.size() / (double) events > 2, "more than two PDUs per connection event");
    assertEquals(c.data.size(), p.acked);
  }
}
