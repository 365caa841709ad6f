package dev.hogrig.report;

/**
 * Where {@link Evidence} puts what it collected: the current test result of a report. The one
 * implementation that matters writes through Allure's lifecycle (labels, parameters, attachments
 * and steps of the running test); it lives with the tests for now because {@code
 * allure-java-commons} is a test-scope dependency of this module.
 *
 * <p>The contract mirrors Allure's result model (allure-model {@code TestResult}): labels group and
 * filter results, parameters are shown with the result and distinguish runs of one scenario,
 * attachments are files with a MIME type, steps nest.
 */
public interface EvidenceSink {
  /** Sets label {@code name} to {@code value}, replacing labels of that name already there. */
  void label(String name, String value);

  /** Adds a parameter shown with the result. */
  void parameter(String name, String value);

  /**
   * Attaches {@code content}. The sink writes the whole attachment or none of it.
   *
   * @param mimeType what the report's viewer should make of it ({@code text/plain}, {@code
   *     image/png}, {@code text/csv}; anything else is offered as a download)
   * @param extension file name extension without the dot
   */
  void attachment(String name, String mimeType, String extension, byte[] content);

  /**
   * Runs {@code body} as a step named {@code name}: attachments added meanwhile belong to it, and
   * it is marked failed or broken when {@code body} throws (which is then rethrown unchanged).
   */
  <T> T step(String name, Step<T> body) throws Exception;

  /** A step's body. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws Exception;
  }
}
