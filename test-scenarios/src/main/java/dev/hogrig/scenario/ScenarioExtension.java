package dev.hogrig.scenario;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogrig.lab.VirtualLab;
import dev.hogrig.report.Categories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The lifecycle behind {@link Scenario}: one {@link RigSession} per run (the lab boots once), one
 * {@link Rig} per scenario method, and a teardown that runs whatever happened: evidence attached
 * (GATT timeline, host input events, the run's HCI capture cut to this scenario, the step log),
 * every emulator's bond forgotten on both sides and its registrations removed.
 *
 * <p>Configuration parameters (JUnit's, so {@code -D} system properties work too): {@value
 * Target#PARAMETER} (see {@link Target}), {@value #WORK_DIR} (lab output, default {@code
 * target/hogrig-scenarios}), {@value Rig#CYCLES}, {@value #PAIR_WAIT} (seconds a real host's
 * operator has to pair, default 120).
 */
public final class ScenarioExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver,
        TestExecutionExceptionHandler {
  public static final String WORK_DIR = "hogrig.scenario.workdir";
  public static final String PAIR_WAIT = "hogrig.scenario.pair-wait";

  /**
   * What the lab's Linux host does now and then when bonds are removed around a live link: its
   * kernel (Debian's 6.1) hits list_del corruption in hci_chan_del and kills bluetoothd for both
   * sides. Seen in HogpLabTest and three scenario runs (docs/bluez.md, "Host bugs found").
   */
  static final String HOST_KERNEL_BUG =
      "the lab host's kernel logged a BUG (list_del corruption in hci_chan_del seen so far;"
          + " docs/bluez.md#host-bugs-found), see the 'host kernel log' attachment";

  /** Where the live view goes: the command line sets it; Surefire runs print to stdout. */
  private static volatile Consumer<String> live = System.out::println;

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(ScenarioExtension.class);

  /** Lets the command line show scenario progress its own way. */
  public static void setLiveView(Consumer<String> view) {
    live = view;
  }

  private record SharedSession(RigSession session)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  /** Per method: the rig, its host, and the capture mark. */
  private record Running(
      Rig rig, Host host, Evidence evidence, Optional<Path> capture, long mark) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Target target = target(context);
    if (target.kind() == Target.Kind.LAB && target.labDir().isEmpty()) {
      boolean ci = "true".equals(System.getenv("CI"));
      assumeTrue(ci || !"skip".equals(System.getenv("HOGRIG_LAB")), "HOGRIG_LAB=skip");
      assumeTrue(
          ci
              || Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))
                  && Files.isExecutable(Path.of("/usr/bin/btvirt")),
          "lab packages missing (run scripts/setup as root)");
    }
  }

  private static Target target(ExtensionContext context) {
    return Target.parse(context.getConfigurationParameter(Target.PARAMETER).orElse("lab"));
  }

  private static RigSession session(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent(
            "session",
            k -> {
              Path work =
                  Path.of(
                      context
                          .getConfigurationParameter(WORK_DIR)
                          .orElse("target/hogrig-scenarios"));
              live.accept("rig: opening " + target(context).format() + " ...");
              RigSession s = RigSession.open(target(context), work);
              s.lab()
                  .ifPresent(
                      l ->
                          live.accept(
                              String.format(
                                  "rig: lab ready in %.1f s, bluetoothd %s, controllers %s",
                                  l.bootTime().toMillis() / 1e3,
                                  l.bluezVersion(),
                                  l.controllers())));
              s.probe()
                  .ifPresent(
                      p -> {
                        live.accept(
                            "rig: probe listening on "
                                + p.address()
                                + "; open this page in the host's browser and keep it in front:");
                        for (java.net.URI u : p.urls()) {
                          live.accept("rig:   " + u);
                        }
                      });
              return new SharedSession(s);
            },
            SharedSession.class)
        .session();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    RigSession session = session(context);
    session.requireUsable();
    Evidence evidence = new Evidence(line -> live.accept("  " + line));
    Host host;
    Optional<Path> capture = Optional.empty();
    if (session.lab().isPresent()) {
      VirtualLab lab = session.lab().get();
      host =
          new LabHost(
              lab,
              session.bluez().adapter(session.hostController().name()),
              session.peripheralAdapter(),
              evidence);
      capture = Optional.of(lab.outputDir().resolve("hci.btsnoop"));
    } else {
      long wait = context.getConfigurationParameter(PAIR_WAIT).map(Long::parseLong).orElse(120L);
      RemoteHost remote =
          new RemoteHost(
              session.peripheralAdapter(),
              session.target.hostAddress(),
              Duration.ofSeconds(wait),
              evidence);
      host =
          session
              .probe()
              .<Host>map(
                  p ->
                      new ProbeHost(
                          remote, p, new BrowserInput(), Duration.ofSeconds(wait), evidence))
              .orElse(remote);
    }
    evidence.report().host(host.info());
    Rig rig = new Rig(session, evidence, host, context::getConfigurationParameter);
    long mark = capture.map(CaptureSlice::mark).orElse(0L);
    capture.ifPresent(c -> rig.linkEventSource(() -> CaptureSlice.linkEvents(c, mark)));
    capture.ifPresent(
        c ->
            rig.captureSource(
                () ->
                    CaptureSlice.since(c, mark)
                        .map(
                            b ->
                                dev.hogrig.hci.HciTrace.read(
                                    new java.io.ByteArrayInputStream(b)))));
    context.getStore(NS).put("running", new Running(rig, host, evidence, capture, mark));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Running r = context.getStore(NS).remove("running", Running.class);
    if (r == null) {
      return;
    }
    List<Throwable> problems = new ArrayList<>();
    RigSession session = session(context);
    boolean bluetoothdAlive = true;
    if (session.lab().isPresent()) {
      LabHealth health = LabHealth.check(session.lab().get());
      bluetoothdAlive = health.bluetoothd();
    }
    for (Emulator e : r.rig().emulators()) {
      attempt(
          problems,
          () ->
              r.evidence()
                  .attachText(
                      "GATT timeline " + e.name(),
                      dev.hogrig.report.GattTimeline.render(e.events())));
    }
    if (r.host() instanceof ProbeHost probe) {
      attempt(problems, () -> r.evidence().report().hostInputEvents(probe.allInputEvents()));
    }
    if (r.host() instanceof LabHost lab) {
      attempt(problems, () -> r.evidence().report().hostInputEvents(lab.allInputEvents()));
      attempt(
          problems,
          () ->
              lab.hidDevice()
                  .ifPresent(h -> r.evidence().attachText("host HID device", h.toString())));
    }
    r.capture()
        .ifPresent(
            c ->
                attempt(
                    problems,
                    () ->
                        CaptureSlice.since(c, r.mark())
                            .ifPresent(bytes -> r.evidence().attachBtsnoop(bytes))));
    r.capture()
        .ifPresent(
            c ->
                attempt(
                    problems,
                    () -> r.evidence().attachText("link events", linkEvents(c, r.mark()))));
    if (bluetoothdAlive) {
      for (Emulator e : r.rig().emulators()) {
        attempt(problems, () -> r.host().forget(e));
        attempt(problems, e::close);
      }
    }
    if (r.host() instanceof LabHost lab) {
      attempt(problems, lab::close);
    }
    for (Runnable action : r.rig().teardownActions()) {
      attempt(problems, action);
    }
    String name = context.getRequiredTestClass().getAnnotation(Scenario.class).name();
    java.util.concurrent.atomic.AtomicBoolean hostBroke =
        new java.util.concurrent.atomic.AtomicBoolean();
    attempt(
        problems,
        () ->
            session
                .checkHealth(name)
                .ifPresent(
                    h -> {
                      hostBroke.set(true);
                      r.evidence()
                          .note(
                              "LAB BROKEN: bluetoothd "
                                  + (h.bluetoothd() ? "alive" : "dead")
                                  + ", kernel problems logged: "
                                  + h.kernelProblems());
                      r.evidence().attachText("host kernel log", h.kernelLog());
                    }));
    attempt(problems, () -> r.evidence().attachText("step log", r.evidence().log()));
    if (!problems.isEmpty() && hostBroke.get()) {
      // The lab's host broke during the teardown (its kernel, bluetoothd): what failed after
      // that is the host's doing, documented, and the lab was replaced.
      throw new TestAbortedException(
          Categories.KNOWN_HOST_ISSUE_PREFIX
              + HOST_KERNEL_BUG
              + "; teardown: "
              + problems.get(0).getMessage(),
          problems.get(0));
    }
    if (!problems.isEmpty()) {
      AssertionError teardown =
          new AssertionError("scenario teardown: " + problems.get(0), problems.get(0));
      problems.subList(1, problems.size()).forEach(teardown::addSuppressed);
      throw teardown;
    }
  }

  private static String linkEvents(Path capture, long mark) {
    StringBuilder b = new StringBuilder();
    for (dev.hogrig.hci.LinkEvent e : CaptureSlice.linkEvents(capture, mark)) {
      b.append(e).append('\n');
    }
    return b.length() == 0 ? "(no link events)\n" : b.toString();
  }

  private static void attempt(List<Throwable> problems, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | AssertionError e) {
      problems.add(e);
    }
  }

  /**
   * Turns a failure into an abort when the method documents it as a {@link KnownIssue} of the host
   * it ran against; anything else goes through unchanged.
   */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    Running r = context.getStore(NS).get("running", Running.class);
    if (r == null || failure instanceof TestAbortedException) {
      throw failure;
    }
    if (session(context).kernelBroke()) {
      r.evidence().note("known host issue: " + HOST_KERNEL_BUG);
      throw new TestAbortedException(
          Categories.KNOWN_HOST_ISSUE_PREFIX
              + HOST_KERNEL_BUG
              + "; this run: "
              + failure.getMessage(),
          failure);
    }
    for (KnownIssue k : context.getRequiredTestMethod().getAnnotationsByType(KnownIssue.class)) {
      String message = String.valueOf(failure.getMessage());
      if (k.host().equals(r.host().name()) && message.startsWith(k.kind().prefix())) {
        r.evidence().note("known host issue (" + k.reference() + "): " + k.summary());
        throw new TestAbortedException(
            Categories.KNOWN_HOST_ISSUE_PREFIX
                + k.summary()
                + " ("
                + k.reference()
                + "); this run: "
                + failure.getMessage(),
            failure);
      }
    }
    throw failure;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
    return p.getParameter().getType() == Rig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext context) {
    Running r = context.getStore(NS).get("running", Running.class);
    if (r == null) {
      throw new IllegalStateException("a Rig is only available to scenario test methods");
    }
    return r.rig();
  }
}
