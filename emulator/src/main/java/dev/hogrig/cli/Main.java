package dev.hogrig.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;

/** Entry point of the {@code hogrig} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status instead of exiting (for tests). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    return newCommandLine(System.in);
  }

  /** A command line whose '-' arguments read {@code stdin}. */
  static CommandLine newCommandLine(java.io.InputStream stdin) {
    HogrigCommand root = new HogrigCommand();
    root.stdin = stdin;
    CommandLine cl = new CommandLine(root);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
      cl.addSubcommand(plugin.command());
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
