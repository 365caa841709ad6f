package dev.hogrig.scenario.cli;

import dev.hogrig.cli.CommandPlugin;

/** Adds {@code hogrig scenario} to the command line (listed in META-INF/services). */
public final class ScenarioPlugin implements CommandPlugin {
  @Override
  public Object command() {
    return new ScenarioCommand();
  }
}
