package dev.hogrig.controller.ll;

/** Personas that ship with hogrig. */
public final class Personas {
  private Personas() {}

  /** LE feature bits (Core 5.4 Vol 6 Part B §4.6, Table 4.5). */
  public static final long FEATURE_ENCRYPTION = 1L;

  public static final long FEATURE_CONN_PARAM_REQ = 1L << 1;
  public static final long FEATURE_EXT_REJECT = 1L << 2;
  public static final long FEATURE_PERIPHERAL_FEATURE_EXCHANGE = 1L << 3;
  public static final long FEATURE_PING = 1L << 4;
  public static final long FEATURE_DATA_LENGTH = 1L << 5;
  public static final long FEATURE_PRIVACY = 1L << 6;
  public static final long FEATURE_2M_PHY = 1L << 8;
  public static final long FEATURE_CODED_PHY = 1L << 11;
  public static final long FEATURE_CSA2 = 1L << 14;
  public static final long FEATURE_MIN_USED_CHANNELS = 1L << 16;
  public static final long FEATURE_CHANNEL_CLASSIFICATION = 1L << 39;

  /** What this model implements of a 5.4 controller's feature set. */
  public static final long FEATURES_54 =
      FEATURE_ENCRYPTION
          | FEATURE_CONN_PARAM_REQ
          | FEATURE_EXT_REJECT
          | FEATURE_PERIPHERAL_FEATURE_EXCHANGE
          | FEATURE_PING
          | FEATURE_DATA_LENGTH
          | FEATURE_PRIVACY
          | FEATURE_2M_PHY
          | FEATURE_CODED_PHY
          | FEATURE_MIN_USED_CHANNELS
          | FEATURE_CHANNEL_CLASSIFICATION;

  /** VersNr of Core 5.4 (Assigned Numbers, Link Layer versions). */
  public static final int VERSION_5_4 = 0x0D;

  public static final int VERSION_4_2 = 0x08;

  /** A spec-complete Core 5.4 link layer: every opcode this model implements is supported. */
  public static Persona spec54() {
    return Persona.builder("spec-5.4").version(VERSION_5_4, 0xFFFF, 0x0001).build();
  }

  /**
   * A peripheral on an older vendor SDK (a Core 4.2 link layer with data length extension) that
   * knows nothing of channel classification: LL_CHANNEL_REPORTING_IND (0x28) and
   * LL_CHANNEL_STATUS_IND (0x29) get LL_UNKNOWN_RSP, as Core 5.4 Vol 6 Part B §2.4.2.7 requires of
   * a link layer that does not understand an opcode. Everything else is supported.
   */
  public static Persona olderSdkNoChannelClassification() {
    return Persona.builder("older-sdk-no-channel-classification")
        .version(VERSION_4_2, 0xFFFF, 0x0420)
        .features(
            FEATURE_ENCRYPTION
                | FEATURE_CONN_PARAM_REQ
                | FEATURE_EXT_REJECT
                | FEATURE_PERIPHERAL_FEATURE_EXCHANGE
                | FEATURE_PING
                | FEATURE_DATA_LENGTH)
        .policy(LlControlPdu.CHANNEL_REPORTING_IND, OpcodePolicy.UNKNOWN)
        .policy(LlControlPdu.CHANNEL_STATUS_IND, OpcodePolicy.UNKNOWN)
        .policy(LlControlPdu.PHY_REQ, OpcodePolicy.UNKNOWN)
        .policy(LlControlPdu.MIN_USED_CHANNELS_IND, OpcodePolicy.UNKNOWN)
        .build();
  }

  /** {@link #forumHostModel(long)} with a 1 s delay before it terminates. */
  public static Persona forumHostModel() {
    return forumHostModel(1000);
  }

  /**
   * <b>A model of a forum report, not a measurement of a real iPad.</b> It encodes the behaviour
   * described in shared/design/field.md, case 2: an iPad (A16) host sends LL_CHANNEL_REPORTING_IND
   * (0x28) during connection set-up; when the peripheral answers LL_UNKNOWN_RSP (0x07) the host
   * stops sending anything useful and closes the link. Here: a 5.4 central that sends
   * LL_CHANNEL_REPORTING_IND(Enable=1, Min_Spacing=5, Max_Delay=5) right after connecting and, on
   * LL_UNKNOWN_RSP for 0x28, stops sending data (empty and control PDUs only) and after {@code
   * terminateAfterMillis} sends LL_TERMINATE_IND with 0x13 (Remote User Terminated Connection). The
   * delay and the reason are guesses, chosen to be scripted; a real host's are unknown until
   * measured.
   */
  public static Persona forumHostModel(long terminateAfterMillis) {
    return Persona.builder("forum-host-model (not a measurement)")
        .version(VERSION_5_4, 0xFFFF, 0x0001)
        .inject(
            Injection.Trigger.connected(),
            0,
            Injection.Action.send(new LlControlPdu.ChannelReportingInd(1, 5, 5)))
        .inject(
            Injection.Trigger.unknownRspFor(LlControlPdu.CHANNEL_REPORTING_IND),
            0,
            Injection.Action.stopData())
        .inject(
            Injection.Trigger.unknownRspFor(LlControlPdu.CHANNEL_REPORTING_IND),
            terminateAfterMillis,
            Injection.Action.terminate(0x13))
        .build();
  }
}
