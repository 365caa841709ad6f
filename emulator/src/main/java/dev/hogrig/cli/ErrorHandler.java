package dev.hogrig.cli;

import dev.hogrig.hid.HidException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from a command into one line on stderr and an exit status. Bad input (our own
 * typed exceptions, unreadable files) exits 2 as the usage errors picocli reports; anything else is
 * a bug in hogrig and exits 3, with the stack trace only when {@code HOGRIG_DEBUG} is set.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int INTERNAL = 3;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    String name = cl.getCommandSpec().qualifiedName();
    if (ex instanceof UsageException
        || ex instanceof HidException
        || ex instanceof dev.hogrig.lab.LabException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException) {
      cl.getErr().println(name + ": " + ex.getMessage());
      return BAD_INPUT;
    }
    cl.getErr().println(name + ": internal error: " + ex);
    if (System.getenv("HOGRIG_DEBUG") != null) {
      ex.printStackTrace(cl.getErr());
    } else {
      cl.getErr().println("(set HOGRIG_DEBUG=1 for the stack trace, and please report it)");
    }
    return INTERNAL;
  }
}
