package dev.hogrig.controller;

import dev.hogrig.controller.Air.Advertisement;
import dev.hogrig.controller.Air.Initiation;
import dev.hogrig.controller.Air.Report;
import dev.hogrig.controller.Air.Scan;
import dev.hogrig.controller.Air.Station;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The advertising half of an {@link Air}, shared by {@link DirectAir} and {@link LlAir}: who
 * advertises, scans and initiates, the reports scanners get, and which initiator meets which
 * advertiser. Reports are immediate (no advertising events, no channels): every scanner hears every
 * advertisement at once, then again every advertising interval (at least 100 ms) unless it filters
 * duplicates. What happens once an initiator meets a connectable advertiser is the air's business
 * ({@link Connector}).
 *
 * <p>Not thread-safe: the air confines it (DirectAir under its lock, LlAir on its link-layer
 * thread). Station callbacks are made on the caller's thread.
 */
final class AdvertisingMedium {
  static final int RSSI = -40;

  /** What the air does when an initiator meets a matching connectable advertiser. */
  interface Connector {
    /**
     * Called after both have stopped (initiation cleared, advertising ended and the advertiser's
     * station told {@link Station#advertisingEnded}).
     */
    void connect(Entry initiator, Initiation initiation, Entry advertiser, Advertisement ad);
  }

  /** One station on the medium. */
  static final class Entry {
    final Station station;
    Optional<Advertisement> advertisement = Optional.empty();
    Optional<Scan> scan = Optional.empty();
    Optional<Initiation> initiation = Optional.empty();
    final Set<String> seen = new HashSet<>();
    long lastReport;

    Entry(Station station) {
      this.station = station;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Connector connector;

  AdvertisingMedium(Connector connector) {
    this.connector = connector;
  }

  Entry add(Station station) {
    Entry e = new Entry(station);
    entries.add(e);
    return e;
  }

  /** Takes {@code e} off the medium: it no longer advertises, scans or initiates. */
  void remove(Entry e) {
    e.advertisement = Optional.empty();
    e.scan = Optional.empty();
    e.initiation = Optional.empty();
    entries.remove(e);
  }

  /**
   * Whether an initiator asking for {@code i} connects to an advertiser sending {@code a} (Vol 6
   * Part B §4.3.5, §4.4.2): the advertising is connectable, the advertiser is the peer the
   * initiator names or (Initiator_Filter_Policy 0x01) is in its Filter Accept List, and a directed
   * advertisement is directed at this initiator.
   */
  static boolean matches(Initiation i, Advertisement a) {
    boolean target =
        i.useAcceptList() ? i.acceptList().contains(a.own()) : i.peer().equals(a.own());
    boolean directedElsewhere = a.direct().isPresent() && !a.direct().get().equals(i.own());
    return a.connectable() && target && !directedElsewhere;
  }

  void advertise(Entry e, Optional<Advertisement> a, long nowNanos) {
    e.advertisement = a;
    if (a.isPresent()) {
      e.lastReport = nowNanos;
      for (Entry s : new ArrayList<>(entries)) {
        if (s != e && s.scan.isPresent()) {
          report(e, s);
        }
      }
      tryConnect();
    }
  }

  void scan(Entry e, Optional<Scan> s) {
    e.scan = s;
    e.seen.clear();
    if (s.isPresent()) {
      for (Entry adv : new ArrayList<>(entries)) {
        if (adv != e && adv.advertisement.isPresent()) {
          report(adv, e);
        }
      }
    }
  }

  void connect(Entry e, Initiation i) {
    e.initiation = Optional.of(i);
    tryConnect();
  }

  /** Stops initiating; tells the station 0x02 (Vol 4 Part E §7.8.13) if it was initiating. */
  void cancelConnect(Entry e) {
    if (e.initiation.isPresent()) {
      e.initiation = Optional.empty();
      e.station.connectFailed(0x02);
    }
  }

  /** Repeats each advertiser's reports once its advertising interval (at least 100 ms) passed. */
  void repeatReports(long nowNanos) {
    for (Entry scanner : entries) {
      if (scanner.scan.isEmpty()) {
        continue;
      }
      for (Entry adv : entries) {
        if (adv != scanner && adv.advertisement.isPresent() && due(adv, nowNanos)) {
          report(adv, scanner);
        }
      }
    }
    for (Entry adv : entries) {
      if (adv.advertisement.isPresent() && due(adv, nowNanos)) {
        adv.lastReport = nowNanos;
      }
    }
  }

  private static boolean due(Entry adv, long nowNanos) {
    long period = Math.max(100, adv.advertisement.get().intervalMs()) * 1_000_000L;
    return nowNanos - adv.lastReport >= period;
  }

  /** Reports {@code adv}'s advertisement to {@code scanner} (Vol 4 Part E §7.7.65.2). */
  private void report(Entry adv, Entry scanner) {
    Advertisement a = adv.advertisement.get();
    Scan s = scanner.scan.get();
    if (a.direct().isPresent() && !a.direct().get().equals(s.own())) {
      return;
    }
    int eventType = a.type() == 0x04 ? 0x01 : a.type();
    deliver(
        scanner,
        new Report(eventType, a.own(), a.direct().isPresent() ? Bytes.EMPTY : a.data(), RSSI));
    if (s.active() && a.scannable()) {
      deliver(scanner, new Report(0x04, a.own(), a.scanResponse(), RSSI));
    }
  }

  private static void deliver(Entry scanner, Report r) {
    if (scanner.scan.get().filterDuplicates()
        && !scanner.seen.add(r.eventType() + "/" + r.advertiser() + "/" + r.data().toHex())) {
      return;
    }
    scanner.station.advertisingReport(r);
  }

  /** Connects the first initiator that matches a connectable advertiser. */
  private void tryConnect() {
    for (Entry init : entries) {
      if (init.initiation.isEmpty()) {
        continue;
      }
      Initiation i = init.initiation.get();
      for (Entry adv : entries) {
        if (adv == init || adv.advertisement.isEmpty()) {
          continue;
        }
        Advertisement a = adv.advertisement.get();
        if (matches(i, a)) {
          init.initiation = Optional.empty();
          adv.advertisement = Optional.empty();
          adv.station.advertisingEnded();
          connector.connect(init, i, adv, a);
          return;
        }
      }
    }
  }
}
