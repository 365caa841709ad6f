package dev.hogrig.scenario;

/**
 * A scenario could not be set up or run as asked: an unknown scenario name, a target that makes no
 * sense, a lab that does not start, an adapter that is missing. The message says what and where;
 * the command line prints it on one line and exits non-zero.
 */
public final class ScenarioException extends RuntimeException {
  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
