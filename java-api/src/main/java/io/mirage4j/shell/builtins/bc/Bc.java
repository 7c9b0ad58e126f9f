package io.mirage4j.shell.builtins.bc;

import io.mirage4j.fs.ResourceException;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bc [-l] [-q] [FILE]...}: the calculator language, reading the files and then stdin.
 * Arbitrary precision with {@code scale} ({@code 20} with {@code -l}, which also gives {@code s c
 * a l e}), {@code ibase} and {@code obase}, variables, arrays, {@code if while for}, {@code
 * define} with {@code auto}, {@code print} and strings; numbers print as GNU bc prints them
 * ({@code .5}, wrapped at 70 columns with a backslash, or {@code BC_LINE_LENGTH}).
 *
 * <pre>{@code
 * Map<String, Builtin> commands = new HashMap<>(Builtins.standard());
 * commands.put("bc", new Bc());   // what Builtins.standard() already holds
 * // in a workspace: echo 'scale=2; 10/3' | bc   prints 3.33
 * }</pre>
 */
public final class Bc implements Builtin {
  private static final String USAGE = "usage: bc [options] [file ...]\n"
      + "  -h  --help         print this usage and exit\n"
      + "  -i  --interactive  force interactive mode\n"
      + "  -l  --mathlib      use the predefined math routines\n"
      + "  -q  --quiet        don't print initial banner\n"
      + "  -s  --standard     non-standard bc constructs are errors\n"
      + "  -w  --warn         warn about non-standard bc constructs\n"
      + "  -v  --version      print version information and exit\n";

  @Override
  public int run(CommandContext ctx, List<String> args) throws IOException {
    boolean math = false;
    List<String> files = new ArrayList<>();
    boolean options = true;
    for (String a : args) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("--") && a.length() > 2) {
        switch (a) {
          case "--mathlib" -> math = true;
          case "--quiet", "--standard", "--warn", "--interactive" -> {
            // nothing to change here
          }
          default -> {
            ctx.stderr().write(("bc: unrecognized option '" + a + "'\n" + USAGE).getBytes(StandardCharsets.UTF_8));
            return 1;
          }
        }
      } else if (options && a.startsWith("-") && a.length() > 1) {
        for (char c : a.substring(1).toCharArray()) {
          if (c == 'l') {
            math = true;
          } else if ("qswi".indexOf(c) < 0) {
            ctx.stderr().write(("bc: invalid option -- '" + c + "'\n" + USAGE).getBytes(StandardCharsets.UTF_8));
            return 1;
          }
        }
      } else {
        files.add(a);
      }
    }
    int lineLength = 70;
    String env = ctx.state().env().get("BC_LINE_LENGTH");
    if (env != null) {
      try {
        lineLength = Integer.parseInt(env.trim());
      } catch (NumberFormatException e) {
        // bc keeps its default
      }
    }
    OutputStream out = new BufferedOutputStream(ctx.stdout(), 8192);
    BcState state = new BcState(out, ctx.stderr(), math, lineLength);
    try {
      for (String f : files) {
        String text;
        try {
          text = new String(ctx.fs().read(ctx.resolve(f)), StandardCharsets.UTF_8);
        } catch (ResourceException e) {
          out.flush();
          ctx.stderr().write(("File " + f + " is unavailable.\n").getBytes(StandardCharsets.UTF_8));
          return 1;
        }
        if (!runText(ctx, state, out, text, f)) {
          out.flush();
          return 0;
        }
      }
      String input = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8);
      runText(ctx, state, out, input, "standard_in");
      out.flush();
      return 0;
    } catch (BcState.Interrupted | InterruptedIOException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof InterruptedIOException) {
        Thread.currentThread().interrupt();
        return 130;
      }
      return 141;
    }
  }

  /** Runs one input; false when it quit. */
  private static boolean runText(CommandContext ctx, BcState state, OutputStream out, String text, String name)
      throws IOException {
    BcParser parser = new BcParser(text);
    while (true) {
      BcAst.Stmt st;
      try {
        st = parser.next(state);
      } catch (BcParser.SyntaxError e) {
        out.flush();
        ctx.stderr().write(("(" + name + ") " + e.line + ": syntax error\n").getBytes(StandardCharsets.UTF_8));
        parser.recover();
        continue;
      } catch (BcParser.QuitRead e) {
        return false;
      }
      if (st == null) {
        return true;
      }
      try {
        st.exec(state);
      } catch (BcNumbers.BcError e) {
        out.flush();
        ctx.stderr().write(("Runtime error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        if (!parser.atLineStart()) {
          // bc drops the rest of the line an error happened on
          parser.recover();
        }
      } catch (BcState.Quit e) {
        return false;
      } catch (BcState.Break | BcState.Continue | BcState.Return e) {
        // outside a loop or a function they end the statement
      } catch (StackOverflowError e) {
        out.flush();
        ctx.stderr().write("Runtime error: function call nesting too deep\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
