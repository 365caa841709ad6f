package dev.hogrig.scenario;

import dev.hogrig.report.FailureKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A host problem the rig has found and documented, which makes this scenario fail on that host.
 * While the problem stands, a failure on a host named {@link #host()} is reported as aborted with
 * the issue's summary (Allure: skipped, category "known host issue"), not as a failure, so CI stays
 * green and the evidence is still attached. Only failures of its {@link #kind()} are turned into
 * aborts; any other failure, and every failure on another host, fails as usual. A run where the
 * scenario passes on that host says so in its log: the issue may be fixed.
 *
 * <p>This is for problems of the host under test, never for the rig's own bugs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(KnownIssue.List.class)
public @interface KnownIssue {
  /** The host it concerns, as {@link Host#name()} says (e.g. {@code lab-linux}). */
  String host();

  /** The kind of failure it causes: only failures of this kind are turned into aborts. */
  FailureKind kind();

  /** One line: what the host does wrong. */
  String summary();

  /** Where it is documented, e.g. {@code docs/bluez.md#host-bugs-found}. */
  String reference();

  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    KnownIssue[] value();
  }
}
