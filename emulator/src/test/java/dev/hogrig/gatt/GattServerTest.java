package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hogrig.util.Bytes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generic ATT rules of {@link GattServer} over a hand-declared database. */
class GattServerTest {
  final GattDatabase.Builder b = GattDatabase.builder();
  final ServiceHandle svc =
      b.primaryService(BtUuid.parse("6e400001-b5a3-f393-e0a9-e50e24dcca9e"), "Vendor");
  final CharacteristicHandle secure =
      b.characteristic(
          svc,
          BtUuid.parse("6e400002-b5a3-f393-e0a9-e50e24dcca9e"),
          "Secure",
          EnumSet.of(Property.READ, Property.WRITE),
          EnumSet.of(Permission.SECURE_READ, Permission.ENCRYPT_WRITE));
  final DescriptorHandle writeOnly =
      b.descriptor(secure, BtUuid.of16(0x2901), "User Description", EnumSet.of(Permission.WRITE));
  final GattDatabase db = b.build();
  final GattEvents events =
      new GattEvents(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  GattServer server() {
    return new GattServer(
        db,
        Map.of(
            secure,
            AttributeHandler.constant(Bytes.of(1, 2, 3)),
            writeOnly,
            new AttributeHandler() {
              @Override
              public Bytes read(ConnectionInfo c) {
                return Bytes.EMPTY;
              }

              @Override
              public AttResult write(int offset, Bytes v, boolean withResponse, ConnectionInfo c) {
                return AttResult.ok();
              }
            }),
        events);
  }

  @Test
  void secureReadNeedsLevel4AndAnswersInsufficientAuthenticationBelow() {
    GattServer s = server();
    // BlueZ check_permissions(): secure (FIPS) below level 4 -> Insufficient Authentication.
    assertEquals(
        AttResult.error(AttError.INSUFFICIENT_AUTHENTICATION),
        s.read(secure, 0, ConnectionInfo.of("p", SecurityLevel.AUTHENTICATED)));
    assertEquals(
        AttResult.ok(Bytes.of(2, 3)),
        s.read(secure, 1, ConnectionInfo.of("p", SecurityLevel.SECURE)));
    // Write only asks for encryption.
    assertEquals(
        AttResult.error(AttError.INSUFFICIENT_ENCRYPTION),
        s.write(secure, 0, Bytes.of(9), true, ConnectionInfo.of("p", SecurityLevel.NONE)));
    // Write Command on a characteristic without write-without-response.
    assertEquals(
        AttResult.error(AttError.WRITE_NOT_PERMITTED),
        s.write(secure, 0, Bytes.of(9), false, ConnectionInfo.of("p", SecurityLevel.SECURE)));
  }

  @Test
  void descriptorAccessFollowsItsPermissions() {
    GattServer s = server();
    ConnectionInfo c = ConnectionInfo.of("p", SecurityLevel.NONE);
    assertEquals(AttResult.error(AttError.READ_NOT_PERMITTED), s.read(writeOnly, 0, c));
    assertEquals(AttResult.ok(), s.write(writeOnly, 0, Bytes.of(0x41), true, c));
  }

  @Test
  void everyAttributeNeedsAHandler() {
    assertThrows(
        GattModelException.class,
        () -> new GattServer(db, Map.of(secure, AttributeHandler.constant(Bytes.EMPTY)), events));
  }
}
