package dev.hogrig.hid.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule table the CLI prints for --list-rules and docs are generated from. */
class RuleTableTest {

  @Test
  void idsAreUniqueUppercaseAndHyphenated() {
    Set<String> ids = new HashSet<>();
    for (Rule r : Rule.values()) {
      assertTrue(ids.add(r.id()), "duplicate " + r.id());
      assertTrue(r.id().matches("[A-Z]+(-[A-Z0-9]+)+"), r.id());
    }
  }

  @Test
  void idIsTheConstantNameWithHyphens() {
    // Keeps IDs and enum names from drifting apart; scripts filter on the ID.
    for (Rule r : Rule.values()) {
      assertEquals(r.name().replace('_', '-'), r.id());
    }
  }

  @Test
  void everyRuleHasASummaryAndASource() {
    for (Rule r : Rule.values()) {
      assertFalse(r.summary().isBlank(), r.id());
      assertFalse(r.summary().contains("\n"), r.id());
      assertFalse(r.source().isBlank(), r.id());
    }
  }

  @Test
  void prefixesNameTheAuthority() {
    for (Rule r : Rule.values()) {
      String prefix = r.id().substring(0, r.id().indexOf('-'));
      assertTrue(Set.of("HID", "HOGP", "LINUX", "PTP", "BOOT").contains(prefix), r.id());
    }
  }

  @Test
  void byIdFindsRulesIgnoringCase() {
    assertEquals(Optional.of(Rule.HOGP_REPORT_MAP_SIZE), Rule.byId("hogp-report-map-size"));
    assertEquals(Optional.empty(), Rule.byId("NO-SUCH-RULE"));
  }

  @Test
  void briefedRuleIdsExist() {
    for (String id :
        new String[] {
          "HID-COLLECTION-UNBALANCED",
          "HOGP-REPORT-MAP-SIZE",
          "LINUX-DESCRIPTOR-SIZE",
          "PTP-CONTACT-COUNT",
          "BOOT-KEYBOARD-LAYOUT"
        }) {
      assertTrue(Rule.byId(id).isPresent(), id);
    }
  }

  @Test
  void missingCertificationStatusIsOnlyInformation() {
    // Microsoft lists it, but a pad works without it: INFO, as the brief defines.
    assertEquals(Severity.INFO, Rule.PTP_CERTIFICATION_STATUS.severity());
  }
}
