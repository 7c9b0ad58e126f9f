package io.mirage4j.shell.builtins;

import io.mirage4j.CancelledException;
import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.js.JsResult;
import io.mirage4j.js.JsRun;
import io.mirage4j.js.JsRuntime;
import io.mirage4j.js.JsRuntimes;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code js} (also {@code node}): the common subset of Node's command line over the JavaScript
 * runtime on the class path. The program comes from {@code -e CODE}, {@code -p EXPR}, a script on any
 * mount (resolved against the working directory; its mount must be in {@link Mode#EXEC} mode), or
 * standard input; {@code -m} or a {@code .mjs} file runs it as an ES module.
 */
final class Js implements Builtin {

  /** Node's status for a bad command line. */
  static final int BAD_OPTION = 9;

  @Override
  public int run(CommandContext ctx, List<String> args) throws IOException {
    String code = null;
    JsRun.Kind codeKind = null;
    boolean module = false;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      } else if (a.equals("-e") || a.equals("--eval") || a.equals("-p") || a.equals("--print")) {
        if (i + 1 >= args.size()) {
          return badLine(ctx, a + " requires an argument");
        }
        code = args.get(++i);
        codeKind = a.startsWith("-p") || a.equals("--print") ? JsRun.Kind.PRINT : JsRun.Kind.EVAL;
      } else if (a.startsWith("--eval=") || a.startsWith("--print=")) {
        code = a.substring(a.indexOf('=') + 1);
        codeKind = a.startsWith("--print") ? JsRun.Kind.PRINT : JsRun.Kind.EVAL;
      } else if (a.equals("-m") || a.equals("--input-type=module")) {
        module = true;
      } else if (a.equals("-v") || a.equals("--version")) {
        Optional<JsRuntime> runtime = JsRuntimes.find();
        if (runtime.isEmpty()) {
          return missing(ctx);
        }
        ctx.out().print(runtime.get().version() + "\n");
        return 0;
      } else if (a.startsWith("-") && !a.equals("-")) {
        return badLine(ctx, "bad option: " + a);
      } else {
        break;
      }
    }
    Optional<JsRuntime> runtime = JsRuntimes.find();
    if (runtime.isEmpty()) {
      return missing(ctx);
    }
    List<String> rest = args.subList(i, args.size());
    List<String> argv = new ArrayList<>();
    argv.add("node");
    String source;
    String path;
    JsRun.Kind kind;
    InputStream stdin = ctx.stdin();
    if (code != null) {
      source = code;
      path = "[eval]";
      kind = module && codeKind == JsRun.Kind.EVAL ? JsRun.Kind.MODULE : codeKind;
      argv.addAll(rest);
    } else if (!rest.isEmpty() && !rest.get(0).equals("-")) {
      path = ctx.resolve(rest.get(0));
      try {
        FileStat stat = ctx.fs().stat(path);
        if (stat.isDirectory()) {
          ctx.error("Cannot find module '" + path + "'");
          return 1;
        }
        if (!ctx.fs().mode(path).allows(Mode.EXEC)) {
          ctx.error(rest.get(0) + ": not in EXEC mode");
          return 126;
        }
        source = new String(ctx.fs().read(path), StandardCharsets.UTF_8);
      } catch (ResourceException e) {
        ctx.error(e.reason() == ResourceException.Reason.NOT_FOUND
            ? "Cannot find module '" + path + "'" : rest.get(0) + ": " + e.reason().posixMessage());
        return 1;
      }
      kind = module || path.endsWith(".mjs") ? JsRun.Kind.MODULE : JsRun.Kind.SCRIPT;
      argv.add(path);
      argv.addAll(rest.subList(1, rest.size()));
    } else {
      source = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8);
      stdin = InputStream.nullInputStream();
      path = "[stdin]";
      kind = module ? JsRun.Kind.MODULE : JsRun.Kind.SCRIPT;
      argv.addAll(rest);
    }
    Duration timeout = ctx.pythonTimeout();
    JsRun run = new JsRun(kind, source, path, argv, ctx.state().env(), ctx.state().cwd(), timeout, ctx.outputLimit());
    LimitedOutput output = new LimitedOutput(ctx);
    JsResult result;
    try {
      result = runtime.get().run(run, ctx.fs(), stdin, output);
    } catch (CancelledException e) {
      throw e;
    } catch (UncheckedIOException e) {
      // the output could not be written (a closed pipe): as for any command that writes
      throw e.getCause();
    } catch (RuntimeException e) {
      ctx.error(e.getMessage() == null ? e.toString() : e.getMessage());
      return 1;
    }
    if (Thread.currentThread().isInterrupted()) {
      // stopped by the shell (timeout, a cancelled line), as yes and sleep are
      throw new InterruptedIOException();
    }
    if (result.timedOut()) {
      ctx.error("timed out after " + seconds(timeout) + "s");
      return 124;
    }
    return output.report(result.exitCode());
  }

  private static String seconds(Duration timeout) {
    if (timeout == null) {
      return "0";
    }
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }

  private static int badLine(CommandContext ctx, String message) {
    ctx.error(message);
    return BAD_OPTION;
  }

  private static int missing(CommandContext ctx) {
    ctx.error(JsRuntimes.NO_RUNTIME);
    return 127;
  }
}
