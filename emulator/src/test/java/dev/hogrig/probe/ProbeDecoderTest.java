package dev.hogrig.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The page's messages decoded, and everything else refused with where and what. */
class ProbeDecoderTest {
  static final String KEY =
      "{\"kind\":\"key\",\"type\":\"keydown\",\"t\":1000.5,\"key\":\"H\",\"code\":\"KeyH\","
          + "\"repeat\":false,\"location\":0,"
          + "\"shiftKey\":true,\"ctrlKey\":false,\"altKey\":false,\"metaKey\":false}";
  static final String POINTER =
      "{\"kind\":\"pointer\",\"type\":\"pointermove\",\"t\":1001,\"movementX\":3,"
          + "\"movementY\":-1,\"clientX\":130,\"clientY\":90.5,\"button\":-1,\"buttons\":2,"
          + "\"pointerType\":\"mouse\",\"pointerId\":1,\"locked\":true,"
          + "\"shiftKey\":false,\"ctrlKey\":false,\"altKey\":false,\"metaKey\":false}";
  static final String WHEEL =
      "{\"kind\":\"wheel\",\"type\":\"wheel\",\"t\":1002,\"deltaX\":-40,\"deltaY\":120,"
          + "\"deltaZ\":0,\"deltaMode\":0,\"clientX\":1,\"clientY\":2,"
          + "\"shiftKey\":false,\"ctrlKey\":true,\"altKey\":false,\"metaKey\":false}";
  static final String TOUCH =
      "{\"kind\":\"touch\",\"type\":\"touchstart\",\"t\":1003,\"touches\":1,\"changed\":"
          + "[{\"id\":7,\"clientX\":10,\"clientY\":20,\"radiusX\":5,\"radiusY\":6,\"force\":0.5}]}";
  static final String GESTURE =
      "{\"kind\":\"gesture\",\"type\":\"gesturechange\",\"t\":1004,\"scale\":1.25,\"rotation\":-4.5}";

  static String batch(String... events) {
    return "{\"session\":\"s1\",\"seq\":0,\"dropped\":0,\"clock\":{\"offsetMs\":-3.5,\"rttMs\":1},"
        + "\"events\":["
        + String.join(",", events)
        + "]}";
  }

  @Test
  void everyKindDecodesFieldForField() {
    Batch b = ProbeDecoder.batch(batch(KEY, POINTER, WHEEL, TOUCH, GESTURE));
    assertEquals("s1", b.session());
    assertEquals(Optional.of(new ClockSync(-3.5, 1)), b.clock());
    assertEquals(
        List.of(
            new ProbeEvent.Key(
                "keydown",
                1000.5,
                "H",
                "KeyH",
                new ProbeEvent.Modifiers(true, false, false, false),
                false,
                0),
            new ProbeEvent.Pointer(
                "pointermove",
                1001,
                3,
                -1,
                130,
                90.5,
                -1,
                2,
                "mouse",
                1,
                true,
                ProbeEvent.Modifiers.NONE),
            new ProbeEvent.Wheel(
                "wheel",
                1002,
                -40,
                120,
                0,
                0,
                1,
                2,
                new ProbeEvent.Modifiers(false, true, false, false)),
            new ProbeEvent.Touch(
                "touchstart",
                1003,
                1,
                ImmutableList.of(new ProbeEvent.TouchPoint(7, 10, 20, 5, 6, 0.5))),
            new ProbeEvent.Gesture("gesturechange", 1004, 1.25, -4.5)),
        b.events());
  }

  @Test
  void aBatchWithoutClockIsOneBeforeTheFirstRoundTrip() {
    Batch b = ProbeDecoder.batch("{\"session\":\"s2\",\"seq\":4,\"dropped\":3,\"events\":[]}");
    assertEquals(new Batch("s2", 4, Optional.empty(), 3, ImmutableList.of()), b);
  }

  @Test
  void helloWithAndWithoutClientHints() {
    String plain =
        "{\"pageClock\":1.7e12,\"userAgent\":\"UA\",\"platform\":\"MacIntel\",\"language\":\"en\","
            + "\"maxTouchPoints\":5,\"devicePixelRatio\":2,\"screenWidth\":1024,"
            + "\"screenHeight\":1366,\"pointerFine\":false,\"anyPointerCoarse\":true,"
            + "\"hover\":false,\"uaData\":null}";
    ProbeDecoder.Hello h = ProbeDecoder.hello(plain);
    assertEquals(1.7e12, h.pageClock());
    assertEquals(Optional.empty(), h.page().uaData());
    // iPadOS Safari calls itself MacIntel; only its touch points give it away.
    assertEquals("iPadOS", h.page().os());
    String hints =
        plain.replace(
            "\"uaData\":null",
            "\"uaData\":{\"platform\":\"Windows\",\"mobile\":false,"
                + "\"brands\":[{\"brand\":\"Chromium\",\"version\":\"131\"}],"
                + "\"platformVersion\":\"15.0.0\",\"model\":\"\"}");
    PageInfo p = ProbeDecoder.hello(hints).page();
    assertEquals(
        Optional.of(
            new PageInfo.UaData(
                "Windows",
                false,
                ImmutableList.of(new PageInfo.Brand("Chromium", "131")),
                "15.0.0",
                "")),
        p.uaData());
    assertEquals("Windows 15.0.0", p.os());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          not JSON             | {                                              | malformed JSON
          trailing data        | {"session":"s1","seq":0,"dropped":0,"events":[]} x | malformed JSON
          unquoted name        | {session:"s1","seq":0,"dropped":0,"events":[]} | malformed JSON
          NaN                  | {"session":"s1","seq":NaN,"dropped":0,"events":[]} | malformed JSON
          not an object        | [1,2]                                          | batch: expected a JSON object
          events missing       | {"session":"s1","seq":0,"dropped":0}           | batch: field 'events' missing
          events not an array  | {"session":"s1","seq":0,"dropped":0,"events":{}} | batch: field 'events': expected an array
          negative seq         | {"session":"s1","seq":-1,"dropped":0,"events":[]} | batch: field 'seq': expected a number in 0..
          fractional seq       | {"session":"s1","seq":1.5,"dropped":0,"events":[]} | batch: field 'seq': expected a whole number
          unknown batch field  | {"session":"s1","seq":0,"dropped":0,"events":[],"x":1} | batch: unknown field 'x'
          clock not an object  | {"session":"s1","seq":0,"dropped":0,"clock":3,"events":[]} | batch: field 'clock': expected a JSON object
          negative rtt         | {"session":"s1","seq":0,"dropped":0,"clock":{"offsetMs":0,"rttMs":-1},"events":[]} | batch: clock: field 'rttMs'
          event not an object  | {"session":"s1","seq":0,"dropped":0,"events":[1]} | event 0: expected a JSON object, got 1
          """)
  void badBatchesAreRefusedSayingWhere(String what, String json, String message) {
    ProbeFormatException e =
        assertThrows(ProbeFormatException.class, () -> ProbeDecoder.batch(json));
    assertTrue(e.getMessage().startsWith(message), what + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unknown kind      | "kind":"key"           | "kind":"scroll"           | event 1: unknown kind "scroll"
          type of another   | "type":"keydown"       | "type":"wheel"            | event 1 (key): field 'type': "wheel" is not one of
          keypress          | "type":"keydown"       | "type":"keypress"         | event 1 (key): field 'type': "keypress"
          code a number     | "code":"KeyH"          | "code":12                 | event 1 (key): field 'code': expected a string, got 12
          code missing      | "code":"KeyH",         | "cxde":"KeyH",                      | event 1 (key): field 'code' missing
          repeat a string   | "repeat":false         | "repeat":"no"             | event 1 (key): field 'repeat': expected true or false
          location 4        | "location":0           | "location":4              | event 1 (key): field 'location': expected a number in 0..3
          time negative     | "t":1000.5             | "t":-1                    | event 1 (key): field 't': expected a number in 0..
          modifier missing  | ,"metaKey":false       | ,"metaKex":false                      | event 1 (key): field 'metaKey' missing
          extra field       | "repeat":false         | "repeat":false,"which":72 | event 1 (key): unknown field 'which'
          long key          | "key":"H"              | "key":"HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH" | event 1 (key): field 'key': 69 characters, at most 64
          """)
  void badEventsAreRefusedNamingIndexAndField(String what, String from, String to, String message) {
    String bad = KEY.replace(from, to);
    ProbeFormatException e =
        assertThrows(ProbeFormatException.class, () -> ProbeDecoder.batch(batch(WHEEL, bad)));
    assertTrue(e.getMessage().startsWith(message), what + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          deltaMode 3       | "deltaMode":0    | "deltaMode":3      | event 0 (wheel): field 'deltaMode': expected a number in 0..2
          fractional mode   | "deltaMode":0    | "deltaMode":0.5    | event 0 (wheel): field 'deltaMode': expected a whole number
          delta a string    | "deltaY":120     | "deltaY":"120"     | event 0 (wheel): field 'deltaY': expected a number
          huge delta        | "deltaY":120     | "deltaY":1e300     | event 0 (wheel): field 'deltaY': expected a number in
          """)
  void badWheelFields(String what, String from, String to, String message) {
    ProbeFormatException e =
        assertThrows(
            ProbeFormatException.class, () -> ProbeDecoder.batch(batch(WHEEL.replace(from, to))));
    assertTrue(e.getMessage().startsWith(message), what + ": " + e.getMessage());
  }

  @Test
  void badTouchPointNamesItsIndex() {
    String bad = TOUCH.replace("\"force\":0.5", "\"force\":-0.5");
    ProbeFormatException e =
        assertThrows(ProbeFormatException.class, () -> ProbeDecoder.batch(batch(KEY, bad)));
    assertTrue(
        e.getMessage().startsWith("event 1 (touch): changed[0]: field 'force'"), e.getMessage());
  }

  @Test
  void tooManyEvents() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= ProbeDecoder.MAX_EVENTS; i++) {
      many.add(GESTURE);
    }
    ProbeFormatException e =
        assertThrows(
            ProbeFormatException.class,
            () -> ProbeDecoder.batch(batch(many.toArray(String[]::new))));
    assertTrue(e.getMessage().contains("5001 entries, at most 5000"), e.getMessage());
  }

  @Test
  void badHelloNamesTheField() {
    ProbeFormatException e =
        assertThrows(
            ProbeFormatException.class,
            () -> ProbeDecoder.hello("{\"pageClock\":1,\"userAgent\":5}"));
    assertEquals("hello: field 'userAgent': expected a string, got 5", e.getMessage());
  }

  @Provide
  Arbitrary<String> goodEvent() {
    return Arbitraries.of(KEY, POINTER, WHEEL, TOUCH, GESTURE);
  }

  /** Whichever event of a batch is broken, the message names that one. */
  @Property(tries = 200)
  void theMessageNamesTheBrokenEvent(
      @ForAll("goodEvent") String a,
      @ForAll("goodEvent") String b,
      @ForAll @IntRange(min = 0, max = 9) int broken) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(i == broken ? a.replace("\"t\":", "\"t\":\"x\",\"u\":") : (i % 2 == 0 ? a : b));
    }
    ProbeFormatException e =
        assertThrows(
            ProbeFormatException.class,
            () -> ProbeDecoder.batch(batch(events.toArray(String[]::new))));
    assertTrue(e.getMessage().startsWith("event " + broken + " ("), broken + ": " + e.getMessage());
  }

  /** Whatever arrives, the decoder answers a batch or its own exception, nothing else. */
  @Property(tries = 500)
  void anyTextDecodesOrIsRefused(@ForAll("jsonish") String text) {
    try {
      ProbeDecoder.batch(text);
    } catch (ProbeFormatException expected) {
      assertTrue(!expected.getMessage().isEmpty());
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> cut =
        Arbitraries.integers()
            .between(0, batch(KEY, WHEEL).length())
            .map(n -> batch(KEY, WHEEL).substring(0, n));
    Arbitrary<String> noise =
        Arbitraries.strings().withChars("{}[]\":,0123456789.-eEtrufalsn kindeys").ofMaxLength(60);
    return Arbitraries.oneOf(cut, noise);
  }
}
