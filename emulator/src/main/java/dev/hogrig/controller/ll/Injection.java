package dev.hogrig.controller.ll;

/**
 * A scripted event of a {@link Persona}: when {@link Trigger} happens, wait {@code delayMillis},
 * then do {@link Action}.
 */
public record Injection(Trigger trigger, long delayMillis, Action action) {
  public Injection {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must not be negative, got " + delayMillis);
    }
  }

  /**
   * What starts an injection: the connection being created (time 0 of the connection), or a control
   * PDU with {@code opcode} received; for {@link LlControlPdu#UNKNOWN_RSP} and {@link
   * LlControlPdu#REJECT_EXT_IND}, {@code about} narrows to the opcode they answer (-1: any).
   */
  public record Trigger(Kind kind, int opcode, int about) {
    public enum Kind {
      CONNECTED,
      RECEIVED
    }

    public static Trigger connected() {
      return new Trigger(Kind.CONNECTED, -1, -1);
    }

    public static Trigger received(int opcode) {
      return new Trigger(Kind.RECEIVED, opcode, -1);
    }

    /** LL_UNKNOWN_RSP whose UnknownType is {@code opcode}. */
    public static Trigger unknownRspFor(int opcode) {
      return new Trigger(Kind.RECEIVED, LlControlPdu.UNKNOWN_RSP, opcode);
    }

    boolean matches(LlControlPdu pdu) {
      if (kind != Kind.RECEIVED || pdu.opcode() != opcode) {
        return false;
      }
      if (about < 0) {
        return true;
      }
      if (pdu instanceof LlControlPdu.UnknownRsp u) {
        return u.unknownType() == about;
      }
      if (pdu instanceof LlControlPdu.RejectExtInd r) {
        return r.rejectOpcode() == about;
      }
      return false;
    }
  }

  /**
   * What an injection does: send a control PDU, terminate with a reason, stop sending data (only
   * empty PDUs and control PDUs leave from then on), or go silent (neither send nor receive) for
   * {@code millis}.
   */
  public record Action(Kind kind, LlControlPdu pdu, int reason, long millis) {
    public enum Kind {
      SEND_CONTROL,
      TERMINATE,
      STOP_DATA,
      GO_SILENT
    }

    public static Action send(LlControlPdu pdu) {
      return new Action(Kind.SEND_CONTROL, pdu, 0, 0);
    }

    public static Action terminate(int reason) {
      return new Action(Kind.TERMINATE, null, reason, 0);
    }

    public static Action stopData() {
      return new Action(Kind.STOP_DATA, null, 0, 0);
    }

    public static Action goSilent(long millis) {
      return new Action(Kind.GO_SILENT, null, 0, millis);
    }
  }
}
