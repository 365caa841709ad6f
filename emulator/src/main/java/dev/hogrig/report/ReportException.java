package dev.hogrig.report;

/**
 * The one exception the report layer raises for things a person can fix: no results to report, no
 * Allure command line, an output directory that cannot be written, a capture file that is not
 * there. Its message names the path and what to do; the CLI prints it as one line.
 */
public class ReportException extends RuntimeException {
  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
