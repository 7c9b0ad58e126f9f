package io.mirage4j.shell.builtins;

import io.mirage4j.MirageException;
import io.mirage4j.python.PythonProgram;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import io.mirage4j.python.PythonTimeoutException;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code python3 -c CODE [ARG]...} (also as {@code python}): runs a program in the workspace's
 * Pyodide interpreter.
 */
final class Python implements Builtin {
  static final String USAGE =
      "usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
          + "Try `python -h' for more information.\n";

  @Override
  public int run(CommandContext ctx, List<String> args) throws IOException {
    if (args.isEmpty() || !args.get(0).equals("-c")) {
      ctx.err().print(ctx.name() + ": only '-c CODE' is supported so far\n" + USAGE);
      return 2;
    }
    if (args.size() < 2) {
      ctx.err().print("Argument expected for the -c option\n" + USAGE);
      return 2;
    }
    List<String> argv = new ArrayList<>();
    argv.add("-c");
    argv.addAll(args.subList(2, args.size()));
    PythonRun run =
        new PythonRun(
            new PythonProgram.Command(args.get(1)),
            argv,
            ctx.state().cwd(),
            ctx.state().env(),
            ctx.stdin().readAllBytes(),
            ctx.pythonTimeout());
    try {
      PythonResult result = ctx.python().get().run(run);
      ctx.stdout().write(result.stdout());
      ctx.stderr().write(result.stderr());
      return result.exitCode();
    } catch (PythonTimeoutException e) {
      ctx.err().print(ctx.name() + ": " + e.getMessage() + "\n");
      return 124;
    } catch (PythonRuntimeUnavailableException e) {
      ctx.err().print(ctx.name() + ": " + e.getMessage() + "\n");
      return 127;
    } catch (MirageException e) {
      ctx.err().print(ctx.name() + ": " + e.getMessage() + "\n");
      return 1;
    }
  }
}
