package dev.hogrig.controller.ll;

import static org.awaitility.Awaitility.await;

import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The same link layer on wall-clock time: data crosses and the link stays up. */
class RealTimeLlSchedulerTest {
  @Test
  void twoEndsExchangeDataOnWallClockTime() {
    try (RealTimeLlScheduler clock = new RealTimeLlScheduler("ll-test")) {
      VirtualLlScheduler unused = new VirtualLlScheduler();
      Recorder c = new Recorder(unused);
      Recorder p = new Recorder(unused);
      LinkPair[] pair = new LinkPair[1];
      clock.execute(
          () ->
              pair[0] =
                  LinkPair.connect(
                      clock,
                      LinkPair.connectInd(6, 0, 100, 0x50654C4BL, 0x123456),
                      Personas.spec54(),
                      c,
                      Personas.spec54(),
                      p,
                      Optional.empty()));
      clock.execute(() -> pair[0].peripheral().sendData(true, Bytes.of(1, 2, 3)));
      await().atMost(Duration.ofSeconds(5)).until(() -> c.data.contains(Bytes.of(1, 2, 3)));
      await().atMost(Duration.ofSeconds(5)).until(() -> pair[0].central().eventCount() > 100);
      LinkConnection central = pair[0].central();
      System.out.printf(
          "real time, 7.5 ms interval: %d events, timing error mean %.1f µs, max %d µs, open %s%n",
          central.eventCount(),
          central.meanEventErrorMicros(),
          central.maxEventErrorMicros(),
          central.isOpen());
    }
  }
}
