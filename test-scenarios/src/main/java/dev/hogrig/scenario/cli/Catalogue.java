package dev.hogrig.scenario.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import com.google.common.collect.ImmutableSortedMap;
import dev.hogrig.scenario.Scenario;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The scenario catalogue as the class path holds it: every class in {@value #PACKAGE} that carries
 * {@link Scenario}, found by JUnit's own discovery (so what the command line lists is exactly what
 * CI runs), keyed by scenario name.
 */
final class Catalogue {
  static final String PACKAGE = "dev.hogrig.scenarios";

  private Catalogue() {}

  static ImmutableSortedMap<String, Class<?>> discover(Launcher launcher) {
    TestPlan plan =
        launcher.discover(
            request()
                .selectors(selectPackage(PACKAGE))
                .filters(TagFilter.includeTags(Scenario.TAG))
                .build());
    Map<String, Class<?>> byName = new TreeMap<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier id : plan.getDescendants(root)) {
        if (id.getSource().orElse(null) instanceof ClassSource cs) {
          Class<?> c = cs.getJavaClass();
          Scenario s = c.getAnnotation(Scenario.class);
          if (s != null) {
            Class<?> other = byName.put(s.name(), c);
            if (other != null && other != c) {
              throw new IllegalStateException(
                  "two scenarios named " + s.name() + ": " + other.getName() + ", " + c.getName());
            }
          }
        }
      }
    }
    return ImmutableSortedMap.copyOf(byName);
  }
}
