package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files whose text was produced by hid-tools' own hid-decode dump (hid-tools 0.12), not by
 * hogrig: the comment column of every library descriptor and real-device fixture. hogrig's decoder
 * must print exactly those lines, and compiling them must give back the exact bytes.
 */
class HidDecodeGoldenTest {

  @TestFactory
  List<DynamicTest> libraryDescriptors() {
    List<DynamicTest> tests = new ArrayList<>();
    for (LibraryDescriptor d : DescriptorLibrary.all()) {
      tests.add(DynamicTest.dynamicTest(d.name(), () -> check(d.text(), d.bytes())));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> realDeviceFixtures() throws IOException {
    Path dir = Path.of("src/test/resources/fixtures/real");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().collect(Collectors.toList())) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Bytes bytes =
            DescriptorLibrary.read(f.getFileName().toString(), f.toString(), text).bytes();
        tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(text, bytes)));
      }
    }
    return tests;
  }

  private static void check(String golden, Bytes bytes) {
    String expected =
        golden
            .lines()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(String::stripTrailing)
            .collect(Collectors.joining("\n"));
    String actual =
        DescriptorText.decode(ReportDescriptor.parse(bytes))
            .lines()
            .map(String::stripTrailing)
            .collect(Collectors.joining("\n"));
    assertEquals(expected, actual);
    assertEquals(bytes, DescriptorText.compile(golden), "text -> bytes gives the same bytes");
  }
}
