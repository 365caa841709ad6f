package dev.hogrig.lab;

/**
 * The one exception the virtual lab raises: a missing tool or file on the machine, a guest that did
 * not come up, a guest command that did not answer in time. Its message says which step failed and,
 * for a boot failure, carries the tail of the guest console so the cause is visible without opening
 * the log.
 */
public class LabException extends RuntimeException {
  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
