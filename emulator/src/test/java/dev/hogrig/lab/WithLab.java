package dev.hogrig.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the virtual lab: declare a {@link VirtualLab} parameter on a test method,
 * constructor or {@code @BeforeAll} method. One lab is booted per test run, on first use, and
 * shared by every class that asks (booting takes 20 s or more under software emulation); it is
 * powered off when the run ends, even after failures. Tests that change BlueZ state (bonds,
 * advertisements, agents) must undo it.
 *
 * <p>Outside CI the class is skipped when the lab's Debian packages are missing or when {@code
 * HOGRIG_LAB=skip}; with {@code CI=true} it never skips, so a lab that cannot start fails the run
 * with its reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LabExtension.class)
public @interface WithLab {}
