package dev.hogrig.cli;

/**
 * Bad input a person gave the command line: a file that cannot be read, an argument that makes no
 * sense. The CLI prints its message on one line and exits with status 2.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
