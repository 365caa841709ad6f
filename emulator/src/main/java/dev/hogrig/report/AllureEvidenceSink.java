package dev.hogrig.report;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.util.ResultsUtils;
import java.util.UUID;

/**
 * The {@link EvidenceSink} that writes into the Allure test result running on this thread, through
 * Allure's lifecycle (allure-java-commons 2.29): what allure-junit5 started for the current test,
 * or a lifecycle of one's own.
 *
 * <p>The scenario runner ({@code test-scenarios}) writes every scenario's evidence through it.
 */
public final class AllureEvidenceSink implements EvidenceSink {
  private final AllureLifecycle lifecycle;

  /** Writes into the test allure-junit5 is running ({@link Allure#getLifecycle()}). */
  public AllureEvidenceSink() {
    this(Allure.getLifecycle());
  }

  public AllureEvidenceSink(AllureLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void label(String name, String value) {
    lifecycle.updateTestCase(
        r -> {
          r.getLabels().removeIf(l -> name.equals(l.getName()));
          r.getLabels().add(new Label().setName(name).setValue(value));
        });
  }

  @Override
  public void parameter(String name, String value) {
    lifecycle.updateTestCase(
        r -> r.getParameters().add(new Parameter().setName(name).setValue(value)));
  }

  @Override
  public void attachment(String name, String mimeType, String extension, byte[] content) {
    lifecycle.addAttachment(name, mimeType, extension, content);
  }

  @Override
  public <T> T step(String name, Step<T> body) throws Exception {
    String uuid = UUID.randomUUID().toString();
    lifecycle.startStep(uuid, new StepResult().setName(name));
    try {
      T result = body.run();
      lifecycle.updateStep(uuid, s -> s.setStatus(Status.PASSED));
      return result;
    } catch (Exception | Error e) {
      lifecycle.updateStep(
          uuid,
          s ->
              s.setStatus(ResultsUtils.getStatus(e).orElse(Status.BROKEN))
                  .setStatusDetails(ResultsUtils.getStatusDetails(e).orElse(null)));
      throw e;
    } finally {
      lifecycle.stopStep(uuid);
    }
  }
}
