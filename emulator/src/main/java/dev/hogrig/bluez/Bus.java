package dev.hogrig.bluez;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.hogrig.bluez.dbus.Adapter1;
import dev.hogrig.bluez.dbus.PropertiesSet;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusAsyncReply;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.RemoteInvocationHandler;
import org.freedesktop.dbus.RemoteObject;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * The one place that touches dbus-java: proxies, property access, error translation, exported
 * objects. Everything it hands out of the package is plain Java (strings, booleans, lists, maps).
 *
 * <p>Threading (dbus-java 5.1.1): one reader thread reads the socket and hands incoming method
 * calls to a pool (4 threads by default), signals to one thread, and replies to our own calls to
 * one more. Outgoing calls are sent asynchronously ({@link #invoke}) and the calling thread polls
 * the call's reply slot with its own deadline, so a call that makes bluetoothd call back into us
 * (RegisterAdvertisement → GetAll on the advertisement, RegisterApplication → GetManagedObjects on
 * the application root, Pair → Agent1 methods) never holds a thread that serves those callbacks. A
 * callback handler itself must not make a blocking BlueZ call that waits for another callback: with
 * all pool threads waiting, nobody would be left to serve it.
 */
final class Bus {
  static final String BLUEZ = "org.bluez";
  static final String PROPERTIES = "org.freedesktop.DBus.Properties";
  static final String OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager";

  private final DBusConnection connection;
  private final String address;
  private final AtomicInteger nextId = new AtomicInteger();

  Bus(DBusConnection connection, String address) {
    this.connection = connection;
    this.address = address;
  }

  DBusConnection connection() {
    return connection;
  }

  String address() {
    return address;
  }

  /**
   * Whether this connection can pass file descriptors (D-Bus type {@code h}), as AcquireNotify's
   * reply needs: only dbus-java's junixsocket transport can (a {@code unix:} address), and only
   * when the SASL exchange agreed on {@code NEGOTIATE_UNIX_FD}. The TCP transport the lab's machine
   * side uses never can. dbus-java 5.1.1 keeps the transport's answer behind a protected getter,
   * read here by reflection; if that fails, the address and junixsocket's capabilities decide.
   */
  boolean canPassFileDescriptors() {
    if (!address.startsWith("unix:")) {
      return false;
    }
    try {
      Method m =
          org.freedesktop.dbus.connections.base.AbstractConnectionBase.class.getDeclaredMethod(
              "getTransport");
      m.setAccessible(true);
      Object transport = m.invoke(connection);
      if (transport instanceof org.freedesktop.dbus.connections.transports.AbstractTransport t) {
        return t.isFileDescriptorSupported();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // fall through to the capability check
    }
    return org.newsclub.net.unix.AFSocket.supports(
        org.newsclub.net.unix.AFSocketCapability.CAPABILITY_FILE_DESCRIPTORS);
  }

  /** A fresh path for an object this connection exports. */
  String newObjectPath(String kind) {
    return "/dev/hogrig/" + kind + nextId.getAndIncrement();
  }

  <T extends DBusInterface> T proxy(String path, Class<T> type) {
    return call(
        "getRemoteObject " + type.getSimpleName(),
        path,
        address,
        () -> connection.getRemoteObject(BLUEZ, path, type));
  }

  /** Runs a D-Bus call and turns whatever dbus-java throws into one {@link BluezException}. */
  static <T> T call(String what, String object, Callable<T> body) {
    return call(what, object, null, body);
  }

  /**
   * {@link #call(String, String, Callable)} on the bus at {@code busAddress} (named in the advice
   * of errors such as "bluetoothd is not running").
   */
  static <T> T call(String what, String object, String busAddress, Callable<T> body) {
    try {
      return body.call();
    } catch (DBusExecutionException e) {
      throw translate(what, object, busAddress, e);
    } catch (DBusException e) {
      return fail(what, object, busAddress, errorName(e), e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      return fail(what, object, busAddress, errorName(e), e.getMessage(), e);
    }
  }

  private static <T> T fail(
      String what, String object, String busAddress, String name, String text, Throwable e) {
    throw error(what, object, busAddress, name, text, e);
  }

  /** The one way this package makes a {@link BluezException} from an error name. */
  static BluezException error(
      String what, String object, String busAddress, String name, String text, Throwable cause) {
    return new BluezException(
        what, object, name, text, BluezErrors.advice(name, text, busAddress), cause);
  }

  static void run(String what, String object, DBusRunnable body) {
    call(
        what,
        object,
        () -> {
          body.run();
          return null;
        });
  }

  interface DBusRunnable {
    void run() throws Exception;
  }

  static BluezException translate(String what, String object, DBusExecutionException e) {
    return translate(what, object, null, e);
  }

  static BluezException translate(
      String what, String object, String busAddress, DBusExecutionException e) {
    String name = e.getType() != null ? e.getType() : errorName(e);
    if ("org.freedesktop.DBus.Error.NoReply".equals(name)
        && (e.getMessage() == null || !e.getMessage().contains(BluezErrors.RECIPIENT_LEFT))) {
      name = BluezException.TIMEOUT;
    }
    return error(what, object, busAddress, name, e.getMessage(), e);
  }

  private static String errorName(Throwable e) {
    return e.getClass().getName().replace('$', '.');
  }

  /** Default bound for a call to bluetoothd (dbus-java's own global default is 20 s). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Calls {@code method} on {@code proxy} and waits at most {@code timeout} for the answer.
   *
   * <p>Every call goes through dbus-java's asynchronous path, for two reasons: dbus-java 5.1.1's
   * synchronous proxies throw a {@code DBusExecutionException} whose {@code getType()} is null, so
   * BlueZ's error name ({@code org.bluez.Error.DoesNotExist}) would be lost, whereas the reply
   * {@link org.freedesktop.dbus.messages.Error} message still carries it; and each call gets its
   * own bound instead of dbus-java's one global timeout.
   */
  Object invoke(
      DBusInterface proxy, String iface, String method, Duration timeout, Object... args) {
    String what = iface + "." + method;
    String path = proxy.getObjectPath();
    DBusAsyncReply<?> reply = call(what, path, address, () -> startAsync(proxy, method, args));
    long deadline = System.nanoTime() + timeout.toNanos();
    // Not reply.hasReply(): in dbus-java 5.1.1 it stays false forever for a method without a
    // return value (it tests the converted value for null). The call's own reply slot is reliable.
    MethodCall sent = reply.getCall();
    while (!sent.hasReply()) {
      if (System.nanoTime() > deadline) {
        throw error(
            what, path, address, BluezException.TIMEOUT, "no answer within " + timeout, null);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BluezException(what, path, "java.lang.InterruptedException", null, e);
      }
    }
    Message answer = sent.getReply();
    if (answer instanceof org.freedesktop.dbus.messages.Error err) {
      String text = null;
      try {
        Object[] params = err.getParameters();
        if (params != null && params.length > 0) {
          text = String.valueOf(params[0]);
        }
      } catch (DBusException e) {
        text = "(unreadable error text: " + e.getMessage() + ")";
      }
      throw error(what, path, address, err.getName(), text, null);
    }
    String sig = answer.getSig();
    if (sig == null || sig.isEmpty()) {
      // A void method: DBusAsyncReply.getReply() would throw NoReply for it.
      return null;
    }
    return call(what, path, address, reply::getReply);
  }

  /**
   * Sends the call without waiting. Not {@code connection.callMethodAsync}: that finds the Java
   * method with {@code getMethod(name, classes of the arguments)}, which fails for a {@code Map}
   * parameter given a {@code LinkedHashMap}, or a generic one. Here the method is found by name on
   * the proxy's interface (names are unique in {@code dev.hogrig.bluez.dbus}).
   */
  private DBusAsyncReply<?> startAsync(DBusInterface proxy, String method, Object... args)
      throws DBusException {
    RemoteObject remote =
        ((RemoteInvocationHandler) java.lang.reflect.Proxy.getInvocationHandler(proxy)).getRemote();
    Method target = null;
    for (Method m : remote.getInterface().getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length) {
        target = m;
        break;
      }
    }
    if (target == null) {
      throw new DBusException("no method " + method + " on " + remote.getInterface().getName());
    }
    return (DBusAsyncReply<?>)
        RemoteInvocationHandler.executeRemoteMethod(
            remote, target, connection, RemoteInvocationHandler.CALL_TYPE_ASYNC, null, args);
  }

  Object invoke(DBusInterface proxy, String iface, String method, Object... args) {
    return invoke(proxy, iface, method, CALL_TIMEOUT, args);
  }

  Object get(String path, String iface, String property) {
    Properties p = proxy(path, Properties.class);
    try {
      return plain(invoke(p, PROPERTIES, "Get", iface, property));
    } catch (BluezException e) {
      throw new BluezException(
          "Get " + iface + "." + property,
          path,
          e.errorName(),
          e.text(),
          e.advice().orElse(null),
          e);
    }
  }

  @SuppressWarnings("unchecked")
  ImmutableMap<String, Object> getAll(String path, String iface) {
    Properties p = proxy(path, Properties.class);
    return plainMap((Map<String, Variant<?>>) invoke(p, PROPERTIES, "GetAll", iface));
  }

  void set(String path, String iface, String property, Object value) {
    // dbus-java's Properties.Set is generic (A value): callMethodAsync finds methods by the
    // arguments' classes and cannot match it, hence our own Set(String, String, Variant).
    PropertiesSet p = proxy(path, PropertiesSet.class);
    try {
      invoke(p, PROPERTIES, "Set", iface, property, new Variant<>(value));
    } catch (BluezException e) {
      throw new BluezException(
          "Set " + iface + "." + property,
          path,
          e.errorName(),
          e.text(),
          e.advice().orElse(null),
          e);
    }
  }

  /** BlueZ's objects: path → interface → property → plain value. */
  @SuppressWarnings("unchecked")
  ImmutableMap<String, ImmutableMap<String, ImmutableMap<String, Object>>> managedObjects() {
    ObjectManager om = proxy("/", ObjectManager.class);
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> raw =
        (Map<DBusPath, Map<String, Map<String, Variant<?>>>>)
            invoke(om, OBJECT_MANAGER, "GetManagedObjects");
    ImmutableMap.Builder<String, ImmutableMap<String, ImmutableMap<String, Object>>> b =
        ImmutableMap.builder();
    raw.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ImmutableMap.Builder<String, ImmutableMap<String, Object>> ifaces =
                  ImmutableMap.builder();
              e.getValue().forEach((iface, props) -> ifaces.put(iface, plainMap(props)));
              b.put(e.getKey().getPath(), ifaces.buildKeepingLast());
            });
    return b.buildKeepingLast();
  }

  /** Object paths with {@code iface}, in path order. */
  ImmutableList<String> pathsWith(String iface) {
    List<String> out = new ArrayList<>();
    managedObjects()
        .forEach(
            (path, ifaces) -> {
              if (ifaces.containsKey(iface)) {
                out.add(path);
              }
            });
    return ImmutableList.copyOf(out);
  }

  static ImmutableMap<String, Object> plainMap(Map<String, Variant<?>> props) {
    Map<String, Object> m = new LinkedHashMap<>();
    props.forEach((k, v) -> m.put(k, plain(v)));
    return ImmutableMap.copyOf(m);
  }

  /** dbus-java values to plain Java: Variant unwrapped, unsigned types widened, paths as String. */
  static Object plain(Object v) {
    if (v instanceof Variant<?> variant) {
      return plain(variant.getValue());
    }
    if (v instanceof UInt16 u) {
      return u.intValue();
    }
    if (v instanceof UInt32 u) {
      return u.longValue();
    }
    if (v instanceof UInt64 u) {
      return u.value();
    }
    if (v instanceof Byte b) {
      return b & 0xff;
    }
    if (v instanceof DBusPath p) {
      return p.getPath();
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object o : list) {
        out.add(plain(o));
      }
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, val) -> out.put(plain(k), plain(val)));
      return out;
    }
    return v;
  }

  static Map<String, Variant<?>> discoveryFilterLe() {
    Map<String, Variant<?>> f = new LinkedHashMap<>();
    f.put("Transport", new Variant<>("le"));
    return f;
  }

  Adapter1 adapter1(String path) {
    return proxy(path, Adapter1.class);
  }
}
