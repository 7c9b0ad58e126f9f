package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where Pyodide's Python side kept its JavaScript API, and what a program reaches without any
 * JsProxy, each tried through a real workspace. The whole object graph is audited by
 * js-shim/test/object-graph.test.js; these are the concrete routes it found, each with the exact
 * way it now fails, and after each the same workspace still runs a program.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxObjectGraphIT {
  private static Workspace ws;

  @BeforeAll
  static void start() {
    ws = Workspace.builder().mount("/data", Resources.inMemory()).build();
  }

  @AfterAll
  static void stop() {
    if (ws != null) {
      ws.close();
    }
  }

  @AfterEach
  void theWorkspaceStillAnswers() {
    result("42\n", "", 0).check(python("print(6 * 7)"));
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        route("JsLoader.jsproxy: the loaders of pyodide_js and pyodide_js._api hold nothing",
            result("[]\n", "", 0),
            "import gc",
            "from _pyodide._importhook import JsLoader",
            "loaders = [o for o in gc.get_objects() if isinstance(o, JsLoader)]",
            "print([l.jsproxy for l in loaders if l.jsproxy is not None])"),
        route("JsLoader.jsproxy: the network call the issue reported",
            result("", "", 0),
            "import gc",
            "from _pyodide._importhook import JsLoader",
            "from pyodide.ffi import run_sync",
            "for loader in [o for o in gc.get_objects() if isinstance(o, JsLoader)]:",
            "    api = getattr(loader.jsproxy, '_api', None)",
            "    if api is not None:",
            "        print(run_sync(api.loadBinaryFile('http://127.0.0.1:9/x')))"),
        route("JsFinder keeps only the js module, an empty object",
            result("['js'] object []\n", "", 0),
            "import js",
            "from _pyodide._importhook import jsfinder",
            "print(sorted(jsfinder.jsproxies), js.typeof, list(js.object_keys()))"),
        route("pyodide.webloop's only JsProxy is the call-scoped scheduler, which has nothing on it",
            result("['scheduleCallback'] [False, False, False, False]\n", "", 0),
            "from pyodide import webloop",
            "from pyodide.ffi import JsProxy",
            "names = sorted(k for k, v in vars(webloop).items() if isinstance(v, JsProxy))",
            "s = webloop.scheduleCallback",
            "print(names, [hasattr(s, n) for n in ('_api', '_module', 'FS', 'setStdout')])"),
        route("the scheduler refuses what is not a function",
            lastLine("pyodide.ffi.JsException: TypeError: schedule: the callback must be a function", 1),
            "from pyodide import webloop",
            "webloop.scheduleCallback(1, 0)"),
        route("pyodide._package_loader holds no JsProxy",
            result("SimpleNamespace []\n", "", 0),
            "from pyodide import _package_loader",
            "from pyodide.ffi import JsProxy",
            "print(type(_package_loader.loadedPackages).__name__,",
            "      sorted(k for k, v in vars(_package_loader).items() if isinstance(v, JsProxy)))"),
        route("no module global of pyodide.* or _pyodide.* is a JsProxy but the js module and the scheduler",
            result("['js', 'pyodide.webloop.scheduleCallback']\n", "", 0),
            "import importlib, sys",
            "from pyodide.ffi import JsProxy",
            "for name in ('pyodide.code', 'pyodide.http', 'pyodide.console', 'pyodide.ffi.wrappers', '_pyodide.jsbind'):",
            "    try:",
            "        importlib.import_module(name)",
            "    except ImportError:",
            "        pass",
            "found = ['js'] if isinstance(sys.modules['js'], JsProxy) else []",
            "for name, module in sorted(sys.modules.items()):",
            "    if name.startswith(('pyodide', '_pyodide')):",
            "        found += [name + '.' + k for k, v in vars(module).items() if isinstance(v, JsProxy)]",
            "print(found)"),
        route("pyodide.code.run_js",
            lastLine("ImportError: cannot import name 'eval' from 'js' (unknown location)", 1),
            "import pyodide.code",
            "pyodide.code.run_js('process.pid')"),
        route("ctypes: emscripten_run_script (JavaScript eval) runs nothing",
            result("done\n", "", 0),
            "import ctypes",
            "ctypes.CDLL(None).emscripten_run_script(b'process.exit(9)')",
            "print('done')"),
        route("ctypes: emscripten_run_script_int and _string run nothing",
            result("0 None\n", "", 0),
            "import ctypes",
            "lib = ctypes.CDLL(None)",
            "lib.emscripten_run_script_string.restype = ctypes.c_char_p",
            "print(lib.emscripten_run_script_int(b'process.pid'), lib.emscripten_run_script_string(b'String(process.pid)'))"),
        route("ctypes: emscripten_async_run_script runs nothing, now or later",
            result("scheduled\n", "", 0),
            "import ctypes",
            "ctypes.CDLL(None).emscripten_async_run_script(b'process.exit(9)', 10)",
            "print('scheduled')"),
        route("ctypes: emscripten_websocket_new finds no WebSocket",
            result("-1\n", "", 0),
            "import ctypes",
            "print(ctypes.CDLL(None).emscripten_websocket_new(None))"),
        route("ctypes: system()",
            result("32512\n", "", 0),
            "import ctypes",
            "print(ctypes.CDLL(None).system(b'true'))"));
  }

  private static Arguments route(String name, ExpectedResult expected, String... lines) {
    return Arguments.of(Named.of(name, String.join("\n", lines)), expected);
  }

  /** The exact result, or the exit status and last stderr line of a traceback. */
  private record ExpectedResult(ExecResult exact, String lastLine, int status) {
    void check(ExecResult actual) {
      if (exact != null) {
        assertThat(actual).isEqualTo(exact);
        return;
      }
      assertThat(actual.stdoutText()).as("stdout").isEmpty();
      String[] lines = actual.stderrText().strip().split("\n");
      assertThat(lines[lines.length - 1]).as("last stderr line of %s", actual.stderrText()).isEqualTo(lastLine);
      assertThat(actual.exitCode()).isEqualTo(status);
    }

    @Override
    public String toString() {
      return exact != null ? exact.toString() : lastLine;
    }
  }

  private static ExpectedResult result(String stdout, String stderr, int status) {
    return new ExpectedResult(new ExecResult(stdout.getBytes(UTF_8), stderr.getBytes(UTF_8), status), null, 0);
  }

  private static ExpectedResult lastLine(String line, int status) {
    return new ExpectedResult(null, line, status);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void routeLeadsNowhere(String program, ExpectedResult expected) {
    expected.check(python(program));
  }

  private static ExecResult python(String program) {
    return ws.execute("python3 <<'PY'\n" + program + "\nPY");
  }
}
