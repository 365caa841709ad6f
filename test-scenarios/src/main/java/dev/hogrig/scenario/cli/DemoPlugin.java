package dev.hogrig.scenario.cli;

import dev.hogrig.cli.CommandPlugin;

/** Adds {@code hogrig demo} to the command line (listed in META-INF/services). */
public final class DemoPlugin implements CommandPlugin {
  @Override
  public Object command() {
    return new DemoCommand();
  }
}
