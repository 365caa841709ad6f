package dev.hogrig.cli;

/**
 * A subcommand that lives in a module above this one, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.hogrig.cli.CommandPlugin}).
 *
 * <p>Why a plug-in and not a line in {@link HogrigCommand}: {@code hogrig scenario} runs the
 * scenario catalogue, which is JUnit code in the {@code test-scenarios} module and depends on this
 * one. Naming it here would make the dependency point both ways; the command-line jar built by
 * {@code test-scenarios} carries both and the service list joins them.
 */
public interface CommandPlugin {
  /** A picocli command object (annotated with {@code @Command}), added under the root command. */
  Object command();
}
