package dev.hogrig.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, checked on the sources: each package may refer only to the
 * packages below it, and no dbus-java type appears outside {@code dev.hogrig.bluez}. A new
 * dependency that points the wrong way fails here with the file and the reference.
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/hogrig");
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(dev\\.hogrig\\.[a-z]+|org\\.freedesktop)\\b");

  /** What each top-level package may use besides itself; util is open to all. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("util", Set.of()),
          Map.entry("hci", Set.of("util")),
          Map.entry("controller", Set.of("util", "hci")),
          Map.entry("hid", Set.of("util")),
          Map.entry("gatt", Set.of("util", "hid")),
          Map.entry("lab", Set.of("util", "hid", "hci", "controller")),
          Map.entry("bluez", Set.of("util", "hid", "gatt", "hci", "org.freedesktop")),
          Map.entry("report", Set.of("util", "hid", "gatt", "lab")),
          Map.entry("replay", Set.of("util", "hid", "gatt")),
          Map.entry("probe", Set.of("util")),
          Map.entry(
              "cli",
              Set.of(
                  "util",
                  "hid",
                  "gatt",
                  "hci",
                  "controller",
                  "lab",
                  "bluez",
                  "report",
                  "replay",
                  "probe")));

  @Test
  void dependenciesPointDownTheLayers() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String own = SOURCES.relativize(f).getName(0).toString();
        Set<String> allowed = ALLOWED.get(own);
        if (allowed == null) {
          violations.add(f + ": package dev.hogrig." + own + " has no place in the layers yet");
          continue;
        }
        String text = Files.readString(f);
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
          String ref = m.group(1);
          String target =
              ref.equals("org.freedesktop") ? ref : ref.substring("dev.hogrig.".length());
          if (!target.equals(own) && !allowed.contains(target)) {
            violations.add(f + " refers to " + ref);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }
}
