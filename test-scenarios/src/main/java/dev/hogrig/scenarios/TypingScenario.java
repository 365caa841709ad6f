package dev.hogrig.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.replay.PlaybackResult;
import dev.hogrig.replay.TimedReport;
import dev.hogrig.scenario.Emulator;
import dev.hogrig.scenario.Host;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keyboard types a sentence; the host must show exactly that text. The text is encoded into
 * reports by the replay engine (US layout, shift for capitals and symbols, every key released
 * before the next, no auto-repeat) and read back from the host's evdev with an independent US
 * decoder ({@code EvdevText}), so an encoding error on our side or a dropped, doubled or reordered
 * report on the host's shows up as a different text.
 */
@Scenario(
    name = "typing",
    summary = "the keyboard types a sentence; the host shows exactly that text",
    records =
        "the text typed on the host, the schedule error of the emulator's reports, the time"
            + " from the first report to the last key on the host",
    requires = "the lab's Linux host (evdev); on a real host only the GATT side is recorded")
class TypingScenario {
  /** Capitals, punctuation that needs shift and some that does not, digits, Enter. */
  static final String TEXT = "Hello, HOGP world! 1+1=2; \"quotes\" & (parens)?\n";

  /** Reports per second: a typist's pace, well inside the lab's link (bench: ~230/s paced). */
  static final double RATE_HZ = 40;

  @Test
  void keyboardTypesASentence(Rig rig) {
    Emulator kbd = rig.emulate(HidProfile.keyboard(), "RigTypist");
    Host host = rig.host();
    host.pair(kbd);
    host.eventually().subscribedToAllInputReports();
    List<TimedReport> script = kbd.script(RATE_HZ).typeText(TEXT).build();
    rig.evidence().parameter("text", TEXT.strip());
    rig.evidence().parameter("report rate", RATE_HZ + " Hz");
    long t0 = System.nanoTime();
    PlaybackResult played =
        rig.evidence()
            .step("the keyboard types " + script.size() + " reports", () -> kbd.play(script));
    host.eventually().typed(TEXT);
    double seenS = (System.nanoTime() - t0) / 1e9;
    rig.evidence()
        .attachText(
            "typing timings",
            String.format(
                "%d reports at %.0f Hz: schedule error %s%nfirst report -> whole text on the"
                    + " host %.3f s%n",
                played.sent(), RATE_HZ, played.stats(), seenS));
    assertEquals(script.size(), played.sent(), "reports sent");
  }
}
