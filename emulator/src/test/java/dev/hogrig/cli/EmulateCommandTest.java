package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.IoCapability;
import dev.hogrig.lab.Controller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hogrig emulate}'s arguments, without Bluetooth: every mistake is one line on stderr and
 * exit status 2, and each line says what was wrong.
 */
class EmulateCommandTest {
  @TempDir Path tmp;

  private static CliTest.Result emulate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "emulate";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliTest.run(all);
  }

  @Test
  void profileIsRequired() {
    CliTest.Result r = emulate("--for", "1s");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--profile"), r.err());
  }

  @Test
  void unknownProfileNamesTheChoices() {
    CliTest.Result r = emulate("--profile", "keybord");
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("'keybord'"), r.err());
    assertTrue(r.err().contains("keyboard, mouse nor touchpad"), r.err());
  }

  @Test
  void missingDescriptorFileIsNamed() {
    String missing = tmp.resolve("nope.hid").toString();
    CliTest.Result r = emulate("--profile", missing);
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains(missing + ": no such file"), r.err());
  }

  @Test
  void unreadableDescriptorSaysWhere() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.txt"), "Usage Page (Nonsense Page)\n");
    CliTest.Result r = emulate("--profile", bad.toString());
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains(bad.toString()), r.err());
  }

  @Test
  void badDurationsAreUsageErrors() {
    for (String d : List.of("5x", "30", "-1s", "1.5s", "0s")) {
      CliTest.Result r = emulate("--profile", "mouse", "--for", d);
      CliTest.assertOneLineError(r);
      assertTrue(r.err().contains("--for: '" + d + "'"), r.err());
    }
  }

  @Test
  void durationsInTheirUnits() {
    assertEquals(Duration.ofMillis(500), EmulateCommand.parseDuration("500ms"));
    assertEquals(Duration.ofSeconds(30), EmulateCommand.parseDuration("30s"));
    assertEquals(Duration.ofMinutes(2), EmulateCommand.parseDuration("2m"));
    assertEquals(Duration.ofHours(1), EmulateCommand.parseDuration("1h"));
  }

  @Test
  void blankNameIsRefused() {
    CliTest.Result r = emulate("--profile", "mouse", "--name", " ");
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("--name"), r.err());
  }

  @Test
  void dirWithoutLabIsRefused() {
    CliTest.Result r = emulate("--profile", "mouse", "--dir", tmp.toString());
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("--dir") && r.err().contains("--lab"), r.err());
  }

  @Test
  void standardInputCannotBeBothDescriptorAndCommands() {
    CliTest.Result r =
        CliTest.withInput(CliTest.BOOT_MOUSE_HEX, "emulate", "--profile", "-", "--stdin");
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("--stdin and --profile -"), r.err());
  }

  @Test
  void noLabUpSaysHowToStartOne() {
    CliTest.Result r = emulate("--profile", "mouse", "--lab", "--dir", tmp.toString());
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("hogrig lab up"), r.err());
  }

  @Test
  void labAdapterThatIsNotThereListsThoseThatAre() {
    List<Controller> ctls =
        List.of(
            new Controller("hci1", "00:AA:01:01:00:01"),
            new Controller("hci2", "00:AA:01:02:00:02"));
    assertEquals("hci1", EmulateCommand.labController(ctls, null));
    assertEquals("hci2", EmulateCommand.labController(ctls, "00:aa:01:02:00:02"));
    UsageException e =
        assertThrows(UsageException.class, () -> EmulateCommand.labController(ctls, "hci0"));
    assertTrue(e.getMessage().contains("no controller hci0"), e.getMessage());
    assertTrue(
        e.getMessage().contains("hci1 (00:AA:01:01:00:01), hci2 (00:AA:01:02:00:02)"),
        e.getMessage());
  }

  @Test
  void descriptorFileBecomesAProfileNamedAfterIt() throws IOException {
    Path mouse = Files.writeString(tmp.resolve("boot-mouse.hex"), CliTest.BOOT_MOUSE_HEX);
    HidProfile p = EmulateCommand.profile(mouse.toString(), new ByteArrayInputStream(new byte[0]));
    assertEquals("boot-mouse", p.name());
    // Assigned Numbers §2.6: 0x03C2 Mouse; a mouse has no way to show or enter a passkey.
    assertEquals(HidProfile.APPEARANCE_MOUSE, p.appearance());
    assertEquals(IoCapability.NO_INPUT_NO_OUTPUT, p.ioCapability());
    HidProfile fromStdin =
        EmulateCommand.profile(
            "-", new ByteArrayInputStream(CliTest.BOOT_MOUSE_HEX.getBytes(StandardCharsets.UTF_8)));
    assertEquals(p.descriptor().bytes(), fromStdin.descriptor().bytes());
  }

  @Test
  void builtInProfilesByName() {
    var stdin = new ByteArrayInputStream(new byte[0]);
    // The keyboard pairs with a passkey (HOGP security: KeyboardDisplay), the others Just Works.
    assertEquals(
        IoCapability.KEYBOARD_DISPLAY, EmulateCommand.profile("keyboard", stdin).ioCapability());
    assertEquals(
        HidProfile.APPEARANCE_TOUCHPAD, EmulateCommand.profile("touchpad", stdin).appearance());
    assertEquals(HidProfile.APPEARANCE_MOUSE, EmulateCommand.profile("mouse", stdin).appearance());
  }
}
