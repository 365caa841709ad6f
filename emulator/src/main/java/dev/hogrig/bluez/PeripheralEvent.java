package dev.hogrig.bluez;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link BluezPeripheral} saw of bluetoothd and its adapter, and what it did about it
 * ({@link BluezPeripheral#addListener}). Times come from the peripheral's clock.
 *
 * <p>A typical bluetoothd restart (SIGTERM, then started again) reads: {@link AdapterPoweredOff}
 * (bluetoothd powers its adapters down before it exits, BlueZ src/adapter.c {@code
 * adapter_shutdown}), {@link AdapterRemoved}, {@link BluezLost}; then {@link BluezBack}, {@link
 * AdapterAdded}, {@link AdapterPoweredOn} (AutoEnable), {@link RecoveryStarted}, one {@link
 * Reregistered} per {@link Registration} in start order, {@link Recovered}.
 */
public sealed interface PeripheralEvent {
  Instant time();

  /** What {@link BluezPeripheral#start} registers with bluetoothd, in that order. */
  enum Registration {
    /** {@code AgentManager1.RegisterAgent} with the profile's IO capability. */
    AGENT,
    /** {@code AgentManager1.RequestDefaultAgent}. */
    DEFAULT_AGENT,
    /** {@code Adapter1.Alias} = the local name (BlueZ serves it as GAP Device Name). */
    ALIAS,
    /** {@code GattManager1.RegisterApplication} of the HOGP database. */
    GATT_APPLICATION,
    /** {@code LEAdvertisingManager1.RegisterAdvertisement}. */
    ADVERTISEMENT
  }

  /** {@code org.bluez} lost its owner: bluetoothd exited (or crashed). */
  record BluezLost(Instant time, String oldOwner) implements PeripheralEvent {}

  /** {@code org.bluez} has an owner again: a new bluetoothd (a new unique name). */
  record BluezBack(Instant time, String newOwner) implements PeripheralEvent {}

  /** The peripheral's adapter reported {@code Powered = false}. */
  record AdapterPoweredOff(Instant time, String adapter) implements PeripheralEvent {}

  /** The peripheral's adapter reported {@code Powered = true}: recovery follows. */
  record AdapterPoweredOn(Instant time, String adapter) implements PeripheralEvent {}

  /** The adapter's object went away (InterfacesRemoved of {@code org.bluez.Adapter1}). */
  record AdapterRemoved(Instant time, String adapter) implements PeripheralEvent {}

  /** The adapter's object came (back) at the same path (InterfacesAdded). */
  record AdapterAdded(Instant time, String adapter, boolean powered) implements PeripheralEvent {}

  /** A recovery attempt begins ({@code attempt} from 1), for {@code reason}. */
  record RecoveryStarted(Instant time, int attempt, String reason) implements PeripheralEvent {}

  /** bluetoothd accepted {@code what} again; {@code duration} is that call's round trip. */
  record Reregistered(Instant time, Registration what, Duration duration)
      implements PeripheralEvent {}

  /**
   * bluetoothd still had {@code what} (it answered {@code org.bluez.Error.AlreadyExists}, or the
   * Alias was already the local name): an adapter power cycle keeps registrations.
   */
  record StillRegistered(Instant time, Registration what) implements PeripheralEvent {}

  /**
   * Everything is registered again; {@code sinceTrigger} runs from the signal that asked for
   * recovery (e.g. Powered = true) to the last registration's answer.
   */
  record Recovered(Instant time, int attempt, Duration sinceTrigger) implements PeripheralEvent {}

  /** Attempt {@code attempt} failed with {@code reason}; the next follows after {@code retryIn}. */
  record AttemptFailed(Instant time, int attempt, String reason, Duration retryIn)
      implements PeripheralEvent {}

  /** Recovery gave up after {@code attempts} attempts; {@code reason} is the last failure. */
  record RecoveryFailed(Instant time, int attempts, String reason) implements PeripheralEvent {}
}
