package dev.hogrig.cli;

import com.google.common.collect.ImmutableList;
import dev.hogrig.gatt.GattModelException;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.hid.HidException;
import dev.hogrig.hid.HidRecording;
import dev.hogrig.replay.RecordingPlayback;
import dev.hogrig.replay.TimedReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig replay}: the replay engine ({@code dev.hogrig.replay}) from the command line. For
 * now one dry run: whether a hid-tools recording can be played as a HOGP device, and what would be
 * sent when. Playing on an adapter is not here yet (docs/replay.md, Not done).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replay hid-tools recordings. See docs/replay.md.",
    subcommands = {ReplayCommand.Check.class})
final class ReplayCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Reads a hid-recorder .hid recording, checks every E: line against its descriptor and",
        "prints the device it would present (name, PnP ID, appearance) and the timeline of its",
        "input reports. Nothing is sent. Exit status 2 with the line and column of the first",
        "problem."
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RECORDING", description = "A .hid file, or - for standard input.")
    String source;

    @Option(names = "--list", description = "Print every report: time, report ID, payload, line.")
    boolean list;

    @Override
    public Integer call() {
      String name = source.equals("-") ? "<stdin>" : source;
      HidRecording rec;
      ImmutableList<TimedReport> reports;
      HidProfile profile;
      try {
        rec = HidRecording.parse(text(source));
        reports = RecordingPlayback.reports(rec);
        profile = RecordingPlayback.profile(rec);
      } catch (HidException | GattModelException e) {
        throw new UsageException(name + ": " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "recording  %s: \"%s\", bus %d, vendor %04x, product %04x%n",
          name, rec.name(), rec.bus(), rec.vendorId(), rec.productId());
      out.printf(
          "device     %s, appearance 0x%04X, PnP ID %s %04x:%04x, Report Map %d octets%n",
          profile.name(),
          profile.appearance(),
          profile.pnpId().source(),
          profile.pnpId().vendorId(),
          profile.pnpId().productId(),
          profile.descriptor().bytes().size());
      Map<Integer, Integer> perId = new TreeMap<>();
      for (TimedReport r : reports) {
        perId.merge(r.reportId(), 1, Integer::sum);
      }
      long span = reports.isEmpty() ? 0 : reports.get(reports.size() - 1).atNanos();
      out.printf(
          "reports    %d input reports over %.6f s; per report ID %s%n",
          reports.size(), span / 1e9, perId);
      if (list) {
        for (TimedReport r : reports) {
          out.printf(
              "  %12.6f  id %-3d %s  (%s)%n",
              r.atNanos() / 1e9, r.reportId(), r.payload().toHex(), r.origin());
        }
      }
      out.flush();
      return 0;
    }

    private String text(String source) {
      try {
        byte[] raw =
            source.equals("-")
                ? HogrigCommand.stdin(spec).readAllBytes()
                : Files.readAllBytes(Path.of(source));
        return new String(raw, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException(source + ": no such file");
      } catch (IOException e) {
        throw new UsageException(source + ": cannot read: " + e.getMessage());
      }
    }
  }
}
