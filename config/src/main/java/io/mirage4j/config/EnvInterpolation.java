package io.mirage4j.config;

import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a string with values from an environment;
 * {@code $$} is a literal {@code $}, in a default too ({@code ${VAR:-$$5}} is {@code $5}). A variable that is not set (and has no default) is added to
 * a set of missing names, so that a whole file's missing variables can be reported at once.
 */
final class EnvInterpolation {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$\\{[^}]*}?");

  private final Function<String, String> environment;
  private final Set<String> missing;

  EnvInterpolation(Function<String, String> environment, Set<String> missing) {
    this.environment = environment;
    this.missing = missing;
  }

  /**
   * The text with every reference replaced.
   *
   * @throws ConfigException for a reference that is not a variable name, such as {@code ${1x}}
   */
  String apply(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(resolve(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String resolve(Matcher m) {
    if (m.group().equals("$$")) {
      return "$";
    }
    String name = m.group(1);
    if (name == null) {
      throw new ConfigException("bad variable reference '" + m.group() + "': expected ${NAME} or ${NAME:-default}");
    }
    String value = environment.apply(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (m.group(2) != null) {
      return m.group(2).replace("$$", "$");
    }
    if (value == null) {
      missing.add(name);
    }
    return "";
  }
}
