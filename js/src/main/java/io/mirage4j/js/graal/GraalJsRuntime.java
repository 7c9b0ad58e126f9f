package io.mirage4j.js.graal;

import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.js.JsOutput;
import io.mirage4j.js.JsResult;
import io.mirage4j.js.JsRun;
import io.mirage4j.js.JsRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The {@code js} runtime on GraalJS. One {@link Engine} per JVM (so later contexts start fast and
 * share compiled code); a fresh {@link Context} per call, sealed: {@link SandboxPolicy#CONSTRAINED},
 * host access only to the {@link HostBridge}'s exported methods, no host class lookup, no I/O, no
 * threads, no processes, no native access, no other languages, no host environment. A time limit
 * cancels the context from another thread ({@code Context.close(true)}).
 *
 * <pre>{@code
 * JsResult r = GraalJsRuntime.shared().run(run, session.fs(), InputStream.nullInputStream(), output);
 * }</pre>
 */
public final class GraalJsRuntime implements JsRuntime {
  private static final String PRELUDE = read("prelude.js");
  /** whatwg-url, bundled by the build: a function expression that returns URL and URLSearchParams. */
  private static final String URL_BUNDLE = read("url.js");
  private static volatile GraalJsRuntime shared;

  private final Engine engine;
  private final Source prelude;
  private final Source urlBundle;
  private final ScheduledExecutorService watchdog;

  private GraalJsRuntime() {
    if (Runtime.version().feature() == 17 && System.getProperty("polyglotimpl.AttachLibraryFailureAction") == null) {
      System.setProperty("polyglotimpl.AttachLibraryFailureAction", "ignore");
    }
    this.engine = Engine.newBuilder("js")
        .sandbox(SandboxPolicy.CONSTRAINED)
        .option("engine.WarnInterpreterOnly", "false")
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .build();
    this.prelude = Source.newBuilder("js", PRELUDE, "node:internal/prelude").buildLiteral();
    this.urlBundle = Source.newBuilder("js", URL_BUNDLE, "node:internal/url").buildLiteral();
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mirage4j-js-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  /** The runtime of this JVM, its engine made on first use. */
  public static GraalJsRuntime shared() {
    GraalJsRuntime r = shared;
    if (r == null) {
      synchronized (GraalJsRuntime.class) {
        r = shared;
        if (r == null) {
          r = new GraalJsRuntime();
          shared = r;
        }
      }
    }
    return r;
  }

  @Override
  public String version() {
    return "v" + engine.getVersion() + "-graaljs";
  }

  @Override
  public JsResult run(JsRun run, WorkspaceFs files, InputStream stdin, JsOutput output) {
    AtomicBoolean timedOut = new AtomicBoolean();
    Context[] holder = new Context[1];
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable stop = () -> {
      if (stopped.compareAndSet(false, true)) {
        watchdog.execute(() -> holder[0].close(true));
      }
    };
    HostBridge bridge = new HostBridge(run, config(run), files, stdin, output, stop, () -> holder[0].eval(urlBundle));
    Context context = Context.newBuilder("js")
        .engine(engine)
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowHostAccess(HostAccess.CONSTRAINED)
        .allowHostClassLookup(name -> false)
        .allowIO(run.kind() == JsRun.Kind.MODULE
            ? IOAccess.newBuilder().fileSystem(new ModuleFileSystem(files, run.cwd())).build()
            : IOAccess.NONE)
        .allowCreateThread(false)
        .allowCreateProcess(false)
        .allowNativeAccess(false)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .in(InputStream.nullInputStream())
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .build();
    holder[0] = context;
    ScheduledFuture<?> deadline = run.timeout() == null ? null : watchdog.schedule(() -> {
      timedOut.set(true);
      stop.run();
    }, run.timeout().toMillis(), TimeUnit.MILLISECONDS);
    Value internals = null;
    try {
      internals = context.eval(prelude).execute(bridge);
      boolean moduleFile = run.kind() == JsRun.Kind.MODULE && run.path().startsWith("/");
      // A module file is loaded by an import, through the module file system, so that its own
      // relative imports resolve against its directory.
      Source.Builder builder = moduleFile
          ? Source.newBuilder("js", "import " + quote(run.path()) + ";", "[main]").mimeType("application/javascript+module")
          : Source.newBuilder("js", run.source(), run.path())
              .mimeType(run.kind() == JsRun.Kind.MODULE ? "application/javascript+module" : "application/javascript");
      Source source = builder.buildLiteral();
      Value value = context.eval(source);
      if (run.kind() == JsRun.Kind.PRINT) {
        internals.getMember("print").execute(value);
      }
      while (!bridge.exited() && internals.getMember("runTimer").execute().asBoolean()) {
        // each due timer in turn, until none is left
      }
      return finish(bridge, timedOut, bridge.exited() ? bridge.exitCode() : internals.getMember("exitCode").execute().asInt());
    } catch (PolyglotException e) {
      if (bridge.exited() || (e.isGuestException() && internals != null && isExit(internals, e))) {
        return finish(bridge, timedOut, bridge.exitCode());
      }
      if (e.isInterrupted()) {
        // a cancelled shell line interrupts its thread, which stops the guest: keep the flag for the shell
        Thread.currentThread().interrupt();
        return finish(bridge, timedOut, 1);
      }
      if (e.isCancelled() || stopped.get()) {
        return finish(bridge, timedOut, 1);
      }
      if (e.isResourceExhausted() || e.isInternalError() || e.isHostException()) {
        bridge.write(2, run.path() + ": " + e.getMessage() + "\n");
        return finish(bridge, timedOut, 1);
      }
      reportUncaught(bridge, internals, run, e);
      return finish(bridge, timedOut, 1);
    } catch (IllegalStateException e) {
      // the context was closed under the call (time limit, output limit, process.exit)
      return finish(bridge, timedOut, bridge.exited() ? bridge.exitCode() : 1);
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      try {
        context.close(true);
      } catch (PolyglotException | IllegalStateException e) {
        // already closed by the watchdog
      }
    }
  }

  /** Whether {@code source} is the program's own text (a module file comes through the module file system). */
  private static boolean isProgram(org.graalvm.polyglot.Source source, JsRun run) {
    return run.path().equals(source.getName()) || run.path().equals(source.getPath());
  }

  private static boolean isExit(Value internals, PolyglotException e) {
    try {
      return internals.getMember("isExit").execute(e.getGuestObject()).asBoolean();
    } catch (PolyglotException | IllegalStateException ignored) {
      return false;
    }
  }

  private static JsResult finish(HostBridge bridge, AtomicBoolean timedOut, int exitCode) {
    if (bridge.failure() != null) {
      throw new UncheckedIOException(bridge.failure());
    }
    return timedOut.get() ? new JsResult(124, true) : JsResult.exited(exitCode);
  }

  /**
   * Prints an uncaught error as Node does for a script: where it was thrown, that line with a caret,
   * and {@code Name: message}, then one {@code at} line.
   */
  private static void reportUncaught(HostBridge bridge, Value internals, JsRun run, PolyglotException e) {
    StringBuilder text = new StringBuilder();
    SourceSection at = e.getSourceLocation();
    if (at == null || at.getSource() == null || !isProgram(at.getSource(), run)) {
      for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
        SourceSection section = frame.getSourceLocation();
        if (frame.isGuestFrame() && section != null && isProgram(section.getSource(), run)) {
          at = section;
          break;
        }
      }
    }
    if (at != null && at.getSource() != null && isProgram(at.getSource(), run)) {
      int line = at.getStartLine();
      text.append(run.path()).append(':').append(line).append('\n');
      String code = at.getSource().getCharacters(line).toString();
      text.append(code).append('\n').append(" ".repeat(Math.max(0, at.getStartColumn() - 1))).append("^\n\n");
    }
    String description;
    try {
      description = internals == null ? e.getMessage()
          : internals.getMember("describeUncaught").execute(e.getGuestObject()).asString();
    } catch (PolyglotException | IllegalStateException | NullPointerException failed) {
      description = e.getMessage();
    }
    text.append(description).append('\n');
    if (at != null && at.getSource() != null && isProgram(at.getSource(), run)) {
      text.append("    at ").append(run.path()).append(':').append(at.getStartLine()).append(':')
          .append(at.getStartColumn()).append('\n');
    }
    bridge.write(2, text.toString());
  }

  private String config(JsRun run) {
    StringBuilder json = new StringBuilder("{\"argv\":[");
    List<String> argv = run.argv();
    for (int i = 0; i < argv.size(); i++) {
      json.append(i > 0 ? "," : "").append(quote(argv.get(i)));
    }
    json.append("],\"env\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : run.env().entrySet()) {
      json.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
      first = false;
    }
    json.append("},\"cwd\":").append(quote(run.cwd()))
        .append(",\"version\":").append(quote(version()))
        .append(",\"engine\":").append(quote(engine.getVersion())).append('}');
    return json.toString();
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20) {
        q.append(String.format("\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }

  private static String read(String resource) {
    try (InputStream in = GraalJsRuntime.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from mirage4j-js");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
