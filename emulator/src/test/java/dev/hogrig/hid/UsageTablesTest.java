package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Names from HUT 1.5 (and hid-decode's spelling where it differs). */
class UsageTablesTest {
  private final UsageTables t = UsageTables.standard();

  @Test
  void standardIsOneSharedInstance() {
    assertSame(t, UsageTables.standard());
  }

  /** Page names as hid-tools 0.12 prints them (its hidtools/data/*.hut page lines). */
  @Test
  void pageNamesAsHidDecodePrintsThem() {
    assertEquals("Generic Desktop", t.pageName(0x01));
    assertEquals("Simulation Controls", t.pageName(0x02));
    assertEquals("Generic Device Controls", t.pageName(0x06));
    assertEquals("Keyboard", t.pageName(0x07));
    assertEquals("LEDs", t.pageName(0x08));
    assertEquals("Button", t.pageName(0x09));
    assertEquals("Ordinals", t.pageName(0x0A));
    assertEquals("Telephony Devices", t.pageName(0x0B));
    assertEquals("Consumer Devices", t.pageName(0x0C));
    assertEquals("Digitizers", t.pageName(0x0D));
    assertEquals("Haptic", t.pageName(0x0E));
    assertEquals("Unicode", t.pageName(0x10));
    assertEquals("Power Device", t.pageName(0x84));
    assertEquals("Battery System", t.pageName(0x85));
  }

  /**
   * hid-tools 0.12 names only 0xFF00 ("Vendor Defined Page 1", hidtools/data/
   * ff00_vendor_defined_page_1.hut) and 0xFF0D ("Wacom"); every other vendor page falls back to
   * "Vendor Usage Page 0x%02x" (hidtools/hid.py get_human_descr). The older hogrig spelling still
   * compiles.
   */
  @Test
  void vendorPagesAsHidDecodePrintsThem() {
    assertEquals("Vendor Defined Page 1", t.pageName(0xff00));
    assertEquals("Vendor Usage Page 0xff01", t.pageName(0xff01));
    assertEquals("Vendor Usage Page 0xffff", t.pageName(0xffff));
    assertEquals(Optional.of("Vendor Usage 1"), t.usageName(new Usage(0xff00, 1)));
    assertEquals(Optional.empty(), t.usageName(new Usage(0xff00, 3)));
    assertEquals(OptionalInt.of(0xff00), t.page("Vendor Defined Page 1"));
    assertEquals(OptionalInt.of(0xff00), t.page("vendor defined page 0xff00"));
    assertEquals(OptionalInt.of(0xff42), t.page("vendor defined page 0xff42"));
  }

  @Test
  void unlistedPagesUseHidDecodesFallback() {
    assertEquals("Vendor Usage Page 0x99", t.pageName(0x99));
  }

  @Test
  void usageNamesAsHidDecodePrintsThem() {
    assertEquals(Optional.of("Mouse"), t.usageName(Usages.MOUSE));
    assertEquals(Optional.of("Pointer"), t.usageName(Usages.POINTER));
    assertEquals(Optional.of("X"), t.usageName(Usages.X));
    assertEquals(Optional.of("Wheel"), t.usageName(Usages.WHEEL));
    assertEquals(Optional.of("Keyboard"), t.usageName(Usages.KEYBOARD));
    assertEquals(Optional.of("Resolution Multiplier"), t.usageName(Usages.RESOLUTION_MULTIPLIER));
    assertEquals(Optional.of("Touch Pad"), t.usageName(Usages.TOUCH_PAD));
    assertEquals(Optional.of("Finger"), t.usageName(Usages.FINGER));
    assertEquals(Optional.of("Tip Switch"), t.usageName(Usages.TIP_SWITCH));
    assertEquals(Optional.of("Contact Id"), t.usageName(Usages.CONTACT_ID));
    assertEquals(Optional.of("Contact Count"), t.usageName(Usages.CONTACT_COUNT));
    assertEquals(Optional.of("Contact Max"), t.usageName(Usages.CONTACT_COUNT_MAXIMUM));
    assertEquals(Optional.of("Scan Time"), t.usageName(Usages.SCAN_TIME));
    assertEquals(Optional.of("Inputmode"), t.usageName(Usages.INPUT_MODE));
    assertEquals(Optional.of("Consumer Control"), t.usageName(Usages.CONSUMER_CONTROL));
    assertEquals(Optional.of("AC Pan"), t.usageName(Usages.AC_PAN));
    assertEquals(Optional.of("Num Lock"), t.usageName(new Usage(Usages.PAGE_LED, 0x01)));
    assertEquals(Optional.of("LeftControl"), t.usageName(new Usage(Usages.PAGE_KEYBOARD, 0xe0)));
    assertEquals(Optional.of("Volume Up"), t.usageName(new Usage(Usages.PAGE_CONSUMER, 0xe9)));
    assertEquals(Optional.of("Button Type"), t.usageName(new Usage(Usages.PAGE_DIGITIZERS, 0x59)));
    assertEquals(
        Optional.of("AL Consumer Control Config"),
        t.usageName(new Usage(Usages.PAGE_CONSUMER, 0x183)));
  }

  /** hid-tools 0.12 has no name for these, so hid-decode prints "Vendor Usage 0x..". */
  @Test
  void usagesHidDecodeCannotNameAreUnnamed() {
    assertEquals(Optional.empty(), t.usageName(Usages.BUTTON_1));
    assertEquals(Optional.empty(), t.usageName(new Usage(Usages.PAGE_DIGITIZERS, 0x60)));
    assertEquals(Optional.empty(), t.usageName(new Usage(0x85, 0x01)));
  }

  @Test
  void buttonAndOrdinalNamesAreGeneratedAliases() {
    assertEquals(Optional.empty(), t.usageName(new Usage(Usages.PAGE_BUTTON, 0xffff)));
    assertEquals(Optional.of("No Buttons Pressed"), t.usageName(new Usage(Usages.PAGE_BUTTON, 0)));
    assertEquals(Optional.empty(), t.usageName(new Usage(0x0A, 3)));
    assertEquals(Optional.of(new Usage(0x0A, 3)), t.usage(0x0A, "Instance 3"));
    assertEquals(Optional.of(new Usage(Usages.PAGE_BUTTON, 0xffff)), t.usage(0x09, "Button 65535"));
    assertEquals(Optional.of(new Usage(Usages.PAGE_BUTTON, 0)), t.usage(0x09, "No Button Pressed"));
    assertEquals(Optional.of(new Usage(Usages.PAGE_BUTTON, 12)), t.usage(0x09, "button 12"));
    assertEquals(Optional.empty(), t.usage(0x09, "Button 012"));
    assertEquals(Optional.empty(), t.usage(0x09, "Button 65536"));
  }

  @Test
  void unnamedUsagesAreEmpty() {
    assertEquals(Optional.empty(), t.usageName(new Usage(0x01, 0x03)));
    assertEquals(Optional.empty(), t.usageName(Usages.CERTIFICATION_STATUS));
  }

  @Test
  void lookupByNameIgnoresCase() {
    assertEquals(Optional.of(Usages.CONTACT_COUNT_MAXIMUM), t.usage(0x0D, "contact MAX"));
    assertEquals(Optional.of(Usages.X), t.usage(0x01, " x "));
    assertEquals(Optional.empty(), t.usage(0x01, "Finger"));
    assertEquals(OptionalInt.of(0x0D), t.page("DIGITIZERS"));
    assertEquals(OptionalInt.empty(), t.page("Digitiser"));
  }

  @Test
  void aliasesAreAcceptedWhenLookingUpButNeverPrinted() {
    assertEquals(Optional.of(Usages.CONTACT_COUNT_MAXIMUM), t.usage(0x0D, "Contact Count Maximum"));
    assertEquals(Optional.of("Contact Max"), t.usageName(Usages.CONTACT_COUNT_MAXIMUM));
    assertEquals(Optional.of(Usages.INPUT_MODE), t.usage(0x0D, "device mode"));
    assertEquals(OptionalInt.of(0x0C), t.page("Consumer"));
    assertEquals("Consumer Devices", t.pageName(0x0C));
    assertEquals(OptionalInt.of(0x07), t.page("Keyboard/Keypad"));
    assertEquals(OptionalInt.of(0x20), t.page("Sensors"));
    assertEquals(
        Optional.of(new Usage(Usages.PAGE_CONSUMER, 0xe9)),
        t.usage(Usages.PAGE_CONSUMER, "Volume Increment"));
    assertEquals(OptionalInt.of(0x0F), t.page("Physical Input Device"));
    assertEquals("Vendor Usage Page 0x0f", t.pageName(0x0F));
  }

  @Test
  void malformedDataFileFailsAtLoadNamingFileAndLine() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> UsageTables.load("/dev/hogrig/hid/usages-bad/"));
    assertEquals(
        "bad.txt:4: expected \"page 0xID Name\", \"0xID Name\", \"0xMIN..0xMAX Name {n}\","
            + " \"alias page Name\", \"alias page 0xID Name\", \"alias 0xID Name\" or"
            + " \"alias 0xMIN..0xMAX Name {n}\", got \"X 0x31\"",
        e.getMessage());
  }

  @Test
  void duplicateNamesOnAPageFailBecauseTheyCouldNotBeCompiledBack() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> UsageTables.load("/dev/hogrig/hid/usages-dup/"));
    assertEquals("dup.txt:3: name \"x\" is already used on this page", e.getMessage());
  }
}
