package io.mirage4j.shell.builtins;

import io.mirage4j.CancelledException;
import io.mirage4j.MirageException;
import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.python.PythonArgumentsTooLongException;
import io.mirage4j.python.PythonCommandLine;
import io.mirage4j.python.PythonCommandLine.CommandSource;
import io.mirage4j.python.PythonCommandLine.ModuleSource;
import io.mirage4j.python.PythonCommandLine.ScriptSource;
import io.mirage4j.python.PythonCommandLine.StdinSource;
import io.mirage4j.python.ProcessEnvironment;
import io.mirage4j.python.PythonProgram;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonStartup;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import io.mirage4j.python.PythonTimeoutException;
import io.mirage4j.shell.Builtin;
import io.mirage4j.shell.CommandContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code python3} (also {@code python}): CPython's command line over the workspace's Pyodide
 * interpreter. The program comes from {@code -c}, {@code -m}, a script, directory or zip file on any
 * mount (resolved against the working directory; its mount must be in {@link Mode#EXEC} mode), or
 * standard input.
 */
final class Python implements Builtin {

  /** A reason not to run, reported as {@code <label>: <message>} with an exit status. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  @Override
  public int run(CommandContext ctx, List<String> args) throws IOException {
    PythonCommandLine.Parsed parsed = PythonCommandLine.parse(ctx.name(), args);
    try {
      if (parsed instanceof PythonCommandLine.Exit exit) {
        ctx.out().print(exit.stdout());
        ctx.err().print(exit.stderr());
        return exit.status();
      }
      if (parsed instanceof PythonCommandLine.Version) {
        ctx.out().print("Python " + ctx.python().get().version() + " (pyodide)\n");
        return 0;
      }
      PythonCommandLine.Run request = (PythonCommandLine.Run) parsed;
      request.warnings().forEach(ctx.err()::print);
      PythonStartup.Outcome startup = PythonStartup.resolve(request.flags(), ProcessEnvironment.of(ctx.state().env()),
          ctx.state().cwd());
      if (startup instanceof PythonStartup.Fatal fatal) {
        ctx.err().print(fatal.stderr());
        return 1;
      }
      request = new PythonCommandLine.Run(request.source(), request.programArgs(),
          ((PythonStartup.Ready) startup).flags(), request.warnings());
      PythonRun run = resolve(ctx, request);
      // A program from stdin has consumed it; any other reads it as far as it wants, no further.
      LimitedOutput output = new LimitedOutput(ctx);
      PythonResult result = ctx.python().get().run(run,
          run.program() instanceof PythonProgram.Stdin ? null : ctx.stdin(), output);
      return output.report(result.exitCode());
    } catch (Refusal e) {
      ctx.error(e.getMessage());
      return e.status;
    } catch (CancelledException e) {
      throw e;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (PythonTimeoutException e) {
      ctx.error(e.getMessage());
      return 124;
    } catch (PythonArgumentsTooLongException e) {
      ctx.error(e.getMessage());
      return 126;
    } catch (PythonRuntimeUnavailableException e) {
      ctx.error(e.getMessage());
      return 127;
    } catch (MirageException e) {
      ctx.error(e.getMessage());
      return 1;
    }
  }

  /** Reads what the command line names and computes {@code sys.argv} and {@code sys.path[0]}. */
  private static PythonRun resolve(CommandContext ctx, PythonCommandLine.Run request) throws IOException, Refusal {
    PythonCommandLine.Source source = request.source();
    String cwd = ctx.state().cwd();
    List<String> argv = new ArrayList<>();
    PythonProgram program;
    String path0;
    if (source instanceof CommandSource c) {
      program = new PythonProgram.Command(c.code());
      argv.add("-c");
      path0 = "";
    } else if (source instanceof ModuleSource m) {
      program = new PythonProgram.Module(m.name());
      argv.add("-m");
      path0 = cwd;
    } else if (source instanceof ScriptSource s) {
      String path = s.path().startsWith("/") ? s.path() : (cwd.equals("/") ? "" : cwd) + "/" + s.path();
      program = readProgram(ctx, path, s.path().equals(".") ? cwd : path);
      argv.add(s.path());
      path0 = program instanceof PythonProgram.Application a ? a.path() : PathNames.parent(PathNames.normalize(path));
    } else {
      byte[] code = ctx.stdin().readAllBytes();
      if (code.length == 0) {
        throw new Refusal(1, "no input");
      }
      program = new PythonProgram.Stdin(code);
      argv.add(((StdinSource) source).dash() ? "-" : "");
      path0 = "";
    }
    argv.addAll(request.programArgs());
    // As in CPython, -P leaves out a script's directory, never a directory or zip program's own path.
    boolean safe = request.flags().safePath() && !(program instanceof PythonProgram.Application);
    return new PythonRun(program, argv, safe ? null : path0, ctx.name(), request.flags(),
        cwd, ProcessEnvironment.of(ctx.state().env()), new byte[0], ctx.pythonTimeout(), ctx.outputLimit());
  }

  /**
   * The program a file operand names, read through the mounts: a script, or an {@link
   * PythonProgram.Application} when it is a directory or a zip archive, which then runs from
   * {@code importerPath} (the operand made absolute as CPython makes it). Either way its mount must
   * allow {@link Mode#EXEC}.
   */
  private static PythonProgram readProgram(CommandContext ctx, String path, String importerPath) throws Refusal {
    String normalized = PathNames.normalize(path);
    try {
      FileStat stat = ctx.fs().stat(normalized);
      if (!ctx.fs().mode(normalized).allows(Mode.EXEC)) {
        throw new Refusal(126, path + ": not in EXEC mode");
      }
      if (stat.isDirectory()) {
        return new PythonProgram.Application(importerPath);
      }
      byte[] source = ctx.fs().read(normalized);
      return endsWithZipDirectory(source)
          ? new PythonProgram.Application(importerPath)
          : new PythonProgram.Script(path, source);
    } catch (ResourceException e) {
      throw new Refusal(1, path + (e.reason() == ResourceException.Reason.NOT_FOUND ? ": No such file" : ": " + e.reason().posixMessage()));
    }
  }

  /** The signature of a zip archive's end of central directory record, "PK\5\6". */
  private static final byte[] END_OF_ZIP_DIRECTORY = {'P', 'K', 5, 6};

  /** The end record is 22 bytes, followed by a comment of at most 65535. */
  private static final int END_RECORD_SIZE = 22;

  private static final int MAX_ZIP_COMMENT = 0xFFFF;

  /**
   * Whether {@code bytes} end as a zip archive does (whatever is in front of it, such as a {@code #!}
   * line), which is where CPython's zipimport looks; zipimport itself has the last word.
   */
  private static boolean endsWithZipDirectory(byte[] bytes) {
    int lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_ZIP_COMMENT);
    for (int at = bytes.length - END_RECORD_SIZE; at >= lowest; at--) {
      if (bytes[at] == END_OF_ZIP_DIRECTORY[0] && bytes[at + 1] == END_OF_ZIP_DIRECTORY[1]
          && bytes[at + 2] == END_OF_ZIP_DIRECTORY[2] && bytes[at + 3] == END_OF_ZIP_DIRECTORY[3]) {
        return true;
      }
    }
    return false;
  }
}
