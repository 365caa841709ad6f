package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.common.collect.ImmutableList;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lab capture of one LE connection between hci1 (central) and hci0 (peripheral), made by
 * CaptureAuditLabTest. Expected values read from {@code btmon -r} (BlueZ 5.66) and from the btsnoop
 * layout by hand; btmon itself crashes (SIGSEGV) on this file after the GATT discovery, so the
 * disconnection was checked with a separate 20-line script.
 */
class HciTraceTest {
  static HciTrace connect() {
    return HciTrace.read(
        new ByteArrayInputStream(BtsnoopReaderTest.resource("lab-connect.btsnoop").toArray()));
  }

  @Test
  void readsEveryRecordOfTheLabCapture() {
    HciTrace t = connect();
    assertEquals(764, t.records().size());
    assertFalse(t.incomplete());
    assertEquals(33431, t.length());
    assertEquals(ImmutableList.of(0, 1, 2), t.controllers().asList());
    assertEquals(new PacketCounts(40, 83, 40, 40, 0, 0), t.counts(0));
    assertEquals(new PacketCounts(43, 89, 40, 40, 0, 0), t.counts(1));
    assertEquals(new PacketCounts(32, 32, 0, 0, 0, 0), t.counts(2));
    List<String> names =
        t.records().stream()
            .filter(r -> r.packet() instanceof MonitorPacket.NewIndex)
            .map(r -> ((MonitorPacket.NewIndex) r.packet()).name())
            .collect(Collectors.toList());
    assertEquals(List.of("hci0", "hci1", "hci2"), names);
    assertEquals(
        0, t.records().stream().filter(r -> r.packet() instanceof MonitorPacket.Malformed).count());
  }

  @Test
  void connectionsCarryRolesPeersAndDisconnectReasons() {
    List<Connection> c = connect().connections();
    assertEquals(2, c.size(), c.toString());
    Connection peripheral = c.get(0);
    assertEquals(0, peripheral.index());
    assertEquals(0x2a, peripheral.handle());
    assertEquals(Connection.Role.PERIPHERAL, peripheral.role());
    assertEquals(BdAddr.parse("00:AA:01:01:00:01"), peripheral.peer());
    assertEquals(Optional.of(0x13), peripheral.reason());
    assertEquals(Optional.of("Remote User Terminated Connection (0x13)"), peripheral.reasonText());
    Connection central = c.get(1);
    assertEquals(1, central.index());
    assertEquals(Connection.Role.CENTRAL, central.role());
    assertEquals(BdAddr.parse("00:AA:01:00:00:00"), central.peer());
    assertEquals(Optional.of(0x13), central.reason());
    assertEquals(true, central.disconnected().orElseThrow().isAfter(central.connected()));
  }

  /**
   * btmon: hci1's first ATT PDUs are Exchange MTU Request (TX, client RX MTU 517), then Request and
   * Response.
   */
  @Test
  void attPdusFollowTheGattExchange() {
    List<AttRecord> att = connect().attPdus(1);
    assertEquals(
        517, assertInstanceOf(AttPdu.ExchangeMtuRequest.class, att.get(0).pdu()).clientRxMtu());
    assertEquals(Direction.TO_CONTROLLER, att.get(0).direction());
    assertEquals(0x2a, att.get(0).handle());
    assertInstanceOf(AttPdu.ExchangeMtuRequest.class, att.get(1).pdu());
    assertEquals(Direction.FROM_CONTROLLER, att.get(1).direction());
    assertInstanceOf(AttPdu.ExchangeMtuResponse.class, att.get(2).pdu());
  }
}
