package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The readiness line guest.sh prints, as VirtualLab reads it. */
class ReadinessLineTest {
  @Test
  void controllersAndFailedOnesAreReadFromTheReadyLine() {
    String line =
        "HOGRIG-LAB READY controllers=hci2/00:AA:01:02:00:02,hci1/00:AA:01:01:00:01 dead=hci0";
    assertEquals(
        List.of(
            new Controller("hci1", "00:AA:01:01:00:01"),
            new Controller("hci2", "00:AA:01:02:00:02")),
        VirtualLab.parseControllers(line));
    assertEquals(List.of("hci0"), VirtualLab.parseFailed(line));
    assertEquals("/org/bluez/hci1", VirtualLab.parseControllers(line).get(0).objectPath());
  }

  @Test
  void bluezVersionIsReadFromTheReadyLine() {
    String line = "HOGRIG-LAB READY controllers=hci1/00:AA:01:01:00:01 dead= bluez=5.82";
    assertEquals(java.util.Optional.of("5.82"), VirtualLab.parseWord(line, "bluez="));
    assertTrue(VirtualLab.parseFailed(line).isEmpty(), "an empty dead= is not followed by bluez=");
    assertTrue(
        VirtualLab.parseWord("HOGRIG-LAB READY controllers=hci1/00:AA:01:01:00:01", "bluez=")
            .isEmpty());
  }

  @Test
  void emptyDeadListMeansAllCameUp() {
    assertTrue(
        VirtualLab.parseFailed("HOGRIG-LAB READY controllers=hci0/00:AA:01:00:00:01 dead=")
            .isEmpty());
  }

  @Test
  void readyLineWithoutControllersIsAnError() {
    LabException e =
        assertThrows(
            LabException.class, () -> VirtualLab.parseControllers("HOGRIG-LAB READY controllers="));
    assertTrue(e.getMessage().contains("no controller"), e.getMessage());
  }

  @Test
  void kernelVersionsCompareNumerically() {
    assertTrue(VirtualLab.compareVersions("6.10.0-1-amd64", "6.9.0-5-amd64") > 0);
    assertTrue(VirtualLab.compareVersions("6.1.0-56-amd64", "6.1.0-9-amd64") > 0);
  }
}
