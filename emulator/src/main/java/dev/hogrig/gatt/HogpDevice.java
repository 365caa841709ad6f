package dev.hogrig.gatt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A HID-over-GATT device (HOGP 1.0, HID Device role) built from a {@link HidProfile}: its GATT
 * database and the HIDS behaviour behind it. Knows nothing of D-Bus; a backend exports {@link
 * #database()}, forwards accesses to {@link #read}/{@link #write} and implements the {@link
 * NotificationSink}.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 *   HID Service 0x1812 (primary)
 *     Protocol Mode            0x2A4E  read, write-without-response     only when boot-capable
 *     Report Map               0x2A4B  read (long)
 *       External Report Ref.   0x2907  read   value 19 2A (Battery Level)
 *     Report                   0x2A4D  one per report ID and type of the descriptor:
 *                                      Input: read, notify; Output: read, write, write-without-
 *                                      response; Feature: read, write
 *       Report Reference       0x2908  read   value [report ID, type 1/2/3]
 *     Boot Keyboard Input      0x2A22  read, notify                     when boot keyboard
 *     Boot Keyboard Output     0x2A32  read, write, write-without-resp. when boot keyboard
 *     Boot Mouse Input         0x2A33  read, notify                     when boot mouse
 *     HID Information          0x2A4A  read
 *     HID Control Point        0x2A4C  write-without-response
 *   Battery Service 0x180F
 *     Battery Level            0x2A19  read, notify
 *   Device Information 0x180A
 *     Manufacturer Name        0x2A29  read
 *     Model Number             0x2A24  read
 *     Firmware Revision        0x2A26  read
 *     PnP ID                   0x2A50  read
 * </pre>
 *
 * Every read and write permission asks for the profile's {@link HogpSecurity} level of its service.
 * Protocol Mode exists only with a boot device: HIDS 1.0 requires it of boot-capable devices, and
 * without Boot characteristics a switch to boot mode could only silence the device.
 *
 * <h2>Behaviour (HIDS 1.0)</h2>
 *
 * <ul>
 *   <li>Protocol Mode: one octet, 0 Boot or 1 Report; starts as Report and is reset to Report when
 *       a client connects. A change routes {@link #sendInput} to the Boot characteristics and back.
 *       Other values and lengths change nothing: as a Write Command (its only property) no answer
 *       goes on the air; the model returns Value Not Allowed (0x13) or Invalid Attribute Value
 *       Length (0x0D) for the event log, and a Write Request is refused with Write Not Permitted
 *       (0x03) because the characteristic has no write property.
 *   <li>Control Point: 0 Suspend, 1 Exit Suspend are recorded ({@link GattEvent.ControlPoint},
 *       {@link #suspended()}); reserved values are ignored the same way. The device keeps sending
 *       while suspended: HIDS leaves power saving to the device.
 *   <li>Output and Feature reports: a per-report store, initialised to zeros of the report's
 *       payload length (or the profile's initial feature values). A write must be the whole
 *       payload, else Invalid Attribute Value Length (0x0D) and nothing changes. A write at offset
 *       n &gt; 0 (a segment of a long write) replaces octets n.. and must end inside the payload.
 *       {@link #onFeatureWrite} hooks may refuse a feature value with an ATT error; {@link
 *       #onOutputReport} hooks see every accepted output report, LEDs included.
 *   <li>Input reports: the value last sent, readable; notified through the sink by {@link
 *       #sendInput}.
 * </ul>
 *
 * <h2>Notifications while no client listens</h2>
 *
 * The device knows which notifiable characteristics (Report Input, Boot Keyboard/Mouse Input,
 * Battery Level) have a subscribed client from {@link #subscriptionChanged}, which the backend
 * calls (BlueZ: StartNotify/StopNotify). A value for a subscribed characteristic goes to the sink
 * at once. Otherwise the {@link UnsubscribedPolicy} decides: queue the latest n (default 32) and
 * flush them, oldest first, when a client subscribes to that characteristic, or drop; every value
 * ends as a {@link GattEvent.Notification}, {@link GattEvent.NotificationQueued} or {@link
 * GattEvent.NotificationDropped}, and {@link #pendingNotifications}/{@link #droppedNotifications}
 * count them. The stored (readable) value is updated either way: a host that reads the
 * characteristic sees the current state. All of this happens under the device's lock, so a flush
 * completes before any later value is sent: per characteristic, the host gets values in the order
 * they were produced. Across characteristics, queued values go out when each is subscribed (the
 * host chooses that order); live values keep their order.
 */
public final class HogpDevice implements GattServerLogic {

  /** One report of the descriptor: type and ID (0 when the descriptor uses no IDs). */
  public record ReportKey(ReportType type, int id) {}

  /**
   * What became of a value to notify.
   *
   * @param characteristic where it goes
   * @param value the value (also the characteristic's readable value now)
   * @param delivery whether it was handed to the sink, queued or dropped ({@link
   *     UnsubscribedPolicy})
   */
  public record SentInput(CharacteristicHandle characteristic, Bytes value, Delivery delivery) {}

  /** The fate of a value to notify, decided by subscription and {@link UnsubscribedPolicy}. */
  public enum Delivery {
    /** A client is subscribed: handed to the sink now. */
    SENT,
    /** No client is subscribed: queued, sent when one subscribes. */
    QUEUED,
    /** No client is subscribed and the policy is {@link UnsubscribedPolicy#drop()}. */
    DROPPED
  }

  /** Sees a feature report value before it is stored; may refuse it. */
  @FunctionalInterface
  public interface FeatureWriteHook {
    /** Empty to accept, or the ATT error to answer (the store keeps its old value). */
    Optional<AttError> onFeatureWrite(int reportId, Bytes value, ConnectionInfo connection);
  }

  /** Sees every accepted output report. */
  @FunctionalInterface
  public interface OutputReportHook {
    /** {@code boot}: written to Boot Keyboard Output Report, then {@code reportId} is 0. */
    void onOutputReport(int reportId, boolean boot, Bytes value, ConnectionInfo connection);
  }

  private final Object lock = new Object();
  private final HidProfile profile;
  private final UnsubscribedPolicy policy;
  private final ReportDescriptor descriptor;
  private final GattEvents events;
  private final NotificationSink sink;
  private final GattServer server;
  private final List<FeatureWriteHook> featureHooks = new CopyOnWriteArrayList<>();
  private final List<OutputReportHook> outputHooks = new CopyOnWriteArrayList<>();

  private final ServiceHandle hidService;
  private final ServiceHandle batteryService;
  private final ServiceHandle deviceInformationService;
  private final CharacteristicHandle protocolMode;
  private final CharacteristicHandle reportMap;
  private final DescriptorHandle externalReportReference;
  private final ImmutableMap<ReportKey, CharacteristicHandle> reports;
  private final ImmutableMap<ReportKey, DescriptorHandle> reportReferences;
  private final CharacteristicHandle bootKeyboardInput;
  private final CharacteristicHandle bootKeyboardOutput;
  private final CharacteristicHandle bootMouseInput;
  private final CharacteristicHandle hidInformation;
  private final CharacteristicHandle controlPoint;
  private final CharacteristicHandle batteryLevel;
  private final CharacteristicHandle manufacturerName;
  private final CharacteristicHandle modelNumber;
  private final CharacteristicHandle firmwareRevision;
  private final CharacteristicHandle pnpId;
  private final ImmutableSet<CharacteristicHandle> notifiable;

  // state, guarded by lock
  private ProtocolMode mode = ProtocolMode.REPORT;
  private boolean suspended;
  private int battery;
  private final Map<ReportKey, Bytes> values = new LinkedHashMap<>();
  private Bytes bootKeyboardInputValue = Bytes.of(new int[BootReports.KEYBOARD_INPUT_LENGTH]);
  private Bytes bootKeyboardOutputValue = Bytes.of(new int[BootReports.KEYBOARD_OUTPUT_LENGTH]);
  private Bytes bootMouseInputValue = Bytes.of(new int[BootReports.MOUSE_INPUT_LENGTH]);
  private final Set<CharacteristicHandle> subscribed = new HashSet<>();
  private final Map<CharacteristicHandle, Deque<Bytes>> queues = new HashMap<>();
  private final Map<CharacteristicHandle, Long> dropCounts = new HashMap<>();

  /**
   * Builds the device with {@link UnsubscribedPolicy#defaults()}.
   *
   * @param clock stamps every {@link GattEvent}
   * @param sink receives values to notify
   */
  public static HogpDevice create(HidProfile profile, Clock clock, NotificationSink sink) {
    return create(profile, clock, sink, UnsubscribedPolicy.defaults());
  }

  /**
   * Builds the device.
   *
   * @param clock stamps every {@link GattEvent}
   * @param sink receives values to notify for subscribed characteristics
   * @param policy what to do with values while no client is subscribed
   */
  public static HogpDevice create(
      HidProfile profile, Clock clock, NotificationSink sink, UnsubscribedPolicy policy) {
    return new HogpDevice(profile, new GattEvents(clock), sink, policy);
  }

  private HogpDevice(
      HidProfile profile, GattEvents events, NotificationSink sink, UnsubscribedPolicy policy) {
    this.profile = Objects.requireNonNull(profile);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.descriptor = profile.descriptor();
    this.events = events;
    this.sink = Objects.requireNonNull(sink);
    this.battery = profile.batteryLevel();

    GattDatabase.Builder b = GattDatabase.builder();
    Map<AttributeHandle, AttributeHandler> h = new LinkedHashMap<>();
    SecurityLevel hs = profile.security().hid();
    Set<Permission> r = EnumSet.of(Permission.readAt(hs));
    Set<Permission> rw = EnumSet.of(Permission.readAt(hs), Permission.writeAt(hs));
    Set<Permission> w = EnumSet.of(Permission.writeAt(hs));
    boolean bootKeyboard = profile.boot().contains(BootDevice.KEYBOARD);
    boolean bootMouse = profile.boot().contains(BootDevice.MOUSE);

    hidService = b.primaryService(GattUuids.HUMAN_INTERFACE_DEVICE, "HID Service");
    if (bootKeyboard || bootMouse) {
      protocolMode =
          b.characteristic(
              hidService,
              GattUuids.PROTOCOL_MODE,
              "Protocol Mode",
              EnumSet.of(Property.READ, Property.WRITE_WITHOUT_RESPONSE),
              rw);
      h.put(protocolMode, handler(c -> Bytes.of(mode.value()), this::writeProtocolMode));
    } else {
      protocolMode = null;
    }

    reportMap =
        b.characteristic(
            hidService, GattUuids.REPORT_MAP, "Report Map", EnumSet.of(Property.READ), r);
    h.put(reportMap, AttributeHandler.constant(descriptor.bytes()));
    externalReportReference =
        b.descriptor(
            reportMap, GattUuids.EXTERNAL_REPORT_REFERENCE, "External Report Reference", r);
    h.put(
        externalReportReference,
        AttributeHandler.constant(HogpCodec.externalReportReference(GattUuids.BATTERY_LEVEL)));

    ImmutableMap.Builder<ReportKey, CharacteristicHandle> rep = ImmutableMap.builder();
    ImmutableMap.Builder<ReportKey, DescriptorHandle> refs = ImmutableMap.builder();
    for (Report report : descriptor.reports()) {
      ReportKey key = new ReportKey(report.type(), report.id());
      String label = "Report (%s, id %d)".formatted(report.type().displayName(), report.id());
      Set<Property> props =
          switch (report.type()) {
            case INPUT -> EnumSet.of(Property.READ, Property.NOTIFY);
            case OUTPUT ->
                EnumSet.of(Property.READ, Property.WRITE, Property.WRITE_WITHOUT_RESPONSE);
            case FEATURE -> EnumSet.of(Property.READ, Property.WRITE);
          };
      CharacteristicHandle ch =
          b.characteristic(
              hidService,
              GattUuids.REPORT,
              label,
              props,
              report.type() == ReportType.INPUT ? r : rw);
      DescriptorHandle ref =
          b.descriptor(ch, GattUuids.REPORT_REFERENCE, "Report Reference of " + label, r);
      rep.put(key, ch);
      refs.put(key, ref);
      Bytes initial =
          report.type() == ReportType.FEATURE && profile.initialFeatures().containsKey(report.id())
              ? profile.initialFeatures().get(report.id())
              : Bytes.of(new int[report.payloadLength()]);
      values.put(key, initial);
      h.put(ref, AttributeHandler.constant(HogpCodec.reportReference(report.id(), report.type())));
      h.put(ch, reportHandler(key));
    }
    reports = rep.build();
    reportReferences = refs.build();

    if (bootKeyboard) {
      bootKeyboardInput =
          b.characteristic(
              hidService,
              GattUuids.BOOT_KEYBOARD_INPUT_REPORT,
              "Boot Keyboard Input Report",
              EnumSet.of(Property.READ, Property.NOTIFY),
              r);
      h.put(bootKeyboardInput, handler(c -> bootKeyboardInputValue, null));
      bootKeyboardOutput =
          b.characteristic(
              hidService,
              GattUuids.BOOT_KEYBOARD_OUTPUT_REPORT,
              "Boot Keyboard Output Report",
              EnumSet.of(Property.READ, Property.WRITE, Property.WRITE_WITHOUT_RESPONSE),
              rw);
      h.put(bootKeyboardOutput, handler(c -> bootKeyboardOutputValue, this::writeBootOutput));
    } else {
      bootKeyboardInput = null;
      bootKeyboardOutput = null;
    }
    if (bootMouse) {
      bootMouseInput =
          b.characteristic(
              hidService,
              GattUuids.BOOT_MOUSE_INPUT_REPORT,
              "Boot Mouse Input Report",
              EnumSet.of(Property.READ, Property.NOTIFY),
              r);
      h.put(bootMouseInput, handler(c -> bootMouseInputValue, null));
    } else {
      bootMouseInput = null;
    }

    hidInformation =
        b.characteristic(
            hidService, GattUuids.HID_INFORMATION, "HID Information", EnumSet.of(Property.READ), r);
    h.put(
        hidInformation,
        AttributeHandler.constant(HogpCodec.hidInformation(profile.hidInformation())));
    controlPoint =
        b.characteristic(
            hidService,
            GattUuids.HID_CONTROL_POINT,
            "HID Control Point",
            EnumSet.of(Property.WRITE_WITHOUT_RESPONSE),
            w);
    h.put(controlPoint, handler(c -> Bytes.EMPTY, this::writeControlPoint));

    SecurityLevel bs = profile.security().battery();
    batteryService = b.primaryService(GattUuids.BATTERY_SERVICE, "Battery Service");
    batteryLevel =
        b.characteristic(
            batteryService,
            GattUuids.BATTERY_LEVEL,
            "Battery Level",
            EnumSet.of(Property.READ, Property.NOTIFY),
            EnumSet.of(Permission.readAt(bs)));
    h.put(batteryLevel, handler(c -> HogpCodec.batteryLevel(battery), null));

    SecurityLevel ds = profile.security().deviceInformation();
    Set<Permission> dr = EnumSet.of(Permission.readAt(ds));
    Set<Property> ro = EnumSet.of(Property.READ);
    deviceInformationService = b.primaryService(GattUuids.DEVICE_INFORMATION, "Device Information");
    manufacturerName =
        b.characteristic(
            deviceInformationService,
            GattUuids.MANUFACTURER_NAME_STRING,
            "Manufacturer Name String",
            ro,
            dr);
    h.put(manufacturerName, AttributeHandler.constant(HogpCodec.utf8(profile.manufacturer())));
    modelNumber =
        b.characteristic(
            deviceInformationService, GattUuids.MODEL_NUMBER_STRING, "Model Number String", ro, dr);
    h.put(modelNumber, AttributeHandler.constant(HogpCodec.utf8(profile.model())));
    firmwareRevision =
        b.characteristic(
            deviceInformationService,
            GattUuids.FIRMWARE_REVISION_STRING,
            "Firmware Revision String",
            ro,
            dr);
    h.put(firmwareRevision, AttributeHandler.constant(HogpCodec.utf8(profile.firmwareRevision())));
    pnpId = b.characteristic(deviceInformationService, GattUuids.PNP_ID, "PnP ID", ro, dr);
    h.put(pnpId, AttributeHandler.constant(HogpCodec.pnpId(profile.pnpId())));

    this.server = new GattServer(b.build(), h, events, lock);
    ImmutableSet.Builder<CharacteristicHandle> n = ImmutableSet.builder();
    for (GattService s : server.database().services()) {
      for (GattCharacteristic c : s.characteristics()) {
        if (c.has(Property.NOTIFY)) {
          n.add(c.handle());
        }
      }
    }
    this.notifiable = n.build();
  }

  // ---------------------------------------------------------------- GattServerLogic

  @Override
  public GattDatabase database() {
    return server.database();
  }

  @Override
  public AttResult read(AttributeHandle handle, int offset, ConnectionInfo connection) {
    return server.read(handle, offset, connection);
  }

  @Override
  public AttResult write(
      AttributeHandle handle,
      int offset,
      Bytes value,
      boolean withResponse,
      ConnectionInfo connection) {
    return server.write(handle, offset, value, withResponse, connection);
  }

  /** HIDS: a new connection starts in Report Protocol Mode, not suspended. */
  @Override
  public void connected(ConnectionInfo connection) {
    synchronized (lock) {
      events.publish(
          new GattEvent.Connected(events.now(), connection.peer(), connection.security()));
      if (mode != ProtocolMode.REPORT) {
        ProtocolMode from = mode;
        mode = ProtocolMode.REPORT;
        events.publish(
            new GattEvent.ProtocolModeChanged(
                events.now(), connection.peer(), from, ProtocolMode.REPORT));
      }
      suspended = false;
    }
  }

  @Override
  public void disconnected(String peer) {
    synchronized (lock) {
      events.publish(new GattEvent.Disconnected(events.now(), peer));
    }
  }

  /**
   * Records whether a client listens to {@code characteristic}. On subscription the values queued
   * for it go to the sink, oldest first ({@link GattEvent.QueueFlushed}, then one {@link
   * GattEvent.Notification} each), before this method returns and before any value sent later.
   * Repeating the current state changes nothing and publishes nothing.
   *
   * @throws IllegalArgumentException when {@code characteristic} is not a notifiable characteristic
   *     of this device
   */
  @Override
  public void subscriptionChanged(CharacteristicHandle characteristic, boolean on) {
    requireNotifiable(characteristic);
    synchronized (lock) {
      boolean changed = on ? subscribed.add(characteristic) : subscribed.remove(characteristic);
      if (!changed) {
        return;
      }
      events.publish(new GattEvent.SubscriptionChanged(events.now(), characteristic, on));
      Deque<Bytes> q = queues.get(characteristic);
      if (!on || q == null || q.isEmpty()) {
        return;
      }
      events.publish(new GattEvent.QueueFlushed(events.now(), characteristic, q.size()));
      while (!q.isEmpty()) {
        Bytes v = q.peekFirst();
        sink.notify(characteristic, v);
        q.removeFirst();
        events.publish(new GattEvent.Notification(events.now(), characteristic, v));
      }
    }
  }

  // ---------------------------------------------------------------- device side

  /**
   * Sends an input report built from {@code data}: in Report Protocol Mode through its Report
   * characteristic ({@link ReportCodec#encodePayload}); in Boot Protocol Mode through Boot
   * Keyboard/Mouse Input Report ({@link BootReports}) when the report belongs to the boot
   * keyboard/mouse application, else it is dropped ({@link GattEvent.InputDropped}).
   *
   * @return the value and whether it was sent, queued or dropped ({@link UnsubscribedPolicy});
   *     empty when boot mode has no place for it
   * @throws IllegalArgumentException when {@code type} is not INPUT
   * @throws dev.hogrig.hid.ReportCodecException when {@code data} does not fit the report
   */
  public Optional<SentInput> sendInput(ReportType type, int reportId, ReportData data) {
    requireInput(type);
    synchronized (lock) {
      if (mode == ProtocolMode.BOOT) {
        Optional<BootDevice> dev = bootDeviceOf(reportId);
        if (dev.isEmpty()) {
          return dropped(reportId);
        }
        return Optional.of(
            dev.get() == BootDevice.KEYBOARD
                ? emitBootKeyboard(BootReports.keyboard(data))
                : emitBootMouse(BootReports.mouse(data)));
      }
      Bytes payload = ReportCodec.encodePayload(descriptor, ReportType.INPUT, reportId, data);
      return Optional.of(emitReport(new ReportKey(ReportType.INPUT, reportId), payload));
    }
  }

  /**
   * Sends a raw input report payload (no report-ID byte). In Boot Protocol Mode the payload is cut
   * to its boot part, which is only right when the descriptor's layout starts with the boot layout
   * ({@link BootSupport#layoutMatches}); otherwise use {@link #sendInput(ReportType, int,
   * ReportData)} or {@link #sendBootInput}.
   *
   * @throws IllegalArgumentException when the payload length is not the report's
   * @throws IllegalStateException in boot mode when the layout does not match
   */
  public Optional<SentInput> sendInput(ReportType type, int reportId, Bytes payload) {
    requireInput(type);
    synchronized (lock) {
      ReportKey key = new ReportKey(ReportType.INPUT, reportId);
      Report report = ReportCodec.report(descriptor, ReportType.INPUT, reportId);
      if (payload.size() != report.payloadLength()) {
        throw new IllegalArgumentException(
            "Input report %d payload is %d octets, got %d: %s"
                .formatted(reportId, report.payloadLength(), payload.size(), payload));
      }
      if (mode == ProtocolMode.BOOT) {
        Optional<BootDevice> dev = bootDeviceOf(reportId);
        if (dev.isEmpty()) {
          return dropped(reportId);
        }
        if (!BootSupport.layoutMatches(descriptor, dev.get())) {
          throw new IllegalStateException(
              "boot protocol mode: Input report %d does not start with the HID 1.11 Appendix B %s layout, so its bytes cannot be sent as a boot report; pass ReportData or call sendBootInput"
                  .formatted(reportId, dev.get()));
        }
        return Optional.of(
            dev.get() == BootDevice.KEYBOARD
                ? emitBootKeyboard(payload.slice(0, BootReports.KEYBOARD_INPUT_LENGTH))
                : emitBootMouse(payload.slice(0, BootReports.MOUSE_INPUT_LENGTH)));
      }
      return Optional.of(emitReport(key, payload));
    }
  }

  /**
   * Sends raw boot report bytes through Boot Keyboard/Mouse Input Report, whatever the protocol
   * mode (a scenario may play a device that gets the mode wrong).
   *
   * @throws IllegalStateException when the device does not offer {@code device}
   * @throws IllegalArgumentException for a keyboard report that is not 8 octets or a mouse report
   *     under 3
   */
  public SentInput sendBootInput(BootDevice device, Bytes value) {
    synchronized (lock) {
      if (!profile.boot().contains(device)) {
        throw new IllegalStateException(
            "profile '" + profile.name() + "' offers no boot " + device);
      }
      if (device == BootDevice.KEYBOARD) {
        if (value.size() != BootReports.KEYBOARD_INPUT_LENGTH) {
          throw new IllegalArgumentException(
              "Boot Keyboard Input Report is 8 octets, got " + value.size());
        }
        return emitBootKeyboard(value);
      }
      if (value.size() < BootReports.MOUSE_INPUT_LENGTH) {
        throw new IllegalArgumentException(
            "Boot Mouse Input Report is at least 3 octets, got " + value.size());
      }
      return emitBootMouse(value);
    }
  }

  /**
   * Sets the Battery Level and notifies it (or queues or drops it while no client is subscribed:
   * {@link UnsubscribedPolicy}).
   */
  public SentInput setBatteryLevel(int percent) {
    Bytes v = HogpCodec.batteryLevel(percent);
    synchronized (lock) {
      battery = percent;
      return emit(batteryLevel, v);
    }
  }

  /** Changes a feature report from the device side (no event, no notification). */
  public void setFeature(int reportId, Bytes payload) {
    synchronized (lock) {
      ReportKey key = new ReportKey(ReportType.FEATURE, reportId);
      Bytes old = values.get(key);
      if (old == null) {
        throw new IllegalArgumentException("the descriptor declares no Feature report " + reportId);
      }
      if (old.size() != payload.size()) {
        throw new IllegalArgumentException(
            "Feature report %d payload is %d octets, got %d"
                .formatted(reportId, old.size(), payload.size()));
      }
      values.put(key, payload);
    }
  }

  public void onFeatureWrite(FeatureWriteHook hook) {
    featureHooks.add(Objects.requireNonNull(hook));
  }

  public void onOutputReport(OutputReportHook hook) {
    outputHooks.add(Objects.requireNonNull(hook));
  }

  public void addListener(Consumer<? super GattEvent> listener) {
    events.addListener(listener);
  }

  public void removeListener(Consumer<? super GattEvent> listener) {
    events.removeListener(listener);
  }

  // ---------------------------------------------------------------- state

  public HidProfile profile() {
    return profile;
  }

  public UnsubscribedPolicy unsubscribedPolicy() {
    return policy;
  }

  /** The characteristics a client can subscribe to: Report Input, Boot Input, Battery Level. */
  public ImmutableSet<CharacteristicHandle> notifiableCharacteristics() {
    return notifiable;
  }

  /**
   * Whether a client is subscribed to {@code characteristic} (see {@link #subscriptionChanged}).
   */
  public boolean isSubscribed(CharacteristicHandle characteristic) {
    requireNotifiable(characteristic);
    synchronized (lock) {
      return subscribed.contains(characteristic);
    }
  }

  /** Values of {@code characteristic} queued for the next subscription. */
  public int pendingNotifications(CharacteristicHandle characteristic) {
    requireNotifiable(characteristic);
    synchronized (lock) {
      Deque<Bytes> q = queues.get(characteristic);
      return q == null ? 0 : q.size();
    }
  }

  /** Values of {@code characteristic} dropped since the device was built (never sent). */
  public long droppedNotifications(CharacteristicHandle characteristic) {
    requireNotifiable(characteristic);
    synchronized (lock) {
      return dropCounts.getOrDefault(characteristic, 0L);
    }
  }

  public ProtocolMode currentProtocolMode() {
    synchronized (lock) {
      return mode;
    }
  }

  /** True after Control Point Suspend until Exit Suspend or a new connection. */
  public boolean suspended() {
    synchronized (lock) {
      return suspended;
    }
  }

  public int currentBatteryLevel() {
    synchronized (lock) {
      return battery;
    }
  }

  /** The stored value of a report: last input sent, last output or feature written. */
  public Bytes reportValue(ReportType type, int reportId) {
    synchronized (lock) {
      Bytes v = values.get(new ReportKey(type, reportId));
      if (v == null) {
        throw new IllegalArgumentException(
            "the descriptor declares no %s report %d".formatted(type.displayName(), reportId));
      }
      return v;
    }
  }

  public Bytes bootKeyboardOutputValue() {
    synchronized (lock) {
      return bootKeyboardOutputValue;
    }
  }

  // ---------------------------------------------------------------- handles

  public ServiceHandle hidService() {
    return hidService;
  }

  public ServiceHandle batteryService() {
    return batteryService;
  }

  public ServiceHandle deviceInformationService() {
    return deviceInformationService;
  }

  /** Present when the profile offers a boot device. */
  public Optional<CharacteristicHandle> protocolMode() {
    return Optional.ofNullable(protocolMode);
  }

  public CharacteristicHandle reportMap() {
    return reportMap;
  }

  public DescriptorHandle externalReportReference() {
    return externalReportReference;
  }

  /**
   * The Report characteristic of report {@code id} of {@code type}.
   *
   * @throws IllegalArgumentException naming the reports the descriptor does declare
   */
  public CharacteristicHandle reportCharacteristic(ReportType type, int id) {
    CharacteristicHandle h = reports.get(new ReportKey(type, id));
    if (h == null) {
      throw new IllegalArgumentException(
          "no %s report %d; the descriptor declares %s"
              .formatted(type.displayName(), id, reports.keySet()));
    }
    return h;
  }

  /** The Report Reference descriptor of report {@code id} of {@code type}. */
  public DescriptorHandle reportReference(ReportType type, int id) {
    reportCharacteristic(type, id);
    return reportReferences.get(new ReportKey(type, id));
  }

  /** All Report characteristics, in descriptor order. */
  public ImmutableMap<ReportKey, CharacteristicHandle> reportCharacteristics() {
    return reports;
  }

  /**
   * The Report characteristics of the input reports, in descriptor order: what a HOGP host must
   * subscribe to before it can receive input (HOGP 1.0 §5.2).
   */
  public ImmutableList<CharacteristicHandle> inputReports() {
    return reports.entrySet().stream()
        .filter(e -> e.getKey().type() == ReportType.INPUT)
        .map(Map.Entry::getValue)
        .collect(ImmutableList.toImmutableList());
  }

  public Optional<CharacteristicHandle> bootKeyboardInput() {
    return Optional.ofNullable(bootKeyboardInput);
  }

  public Optional<CharacteristicHandle> bootKeyboardOutput() {
    return Optional.ofNullable(bootKeyboardOutput);
  }

  public Optional<CharacteristicHandle> bootMouseInput() {
    return Optional.ofNullable(bootMouseInput);
  }

  public CharacteristicHandle hidInformation() {
    return hidInformation;
  }

  public CharacteristicHandle controlPoint() {
    return controlPoint;
  }

  public CharacteristicHandle batteryLevel() {
    return batteryLevel;
  }

  public CharacteristicHandle manufacturerName() {
    return manufacturerName;
  }

  public CharacteristicHandle modelNumber() {
    return modelNumber;
  }

  public CharacteristicHandle firmwareRevision() {
    return firmwareRevision;
  }

  public CharacteristicHandle pnpId() {
    return pnpId;
  }

  // ---------------------------------------------------------------- handlers

  /** Write handler signature without the read side. */
  private interface Writer {
    AttResult write(int offset, Bytes value, boolean withResponse, ConnectionInfo c);
  }

  private interface Reader {
    Bytes read(ConnectionInfo c);
  }

  private static AttributeHandler handler(Reader reader, Writer writer) {
    return new AttributeHandler() {
      @Override
      public Bytes read(ConnectionInfo connection) {
        return reader.read(connection);
      }

      @Override
      public AttResult write(int offset, Bytes value, boolean withResponse, ConnectionInfo c) {
        return writer == null
            ? AttResult.error(AttError.WRITE_NOT_PERMITTED)
            : writer.write(offset, value, withResponse, c);
      }
    };
  }

  private AttributeHandler reportHandler(ReportKey key) {
    Writer writer =
        switch (key.type()) {
          case INPUT -> null;
          case OUTPUT -> (off, v, wr, c) -> writeOutput(key, off, v, c);
          case FEATURE -> (off, v, wr, c) -> writeFeature(key, off, v, c);
        };
    return handler(c -> values.get(key), writer);
  }

  private AttResult writeProtocolMode(int offset, Bytes value, boolean wr, ConnectionInfo c) {
    if (offset != 0) {
      return AttResult.error(AttError.INVALID_OFFSET);
    }
    if (value.size() != 1) {
      return AttResult.error(AttError.INVALID_ATTRIBUTE_VALUE_LENGTH);
    }
    Optional<ProtocolMode> to = ProtocolMode.of(value.get(0));
    if (to.isEmpty()) {
      return AttResult.error(AttError.VALUE_NOT_ALLOWED);
    }
    if (to.get() != mode) {
      ProtocolMode from = mode;
      mode = to.get();
      events.publish(new GattEvent.ProtocolModeChanged(events.now(), c.peer(), from, mode));
    }
    return AttResult.ok();
  }

  private AttResult writeControlPoint(int offset, Bytes value, boolean wr, ConnectionInfo c) {
    if (offset != 0) {
      return AttResult.error(AttError.INVALID_OFFSET);
    }
    if (value.size() != 1) {
      return AttResult.error(AttError.INVALID_ATTRIBUTE_VALUE_LENGTH);
    }
    Optional<ControlPointCommand> cmd = ControlPointCommand.of(value.get(0));
    if (cmd.isEmpty()) {
      return AttResult.error(AttError.VALUE_NOT_ALLOWED);
    }
    suspended = cmd.get() == ControlPointCommand.SUSPEND;
    events.publish(new GattEvent.ControlPoint(events.now(), c.peer(), cmd.get()));
    return AttResult.ok();
  }

  private AttResult writeOutput(ReportKey key, int offset, Bytes value, ConnectionInfo c) {
    AttResult spliced = splice(values.get(key), offset, value);
    if (!(spliced instanceof AttResult.Value ok)) {
      return spliced;
    }
    Bytes v = ok.value();
    values.put(key, v);
    events.publish(new GattEvent.OutputReport(events.now(), c.peer(), key.id(), false, v));
    outputHooks.forEach(hook -> hook.onOutputReport(key.id(), false, v, c));
    return AttResult.ok();
  }

  private AttResult writeBootOutput(int offset, Bytes value, boolean wr, ConnectionInfo c) {
    AttResult spliced = splice(bootKeyboardOutputValue, offset, value);
    if (!(spliced instanceof AttResult.Value ok)) {
      return spliced;
    }
    Bytes v = ok.value();
    bootKeyboardOutputValue = v;
    events.publish(new GattEvent.OutputReport(events.now(), c.peer(), 0, true, v));
    outputHooks.forEach(hook -> hook.onOutputReport(0, true, v, c));
    return AttResult.ok();
  }

  private AttResult writeFeature(ReportKey key, int offset, Bytes value, ConnectionInfo c) {
    AttResult spliced = splice(values.get(key), offset, value);
    if (!(spliced instanceof AttResult.Value ok)) {
      return spliced;
    }
    Bytes v = ok.value();
    for (FeatureWriteHook hook : featureHooks) {
      Optional<AttError> refused = hook.onFeatureWrite(key.id(), v, c);
      if (refused.isPresent()) {
        return AttResult.error(refused.get());
      }
    }
    values.put(key, v);
    events.publish(new GattEvent.FeatureWrite(events.now(), c.peer(), key.id(), v));
    return AttResult.ok();
  }

  /**
   * The value after writing {@code value} at {@code offset} into the fixed-length {@code current},
   * or the error: offset past the end → Invalid Offset; a whole write (offset 0) of another length,
   * or a segment running past the end → Invalid Attribute Value Length.
   */
  private static AttResult splice(Bytes current, int offset, Bytes value) {
    int n = current.size();
    if (offset > n) {
      return AttResult.error(AttError.INVALID_OFFSET);
    }
    if (offset == 0 ? value.size() != n : offset + value.size() > n) {
      return AttResult.error(AttError.INVALID_ATTRIBUTE_VALUE_LENGTH);
    }
    return AttResult.ok(
        offset == 0
            ? value
            : current
                .slice(0, offset)
                .concat(value)
                .concat(current.slice(offset + value.size(), n)));
  }

  // ---------------------------------------------------------------- emitting

  private Optional<BootDevice> bootDeviceOf(int reportId) {
    return BootSupport.deviceOfInputReport(descriptor, reportId).filter(profile.boot()::contains);
  }

  private Optional<SentInput> dropped(int reportId) {
    events.publish(
        new GattEvent.InputDropped(
            events.now(),
            ReportType.INPUT,
            reportId,
            "boot protocol mode: Input report " + reportId + " belongs to no boot device"));
    return Optional.empty();
  }

  private SentInput emitReport(ReportKey key, Bytes payload) {
    CharacteristicHandle h = reportCharacteristic(key.type(), key.id());
    values.put(key, payload);
    return emit(h, payload);
  }

  private SentInput emitBootKeyboard(Bytes v) {
    bootKeyboardInputValue = v;
    return emit(bootKeyboardInput, v);
  }

  private SentInput emitBootMouse(Bytes v) {
    bootMouseInputValue = v;
    return emit(bootMouseInput, v);
  }

  /** Sends, queues or drops {@code v}; see the class comment. Called with the lock held. */
  private SentInput emit(CharacteristicHandle h, Bytes v) {
    if (subscribed.contains(h)) {
      sink.notify(h, v);
      events.publish(new GattEvent.Notification(events.now(), h, v));
      return new SentInput(h, v, Delivery.SENT);
    }
    if (policy.kind() == UnsubscribedPolicy.Kind.DROP) {
      drop(h, v, "no client subscribed; policy " + policy);
      return new SentInput(h, v, Delivery.DROPPED);
    }
    Deque<Bytes> q = queues.computeIfAbsent(h, k -> new ArrayDeque<>());
    if (q.size() == policy.capacity()) {
      drop(
          h,
          q.removeFirst(),
          "no client subscribed; queue full (" + policy + "), oldest value made room");
    }
    q.addLast(v);
    events.publish(new GattEvent.NotificationQueued(events.now(), h, v, q.size()));
    return new SentInput(h, v, Delivery.QUEUED);
  }

  private void drop(CharacteristicHandle h, Bytes v, String reason) {
    long n = dropCounts.merge(h, 1L, Long::sum);
    events.publish(new GattEvent.NotificationDropped(events.now(), h, v, reason, n));
  }

  private void requireNotifiable(CharacteristicHandle c) {
    if (!notifiable.contains(c)) {
      throw new IllegalArgumentException(
          c + " is not a notifiable characteristic of this device; those are " + notifiable);
    }
  }

  private static void requireInput(ReportType type) {
    if (type != ReportType.INPUT) {
      throw new IllegalArgumentException(
          "only Input reports are sent; Output and Feature reports are written by the host, got "
              + type);
    }
  }
}
