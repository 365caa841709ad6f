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
        "adapter=hci0,host=AA:BB:CC:DD:EE:FF,probe=http",
        "adapter=hci0,host=AA:BB:CC:DD:EE:FF,probe=70000",
        "adapter=hci0,host=AA:BB:CC:DD:EE:FF,probe=8080@",
        "adapter=hci0,host=AA:BB:CC:DD:EE:FF,probe=8080@a b",
        "hci0"
      })
  void malformedTargetsSayWhatIsWrong(String value) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> Target.parse(value));
    assertTrue(e.getMessage().startsWith(Target.PARAMETER + "=" + value + ": "), e.getMessage());
  }

  @Test
  void aProbeIsAPortAndABindAddressLoopbackByDefault() {
    Target t = Target.parse("adapter=hci0,host=AA:BB:CC:DD:EE:FF,probe=8765");
    assertEquals(Optional.of(new Target.Probe("127.0.0.1", 8765)), t.probe());
    assertEquals("adapter=hci0,host=AA:BB:CC:DD:EE:FF,probe=8765@127.0.0.1", t.format());
    assertEquals(t, Target.parse(t.format()));
    Target any = Target.parse("adapter=hci0,host=AA:BB:CC:DD:EE:FF,probe=0@0.0.0.0");
    assertEquals(Optional.of(new Target.Probe("0.0.0.0", 0)), any.probe());
    assertEquals(Optional.empty(), Target.parse("adapter=hci0,host=AA:BB:CC:DD:EE:FF").probe());
  }

  @Test
  void theCommandLineWritesBindColonPort() {
    assertEquals(new Target.Probe("127.0.0.1", 8765), Target.Probe.parseOption("8765"));
    assertEquals(new Target.Probe("0.0.0.0", 8765), Target.Probe.parseOption("0.0.0.0:8765"));
    assertEquals(new Target.Probe("::1", 9000), Target.Probe.parseOption("[::1]:9000"));
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> Target.Probe.parseOption("0.0.0.0:http"));
    assertEquals(
        "probe 0.0.0.0:http: the port must be a number 0..65535, got 'http'", e.getMessage());
  }
}
