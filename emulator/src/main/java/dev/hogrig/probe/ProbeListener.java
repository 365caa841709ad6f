package dev.hogrig.probe;

import com.google.common.collect.ImmutableList;

/**
 * What the probe server tells as it happens. Called on the server's one request thread, in request
 * order; a listener must return quickly and not throw (what it throws is logged and ignored).
 */
public interface ProbeListener {
  /** A page said hello: a new session. */
  default void connected(String session, PageInfo page) {}

  /** A batch's events were accepted (never empty). */
  default void received(ImmutableList<ReceivedEvent> events) {}

  /** A request was refused. */
  default void refused(Refusal refusal) {}
}
