package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The arithmetic of {@code hogrig bench notify}, kept free of the lab so it can be checked by hand:
 * nearest-rank percentiles, the clock offset between the machine and the lab guest from round
 * trips, the sequence number each benchmark report carries in its pointer move, and the matching of
 * sent reports with the evdev frames the host delivered (loss, duplicates, latencies).
 *
 * <p>All times are microseconds since the Unix epoch on one clock or the other; which clock is said
 * at each parameter.
 */
public final class BenchStats {
  private BenchStats() {}

  /**
   * Nearest-rank percentiles of a sample (the smallest value at least p % of the sample is ≤ to:
   * rank ⌈p·n/100⌉ of the sorted values, 1-based), so every figure printed is a value that was
   * measured, never an interpolation.
   */
  public record Percentiles(int n, long p50, long p90, long p99, long max) {}

  /**
   * Nearest-rank percentiles of {@code values}.
   *
   * @throws IllegalArgumentException when {@code values} is empty
   */
  public static Percentiles percentiles(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to take percentiles of");
    }
    long[] v = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(v);
    return new Percentiles(v.length, rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1]);
  }

  private static long rank(long[] sorted, int p) {
    int r = (int) Math.ceil(p * (double) sorted.length / 100.0);
    return sorted[Math.max(1, r) - 1];
  }

  /**
   * One clock round trip: the machine's clock when the ping was written, the guest's clock when the
   * guest read it, the machine's clock when the answer was read back.
   */
  public record ClockSample(long machineSendMicros, long guestMicros, long machineReceiveMicros) {
    public ClockSample {
      if (machineReceiveMicros < machineSendMicros) {
        throw new IllegalArgumentException(
            "clock sample received ("
                + machineReceiveMicros
                + ") before sent ("
                + machineSendMicros
                + ")");
      }
    }

    /** The round trip on the machine's clock. */
    public long rttMicros() {
      return machineReceiveMicros - machineSendMicros;
    }
  }

  /**
   * guest clock − machine clock, in µs, within ± {@code uncertaintyMicros}: the guest read its
   * clock at some instant between the machine's send and receive marks, so the true offset lies in
   * [guest − receive, guest − send]; the estimate is that interval's middle and the uncertainty its
   * half-width, RTT/2, taken from the sample with the shortest round trip (the one whose interval
   * is narrowest; the NTP clock filter's choice, RFC 5905 §10). The bound holds however the round
   * trip splits into the two directions; the estimate is exact only if it splits evenly.
   *
   * @param machineMicros the machine's clock at the middle of the chosen round trip
   */
  public record ClockOffset(
      long offsetMicros, long uncertaintyMicros, long machineMicros, int samples) {
    /** {@code guestMicros} on the machine's clock. */
    public long toMachine(long guestMicros) {
      return guestMicros - offsetMicros;
    }
  }

  /**
   * Whether latencies are worth printing: only when the offset's uncertainty is below the median
   * latency. Otherwise the clock error is as large as what is measured, and percentiles would only
   * show it.
   */
  public static boolean latencyMeaningful(Percentiles latency, long uncertaintyMicros) {
    return uncertaintyMicros < latency.p50();
  }

  /**
   * The offset from the sample with the shortest round trip (the first such when several tie).
   *
   * @throws IllegalArgumentException when {@code samples} is empty
   */
  public static ClockOffset offset(List<ClockSample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no clock samples");
    }
    ClockSample best = samples.get(0);
    for (ClockSample s : samples) {
      if (s.rttMicros() < best.rttMicros()) {
        best = s;
      }
    }
    long sum = best.machineSendMicros() + best.machineReceiveMicros();
    // Half of an odd RTT is rounded up, so that the interval printed always contains the truth.
    long mid = Math.floorDiv(sum, 2);
    long half = (best.rttMicros() + 1) / 2;
    return new ClockOffset(best.guestMicros() - mid, half, mid, samples.size());
  }

  /**
   * The offset at {@code machineMicros}, interpolated linearly between a measurement before and one
   * after (so that a guest clock running at a slightly different rate is followed), with the larger
   * of the two uncertainties. Outside the two measurements the line is extended.
   */
  public static ClockOffset interpolate(ClockOffset before, ClockOffset after, long machineMicros) {
    long span = after.machineMicros() - before.machineMicros();
    long unc = Math.max(before.uncertaintyMicros(), after.uncertaintyMicros());
    if (span <= 0) {
      return new ClockOffset(before.offsetMicros(), unc, machineMicros, before.samples());
    }
    double f = (machineMicros - before.machineMicros()) / (double) span;
    long off =
        before.offsetMicros() + Math.round(f * (after.offsetMicros() - before.offsetMicros()));
    return new ClockOffset(off, unc, machineMicros, before.samples() + after.samples());
  }

  /**
   * The pointer move that carries sequence number {@code seq} through the host: REL_X = seq mod
   * 32000 + 1, REL_Y = seq div 32000 + 1. Neither is ever 0: input core drops a REL event of value
   * 0 (drivers/input/input.c, input_get_disposition) and then a SYN_REPORT with nothing before it
   * (input_handle_event flushes only when it holds more than the SYN itself), so an all-zero move
   * makes no frame at all and would look like a loss. Both fit the 16-bit ±32767 fields of the
   * {@code mouse-5btn} descriptor.
   */
  public record Move(int x, int y) {
    /** The largest sequence number a move can carry. */
    public static final int MAX_SEQ = 32000 * 32767 - 1;

    public static Move of(int seq) {
      if (seq < 0 || seq > MAX_SEQ) {
        throw new IllegalArgumentException("sequence number out of 0.." + MAX_SEQ + ": " + seq);
      }
      return new Move(seq % 32000 + 1, seq / 32000 + 1);
    }

    /** The sequence number, or -1 when this is no move {@link #of} makes. */
    public int seq() {
      if (x < 1 || x > 32000 || y < 1 || y > 32767) {
        return -1;
      }
      return (y - 1) * 32000 + (x - 1);
    }
  }

  /** An evdev frame the host delivered: the sequence number it carried, its time on the guest. */
  public record Received(int seq, long guestMicros) {}

  /**
   * Sent reports matched with delivered frames.
   *
   * @param sent reports sent
   * @param delivered sent reports that arrived exactly once or more (each counted once)
   * @param lost sequence numbers sent and never delivered, ascending
   * @param duplicated sequence numbers delivered more than once, ascending
   * @param unexpected frames whose sequence number was not sent in this run (count)
   * @param latenciesMicros per delivered report, guest frame time mapped to the machine's clock
   *     minus send time, in send order
   */
  public record Matching(
      int sent,
      int delivered,
      ImmutableList<Integer> lost,
      ImmutableList<Integer> duplicated,
      int unexpected,
      ImmutableList<Long> latenciesMicros) {
    /** Every sent report produced exactly one frame, and nothing else arrived. */
    public boolean zeroLoss() {
      return lost.isEmpty() && duplicated.isEmpty() && unexpected == 0;
    }
  }

  /**
   * Matches what was sent ({@code sendMicros}: sequence number → the machine's clock at send) with
   * what arrived, converting each frame's guest time with {@code offset}. The first frame of a
   * sequence number gives its latency.
   */
  public static Matching match(
      Map<Integer, Long> sendMicros, List<Received> received, ClockOffset offset) {
    Map<Integer, Integer> count = new HashMap<>();
    Map<Integer, Long> first = new HashMap<>();
    int unexpected = 0;
    for (Received r : received) {
      if (!sendMicros.containsKey(r.seq())) {
        unexpected++;
        continue;
      }
      count.merge(r.seq(), 1, Integer::sum);
      first.putIfAbsent(r.seq(), r.guestMicros());
    }
    ImmutableList.Builder<Integer> lost = ImmutableList.builder();
    ImmutableList.Builder<Integer> dup = ImmutableList.builder();
    ImmutableList.Builder<Long> lat = ImmutableList.builder();
    for (int seq : new TreeSet<>(sendMicros.keySet())) {
      Integer c = count.get(seq);
      if (c == null) {
        lost.add(seq);
        continue;
      }
      if (c > 1) {
        dup.add(seq);
      }
      lat.add(offset.toMachine(first.get(seq)) - sendMicros.get(seq));
    }
    return new Matching(
        sendMicros.size(), count.size(), lost.build(), dup.build(), unexpected, lat.build());
  }

  /**
   * Delivered reports per second over the guest's own clock: (frames − 1) / (last frame time −
   * first frame time). No clock offset enters. 0 when fewer than two frames arrived.
   */
  public static double deliveredPerSecond(List<Received> frames) {
    if (frames.size() < 2) {
      return 0;
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (Received r : frames) {
      lo = Math.min(lo, r.guestMicros());
      hi = Math.max(hi, r.guestMicros());
    }
    return hi == lo ? 0 : (frames.size() - 1) * 1e6 / (hi - lo);
  }
}
