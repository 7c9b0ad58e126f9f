package io.mirage4j.shell.builtins.awk;

import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code awk [-F FS] [-v VAR=VALUE]... [-f PROGFILE | 'PROGRAM'] [FILE | VAR=VALUE]...}: POSIX
 * awk. Patterns and actions, {@code BEGIN}/{@code END}, ranges, user functions, associative arrays,
 * the POSIX builtins, {@code getline} in its forms, {@code printf}, output to files ({@code >},
 * {@code >>}) and to commands ({@code | "sort"}), with the workspace's files and the shell's
 * programs. Errors: {@code awk: line N: syntax error at or near X} (status 2), {@code awk: cannot
 * open F (No such file or directory)} (2), run-time errors (2).
 *
 * <pre>{@code
 * Map<String, Builtin> commands = new HashMap<>(Builtins.standard());
 * commands.put("awk", new Awk());   // what Builtins.standard() already holds
 * // in a workspace: awk -F, '$3 > 10 { n++ } END { print n }' data.csv
 * }</pre>
 */
public final class Awk implements Builtin {
  private static final String USAGE = "usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n"
      + "usage: awk [-F value] [-v var=value] [-f program-file] [--] [file ...]";

  /** A write to stdout failed: the reader went away, or the line was stopped. */
  static final class WriteFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient IOException cause;

    WriteFailed(IOException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }

  @Override
  public int run(CommandContext ctx, List<String> args) throws IOException {
    String fs = null;
    List<String[]> assignments = new ArrayList<>();
    StringBuilder programFiles = null;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      char option = a.charAt(1);
      if ("Fvf".indexOf(option) < 0) {
        return error(ctx, "not an option: " + a + "\n" + USAGE);
      }
      String value = a.length() > 2 ? a.substring(2) : ++i < args.size() ? args.get(i) : null;
      if (value == null) {
        return error(ctx, "option requires an argument -- " + option + "\n" + USAGE);
      }
      switch (option) {
        case 'F' -> fs = value.equals("t") ? "\t" : unescape(value);
        case 'v' -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            return error(ctx, "improper assignment: -v " + value);
          }
          assignments.add(new String[] {value.substring(0, eq), unescape(value.substring(eq + 1))});
        }
        default -> {
          try {
            String path = ctx.resolve(value);
            String text = new String(ctx.fs().read(path), StandardCharsets.UTF_8);
            programFiles = (programFiles == null ? new StringBuilder() : programFiles).append(text).append('\n');
          } catch (ResourceException e) {
            return error(ctx, "couldn't open file " + value + " (" + e.reason().posixMessage() + ")");
          }
        }
      }
    }
    String source;
    if (programFiles != null) {
      source = programFiles.toString();
    } else if (i < args.size()) {
      source = args.get(i++);
    } else {
      return error(ctx, USAGE.substring(0));
    }
    AwkProgram program;
    try {
      program = Parser.parse(source);
    } catch (Lexer.SyntaxError e) {
      return error(ctx, "line " + e.line + ": " + e.getMessage());
    } catch (AwkRegex.BadRegex e) {
      return error(ctx, e.getMessage());
    }
    OutputStream out = new BufferedOutputStream(ctx.stdout(), 8192);
    AwkRuntime rt = new AwkRuntime(program, ctx, out);
    rt.setArgs(args.subList(i, args.size()));
    if (fs != null) {
      rt.assign("FS", fs);
    }
    int status;
    try {
      for (String[] assignment : assignments) {
        rt.assign(assignment[0], assignment[1]);
      }
      status = rt.run();
      out.flush();
    } catch (AwkRuntime.Failure | AwkRegex.BadRegex e) {
      flushQuietly(out);
      return error(ctx, e.getMessage().startsWith("cannot open") || e.getMessage().startsWith("division")
          ? e.getMessage() : "run time error: " + e.getMessage());
    } catch (AwkRuntime.Interrupted e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (WriteFailed e) {
      if (e.cause instanceof InterruptedIOException) {
        Thread.currentThread().interrupt();
        return 130;
      }
      return 2;
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (IOException e) {
      return 2;
    } catch (StackOverflowError e) {
      flushQuietly(out);
      return error(ctx, "run time error: function call nesting too deep");
    }
    return status;
  }

  private static void flushQuietly(OutputStream out) {
    try {
      out.flush();
    } catch (IOException e) {
      // the error is what gets reported
    }
  }

  private static int error(CommandContext ctx, String message) throws IOException {
    ctx.stderr().write(("awk: " + message + "\n").getBytes(StandardCharsets.UTF_8));
    return 2;
  }

  /** A command-line value with awk's string escapes ({@code \t}, {@code \n}, {@code \\}) applied. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\' -> sb.append('\\');
        case '"' -> sb.append('"');
        case '/' -> sb.append('/');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000b');
        default -> sb.append('\\').append(e);
      }
    }
    return sb.toString();
  }

  /**
   * The words of a simple command line ({@code sort -k2 'a b'}), with quotes removed; null when
   * the line needs a shell (pipes, redirections, expansions, lists).
   */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
        continue;
      }
      if ("|&;<>()$`*?[~#".indexOf(c) >= 0) {
        return null;
      }
      if (w == null) {
        w = new StringBuilder();
      }
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          return null;
        }
        w.append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        int end = i + 1;
        while (end < line.length() && line.charAt(end) != '"') {
          if (line.charAt(end) == '\\' && end + 1 < line.length()) {
            end++;
          } else if (line.charAt(end) == '$' || line.charAt(end) == '`') {
            return null;
          }
          w.append(line.charAt(end));
          end++;
        }
        if (end >= line.length()) {
          return null;
        }
        i = end;
      } else if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
      } else {
        w.append(c);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }
}
