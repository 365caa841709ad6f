package dev.hogrig.bluez;

import com.google.common.collect.ImmutableList;
import dev.hogrig.bluez.dbus.AcquiredFd;
import dev.hogrig.bluez.dbus.GattCharacteristic1;
import dev.hogrig.bluez.dbus.GattDescriptor1;
import dev.hogrig.bluez.dbus.GattManager1;
import dev.hogrig.bluez.dbus.GattService1;
import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.AttributeHandle;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.ConnectionInfo;
import dev.hogrig.gatt.GattCharacteristic;
import dev.hogrig.gatt.GattDatabase;
import dev.hogrig.gatt.GattDescriptor;
import dev.hogrig.gatt.GattServerLogic;
import dev.hogrig.gatt.GattService;
import dev.hogrig.gatt.NotificationSink;
import dev.hogrig.gatt.Permission;
import dev.hogrig.gatt.Property;
import dev.hogrig.gatt.SecurityLevel;
import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Peer;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * Any {@link GattDatabase} exported as a BlueZ GATT application (bluez doc/gatt-api.txt, "GATT
 * Application"; BlueZ 5.66) and registered with {@code GattManager1.RegisterApplication}. Every
 * client access bluetoothd forwards goes to a {@link GattServerLogic}; notifications go out when
 * the model calls {@link #notify(CharacteristicHandle, Bytes)} (this class is the model's {@link
 * NotificationSink}).
 *
 * <pre>
 * /dev/hogrig/gattN                          org.freedesktop.DBus.ObjectManager
 * /dev/hogrig/gattN/service0                 org.bluez.GattService1  UUID Primary Includes=[]
 * /dev/hogrig/gattN/service0/char0           org.bluez.GattCharacteristic1  UUID Service Flags
 * /dev/hogrig/gattN/service0/char0/desc0     org.bluez.GattDescriptor1  UUID Characteristic Flags
 * </pre>
 *
 * UUIDs are {@code BtUuid.toString()} (the 36-character form), Flags the model's {@code
 * bluezFlags()}. No CCC descriptor is exported: BlueZ makes it from the notify/indicate flags and
 * calls {@code StartNotify}/{@code StopNotify} when the first client subscribes / the last leaves.
 *
 * <h2>Accesses</h2>
 *
 * {@code ReadValue(options)} and {@code WriteValue(value, options)} call {@link
 * GattServerLogic#read}/{@link GattServerLogic#write} with {@code offset} from the options, {@code
 * withResponse} from {@code type} ("command" = Write Command; absent: a Write Request unless the
 * characteristic only has write-without-response) and a {@link ConnectionInfo}:
 *
 * <ul>
 *   <li>peer: the address from the {@code device} option's object path ({@code
 *       /org/bluez/hci0/dev_00_AA_01_01_00_01} → {@code 00:AA:01:01:00:01});
 *   <li>security: <b>the level the attribute's permissions ask for that access</b>. bluetoothd
 *       checks the Flags ({@code encrypt-read}, {@code encrypt-authenticated-read}, ...) against
 *       the link before it calls the application and answers 0x05/0x0F itself, so a call that
 *       reaches us proves the link has at least that level; the real level is not in the options
 *       (BlueZ 5.66 passes {@code device}, {@code mtu}, {@code link}, {@code offset}, {@code
 *       type}). So the model's own security checks always pass here, and its events show the level
 *       BlueZ implied, not a measured one;
 *   <li>mtu: the {@code mtu} option (23 when absent).
 * </ul>
 *
 * The first access from a peer not seen before calls {@link GattServerLogic#connected} (HIDS resets
 * Protocol Mode there). BlueZ does not tell the application about disconnections (5.66 has no such
 * call), so {@link GattServerLogic#disconnected} is not called from here. Every {@code
 * StartNotify}/{@code StopNotify} is passed on as {@link GattServerLogic#subscriptionChanged}, so
 * the model knows when a value can be notified (bluetoothd calls StartNotify for the first client
 * that enables the CCC and StopNotify when the last one disables it or disconnects).
 *
 * <p>An {@link AttResult.Error} becomes the D-Bus error that BlueZ turns back into that ATT code
 * ({@link BluezAttErrors}); codes BlueZ has no name for go out as 0x0E Unlikely Error.
 *
 * <h2>Notifications: two paths</h2>
 *
 * <b>PropertiesChanged</b>: {@link #notify} emits {@code
 * org.freedesktop.DBus.Properties.PropertiesChanged} for {@code Value} on the characteristic's
 * object; bluetoothd sends a Handle Value Notification (or Indication) to every client whose CCC
 * enables it ({@code property_changed_cb} → {@code send_notification_to_devices},
 * src/gatt-database.c). bluetoothd calls {@code StartNotify} for the first client that enables the
 * CCC and {@code StopNotify} when the last one leaves.
 *
 * <p><b>AcquireNotify</b> (offered only when {@link BluezConnection#acquireNotifyOffered()}: a
 * {@code unix:} bus that passes descriptors): every characteristic that notifies or indicates
 * carries the {@code NotifyAcquired} property, whose mere presence makes bluetoothd call {@code
 * AcquireNotify(options)} instead of StartNotify when a client enables the CCC ({@code
 * ccc_write_cb}), once per client. The reply is {@code (h fd, q mtu)}: one end of a fresh {@code
 * SOCK_SEQPACKET} pair ({@link NotifySocket}); bluetoothd reads each packet from it and notifies
 * that one client ({@code sock_io_read} → {@code send_notification_to_device}). {@link #notify}
 * then writes the value to every open socket of the characteristic, one packet each, instead of
 * emitting the signal. bluetoothd closes its end when that client disables the CCC or disconnects;
 * the socket's reader sees end-of-file and the client counts as unsubscribed (no StopNotify comes
 * for it). If AcquireNotify fails with another error than Failed, bluetoothd falls back to
 * StartNotify ({@code acquire_notify_reply}); this class answers {@code NotSupported} when it
 * cannot make the socket pair, so that fallback happens.
 *
 * <pre>
 *   notify(c, v):  StartNotify active on c, or no open socket   → PropertiesChanged(Value)
 *                  otherwise                                    → v written to each socket of c
 * </pre>
 *
 * A value never goes both ways: bluetoothd sends a PropertiesChanged value to every client with the
 * CCC on, socket clients included, so when one client came in through StartNotify (a fallback) the
 * signal alone serves all of them.
 *
 * <p><b>Order</b>: both paths end in bluetoothd's one main loop and the link's ATT queue, but over
 * two file descriptors, so a socket packet written after a signal could be read first. {@link
 * #notify} therefore, when it moves from the signal to a socket, first waits for the answer to a
 * {@code Peer.Ping} to bluetoothd: bluetoothd handles its D-Bus messages in order, so every signal
 * sent before is then in the ATT queue. The other switch needs no barrier: it only happens when a
 * socket closed (bluetoothd dropped what it had not read) or a fallback client arrived.
 *
 * <p><b>Descriptor lifetime</b>: the remote end must stay open until dbus-java has written the
 * reply (the kernel then holds its own reference), and must be closed afterwards or bluetoothd's
 * close would never show as end-of-file here. dbus-java 5.1.1 queues the reply on the connection's
 * single sender thread after the method returns and offers no hook for "written"; a helper thread
 * waits until the answering thread has left dbus-java's {@code invokeMethodAndReply} (the reply is
 * then queued), sends a Ping to bluetoothd through the same sender (so it leaves after the reply)
 * and closes our copy when the Ping's answer is in. Our copy is closed without {@code shutdown()}:
 * that would hang up bluetoothd's copy too (junixsocket shuts sockets down on close by default).
 *
 * <p>Which path is in use is visible: {@link #acquireNotifyOffered()}, {@link #notifyPath}, each
 * {@link Subscription}'s {@code path}, and {@link #notificationsSent(NotifyPath)}.
 *
 * <h2>Threading</h2>
 *
 * {@code RegisterApplication} makes bluetoothd call {@code GetManagedObjects} on our root before it
 * answers. The registering thread only polls the call's reply slot ({@link Bus#invoke}), and
 * dbus-java serves the callback on its method-call pool, so registration never blocks a callback
 * thread; but {@link #register} must not itself be called from a D-Bus callback (an agent method, a
 * {@code ReadValue}). {@code ReadValue}/{@code WriteValue} run on that pool and only call the model
 * (no D-Bus round trip). {@link #notify} sends a signal and returns: callable from any thread,
 * including model listeners.
 */
public final class GattApplication implements NotificationSink, AutoCloseable {

  /**
   * A change of a characteristic's subscriptions. On the {@link NotifyPath#PROPERTIES_CHANGED}
   * path: bluetoothd called {@code StartNotify} ({@code notifying} true: the first client enabled
   * notifications or indications in the CCC) or {@code StopNotify} (the last one left); {@code
   * peer} is empty (bluetoothd names no client). On {@link NotifyPath#ACQUIRE_NOTIFY}: bluetoothd
   * called {@code AcquireNotify} for {@code peer} ({@code notifying} true) or closed that peer's
   * socket (false: the client disabled the CCC or disconnected).
   */
  public record Subscription(
      Instant time,
      CharacteristicHandle characteristic,
      boolean notifying,
      NotifyPath path,
      String peer) {
    public Subscription {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(peer, "peer");
    }

    /** A StartNotify/StopNotify (PropertiesChanged path; bluetoothd names no client). */
    public Subscription(Instant time, CharacteristicHandle characteristic, boolean notifying) {
      this(time, characteristic, notifying, NotifyPath.PROPERTIES_CHANGED, "");
    }
  }

  /** How notification values reach bluetoothd (see the class comment). */
  public enum NotifyPath {
    /** {@code PropertiesChanged(Value)} signals; bluetoothd called StartNotify. */
    PROPERTIES_CHANGED("PropertiesChanged"),
    /** A socket per client handed over by {@code AcquireNotify}. */
    ACQUIRE_NOTIFY("AcquireNotify");

    private final String wireName;

    NotifyPath(String wireName) {
      this.wireName = wireName;
    }

    /** BlueZ's name for the mechanism: {@code PropertiesChanged} or {@code AcquireNotify}. */
    public String wireName() {
      return wireName;
    }
  }

  /** Upper bound of the wait for dbus-java to queue AcquireNotify's reply (see releaseLater). */
  static final java.time.Duration RELEASE_WAIT = java.time.Duration.ofSeconds(30);

  private final BluezConnection owner;
  private final Bus bus;
  private final String adapterPath;
  private final String root;
  private final GattServerLogic logic;
  private final Clock clock;
  private final Map<String, ExportedAttribute> objects = new LinkedHashMap<>();
  private final List<ExportedService> services = new ArrayList<>();
  private final Map<CharacteristicHandle, String> charPaths = new LinkedHashMap<>();

  /** Characteristics on which bluetoothd called StartNotify (and not StopNotify since). */
  private final Set<CharacteristicHandle> started = ConcurrentHashMap.newKeySet();

  /** Open AcquireNotify sockets per characteristic, one per client. */
  private final Map<CharacteristicHandle, List<NotifySocket>> sockets = new ConcurrentHashMap<>();

  private final boolean acquireNotify;
  private volatile boolean forceSignal;

  /** A PropertiesChanged(Value) was sent since the last barrier (see "Order"). */
  private boolean signalSinceBarrier;

  private final AtomicLong sentAsSignal = new AtomicLong();
  private final AtomicLong sentOnSocket = new AtomicLong();
  private final AtomicLong barriers = new AtomicLong();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final List<Consumer<? super Subscription>> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> peers = ConcurrentHashMap.newKeySet();
  private volatile boolean registered;

  private GattApplication(
      BluezConnection owner,
      Bus bus,
      String adapterPath,
      String root,
      GattServerLogic logic,
      Clock clock) {
    this.owner = owner;
    this.bus = bus;
    this.adapterPath = adapterPath;
    this.root = root;
    this.logic = logic;
    this.clock = clock;
    this.acquireNotify = owner.acquireNotifyOffered();
  }

  /** Exports the objects of {@code logic.database()} (not yet registered with bluetoothd). */
  static GattApplication export(
      BluezConnection owner, Bus bus, String adapterPath, GattServerLogic logic, Clock clock) {
    String root = bus.newObjectPath("gatt");
    GattApplication app = new GattApplication(owner, bus, adapterPath, root, logic, clock);
    app.build();
    Bus.run(
        "export GATT application",
        root,
        () -> {
          bus.connection().exportObject(root, app.new Root());
          for (ExportedAttribute o : app.objects.values()) {
            bus.connection().exportObject(o.path, o);
          }
        });
    return app;
  }

  /** Exports and registers; see the class comment for the threading rule. */
  static GattApplication register(
      BluezConnection owner, Bus bus, String adapterPath, GattServerLogic logic, Clock clock) {
    GattApplication app = export(owner, bus, adapterPath, logic, clock);
    GattManager1 gm = bus.proxy(adapterPath, GattManager1.class);
    try {
      bus.invoke(
          gm,
          GattManager1.NAME,
          "RegisterApplication",
          BluezConnection.path(app.root),
          new LinkedHashMap<String, Variant<?>>());
    } catch (BluezException e) {
      app.unexport();
      throw e;
    }
    app.registered = true;
    return app;
  }

  private void build() {
    GattDatabase db = logic.database();
    int s = 0;
    for (GattService service : db.services()) {
      String sp = root + "/service" + s++;
      ExportedService es = new ExportedService(sp, service);
      services.add(es);
      objects.put(sp, es);
      int c = 0;
      for (GattCharacteristic chr : service.characteristics()) {
        String cp = sp + "/char" + c++;
        objects.put(cp, new ExportedCharacteristic(cp, sp, chr));
        charPaths.put(chr.handle(), cp);
        int d = 0;
        for (GattDescriptor desc : chr.descriptors()) {
          String dp = cp + "/desc" + d++;
          objects.put(dp, new ExportedDescriptor(dp, cp, desc));
        }
      }
    }
  }

  /** The application root's object path. */
  public String path() {
    return root;
  }

  /** The object path of a characteristic or descriptor of the database. */
  public String objectPath(AttributeHandle handle) {
    for (ExportedAttribute o : objects.values()) {
      if (handle.equals(o.handle())) {
        return o.path;
      }
    }
    throw new IllegalArgumentException(handle + " is not in this application");
  }

  /** The model this application serves. */
  public GattServerLogic logic() {
    return logic;
  }

  public boolean isRegistered() {
    return registered;
  }

  /**
   * Whether a client is subscribed to {@code c}: bluetoothd called StartNotify (and not StopNotify
   * since), or holds an AcquireNotify socket of it that is still open.
   */
  public boolean isNotifying(CharacteristicHandle c) {
    return started.contains(c) || !openSockets(c).isEmpty();
  }

  /**
   * Whether this application offers AcquireNotify ({@code NotifyAcquired} exported): decided at
   * export from {@link BluezConnection#acquireNotifyOffered()}.
   */
  public boolean acquireNotifyOffered() {
    return acquireNotify;
  }

  /** The path {@link #notify} would take for {@code c} now (see the class comment). */
  public NotifyPath notifyPath(CharacteristicHandle c) {
    return !started.contains(c) && !forceSignal && !openSockets(c).isEmpty()
        ? NotifyPath.ACQUIRE_NOTIFY
        : NotifyPath.PROPERTIES_CHANGED;
  }

  /** The peers (addresses) holding an open AcquireNotify socket of {@code c}. */
  public ImmutableList<String> acquiredBy(CharacteristicHandle c) {
    return openSockets(c).stream().map(NotifySocket::peer).collect(ImmutableList.toImmutableList());
  }

  /**
   * With {@code on}, {@link #notify} sends PropertiesChanged even to clients that hold a socket
   * (bluetoothd notifies every client whose CCC is on, socket clients included), so that one
   * session can measure both paths ({@code hogrig bench notify --placement guest}). Off by default.
   */
  public void forcePropertiesChanged(boolean on) {
    forceSignal = on;
  }

  /** How many values {@link #notify} sent by {@code path}. */
  public long notificationsSent(NotifyPath path) {
    return path == NotifyPath.ACQUIRE_NOTIFY ? sentOnSocket.get() : sentAsSignal.get();
  }

  /**
   * How many times {@link #notify} waited for bluetoothd's answer to a Ping before moving from the
   * signal to a socket (see "Order").
   */
  public long orderBarriers() {
    return barriers.get();
  }

  /** Whether our copies of bluetoothd's ends of {@code c}'s sockets are all closed (tests). */
  boolean remoteEndsReleased(CharacteristicHandle c) {
    return sockets.getOrDefault(c, List.of()).stream().allMatch(NotifySocket::isRemoteReleased);
  }

  private List<NotifySocket> openSockets(CharacteristicHandle c) {
    List<NotifySocket> l = sockets.get(c);
    if (l == null) {
      return List.of();
    }
    List<NotifySocket> open = new ArrayList<>();
    for (NotifySocket s : l) {
      if (s.isOpen()) {
        open.add(s);
      }
    }
    return open;
  }

  /** Every StartNotify/StopNotify so far, in order. */
  public ImmutableList<Subscription> subscriptions() {
    return ImmutableList.copyOf(subscriptions);
  }

  /** Called (on a dbus-java thread) for each StartNotify/StopNotify. Must not block. */
  public void addSubscriptionListener(Consumer<? super Subscription> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** How many values {@link #notify} has sent, by either path. */
  public long notificationsSent() {
    return sentAsSignal.get() + sentOnSocket.get();
  }

  /**
   * Sends {@code value} to the subscribed clients of {@code characteristic}: written to each
   * AcquireNotify socket, or as {@code PropertiesChanged(Value)} (see the class comment for which).
   * With no client subscribed the signal is sent anyway (bluetoothd then sends nothing). Calls are
   * serialised, so values leave in the order of the calls.
   *
   * @throws IllegalArgumentException when the characteristic is not in this application
   * @throws BluezException when the signal could not be sent
   */
  @Override
  public synchronized void notify(CharacteristicHandle characteristic, Bytes value) {
    String p = charPaths.get(characteristic);
    if (p == null) {
      throw new IllegalArgumentException(characteristic + " is not in this application");
    }
    if (!started.contains(characteristic) && !forceSignal) {
      List<NotifySocket> open = openSockets(characteristic);
      if (!open.isEmpty()) {
        if (signalSinceBarrier) {
          orderBarrier();
        }
        int written = 0;
        for (NotifySocket s : open) {
          written += s.send(value) ? 1 : 0;
        }
        if (written > 0) {
          sentOnSocket.incrementAndGet();
          return;
        }
        // every socket closed in between: the signal reaches whoever is still subscribed
      }
    }
    Map<String, Variant<?>> changed = new LinkedHashMap<>();
    changed.put("Value", new Variant<>(value.toArray(), "ay"));
    Bus.run(
        "PropertiesChanged(Value)",
        p,
        () ->
            bus.connection()
                .sendMessage(
                    new Properties.PropertiesChanged(
                        p, GattCharacteristic1.NAME, changed, new ArrayList<>())));
    signalSinceBarrier = true;
    sentAsSignal.incrementAndGet();
  }

  /**
   * Waits until bluetoothd has handled every message we sent before: its answer to {@code
   * org.freedesktop.DBus.Peer.Ping} (libdbus answers it in bluetoothd's main loop, after the
   * messages queued before it). Bounded by 5 s; a failure is ignored (order then rests on timing).
   */
  private void orderBarrier() {
    try {
      pingBluez(java.time.Duration.ofSeconds(5));
      barriers.incrementAndGet();
    } catch (BluezException e) {
      // bluetoothd gone or slow: nothing better to do than send
    }
    signalSinceBarrier = false;
  }

  private void pingBluez(java.time.Duration timeout) {
    Peer peer = bus.proxy("/", Peer.class);
    bus.invoke(peer, "org.freedesktop.DBus.Peer", "Ping", timeout);
  }

  /** Unregisters the application (if registered) and withdraws its objects. Idempotent. */
  @Override
  public void close() {
    owner.untrack(this);
    try {
      if (registered) {
        registered = false;
        GattManager1 gm = bus.proxy(adapterPath, GattManager1.class);
        bus.invoke(gm, GattManager1.NAME, "UnregisterApplication", BluezConnection.path(root));
      }
    } finally {
      unexport();
    }
  }

  private void unexport() {
    for (List<NotifySocket> l : sockets.values()) {
      for (NotifySocket so : l) {
        so.close();
      }
    }
    List<String> paths = new ArrayList<>(objects.keySet());
    java.util.Collections.reverse(paths);
    for (String p : paths) {
      bus.connection().unExportObject(p);
    }
    bus.connection().unExportObject(root);
  }

  @Override
  public String toString() {
    return "GattApplication[" + root + " on " + adapterPath + "]";
  }

  // ------------------------------------------------------------------ accesses

  private ConnectionInfo connection(Map<String, Variant<?>> options, SecurityLevel implied) {
    Object device = Bus.plain(options.get("device"));
    String peer = device == null ? "unknown" : DeviceRef.fromPath(device.toString()).address();
    Object mtu = Bus.plain(options.get("mtu"));
    int m = mtu instanceof Number n ? n.intValue() : ConnectionInfo.DEFAULT_MTU;
    ConnectionInfo info =
        new ConnectionInfo(peer, implied, Math.max(m, ConnectionInfo.DEFAULT_MTU));
    if (peers.add(peer)) {
      logic.connected(info);
    }
    return info;
  }

  private static int offset(Map<String, Variant<?>> options) {
    Object o = Bus.plain(options.get("offset"));
    return o instanceof Number n ? n.intValue() : 0;
  }

  private byte[] read(
      AttributeHandle handle, Set<Permission> permissions, Map<String, Variant<?>> options) {
    ConnectionInfo info =
        connection(options, Permission.required(permissions, Permission.Access.READ));
    AttResult r = logic.read(handle, offset(options), info);
    if (r instanceof AttResult.Value v) {
      return v.value().toArray();
    }
    throw BluezAttErrors.exception(BluezAttErrors.reply(((AttResult.Error) r).error(), true));
  }

  private void write(
      AttributeHandle handle,
      Set<Permission> permissions,
      boolean defaultWithResponse,
      byte[] value,
      Map<String, Variant<?>> options) {
    ConnectionInfo info =
        connection(options, Permission.required(permissions, Permission.Access.WRITE));
    Object type = Bus.plain(options.get("type"));
    boolean withResponse = type == null ? defaultWithResponse : !"command".equals(type);
    AttResult r = logic.write(handle, offset(options), Bytes.copyOf(value), withResponse, info);
    if (r instanceof AttResult.Error e) {
      throw BluezAttErrors.exception(BluezAttErrors.reply(e.error(), false));
    }
  }

  /**
   * bluetoothd left the bus: no client is subscribed any more, although no StopNotify came (a
   * daemon that stopped or died calls nothing). Ends every StartNotify subscription, recorded as a
   * {@link Subscription} like a StopNotify, so the model's {@link
   * dev.hogrig.gatt.UnsubscribedPolicy} decides what happens to reports sent until a client
   * subscribes again (queued and flushed, or dropped and counted) instead of their going out as
   * PropertiesChanged signals nobody receives. AcquireNotify sockets end by themselves: their
   * reader sees end-of-file when bluetoothd's side closes.
   */
  public void endAllSubscriptions() {
    for (CharacteristicHandle c : List.copyOf(started)) {
      subscription(c, false);
    }
  }

  private void subscription(CharacteristicHandle c, boolean on) {
    subscription(
        c,
        on,
        NotifyPath.PROPERTIES_CHANGED,
        "",
        () -> {
          if (on) {
            started.add(c);
          } else {
            started.remove(c);
          }
        });
  }

  /**
   * Applies {@code change} to the subscription state of {@code c}, records a {@link Subscription}
   * and tells the model when {@code c} went from no client to some or back.
   */
  private void subscription(
      CharacteristicHandle c, boolean on, NotifyPath path, String peer, Runnable change) {
    boolean before;
    boolean after;
    synchronized (this) {
      before = isNotifying(c);
      change.run();
      after = isNotifying(c);
    }
    Subscription s = new Subscription(clock.instant(), c, on, path, peer);
    subscriptions.add(s);
    if (before != after) {
      try {
        // bluetoothd stored the client's CCC value before it called StartNotify/AcquireNotify (it
        // does not wait for the reply: src/gatt-database.c ccc_write_cb), so values the model
        // flushes from here reach the client.
        logic.subscriptionChanged(c, after);
      } catch (RuntimeException e) {
        // the model's failure must not become a D-Bus error for bluetoothd
      }
    }
    for (Consumer<? super Subscription> l : listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        // a listener's failure must not become a D-Bus error for bluetoothd
      }
    }
  }

  private AcquiredFd<FileDescriptor, UInt16> acquireNotify(
      GattCharacteristic chr, Map<String, Variant<?>> options) {
    if (!acquireNotify) {
      // Not advertised (no NotifyAcquired): bluetoothd does not call it; a client that does gets
      // the error that makes bluetoothd use StartNotify.
      throw org.bluez.Error.of("NotSupported", "AcquireNotify needs a bus that passes descriptors");
    }
    ConnectionInfo info =
        connection(options, Permission.required(chr.permissions(), Permission.Access.READ));
    NotifySocket socket;
    try {
      socket = NotifySocket.open(info.peer(), info.mtu());
    } catch (IOException | RuntimeException e) {
      throw org.bluez.Error.of("NotSupported", "no socket pair: " + e.getMessage());
    }
    CharacteristicHandle c = chr.handle();
    subscription(
        c,
        true,
        NotifyPath.ACQUIRE_NOTIFY,
        info.peer(),
        () ->
            sockets
                .computeIfAbsent(c, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(socket));
    socket.watch(
        () ->
            subscription(
                c,
                false,
                NotifyPath.ACQUIRE_NOTIFY,
                info.peer(),
                () -> {
                  List<NotifySocket> l = sockets.get(c);
                  if (l != null) {
                    l.remove(socket);
                  }
                }),
        "hogrig-notify-" + c.label());
    releaseLater(socket, Thread.currentThread());
    return new AcquiredFd<>(new FileDescriptor(socket.remoteFd()), new UInt16(info.mtu()));
  }

  /**
   * Closes our copy of bluetoothd's end once the reply that carries it is out (class comment,
   * "Descriptor lifetime"). {@code server} is the dbus-java thread answering AcquireNotify: while
   * its stack holds dbus-java's {@code invokeMethodAndReply}, the reply is not yet queued on the
   * connection's one sender thread. After that, a Ping to bluetoothd is queued behind the reply, so
   * when its answer arrives the reply has been written and the kernel holds its own reference to
   * the descriptor. (A fixed delay was not enough: in the lab the first AcquireNotify of a JVM
   * under TCG took longer than 0.5 s to be answered, and dbus-java found the descriptor closed.)
   */
  private void releaseLater(NotifySocket socket, Thread server) {
    Thread t =
        new Thread(
            () -> {
              try {
                long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
                while (answering(server) && System.nanoTime() < deadline) {
                  Thread.sleep(10);
                }
                pingBluez(java.time.Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (BluezException e) {
                // bluetoothd gone: nothing will read the descriptor any more
              }
              socket.releaseRemote();
            },
            "hogrig-notify-release");
    t.setDaemon(true);
    t.start();
  }

  /** Whether {@code server} is still inside dbus-java's call-and-reply of an exported method. */
  private static boolean answering(Thread server) {
    for (StackTraceElement f : server.getStackTrace()) {
      if ("invokeMethodAndReply".equals(f.getMethodName())) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ exported objects

  private abstract static class ExportedAttribute extends ReadOnlyObject {
    ExportedAttribute(String path) {
      super(path);
    }

    AttributeHandle handle() {
      return null;
    }
  }

  private static final class ExportedService extends ExportedAttribute implements GattService1 {
    private final GattService service;

    ExportedService(String path, GattService service) {
      super(path);
      this.service = service;
    }

    @Override
    String iface() {
      return GattService1.NAME;
    }

    @Override
    Map<String, Variant<?>> properties() {
      Map<String, Variant<?>> m = new LinkedHashMap<>();
      m.put("UUID", new Variant<>(service.uuid().toString()));
      m.put("Primary", new Variant<>(service.primary()));
      m.put("Includes", new Variant<>(new ArrayList<DBusPath>(), "ao"));
      return m;
    }
  }

  private final class ExportedCharacteristic extends ExportedAttribute
      implements GattCharacteristic1 {
    private final String servicePath;
    private final GattCharacteristic chr;

    ExportedCharacteristic(String path, String servicePath, GattCharacteristic chr) {
      super(path);
      this.servicePath = servicePath;
      this.chr = chr;
    }

    @Override
    AttributeHandle handle() {
      return chr.handle();
    }

    @Override
    String iface() {
      return GattCharacteristic1.NAME;
    }

    @Override
    Map<String, Variant<?>> properties() {
      Map<String, Variant<?>> m = new LinkedHashMap<>();
      m.put("UUID", new Variant<>(chr.uuid().toString()));
      m.put("Service", new Variant<>(new DBusPath(servicePath)));
      m.put("Flags", new Variant<>(new ArrayList<>(chr.bluezFlags()), "as"));
      if (acquireNotify && (chr.has(Property.NOTIFY) || chr.has(Property.INDICATE))) {
        // bluetoothd only tests that the property exists (ccc_write_cb); the value says whether
        // some client holds a socket now, as the doc defines it.
        m.put("NotifyAcquired", new Variant<>(!openSockets(chr.handle()).isEmpty()));
      }
      return m;
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
      return read(chr.handle(), chr.permissions(), options);
    }

    @Override
    public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
      boolean defaultWithResponse =
          chr.has(Property.WRITE) || !chr.has(Property.WRITE_WITHOUT_RESPONSE);
      write(chr.handle(), chr.permissions(), defaultWithResponse, value, options);
    }

    @Override
    public void StartNotify() {
      subscription(chr.handle(), true);
    }

    @Override
    public void StopNotify() {
      subscription(chr.handle(), false);
    }

    @Override
    public AcquiredFd<FileDescriptor, UInt16> AcquireNotify(Map<String, Variant<?>> options) {
      return acquireNotify(chr, options);
    }
  }

  private final class ExportedDescriptor extends ExportedAttribute implements GattDescriptor1 {
    private final String charPath;
    private final GattDescriptor desc;

    ExportedDescriptor(String path, String charPath, GattDescriptor desc) {
      super(path);
      this.charPath = charPath;
      this.desc = desc;
    }

    @Override
    AttributeHandle handle() {
      return desc.handle();
    }

    @Override
    String iface() {
      return GattDescriptor1.NAME;
    }

    @Override
    Map<String, Variant<?>> properties() {
      Map<String, Variant<?>> m = new LinkedHashMap<>();
      m.put("UUID", new Variant<>(desc.uuid().toString()));
      m.put("Characteristic", new Variant<>(new DBusPath(charPath)));
      m.put("Flags", new Variant<>(new ArrayList<>(desc.bluezFlags()), "as"));
      return m;
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
      return read(desc.handle(), desc.permissions(), options);
    }

    @Override
    public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
      write(desc.handle(), desc.permissions(), true, value, options);
    }
  }

  private final class Root implements ObjectManager {
    @Override
    public String getObjectPath() {
      return root;
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
      Map<DBusPath, Map<String, Map<String, Variant<?>>>> m = new LinkedHashMap<>();
      for (ExportedAttribute o : objects.values()) {
        m.put(new DBusPath(o.path), Map.of(o.iface(), o.properties()));
      }
      return m;
    }
  }
}
