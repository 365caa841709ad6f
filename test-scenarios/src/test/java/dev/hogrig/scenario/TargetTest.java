package dev.hogrig.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {
  @Test
  void emptyAndLabMeanABootedLab() {
    assertEquals(Target.lab(), Target.parse(""));
    assertEquals(Target.lab(), Target.parse(" lab "));
    assertEquals(Target.Kind.LAB, Target.parse("lab").kind());
  }

  @Test
  void labWithAFolderAttachesToThatLab() {
    Target t = Target.parse("lab:/tmp/up");
    assertEquals(Optional.of(Path.of("/tmp/up")), t.labDir());
    assertEquals("lab:/tmp/up", t.format());
  }

  @Test
  void hardwareTargetNamesAdapterAndHost() {
    Target t = Target.parse("adapter=hci1,host=aa:bb:cc:dd:ee:0f");
    assertEquals(Target.Kind.HARDWARE, t.kind());
    assertEquals("hci1", t.adapter());
    assertEquals("AA:BB:CC:DD:EE:0F", t.hostAddress());
    assertEquals(t, Target.parse(t.format()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lab:",
        "adapter=hci0",
        "host=AA:BB:CC:DD:EE:FF",
        "adapter=wlan0,host=AA:BB:CC:DD:EE:FF",
        "adapter=hci0,host=AA:BB:CC:DD:EE",
        "adapter=hci0,host=AA:BB:CC:DD:EE:FF,speed=fast",
        "hci0"
      })
  void malformedTargetsSayWhatIsWrong(String value) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> Target.parse(value));
    assertTrue(e.getMessage().startsWith(Target.PARAMETER + "=" + value + ": "), e.getMessage());
  }
}
