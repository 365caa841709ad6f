package dev.hogrig.bluez;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An agent for tests and the lab: accepts every confirmation, authorization and service, answers
 * passkey and PIN requests with fixed values, and records every call (so a test can report the
 * passkey shown or assert which side was asked what).
 */
public final class AcceptingAgentListener implements AgentListener {
  private final long passkey;
  private final String pinCode;
  private final List<AgentEvent> events = new ArrayList<>();

  /** Answers passkey requests with {@code passkey} and PIN requests with {@code pinCode}. */
  public AcceptingAgentListener(long passkey, String pinCode) {
    this.passkey = passkey;
    this.pinCode = pinCode;
  }

  public AcceptingAgentListener() {
    this(123456, "0000");
  }

  /** Every call so far, in arrival order. */
  public synchronized ImmutableList<AgentEvent> events() {
    return ImmutableList.copyOf(events);
  }

  private synchronized void record(String method, DeviceRef device, String detail) {
    events.add(new AgentEvent(method, device, detail, Instant.now()));
  }

  @Override
  public boolean requestConfirmation(DeviceRef device, long passkey) {
    record("RequestConfirmation", device, String.format("%06d", passkey));
    return true;
  }

  @Override
  public boolean requestAuthorization(DeviceRef device) {
    record("RequestAuthorization", device, "");
    return true;
  }

  @Override
  public boolean authorizeService(DeviceRef device, String uuid) {
    record("AuthorizeService", device, uuid);
    return true;
  }

  @Override
  public void displayPasskey(DeviceRef device, long passkey, int entered) {
    record("DisplayPasskey", device, String.format("%06d entered=%d", passkey, entered));
  }

  @Override
  public void displayPinCode(DeviceRef device, String pinCode) {
    record("DisplayPinCode", device, pinCode);
  }

  @Override
  public OptionalLong requestPasskey(DeviceRef device) {
    record("RequestPasskey", device, String.format("%06d", passkey));
    return OptionalLong.of(passkey);
  }

  @Override
  public Optional<String> requestPinCode(DeviceRef device) {
    record("RequestPinCode", device, pinCode);
    return Optional.of(pinCode);
  }

  @Override
  public void cancel() {
    record("Cancel", null, "");
  }

  @Override
  public void release() {
    record("Release", null, "");
  }
}
