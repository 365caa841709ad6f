package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Records what a link layer reports, with the virtual time of each report. */
final class Recorder implements LlListener {
  final VirtualLlScheduler clock;
  final List<String> events = new ArrayList<>();
  final List<LlControlPdu> received = new ArrayList<>();
  final List<LlControlPdu> sent = new ArrayList<>();
  final List<Bytes> data = new ArrayList<>();
  int acked;
  int disconnectReason = -1;
  long disconnectedAt = -1;
  Function<Long, Optional<Bytes>> ltk = rand -> Optional.empty();
  LinkConnection self;

  Recorder(VirtualLlScheduler clock) {
    this.clock = clock;
  }

  private void log(String s) {
    events.add(s);
  }

  @Override
  public void dataReceived(boolean start, Bytes fragment) {
    data.add(fragment);
    log("data " + start + " " + fragment.toHex());
  }

  @Override
  public void dataAcknowledged(int count) {
    acked += count;
  }

  @Override
  public void remoteFeatures(int status, long features) {
    log(String.format("features %02x %x", status, features));
  }

  @Override
  public void remoteVersion(int status, int versNr, int companyId, int subVersNr) {
    log(String.format("version %02x %02x %04x %04x", status, versNr, companyId, subVersNr));
  }

  @Override
  public void connectionUpdateComplete(int status, int interval, int latency, int timeout) {
    log(String.format("connupdate %02x %d %d %d", status, interval, latency, timeout));
  }

  @Override
  public void dataLengthChanged(int maxTxOctets, int maxTxTime, int maxRxOctets, int maxRxTime) {
    log("datalength " + maxTxOctets + " " + maxTxTime + " " + maxRxOctets + " " + maxRxTime);
  }

  @Override
  public void phyUpdateComplete(int status, int txPhy, int rxPhy) {
    log(String.format("phy %02x %d %d", status, txPhy, rxPhy));
  }

  @Override
  public void ltkRequested(long rand, int ediv) {
    log("ltk?");
    self.ltkReply(ltk.apply(rand));
  }

  @Override
  public void encryptionChange(int status, boolean enabled) {
    log(String.format("encryption %02x %s", status, enabled));
  }

  @Override
  public void encryptionKeyRefreshComplete(int status) {
    log(String.format("keyrefresh %02x", status));
  }

  @Override
  public void channelStatus(Bytes classification) {
    log("channelstatus " + classification.toHex());
  }

  @Override
  public void disconnected(int reason) {
    disconnectReason = reason;
    disconnectedAt = clock.nowMicros();
    log(String.format("disconnected %02x", reason));
  }

  @Override
  public void controlPdu(boolean rx, LlControlPdu pdu) {
    (rx ? received : sent).add(pdu);
  }

  boolean got(int opcode) {
    return received.stream().anyMatch(p -> p.opcode() == opcode);
  }

  long count(List<LlControlPdu> l, int opcode) {
    return l.stream().filter(p -> p.opcode() == opcode).count();
  }
}
