package dev.hogrig.gatt;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import dev.hogrig.hid.Field;
import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.UsageSpec;
import dev.hogrig.hid.Usages;
import dev.hogrig.hid.lint.Finding;
import dev.hogrig.hid.lint.LintOptions;
import dev.hogrig.hid.lint.Linter;
import dev.hogrig.hid.lint.Rule;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which boot devices a report descriptor can play, and whether its report-mode bytes already are
 * boot bytes. Stateless.
 *
 * <p><b>Boot-capable</b> (the HOGP device then exposes Protocol Mode and the Boot characteristics,
 * HIDS 1.0 requires them of boot-capable devices): the first top-level Keyboard application
 * (0x01:0x06) with an Input field of Keyboard-page usages, or the first Mouse application
 * (0x01:0x02) with relative X and Y and a Button-page Input field. That is exactly what {@link
 * BootReports} needs to derive boot reports from report-mode {@code ReportData}; the report-mode
 * layout itself may differ (a 16-bit mouse still gets a 3-octet boot report), because over HOGP
 * boot reports travel in their own characteristics.
 *
 * <p><b>Layout matches</b>: the report-mode report starts with the HID 1.11 Appendix B bytes, as
 * the linter's {@code BOOT-KEYBOARD-LAYOUT}/{@code BOOT-MOUSE-LAYOUT} rules check it with boot
 * protocol on. Only then can a raw report-mode payload be sent in boot mode, cut to its boot part.
 */
public final class BootSupport {
  private BootSupport() {}

  /** The boot devices {@code d} can play. */
  public static ImmutableSet<BootDevice> derive(ReportDescriptor d) {
    Set<BootDevice> out = EnumSet.noneOf(BootDevice.class);
    if (application(d, BootDevice.KEYBOARD).isPresent()) {
      out.add(BootDevice.KEYBOARD);
    }
    if (application(d, BootDevice.MOUSE).isPresent()) {
      out.add(BootDevice.MOUSE);
    }
    return Sets.immutableEnumSet(out);
  }

  /** The application collection that plays {@code boot}, if the descriptor has one. */
  public static Optional<HidCollection> application(ReportDescriptor d, BootDevice boot) {
    Usage want = boot == BootDevice.KEYBOARD ? Usages.KEYBOARD : Usages.MOUSE;
    Optional<HidCollection> app =
        d.applications().stream().filter(a -> a.usage().equals(Optional.of(want))).findFirst();
    if (app.isEmpty()) {
      return app;
    }
    int index = app.get().index();
    boolean ok;
    if (boot == BootDevice.KEYBOARD) {
      ok = inputFields(d, index).anyMatch(f -> onPage(f, Usages.PAGE_KEYBOARD));
    } else {
      ok =
          inputFields(d, index).anyMatch(f -> onPage(f, Usages.PAGE_BUTTON))
              && relativeAxis(d, index, Usages.X)
              && relativeAxis(d, index, Usages.Y);
    }
    return ok ? app : Optional.empty();
  }

  /**
   * The boot device whose application holds Input report {@code reportId}, if {@code d} can play
   * it.
   */
  public static Optional<BootDevice> deviceOfInputReport(ReportDescriptor d, int reportId) {
    Optional<Integer> appIndex =
        d.report(ReportType.INPUT, reportId).stream()
            .flatMap(r -> r.fields().stream())
            .map(Field::application)
            .flatMap(Optional::stream)
            .map(HidCollection::index)
            .findFirst();
    if (appIndex.isEmpty()) {
      return Optional.empty();
    }
    for (BootDevice b : BootDevice.values()) {
      if (application(d, b).map(a -> a.index() == appIndex.get()).orElse(false)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * True when the report-mode Input report of {@code boot}'s application starts with its boot
   * layout.
   */
  public static boolean layoutMatches(ReportDescriptor d, BootDevice boot) {
    if (application(d, boot).isEmpty()) {
      return false;
    }
    Rule rule = boot == BootDevice.KEYBOARD ? Rule.BOOT_KEYBOARD_LAYOUT : Rule.BOOT_MOUSE_LAYOUT;
    LintOptions yes = LintOptions.defaults().withBootProtocol(LintOptions.BootProtocol.YES);
    for (Finding f : Linter.lint(d, yes)) {
      if (f.rule() == rule) {
        return false;
      }
    }
    return true;
  }

  private static java.util.stream.Stream<Field> inputFields(ReportDescriptor d, int appIndex) {
    return d.reports(ReportType.INPUT).stream()
        .flatMap(r -> r.fields().stream())
        .filter(f -> f.application().map(a -> a.index() == appIndex).orElse(false))
        .filter(f -> !f.flags().constant());
  }

  private static boolean relativeAxis(ReportDescriptor d, int appIndex, Usage axis) {
    return inputFields(d, appIndex)
        .anyMatch(
            f -> {
              if (!f.flags().variable() || !f.flags().relative()) {
                return false;
              }
              for (long i = 0; i < f.count(); i++) {
                if (f.usageOfValue(i).equals(Optional.of(axis))) {
                  return true;
                }
              }
              return false;
            });
  }

  private static boolean onPage(Field f, int page) {
    for (UsageSpec u : f.usages()) {
      if (u.count() > 0 && u.get(0).page() == page) {
        return true;
      }
    }
    return false;
  }
}
