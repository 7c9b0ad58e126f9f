package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chmod [-R] [-v] [-c] [-f] MODE[,MODE]... FILE...}: sets each file's permission bits, as
 * GNU chmod does. MODE is octal ({@code 755}, {@code 0644}) or symbolic ({@code u+x}, {@code
 * go-w}, {@code a=r}, {@code +x}, {@code u=rw,g=r,o=}, {@code a+X}); without a who, {@code +}/{@code
 * -}/{@code =} apply to all, less the umask {@code 022} as GNU's does. {@code -R} descends into
 * directories. Messages and statuses are GNU's: {@code chmod: cannot access 'x': No such file or
 * directory} (status 1), {@code chmod: invalid mode: ‘q’} (GNU quotes a mode with
 * U+2018/U+2019 in a UTF-8 locale), {@code chmod: missing operand}.
 */
final class Chmod extends Coreutil {
  private static final int UMASK = 022;

  @Override
  int run(Tool t, List<String> args) throws IOException {
    boolean recursive = false;
    boolean verbose = false;
    boolean changes = false;
    boolean quiet = false;
    String mode = null;
    List<String> operands = new ArrayList<>();
    boolean options = true;
    for (String arg : args) {
      if (options && arg.equals("--")) {
        options = false;
      } else if (options && arg.startsWith("--") && arg.length() > 2) {
        switch (arg) {
          case "--recursive" -> recursive = true;
          case "--verbose" -> verbose = true;
          case "--changes" -> changes = true;
          case "--silent", "--quiet" -> quiet = true;
          default -> {
            return t.usage("unrecognized option '" + arg + "'", 1);
          }
        }
      } else if (options && mode == null && arg.startsWith("-") && arg.length() > 1 && arg.substring(1).chars().allMatch(c -> "Rvcf".indexOf(c) >= 0)) {
        for (char c : arg.substring(1).toCharArray()) {
          switch (c) {
            case 'R' -> recursive = true;
            case 'v' -> verbose = true;
            case 'c' -> changes = true;
            default -> quiet = true;
          }
        }
      } else if (mode == null) {
        mode = arg;
      } else {
        operands.add(arg);
      }
    }
    if (mode == null) {
      return t.usage("missing operand", 1);
    }
    if (operands.isEmpty()) {
      return t.usage("missing operand after \u2018" + mode + "\u2019", 1);
    }
    if (!valid(mode)) {
      return t.usage("invalid mode: \u2018" + mode + "\u2019", 1);
    }
    int status = 0;
    for (String operand : operands) {
      status |= change(t, operand, t.resolve(operand), mode, recursive, verbose, changes, quiet);
    }
    return status;
  }

  private static int change(Tool t, String shown, String path, String mode, boolean recursive, boolean verbose,
      boolean changes, boolean quiet) throws IOException {
    FileStat stat;
    int before;
    try {
      stat = t.fs().stat(path);
      before = t.fs().permissions(path);
    } catch (ResourceException e) {
      if (!quiet) {
        t.error("cannot access " + Quote.always(shown) + ": " + Tool.message(e));
      }
      return 1;
    }
    int after = apply(mode, before, stat.isDirectory());
    int status = 0;
    try {
      if (after != before) {
        t.fs().setPermissions(path, after);
      }
      if (verbose || (changes && after != before)) {
        t.print(after == before
            ? "mode of " + Quote.always(shown) + " retained as " + octal(before) + " (" + symbolic(before) + ")\n"
            : "mode of " + Quote.always(shown) + " changed from " + octal(before) + " (" + symbolic(before)
                + ") to " + octal(after) + " (" + symbolic(after) + ")\n");
      }
    } catch (ResourceException e) {
      if (!quiet) {
        t.error("changing permissions of " + Quote.always(shown) + ": " + Tool.message(e));
      }
      status = 1;
    }
    if (recursive && stat.isDirectory()) {
      try {
        for (FileStat child : t.fs().list(path)) {
          String childShown = shown.endsWith("/") ? shown + child.name() : shown + "/" + child.name();
          status |= change(t, childShown, PathNames.child(path, child.name()), mode, true, verbose, changes, quiet);
        }
      } catch (ResourceException e) {
        t.error("cannot read directory " + Quote.always(shown) + ": " + Tool.message(e));
        status = 1;
      }
    }
    return status;
  }

  private static String octal(int bits) {
    return String.format("%04o", bits);
  }

  /** {@code rwxr-xr-x} for {@code 0755}, with GNU's letters for setuid, setgid and sticky. */
  static String symbolic(int bits) {
    char[] c = new char[9];
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      c[i] = (bits & (0400 >> i)) != 0 ? letters.charAt(i) : '-';
    }
    if ((bits & 04000) != 0) {
      c[2] = c[2] == 'x' ? 's' : 'S';
    }
    if ((bits & 02000) != 0) {
      c[5] = c[5] == 'x' ? 's' : 'S';
    }
    if ((bits & 01000) != 0) {
      c[8] = c[8] == 'x' ? 't' : 'T';
    }
    return new String(c);
  }

  static boolean valid(String mode) {
    if (mode.matches("[0-7]{1,4}")) {
      return true;
    }
    return mode.matches("([ugoa]*([-+=]([rwxXst]*|[ugo]))+)(,([ugoa]*([-+=]([rwxXst]*|[ugo]))+))*");
  }

  /** The bits {@code mode} gives a file that has {@code bits} now. */
  static int apply(String mode, int bits, boolean directory) {
    if (mode.matches("[0-7]{1,4}")) {
      int value = Integer.parseInt(mode, 8);
      // GNU keeps a directory's setuid/setgid bits unless the octal mode names them (5 digits).
      return directory && mode.length() < 4 ? value | (bits & 06000) : value;
    }
    int result = bits;
    for (String clause : mode.split(",")) {
      int i = 0;
      int who = 0;
      while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
        who |= switch (clause.charAt(i)) {
          case 'u' -> 04700;
          case 'g' -> 02070;
          case 'o' -> 01007;
          default -> 07777;
        };
        i++;
      }
      boolean masked = who == 0;
      if (masked) {
        who = 07777;
      }
      while (i < clause.length()) {
        char op = clause.charAt(i++);
        int start = i;
        while (i < clause.length() && "-+=".indexOf(clause.charAt(i)) < 0) {
          i++;
        }
        String perms = clause.substring(start, i);
        int value = 0;
        if (perms.matches("[ugo]")) {
          int shift = switch (perms.charAt(0)) {
            case 'u' -> 6;
            case 'g' -> 3;
            default -> 0;
          };
          int rwx = (result >> shift) & 7;
          value = rwx << 6 | rwx << 3 | rwx;
        } else {
          for (char p : perms.toCharArray()) {
            value |= switch (p) {
              case 'r' -> 0444;
              case 'w' -> 0222;
              case 'x' -> 0111;
              case 'X' -> directory || (result & 0111) != 0 ? 0111 : 0;
              case 's' -> 06000;
              default -> 01000;
            };
          }
        }
        int affected = value & who & (masked ? ~UMASK : 07777);
        result = switch (op) {
          case '+' -> result | affected;
          case '-' -> result & ~affected;
          default -> (result & ~(who & (masked ? ~UMASK & 0777 : 07777) & (directory ? 07777 & ~06000 : 07777)))
              | affected;
        };
      }
    }
    return result & 07777;
  }
}
