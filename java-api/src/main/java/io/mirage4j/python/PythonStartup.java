package io.mirage4j.python;

import io.mirage4j.fs.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the {@code PYTHON*} environment variables as CPython's start-up does, and adds what they
 * say to the command line's {@link PythonFlags}; with {@code -E} or {@code -I} none is read. The
 * {@code -X utf8} and {@code -X int_max_str_digits} options are read here too, as they override
 * their variables. A value CPython refuses ends the start-up with its fatal error. Used by the
 * {@code python3} builtin; not part of the stable API.
 *
 * <pre>{@code
 * PythonStartup.resolve(PythonFlags.NONE, Map.of("PYTHONPATH", "lib:/opt/x", "PYTHONOPTIMIZE", "1"), "/data");
 * // Ready[flags=PythonFlags[optimize=1, ..., pythonPath=[/data/lib, /opt/x], ...]]
 * PythonStartup.resolve(PythonFlags.NONE, Map.of("PYTHONUTF8", "2"), "/data");
 * // Fatal[stderr=Fatal Python error: preconfig_init_utf8_mode: invalid PYTHONUTF8 environment variable value ...]
 * }</pre>
 */
public final class PythonStartup {
  private static final long MAX_HASH_SEED = 4294967295L;
  private static final int MIN_INT_MAX_STR_DIGITS = 640;

  private PythonStartup() {}

  /** How the start-up ends. */
  public sealed interface Outcome permits Ready, Fatal {}

  /** The program runs with these flags. */
  public record Ready(PythonFlags flags) implements Outcome {}

  /** CPython refuses to start: {@code stderr} is its message, and the status is 1. */
  public record Fatal(String stderr) implements Outcome {}

  /** Not an outcome: the reason a start-up stops, carried to {@link #resolve}. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String function, String message, String state) {
      super("Fatal Python error: " + function + ": " + message + "\nPython runtime state: " + state + "\n\n",
          null, false, false);
    }
  }

  /**
   * The flags a {@code python3} started with {@code options} in an environment {@code env}, in
   * working directory {@code cwd}, runs with.
   */
  public static Outcome resolve(PythonFlags options, Map<String, String> env, String cwd) {
    try {
      return new Ready(flags(options, options.ignoreEnvironment() ? Map.of() : env, cwd));
    } catch (Refused e) {
      return new Fatal(e.getMessage());
    }
  }

  private static PythonFlags flags(PythonFlags f, Map<String, String> env, String cwd) throws Refused {
    int utf8Mode = utf8Mode(f.xOptions(), variable(env, "PYTHONUTF8"));
    boolean hashRandomization = hashRandomization(variable(env, "PYTHONHASHSEED"));
    int intMaxStrDigits = intMaxStrDigits(f.xOptions(), variable(env, "PYTHONINTMAXSTRDIGITS"));
    String io = variable(env, "PYTHONIOENCODING");
    int colon = io == null ? -1 : io.indexOf(':');
    String ioEncoding = io == null ? "" : colon < 0 ? io : io.substring(0, colon);
    String ioErrors = colon < 0 ? "" : io.substring(colon + 1);
    List<String> warnOptions = new ArrayList<>(warnings(variable(env, "PYTHONWARNINGS")));
    warnOptions.addAll(f.warnOptions());
    return new PythonFlags(
        Math.max(f.optimize(), flag(variable(env, "PYTHONOPTIMIZE"))),
        f.dontWriteBytecode() || flag(variable(env, "PYTHONDONTWRITEBYTECODE")) > 0,
        f.safePath() || variable(env, "PYTHONSAFEPATH") != null,
        f.skipFirstLine(),
        warnOptions,
        f.xOptions(),
        f.quiet(),
        f.unbuffered() || flag(variable(env, "PYTHONUNBUFFERED")) > 0,
        f.ignoreEnvironment(),
        f.isolated(),
        f.noUserSite() || variable(env, "PYTHONNOUSERSITE") != null,
        f.noSite(),
        pythonPath(variable(env, "PYTHONPATH"), cwd),
        ioEncoding,
        ioErrors,
        hashRandomization,
        utf8Mode,
        intMaxStrDigits);
  }

  /** A variable's value; unset and empty are the same to CPython. */
  private static String variable(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** A numeric flag variable ({@code PYTHONOPTIMIZE}...): its number, or 1 when it is not one. */
  private static int flag(String value) {
    if (value == null) {
      return 0;
    }
    OptionalLong number = cInteger(value);
    return number.isPresent() && number.getAsLong() >= 0 && number.getAsLong() <= Integer.MAX_VALUE
        ? (int) number.getAsLong() : 1;
  }

  /** {@code PYTHONPATH} entries as {@code os.path.abspath} makes them, an empty one being the cwd. */
  private static List<String> pythonPath(String value, String cwd) {
    List<String> entries = new ArrayList<>();
    if (value != null) {
      for (String entry : value.split(":", -1)) {
        entries.add(PathNames.resolve(cwd, entry));
      }
    }
    return entries;
  }

  /** {@code PYTHONWARNINGS}: comma-separated, empty entries skipped, nothing stripped. */
  private static List<String> warnings(String value) {
    List<String> options = new ArrayList<>();
    if (value != null) {
      for (String option : value.split(",")) {
        if (!option.isEmpty()) {
          options.add(option);
        }
      }
    }
    return options;
  }

  private static boolean hashRandomization(String seed) throws Refused {
    if (seed == null || seed.equals("random")) {
      return true;
    }
    OptionalLong number = cInteger(seed);
    if (number.isEmpty() || number.getAsLong() < 0 || number.getAsLong() > MAX_HASH_SEED) {
      throw new Refused("config_init_hash_seed",
          "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]", "preinitialized");
    }
    return number.getAsLong() != 0;
  }

  private static int utf8Mode(List<String> xOptions, String variable) throws Refused {
    String option = lastXOption(xOptions, "utf8");
    if (option != null) {
      return switch (option) {
        case "", "1" -> 1;
        case "0" -> 0;
        default -> throw new Refused("preconfig_init_utf8_mode", "invalid -X utf8 option value", "preinitializing");
      };
    }
    if (variable == null) {
      return -1;
    }
    return switch (variable) {
      case "1" -> 1;
      case "0" -> 0;
      default -> throw new Refused("preconfig_init_utf8_mode", "invalid PYTHONUTF8 environment variable value",
          "preinitializing");
    };
  }

  private static int intMaxStrDigits(List<String> xOptions, String variable) throws Refused {
    String option = lastXOption(xOptions, "int_max_str_digits");
    String source = option != null ? "-X int_max_str_digits" : "PYTHONINTMAXSTRDIGITS";
    String value = option != null ? option : variable;
    if (value == null) {
      return -1;
    }
    OptionalLong number = cInteger(value);
    if (number.isEmpty() || number.getAsLong() > Integer.MAX_VALUE
        || number.getAsLong() != 0 && number.getAsLong() < MIN_INT_MAX_STR_DIGITS) {
      throw new Refused("config_init_int_max_str_digits",
          source + ": invalid limit; must be >= 640 or 0 for unlimited.", "preinitialized");
    }
    return (int) number.getAsLong();
  }

  /** The value of the last {@code -X name} or {@code -X name=value} ({@code ""} without one), or null. */
  private static String lastXOption(List<String> xOptions, String name) {
    String found = null;
    for (String option : xOptions) {
      if (option.equals(name)) {
        found = "";
      } else if (option.startsWith(name + "=")) {
        found = option.substring(name.length() + 1);
      }
    }
    return found;
  }

  /**
   * A decimal integer as C's {@code strtol} reads a whole string: leading white space, a sign,
   * digits and nothing after them; empty when it is not one or does not fit in a long.
   */
  private static OptionalLong cInteger(String text) {
    String s = text.stripLeading();
    int start = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
    if (start == s.length() || !s.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
