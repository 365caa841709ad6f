package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSet;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GattDatabaseTest {
  static final BtUuid SVC = BtUuid.of16(0x180F);
  static final BtUuid CHR = BtUuid.of16(0x2A19);

  @Test
  void cccDescriptorIsRefusedBecauseBluezAddsIt() {
    GattDatabase.Builder b = GattDatabase.builder();
    ServiceHandle s = b.primaryService(SVC, "Battery");
    CharacteristicHandle c =
        b.characteristic(s, CHR, "Level", EnumSet.of(Property.READ, Property.NOTIFY), Set.of());
    b.descriptor(
        c,
        GattUuids.CLIENT_CHARACTERISTIC_CONFIGURATION,
        "CCC",
        EnumSet.of(Permission.READ, Permission.WRITE));
    GattModelException e = assertThrows(GattModelException.class, b::build);
    assertTrue(
        e.getMessage().contains("Level") && e.getMessage().contains("BlueZ"), e.getMessage());
  }

  @Test
  void writePermissionWithoutWritePropertyIsRefused() {
    GattDatabase.Builder b = GattDatabase.builder();
    ServiceHandle s = b.primaryService(SVC, "Battery");
    b.characteristic(
        s, CHR, "Level", EnumSet.of(Property.READ), EnumSet.of(Permission.ENCRYPT_WRITE));
    GattModelException e = assertThrows(GattModelException.class, b::build);
    assertTrue(e.getMessage().contains("encrypt-write"), e.getMessage());
  }

  @Test
  void characteristicWithoutPropertiesAndDescriptorWithoutAccessAreRefused() {
    GattDatabase.Builder b1 = GattDatabase.builder();
    b1.characteristic(b1.primaryService(SVC, "S"), CHR, "C", Set.of(), Set.of());
    assertThrows(GattModelException.class, b1::build);

    GattDatabase.Builder b2 = GattDatabase.builder();
    CharacteristicHandle c =
        b2.characteristic(
            b2.primaryService(SVC, "S"), CHR, "C", EnumSet.of(Property.READ), Set.of());
    b2.descriptor(c, GattUuids.REPORT_REFERENCE, "Ref", EnumSet.of(Permission.AUTHORIZE));
    assertThrows(GattModelException.class, b2::build);
  }

  @Test
  void sameDescriptorTwiceOnOneCharacteristicIsRefused() {
    GattDatabase.Builder b = GattDatabase.builder();
    CharacteristicHandle c =
        b.characteristic(b.primaryService(SVC, "S"), CHR, "C", EnumSet.of(Property.READ), Set.of());
    b.descriptor(c, GattUuids.REPORT_REFERENCE, "Ref 1", EnumSet.of(Permission.READ));
    b.descriptor(c, GattUuids.REPORT_REFERENCE, "Ref 2", EnumSet.of(Permission.READ));
    assertThrows(GattModelException.class, b::build);
  }

  @Test
  void bluezFlagsAreThePropertyWordsThenTheSecurityWords() {
    // BlueZ doc/org.bluez.GattCharacteristic.rst, Flags: "read", "notify", "encrypt-read", ...
    GattDatabase.Builder b = GattDatabase.builder();
    CharacteristicHandle c =
        b.characteristic(
            b.primaryService(SVC, "S"),
            CHR,
            "C",
            EnumSet.of(Property.READ, Property.WRITE_WITHOUT_RESPONSE, Property.NOTIFY),
            EnumSet.of(Permission.ENCRYPT_AUTHENTICATED_READ, Permission.ENCRYPT_WRITE));
    DescriptorHandle d =
        b.descriptor(
            c,
            GattUuids.REPORT_REFERENCE,
            "Ref",
            EnumSet.of(Permission.READ, Permission.ENCRYPT_READ));
    GattDatabase db = b.build();
    assertEquals(
        ImmutableSet.of(
            "read",
            "write-without-response",
            "notify",
            "encrypt-write",
            "encrypt-authenticated-read"),
        db.characteristic(c).orElseThrow().bluezFlags());
    assertEquals(
        ImmutableSet.of("read", "encrypt-read"), db.descriptor(d).orElseThrow().bluezFlags());
    assertEquals(c, db.owner(d).orElseThrow());
  }

  @Test
  void builderCannotBeReused() {
    GattDatabase.Builder b = GattDatabase.builder();
    b.characteristic(b.primaryService(SVC, "S"), CHR, "C", EnumSet.of(Property.READ), Set.of());
    b.build();
    assertThrows(IllegalStateException.class, b::build);
    assertThrows(IllegalStateException.class, () -> b.primaryService(SVC, "again"));
  }
}
