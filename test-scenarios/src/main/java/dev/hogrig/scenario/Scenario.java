package dev.hogrig.scenario;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of the scenario catalogue. The class is an ordinary JUnit 5 test class: CI runs it
 * with Surefire, {@code hogrig scenario run NAME} with the JUnit Platform Launcher. Its test
 * methods take a {@link Rig} parameter, which brings the host under test (the lab's Linux host or a
 * real host known by its address), the emulator and the evidence recorder; {@link
 * ScenarioExtension} tears them down after each method, also when it failed.
 *
 * <pre>{@code
 * @Scenario(name = "typing", summary = "the keyboard types a text", records = "...")
 * class TypingScenario {
 *   @Test
 *   void typesHello(Rig rig) {
 *     Emulator kbd = rig.emulate(HidProfile.keyboard(), "RigKbd");
 *     rig.host().pair(kbd);
 *     kbd.type("hello");
 *     rig.host().eventually().typed("hello");
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ScenarioExtension.class)
@Tag(Scenario.TAG)
public @interface Scenario {
  /** JUnit tag every scenario carries (the launcher selects the catalogue by it). */
  String TAG = "scenario";

  /** The name {@code hogrig scenario run} takes: lower case, words joined by '-'. */
  String name();

  /** One line: what the scenario does. */
  String summary();

  /** What it records as evidence, for docs/scenarios.md and {@code scenario list --verbose}. */
  String records() default "";

  /** What the target must offer, e.g. "the lab's Linux host (evdev)". */
  String requires() default "";
}
