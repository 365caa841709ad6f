package dev.hogrig.hid.lint;

/**
 * How bad a {@link Finding} is.
 *
 * <ul>
 *   <li>{@code ERROR}: a host named in the rule rejects the descriptor, or the spec forbids it.
 *   <li>{@code WARNING}: accepted, but some host or mode will misread it or lose data.
 *   <li>{@code INFO}: worth knowing; nothing breaks.
 * </ul>
 */
public enum Severity {
  INFO,
  WARNING,
  ERROR
}
