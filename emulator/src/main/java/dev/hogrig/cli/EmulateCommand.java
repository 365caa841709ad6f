package dev.hogrig.cli;

import dev.hogrig.bluez.Adapter;
import dev.hogrig.bluez.AgentListener;
import dev.hogrig.bluez.BluezConnection;
import dev.hogrig.bluez.BluezException;
import dev.hogrig.bluez.BluezPeripheral;
import dev.hogrig.bluez.DeviceRef;
import dev.hogrig.gatt.GattModelException;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.lab.Controller;
import dev.hogrig.lab.VirtualLab;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig emulate}: a HID-over-GATT peripheral on a BlueZ adapter, with a live view of what
 * the host does to it. The command only resolves its arguments (profile, bus, adapter, duration);
 * {@link #emulate} is the emulation itself, callable in-process with any {@link BluezConnection}
 * (the lab test gives it the shared lab's bus).
 *
 * <p>On a real adapter it talks to the machine's system bus ({@link BluezConnection#system()});
 * with {@code --lab} to the guest bus of the lab {@code hogrig lab up} left running. Requirements
 * on the BlueZ side (version, main.conf, D-Bus policy) are in docs/hardware.md.
 */
@Command(
    name = "emulate",
    mixinStandardHelpOptions = true,
    description = {
      "Be a Bluetooth LE HID device (HOGP) on a BlueZ adapter and print, one line each, what the",
      "host does: pairing requests, reads, writes, subscriptions, LED and feature reports.",
      "Runs until Ctrl-C or --for elapses. Needs bluetoothd on the system bus (see",
      "docs/hardware.md), or --lab for the virtual lab of 'hogrig lab up'.",
      "Exit status: 0 stopped, 2 bad usage, no adapter, no lab or a BlueZ error."
    })
final class EmulateCommand implements Callable<Integer> {
  /** Upper bound of {@code --name}: the GAP Device Name holds 248 octets (Core Vol 3 Part C). */
  static final int MAX_NAME_BYTES = 248;

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  /**
   * How often the links of the adapter's devices are polled. BlueZ tells a GATT application nothing
   * about connections (gatt-api.txt has no such call), so the view asks Device1.
   */
  static final Duration LINK_POLL = Duration.ofMillis(500);

  /** How long the shutdown hook waits for the peripheral to be closed after Ctrl-C. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

  @Spec CommandSpec spec;

  @Mixin DeviceOptions device;

  @Option(
      names = "--profile",
      required = true,
      paramLabel = "PROFILE",
      description = {
        "keyboard (boot keyboard, KeyboardDisplay: pairing shows a passkey), mouse (5 buttons),",
        "touchpad (Precision Touchpad click pad), or a descriptor FILE in any form",
        "'hogrig descriptor decode' reads (binary, hex, text, hid-tools recording, library:NAME)."
      })
  String profile;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "LocalName advertised and served as the GAP Device Name (default: hogrig PROFILE).")
  String name;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "Stop after this long: e.g. 500ms, 30s, 2m, 1h (default: until Ctrl-C).")
  String forDuration;

  @Option(
      names = "--stdin",
      description = {
        "Read commands from standard input, one a line: 'type TEXT' (US layout, on the",
        "keyboard input report), 'battery 0..100', 'help'."
      })
  boolean stdin;

  /** A profile set by a command that reuses this one ({@code replay play}); null: --profile. */
  HidProfile preset;

  /** What runs beside the emulation ({@code replay play}'s playback); null: nothing. */
  Driver driver;

  /**
   * Something that drives the emulated device while it is advertised and served, on a thread of its
   * own: e.g. {@code replay play} waits for the host to subscribe and plays a recording. Its return
   * value becomes the command's exit status, and the emulation stops when it returns.
   */
  interface Driver {
    /**
     * @param stop counted down when the user stops the emulation (Ctrl-C, --for): return soon
     * @return the exit status
     */
    int drive(BluezPeripheral peripheral, LiveView view, Clock clock, CountDownLatch stop)
        throws InterruptedException;
  }

  /**
   * The root java.util.logging logger: dbus-java logs through it (slf4j-jdk14), and its INFO lines
   * ("Using transport ...") would mix with the live view on the terminal. Held here because
   * java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger ROOT_LOG = java.util.logging.Logger.getLogger("");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Duration limit = forDuration == null ? null : parseDuration(forDuration);
    if (stdin && "-".equals(profile)) {
      throw new UsageException("--stdin and --profile - both want standard input; use a file");
    }
    if (device.dir.dir != null && !device.lab) {
      throw new UsageException("--dir only means something with --lab");
    }
    HidProfile hid = preset != null ? preset : profile(profile, HogrigCommand.stdin(spec));
    String localName = name != null ? name : "hogrig " + hid.name();
    checkName(localName);
    if (System.getenv("HOGRIG_DEBUG") == null) {
      ROOT_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                done.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "hogrig-emulate-stop");
    VirtualLab attached = null;
    BluezConnection bluez = null;
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      String adapterName;
      if (device.lab) {
        attached = VirtualLab.attach(device.dir.state());
        adapterName = labController(attached.controllers(), device.adapter);
        bluez = connect(attached.busAddress(), true);
      } else {
        bluez = connect(null, false);
        adapterName = device.adapter;
      }
      applyNotifyPath(bluez, device.notifyPath);
      LiveView view = new LiveView(out, device.json, hid.descriptor(), Clock.systemUTC().instant());
      java.io.Reader control =
          stdin
              ? new java.io.InputStreamReader(
                  HogrigCommand.stdin(spec), java.nio.charset.StandardCharsets.UTF_8)
              : null;
      return emulate(bluez, adapterName, hid, localName, limit, view, stop, control, driver);
    } catch (BluezException e) {
      throw bluezError(e);
    } finally {
      try {
        if (bluez != null) {
          try {
            bluez.close();
          } catch (RuntimeException e) {
            // Already reported by emulate(); the bus may be gone.
          }
        }
        if (attached != null) {
          attached.detach();
        }
      } finally {
        done.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running and waits for done.
        }
      }
    }
  }

  /**
   * Runs one emulation: starts a {@link BluezPeripheral} for {@code profile} on the adapter, feeds
   * the device's events, the application's subscriptions and the agent's requests to {@code view},
   * and returns when {@code stop} is counted down or {@code limit} (null: no limit) elapses, after
   * closing the peripheral (advertisement, application, Alias, agent; bonds stay).
   *
   * @param adapterName the adapter's name or address, or null for the first bluetoothd lists
   * @param control commands ({@link ConsoleControl}), read on a daemon thread, or null for none
   * @return the exit status, 0
   * @throws UsageException when the adapter does not exist or BlueZ refuses a step
   */
  static int emulate(
      BluezConnection bluez,
      String adapterName,
      HidProfile profile,
      String localName,
      Duration limit,
      LiveView view,
      CountDownLatch stop,
      java.io.Reader control) {
    return emulate(bluez, adapterName, profile, localName, limit, view, stop, control, null);
  }

  /**
   * {@link #emulate(BluezConnection, String, HidProfile, String, Duration, LiveView,
   * CountDownLatch, java.io.Reader) emulate} with a {@link Driver} (null: none) started once the
   * device is advertised; the emulation then also stops when the driver returns, and the driver's
   * status is returned.
   */
  static int emulate(
      BluezConnection bluez,
      String adapterName,
      HidProfile profile,
      String localName,
      Duration limit,
      LiveView view,
      CountDownLatch stop,
      java.io.Reader control,
      Driver driver) {
    Clock clock = Clock.systemUTC();
    java.util.concurrent.atomic.AtomicInteger status =
        new java.util.concurrent.atomic.AtomicInteger();
    BluezPeripheral p;
    Adapter a;
    try {
      a = findAdapter(bluez, adapterName);
      if (!a.powered()) {
        a.setPowered(true);
        view.status(clock.instant(), "powered " + a.name() + " on");
      }
      p =
          BluezPeripheral.start(
              bluez, a, profile, localName, new ViewAgent(view, clock, profile), clock);
    } catch (BluezException e) {
      throw bluezError(e);
    }
    try {
      p.device().addListener(view::event);
      p.application().addSubscriptionListener(view::subscription);
      view.status(
          clock.instant(),
          String.format(
              "advertising \"%s\" on %s (%s): %s profile, appearance 0x%04X, %s, %d-byte"
                  + " Report Map; %s",
              localName,
              a.name(),
              a.address(),
              profile.name(),
              profile.appearance(),
              profile.ioCapability().bluezName(),
              profile.descriptor().bytes().size(),
              limit == null ? "Ctrl-C stops" : "stops after " + format(limit)));
      view.status(clock.instant(), notifyPathText(p.application(), bluez.busAddress()));
      Instant started = clock.instant();
      if (control != null) {
        startControl(control, new ConsoleControl(p.device(), view, clock), view, clock);
      }
      LinkWatch watch = new LinkWatch(a, view, clock);
      watch.run(); // what is already connected or paired, before the first tick
      java.util.concurrent.ScheduledExecutorService ticker =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "hogrig-emulate-links");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleWithFixedDelay(
          watch, LINK_POLL.toMillis(), LINK_POLL.toMillis(), TimeUnit.MILLISECONDS);
      CountDownLatch userStop = new CountDownLatch(1);
      Thread driving = null;
      if (driver != null) {
        BluezPeripheral peripheral = p;
        driving =
            new Thread(
                () -> {
                  try {
                    status.set(driver.drive(peripheral, view, clock, userStop));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (RuntimeException e) {
                    view.status(clock.instant(), "stopped: " + e.getMessage());
                    status.set(1);
                  } finally {
                    stop.countDown();
                  }
                },
                "hogrig-emulate-driver");
        driving.setDaemon(true);
        driving.start();
      }
      try {
        if (limit == null) {
          stop.await();
        } else {
          stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        userStop.countDown();
        if (driving != null) {
          // The driver sees userStop and returns; its playback is cut short, not left running.
          driving.join(CLOSE_WAIT.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        userStop.countDown();
        ticker.shutdownNow();
      }
      view.status(
          clock.instant(),
          String.format(
              "stopping after %.1f s: advertisement, GATT application and agent withdrawn;"
                  + " notifications sent: %d by AcquireNotify, %d by PropertiesChanged",
              Duration.between(started, clock.instant()).toMillis() / 1e3,
              p.application()
                  .notificationsSent(dev.hogrig.bluez.GattApplication.NotifyPath.ACQUIRE_NOTIFY),
              p.application()
                  .notificationsSent(
                      dev.hogrig.bluez.GattApplication.NotifyPath.PROPERTIES_CHANGED)));
    } finally {
      try {
        p.close();
      } catch (BluezException e) {
        throw bluezError(e);
      }
    }
    return status.get();
  }

  private static void startControl(
      java.io.Reader control, ConsoleControl console, LiveView view, Clock clock) {
    Thread reader =
        new Thread(
            () -> {
              java.io.BufferedReader in = new java.io.BufferedReader(control);
              try {
                String line;
                while ((line = in.readLine()) != null) {
                  try {
                    console.handle(line);
                  } catch (RuntimeException e) {
                    view.status(clock.instant(), "command failed: " + e.getMessage());
                  }
                }
              } catch (java.io.IOException e) {
                view.status(clock.instant(), "standard input: " + e.getMessage());
              }
            },
            "hogrig-emulate-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  // ------------------------------------------------------------------ arguments

  /** A built-in profile by name, or a profile for the descriptor that {@code source} names. */
  static HidProfile profile(String source, java.io.InputStream stdin) {
    Optional<HidProfile> builtIn = HidProfile.builtIn(source);
    if (builtIn.isPresent()) {
      return builtIn.get();
    }
    boolean looksLikeFile =
        source.equals("-")
            || source.startsWith("library:")
            || source.contains("/")
            || source.contains(".")
            || java.nio.file.Files.exists(Path.of(source));
    if (!looksLikeFile) {
      throw new UsageException(
          "--profile: '"
              + source
              + "' is neither keyboard, mouse nor touchpad, nor a descriptor file");
    }
    DescriptorInput.Loaded loaded =
        DescriptorInput.load(source, DescriptorInput.Format.AUTO, stdin);
    String base = loaded.name();
    int slash = base.lastIndexOf('/');
    base = slash >= 0 ? base.substring(slash + 1) : base;
    int dot = base.lastIndexOf('.');
    base = dot > 0 ? base.substring(0, dot) : base;
    if (base.startsWith("library:")) {
      base = base.substring("library:".length());
    }
    try {
      return HidProfile.fromDescriptor(base.isBlank() ? "descriptor" : base, loaded.bytes());
    } catch (GattModelException | dev.hogrig.hid.HidException e) {
      throw new UsageException(loaded.name() + ": " + e.getMessage());
    }
  }

  /**
   * Applies {@code --notify}: {@code auto} leaves the choice to the bus ({@link
   * BluezConnection#acquireNotifyOffered()}), {@code properties-changed} turns AcquireNotify off.
   *
   * @throws UsageException for any other value
   */
  static void applyNotifyPath(BluezConnection bluez, String value) {
    switch (value == null ? "auto" : value) {
      case "auto" -> {}
      case "properties-changed" -> bluez.disableAcquireNotify();
      default ->
          throw new UsageException(
              "--notify: '" + value + "' is neither auto nor properties-changed");
    }
  }

  /** The status line's words for the notification path of {@code app}. */
  static String notifyPathText(dev.hogrig.bluez.GattApplication app, String busAddress) {
    return app.acquireNotifyOffered()
        ? "notifications: AcquireNotify offered (a socket per subscribed host), PropertiesChanged"
            + " as fallback"
        : "notifications: PropertiesChanged (AcquireNotify not offered: "
            + (busAddress.startsWith("unix:")
                ? "turned off or the bus did not agree to pass descriptors"
                : "the bus at " + busAddress + " cannot pass file descriptors")
            + ")";
  }

  /**
   * {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}: a positive whole number and a unit.
   *
   * @throws UsageException otherwise
   */
  static Duration parseDuration(String text) {
    return parseDuration("--for", text);
  }

  /** {@link #parseDuration(String)} for {@code option}, which the error message names. */
  static Duration parseDuration(String option, String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new UsageException(
          option
              + ": '"
              + text
              + "' is not a duration; write a whole number and ms, s, m or h (30s)");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.isZero()) {
      throw new UsageException(
          option + ": '" + text + "' is no time at all; give a positive duration");
    }
    return d;
  }

  static void checkName(String localName) {
    if (localName.isBlank()) {
      throw new UsageException("--name must not be blank");
    }
    int bytes = localName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new UsageException(
          "--name is " + bytes + " bytes in UTF-8; a GAP Device Name holds at most 248");
    }
  }

  /** The lab controller to use: the one {@code wanted} names, else the first. */
  static String labController(List<Controller> controllers, String wanted) {
    if (controllers.isEmpty()) {
      throw new UsageException("the lab has no usable controller (see 'hogrig lab status')");
    }
    if (wanted == null) {
      return controllers.get(0).name();
    }
    for (Controller c : controllers) {
      if (c.name().equals(wanted) || c.address().equalsIgnoreCase(wanted)) {
        return c.name();
      }
    }
    throw new UsageException(
        "--adapter: the lab has no controller "
            + wanted
            + "; it has "
            + controllers.stream()
                .map(c -> c.name() + " (" + c.address() + ")")
                .collect(Collectors.joining(", ")));
  }

  private static Adapter findAdapter(BluezConnection bluez, String wanted) {
    List<Adapter> all = bluez.adapters();
    if (all.isEmpty()) {
      throw new UsageException(
          "bluetoothd has no adapter on " + bluez.busAddress() + " (is one plugged in and up?)");
    }
    if (wanted == null) {
      return all.get(0);
    }
    for (Adapter a : all) {
      if (a.name().equals(wanted) || a.address().equalsIgnoreCase(wanted)) {
        return a;
      }
    }
    throw new UsageException(
        "--adapter: no adapter "
            + wanted
            + "; bluetoothd has "
            + all.stream()
                .map(a -> a.name() + " (" + a.address() + ")")
                .collect(Collectors.joining(", ")));
  }

  private static BluezConnection connect(String labBus, boolean isLab) {
    try {
      return isLab ? BluezConnection.open(labBus) : BluezConnection.system();
    } catch (BluezException e) {
      throw new UsageException(
          "cannot connect to "
              + (isLab ? "the lab's bus " : "the system bus ")
              + e.object()
              + ": "
              + rootMessage(e)
              + (isLab ? " (is the lab up? 'hogrig lab status')" : " (is dbus running?)"));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** One line for a refused BlueZ call, with a hint for the usual causes. */
  static UsageException bluezError(BluezException e) {
    String name = e.errorName();
    String hint = "";
    if (name.endsWith("ServiceUnknown") || name.endsWith("NameHasNoOwner")) {
      hint = " (is bluetoothd running?)";
    } else if (name.endsWith("AccessDenied")) {
      hint = " (D-Bus policy: see docs/hardware.md, 'A user without root')";
    } else if (name.endsWith("NotPermitted") || name.endsWith("NotReady")) {
      hint = " (is the adapter powered and not blocked by rfkill?)";
    }
    String marker = "failed: " + name;
    String msg = e.getMessage();
    int at = msg.indexOf(marker);
    String text =
        at >= 0 ? msg.substring(at + marker.length()).replaceFirst("^: ", "").strip() : "";
    return new UsageException(
        "BlueZ refused "
            + e.call()
            + " on "
            + e.object()
            + ": "
            + name
            + (text.isEmpty() ? "" : " (" + text + ")")
            + hint);
  }

  static String format(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + " ms";
    }
    return d.toSeconds() + " s";
  }

  // ------------------------------------------------------------------ links

  /**
   * Prints when a remote device of the adapter connects, disconnects, pairs or is removed, by
   * polling {@code org.bluez.Device1} (Connected, Paired). The device objects bluetoothd keeps for
   * hosts merely seen advertising are not connected and print nothing.
   */
  static final class LinkWatch implements Runnable {
    private final Adapter adapter;
    private final LiveView view;
    private final Clock clock;
    private final java.util.Map<String, String> last = new java.util.HashMap<>();
    private boolean failing;

    LinkWatch(Adapter adapter, LiveView view, Clock clock) {
      this.adapter = adapter;
      this.view = view;
      this.clock = clock;
    }

    @Override
    public void run() {
      java.util.Map<String, String> now = new java.util.HashMap<>();
      java.util.Map<String, String> names = new java.util.HashMap<>();
      try {
        for (dev.hogrig.bluez.Device d : adapter.devices()) {
          java.util.Map<String, Object> props;
          try {
            props = d.properties();
          } catch (BluezException gone) {
            continue; // removed since the listing
          }
          boolean connected = Boolean.TRUE.equals(props.get("Connected"));
          boolean paired = Boolean.TRUE.equals(props.get("Paired"));
          if (connected || paired) {
            now.put(
                d.address(),
                (connected ? "connected" : "disconnected") + (paired ? "+paired" : ""));
            Object n = props.get("Name");
            names.put(d.address(), n instanceof String str ? str : "");
          }
        }
        failing = false;
      } catch (BluezException e) {
        if (!failing) {
          view.status(clock.instant(), "cannot read the adapter's devices: " + e.getMessage());
        }
        failing = true;
        return;
      }
      Instant at = clock.instant();
      for (java.util.Map.Entry<String, String> e : now.entrySet()) {
        String was = last.getOrDefault(e.getKey(), "disconnected");
        String is = e.getValue();
        String name = names.get(e.getKey());
        boolean wasConnected = was.startsWith("connected");
        boolean isConnected = is.startsWith("connected");
        if (isConnected != wasConnected) {
          view.link(at, e.getKey(), isConnected ? "connected" : "disconnected", name);
        }
        if (is.endsWith("+paired") && !was.endsWith("+paired")) {
          view.link(at, e.getKey(), "paired (bonded)", name);
        }
      }
      for (java.util.Map.Entry<String, String> e : last.entrySet()) {
        if (!now.containsKey(e.getKey())) {
          if (e.getValue().startsWith("connected")) {
            view.link(at, e.getKey(), "disconnected", "");
          }
          if (e.getValue().endsWith("+paired")) {
            view.link(at, e.getKey(), "removed (bond deleted)", "");
          }
        }
      }
      last.clear();
      last.putAll(now);
    }
  }

  // ------------------------------------------------------------------ agent

  /**
   * The pairing agent of an emulation: prints every request on the live view and accepts what a HID
   * device accepts. Passkey Entry on the device side (the host displays, the device types) is
   * refused: the emulator has no keyboard to type on, so a host that insists should pair with
   * Numeric Comparison or Just Works instead.
   */
  static final class ViewAgent implements AgentListener {
    private final LiveView view;
    private final Clock clock;
    private final HidProfile profile;

    ViewAgent(LiveView view, Clock clock, HidProfile profile) {
      this.view = view;
      this.clock = clock;
      this.profile = profile;
    }

    @Override
    public boolean requestConfirmation(DeviceRef device, long passkey) {
      view.pairing(
          clock.instant(),
          "confirm passkey",
          String.format("%06d", passkey),
          device,
          "accepted (check the host shows the same number)");
      return true;
    }

    @Override
    public boolean requestAuthorization(DeviceRef device) {
      view.pairing(clock.instant(), "authorize pairing (Just Works)", "", device, "accepted");
      return true;
    }

    @Override
    public boolean authorizeService(DeviceRef device, String uuid) {
      view.pairing(clock.instant(), "authorize service", uuid, device, "accepted");
      return true;
    }

    @Override
    public void displayPasskey(DeviceRef device, long passkey, int entered) {
      view.pairing(
          clock.instant(),
          "passkey",
          String.format("%06d", passkey),
          device,
          "type it on the host (" + entered + " typed so far)");
    }

    @Override
    public void displayPinCode(DeviceRef device, String pinCode) {
      view.pairing(clock.instant(), "PIN code", pinCode, device, "type it on the host");
    }

    @Override
    public OptionalLong requestPasskey(DeviceRef device) {
      view.pairing(
          clock.instant(),
          "passkey entry requested",
          "",
          device,
          "refused: " + profile.name() + " cannot type one; let the host compare numbers");
      return OptionalLong.empty();
    }

    @Override
    public Optional<String> requestPinCode(DeviceRef device) {
      view.pairing(clock.instant(), "legacy PIN requested", "", device, "refused");
      return Optional.empty();
    }

    @Override
    public void cancel() {
      view.pairing(clock.instant(), "cancelled by bluetoothd", "", null, "");
    }

    @Override
    public void release() {
      view.pairing(clock.instant(), "agent released by bluetoothd", "", null, "");
    }
  }
}
