package dev.hogrig.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The JSON configurations of the command line: stable, no HTML escaping. */
final class Json {
  /** Pretty: one document per command (lint, decode). */
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** Compact: one object per line, for streams a script reads line by line (emulate --json). */
  static final Gson LINE = new GsonBuilder().disableHtmlEscaping().create();

  private Json() {}
}
