package dev.hogrig.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * environment.properties as java.util.Properties (what Allure's EnvironmentPlugin uses) reads it.
 */
class EnvironmentInfoTest {
  static Map<String, String> load(Path file) throws Exception {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      p.load(r);
    }
    Map<String, String> m = new HashMap<>();
    p.forEach((k, v) -> m.put((String) k, (String) v));
    return m;
  }

  @Test
  void valuesWithSeparatorsBreaksAndNonLatinCharactersReadBackExactly(@TempDir Path dir)
      throws Exception {
    EnvironmentInfo env =
        new EnvironmentInfo(
            ImmutableMap.of(
                "hogrig", "0.1.0",
                "OS", " Debian GNU/Linux 12 (bookworm), Linux 6.1",
                "odd key=:", "a=b: c\\d #1 !2",
                "lines", "one\ntwo\r\tthree",
                "Machine", "café ☃"));
    env.write(dir);
    assertEquals(env.entries(), load(dir.resolve("environment.properties")));
  }

  @Test
  void detectNamesRigJavaOsAndMachineAndAddsBluezWhenKnown(@TempDir Path dir) throws Exception {
    EnvironmentInfo env = EnvironmentInfo.detect().with(EnvironmentInfo.BLUEZ, "5.82");
    env.write(dir);
    Map<String, String> read = load(dir.resolve("environment.properties"));
    assertEquals("5.82", read.get("BlueZ"));
    assertTrue(read.get("Java").startsWith(System.getProperty("java.version")), read.get("Java"));
    assertTrue(read.containsKey("hogrig") && read.containsKey("OS") && read.containsKey("Machine"));
  }
}
