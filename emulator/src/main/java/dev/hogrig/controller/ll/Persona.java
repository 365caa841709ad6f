package dev.hogrig.controller.ll;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How one side's link layer behaves: what it says it is (LL_VERSION_IND fields, the LE feature set
 * of Core 5.4 Vol 6 Part B §4.6), how it answers each control opcode ({@link OpcodePolicy}),
 * scripted events ({@link Injection}) and a lossy air (drop or corrupt a share of the packets it
 * sends, from a seeded {@link java.util.Random} so a run repeats exactly).
 *
 * <p>An opcode without a policy is supported if this model implements it and answered with
 * LL_UNKNOWN_RSP otherwise (isochronous, CTE, power control, subrating: see {@link
 * LinkConnection}). LL_UNKNOWN_RSP, LL_REJECT_IND, LL_REJECT_EXT_IND and LL_TERMINATE_IND are never
 * subject to a policy: a link layer never answers them (§2.4.2.7).
 *
 * @param versNr LL_VERSION_IND VersNr (0x0D = Core 5.4, 0x0C = 5.3, 0x09 = 5.0, 0x08 = 4.2)
 * @param dropRate share 0..1 of this side's transmissions that never arrive
 * @param corruptRate share 0..1 of this side's transmissions that arrive with a bad CRC
 */
public record Persona(
    String name,
    int versNr,
    int companyId,
    int subVersNr,
    long features,
    ImmutableMap<Integer, OpcodePolicy> policies,
    ImmutableList<Injection> injections,
    double dropRate,
    double corruptRate,
    long seed) {
  public Persona {
    if (versNr < 0 || versNr > 0xff) {
      throw new IllegalArgumentException("VersNr must be 0..255, got " + versNr);
    }
    if (companyId < 0 || companyId > 0xffff || subVersNr < 0 || subVersNr > 0xffff) {
      throw new IllegalArgumentException("CompId and SubVersNr are 16 bits");
    }
    if (!(dropRate >= 0 && dropRate <= 1) || !(corruptRate >= 0 && corruptRate <= 1)) {
      throw new IllegalArgumentException(
          "drop and corrupt rates must be in 0..1, got " + dropRate + ", " + corruptRate);
    }
    for (int op : policies.keySet()) {
      if (op < 0 || op > 0xff) {
        throw new IllegalArgumentException("opcode out of range: " + op);
      }
    }
  }

  /** The policy for an opcode the peer sent. */
  public OpcodePolicy policy(int opcode) {
    OpcodePolicy p = policies.get(opcode);
    if (p != null) {
      return p;
    }
    return LinkConnection.implemented(opcode) ? OpcodePolicy.SUPPORT : OpcodePolicy.UNKNOWN;
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.versNr = versNr;
    b.companyId = companyId;
    b.subVersNr = subVersNr;
    b.features = features;
    b.policies.putAll(policies);
    b.injections.addAll(injections);
    b.dropRate = dropRate;
    b.corruptRate = corruptRate;
    b.seed = seed;
    return b;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Scripts a persona step by step; see docs/link-layer.md. */
  public static final class Builder {
    private String name;
    private int versNr = 0x0D;
    private int companyId = 0xFFFF;
    private int subVersNr = 0;
    private long features = Personas.FEATURES_54;
    private final Map<Integer, OpcodePolicy> policies = new HashMap<>();
    private final ImmutableList.Builder<Injection> injections = ImmutableList.builder();
    private double dropRate;
    private double corruptRate;
    private long seed = 1;

    private Builder(String name) {
      this.name = name;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder version(int versNr, int companyId, int subVersNr) {
      this.versNr = versNr;
      this.companyId = companyId;
      this.subVersNr = subVersNr;
      return this;
    }

    public Builder features(long v) {
      features = v;
      return this;
    }

    public Builder policy(int opcode, OpcodePolicy p) {
      policies.put(opcode, p);
      return this;
    }

    public Builder inject(Injection i) {
      injections.add(i);
      return this;
    }

    public Builder inject(Injection.Trigger t, long delayMillis, Injection.Action a) {
      return inject(new Injection(t, delayMillis, a));
    }

    /** Send {@code pdu} {@code millis} after the connection is created. */
    public Builder sendAt(long millis, LlControlPdu pdu) {
      return inject(Injection.Trigger.connected(), millis, Injection.Action.send(pdu));
    }

    /** Neither send nor receive from {@code atMillis} for {@code forMillis}. */
    public Builder silentAt(long atMillis, long forMillis) {
      return inject(Injection.Trigger.connected(), atMillis, Injection.Action.goSilent(forMillis));
    }

    public Builder lossy(double dropRate, double corruptRate, long seed) {
      this.dropRate = dropRate;
      this.corruptRate = corruptRate;
      this.seed = seed;
      return this;
    }

    public Persona build() {
      return new Persona(
          name,
          versNr,
          companyId,
          subVersNr,
          features,
          ImmutableMap.copyOf(policies),
          injections.build(),
          dropRate,
          corruptRate,
          seed);
    }
  }
}
