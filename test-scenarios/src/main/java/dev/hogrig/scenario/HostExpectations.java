package dev.hogrig.scenario;

import static org.awaitility.Awaitility.await;

import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventCodes;
import dev.hogrig.report.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a scenario expects the host to do, waiting (Awaitility, always with {@code atMost}) until it
 * has or failing with a message a person can act on. Each failure message starts with the name of
 * its kind ({@link FailureKind#prefix()}), which the report's categories match, so a failed run
 * reads "host never subscribed" or "connected but no input" at a glance.
 *
 * <pre>{@code
 * rig.host().eventually().subscribedToAllInputReports();
 * rig.host().eventually(Duration.ofSeconds(5)).typed("hello");
 * }</pre>
 */
public final class HostExpectations {
  private static final Duration POLL = Duration.ofMillis(100);

  private final Host host;
  private final Duration atMost;

  HostExpectations(Host host, Duration atMost) {
    this.host = host;
    this.atMost = atMost;
  }

  /** The host's stack says it is connected to its peer. */
  public HostExpectations connected() {
    Emulator e = host.peer();
    waitFor(
        FailureKind.LINK_DROPPED,
        () -> host.name() + " not connected to " + e.name(),
        () -> host.isConnected(e));
    return this;
  }

  /** The host's stack says the link to its peer is down. */
  public HostExpectations disconnected() {
    Emulator e = host.peer();
    waitFor(
        null, () -> host.name() + " still connected to " + e.name(), () -> !host.isConnected(e));
    return this;
  }

  /**
   * The host enabled notifications on every Input Report characteristic of the peer's descriptor
   * (HOGP §4.4: a report host "shall" configure them all).
   */
  public HostExpectations subscribedToAllInputReports() {
    Emulator e = host.peer();
    List<CharacteristicHandle> inputs = e.inputReports();
    waitFor(
        FailureKind.HOST_NEVER_SUBSCRIBED,
        () ->
            "subscribed to "
                + inputs.stream().filter(c -> e.device().isSubscribed(c)).toList()
                + " of "
                + inputs,
        () -> inputs.stream().allMatch(c -> e.device().isSubscribed(c)));
    return this;
  }

  /** The host read the Report Map since the peer started. */
  public HostExpectations readReportMap() {
    Emulator e = host.peer();
    waitFor(
        null,
        () -> "no Report Map read among " + e.events().size() + " host operations",
        () ->
            e.events().stream()
                .anyMatch(
                    ev ->
                        ev instanceof GattEvent.Read r
                            && r.handle().equals(e.device().reportMap())
                            && r.result().isOk()));
    return this;
  }

  /** The host bound {@code driver} (Linux: hid-generic, hid-multitouch) to the peer's device. */
  public HostExpectations boundDriver(String driver) {
    Emulator e = host.peer();
    waitFor(
        expectedKind(driver),
        () -> "driver " + host.inputDriver(e).orElse("(none)") + ", expected " + driver,
        () -> host.inputDriver(e).filter(driver::equals).isPresent());
    return this;
  }

  private static FailureKind expectedKind(String driver) {
    return driver.equals("hid-multitouch") ? FailureKind.FELL_BACK_TO_MOUSE : null;
  }

  /**
   * The host's input stack produced at least one key, relative or absolute event for the peer since
   * it (re)connected. The "connected but no input" detector.
   */
  public HostExpectations receivedInput() {
    Emulator e = host.peer();
    waitFor(
        FailureKind.CONNECTED_BUT_NO_INPUT,
        () ->
            "connected="
                + host.isConnected(e)
                + ", no key, pointer or touch event on the host since it connected",
        () -> host.inputEvents(e).stream().anyMatch(HostExpectations::isInput));
    return this;
  }

  /**
   * The host's input stack produced an event with the evdev code {@code name} (e.g. {@code
   * REL_WHEEL}, {@code ABS_MT_POSITION_X}) and, when {@code value} is given, that value, since the
   * peer (re)connected.
   */
  public HostExpectations produced(String name, java.util.OptionalInt value) {
    Emulator e = host.peer();
    dev.hogrig.lab.EventCode code = dev.hogrig.lab.EventCode.of(name);
    waitFor(
        FailureKind.CONNECTED_BUT_NO_INPUT,
        () -> {
          List<InputEvent> events = host.inputEvents(e);
          return "no "
              + name
              + value.stream().mapToObj(v -> " " + v).findFirst().orElse("")
              + " among "
              + events.size()
              + " host events (codes seen: "
              + events.stream().map(ev -> ev.eventCode().name()).distinct().sorted().toList()
              + ")";
        },
        () ->
            host.inputEvents(e).stream()
                .anyMatch(
                    ev -> ev.is(code) && (value.isEmpty() || ev.value() == value.getAsInt())));
    return this;
  }

  /**
   * The values of the host's events with evdev code {@code name} since the peer (re)connected add
   * up to {@code total}: for relative axes (REL_X, REL_Y, REL_WHEEL) the whole movement, which
   * Linux passes from the report to evdev unscaled (pointer acceleration happens above evdev).
   */
  public HostExpectations summed(String name, long total) {
    Emulator e = host.peer();
    dev.hogrig.lab.EventCode code = dev.hogrig.lab.EventCode.of(name);
    java.util.function.Supplier<Long> sum =
        () ->
            host.inputEvents(e).stream()
                .filter(ev -> ev.is(code))
                .mapToLong(InputEvent::value)
                .sum();
    waitFor(
        FailureKind.CONNECTED_BUT_NO_INPUT,
        () -> name + " adds up to " + sum.get() + ", expected " + total,
        () -> sum.get() == total);
    return this;
  }

  /**
   * The host's pointer moved since the peer (re)connected: a non-zero relative movement ({@code
   * REL_X}, {@code REL_Y}) or an absolute position ({@code ABS_X}, {@code ABS_Y}, multi-touch
   * positions). Direction and distance are left to {@link #summed}, because hosts scale movement
   * (pointer acceleration, display scale) above their input stack.
   */
  public HostExpectations pointerMoved() {
    Emulator e = host.peer();
    java.util.Set<String> codes =
        java.util.Set.of(
            "REL_X", "REL_Y", "ABS_X", "ABS_Y", "ABS_MT_POSITION_X", "ABS_MT_POSITION_Y");
    waitFor(
        FailureKind.CONNECTED_BUT_NO_INPUT,
        () -> "the pointer did not move on the host " + seen(host.inputEvents(e)),
        () ->
            host.inputEvents(e).stream()
                .anyMatch(
                    ev ->
                        codes.contains(ev.eventCode().name())
                            && (ev.type() == InputEventCodes.EV_ABS || ev.value() != 0)));
    return this;
  }

  /**
   * The host scrolled since the peer (re)connected: a non-zero vertical or horizontal wheel event
   * ({@code REL_WHEEL}, {@code REL_HWHEEL} or their {@code _HI_RES} forms, which carry 120 per
   * notch and so show a touchpad's small scrolls too).
   */
  public HostExpectations scrolled() {
    Emulator e = host.peer();
    java.util.Set<String> codes =
        java.util.Set.of("REL_WHEEL", "REL_HWHEEL", "REL_WHEEL_HI_RES", "REL_HWHEEL_HI_RES");
    waitFor(
        FailureKind.CONNECTED_BUT_NO_INPUT,
        () -> "nothing scrolled on the host " + seen(host.inputEvents(e)),
        () ->
            host.inputEvents(e).stream()
                .anyMatch(ev -> codes.contains(ev.eventCode().name()) && ev.value() != 0));
    return this;
  }

  private static String seen(List<InputEvent> events) {
    return "("
        + events.size()
        + " host events, codes seen: "
        + events.stream().map(ev -> ev.eventCode().name()).distinct().sorted().toList()
        + ")";
  }

  /** Exactly {@code text} was typed on the host since the peer (re)connected (US layout). */
  public HostExpectations typed(String text) {
    Emulator e = host.peer();
    waitFor(
        FailureKind.CONNECTED_BUT_NO_INPUT,
        () -> {
          List<InputEvent> events = host.inputEvents(e);
          if (events.stream().noneMatch(HostExpectations::isInput)) {
            return "nothing typed on the host (connected=" + host.isConnected(e) + ")";
          }
          return "typed " + quote(EvdevText.decode(events)) + ", expected " + quote(text);
        },
        () -> EvdevText.decode(host.inputEvents(e)).equals(text));
    return this;
  }

  private static boolean isInput(InputEvent e) {
    return e.type() == InputEventCodes.EV_KEY
        || e.type() == InputEventCodes.EV_REL
        || e.type() == InputEventCodes.EV_ABS;
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  /** {@code kind} null: none of the field's kinds (the report's "other host failures"). */
  private void waitFor(FailureKind kind, Supplier<String> detail, Callable<Boolean> condition) {
    try {
      await().atMost(atMost).pollInterval(POLL).pollInSameThread().until(condition);
    } catch (ConditionTimeoutException timeout) {
      String d;
      try {
        d = detail.get();
      } catch (RuntimeException e) {
        d = "(could not describe: " + e.getMessage() + ")";
      }
      throw new AssertionError(
          (kind == null ? "" : kind.prefix()) + d + " after " + atMost.toSeconds() + " s");
    }
  }
}
