package dev.hogrig.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one JSON configuration of the command line: pretty, stable, no HTML escaping. */
final class Json {
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private Json() {}
}
