package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks on the host from Python, each run against a real sidecar (Node 26 + Pyodide). Every
 * probe asserts the specific way the attack failed; after each one the same sidecar process is
 * still alive and the workspace still runs a normal program.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxIT {
  private static final String EVAL_REFUSED =
      "pyodide.ffi.JsException: EvalError: Code generation from strings disallowed for this context";

  @TempDir static Path temp;
  private static Path host;
  private static Path outside;
  private static Workspace ws;
  private static long sidecarPid;
  private static ServerSocket listener;

  @BeforeAll
  static void start() throws IOException {
    host = Files.createDirectories(temp.resolve("host"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(host.resolve("inside.txt"), "inside\n");
    Files.writeString(outside.resolve("secret.txt"), "host secret\n");
    Files.createSymbolicLink(host.resolve("link.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(host.resolve("linkdir"), outside);
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Sidecars.Started started = Sidecars.start(builder -> builder
        .mount("/data", Resources.inMemory())
        .mount("/host", Resources.localDir(host))
        .build());
    ws = started.ws();
    sidecarPid = started.pid();
  }

  @AfterAll
  static void stop() throws IOException {
    if (ws != null) {
      ws.close();
    }
    if (listener != null) {
      listener.close();
    }
  }

  /** The probe neither killed nor replaced the sidecar, and the workspace still answers. */
  @AfterEach
  void theWorkspaceStillWorks() throws IOException {
    assertThat(ws.execute("python3 -c 'print(1)'")).isEqualTo(new ExecResult(bytes("1\n"), bytes(""), 0));
    assertThat(ProcessHandle.of(sidecarPid).map(ProcessHandle::isAlive)).contains(true);
    assertNoConnectionReachedTheListener();
  }

  // --- probes: a program, and how it must fail ---------------------------------------------

  /** How a probe's result must look. */
  private record Outcome(String description, Consumer<ExecResult> check) {
    @Override
    public String toString() {
      return description;
    }
  }

  /** The program raised an uncaught exception whose last traceback line is {@code lastLine}. */
  private static Outcome raises(String lastLine) {
    return new Outcome("raises " + lastLine, r -> {
      assertThat(r.exitCode()).as("exit status; stderr: %s", r.stderrText()).isEqualTo(1);
      assertThat(r.stdoutText()).isEmpty();
      assertThat(lastLine(r.stderrText())).isEqualTo(lastLine);
    });
  }

  /** The program ended normally, printing exactly {@code stdout}. */
  private static Outcome prints(String stdout) {
    return new Outcome("prints " + stdout.strip(), r -> {
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.stdoutText()).isEqualTo(stdout);
      assertThat(r.exitCode()).isZero();
    });
  }

  /** The program ended with {@code status} and printed nothing. */
  private static Outcome exits(int status) {
    return new Outcome("exits " + status, r -> assertThat(r).isEqualTo(new ExecResult(bytes(""), bytes(""), status)));
  }

  private static Named<String> probe(String name, String... lines) {
    return Named.of(name, String.join("\n", lines));
  }

  private static Arguments attack(Named<String> probe, Outcome outcome) {
    return Arguments.of(probe, outcome);
  }

  static Stream<Arguments> probes() {
    String mounts = "import gc\n"
        + "bridge = [o for o in gc.get_objects() if type(o).__name__ == 'Mounts'][0]._bridge";
    return Stream.of(
        // The host's environment.
        attack(probe("os.environ holds none of the host's variables", "import os", "print(sorted(os.environ))"),
            prints("[]\n")),
        attack(probe("js.process.env", "import js", "print(js.process.env)"), raises("AttributeError: process")),
        attack(probe("V8's gc, which the sidecar's --expose-gc puts on the worker's global object", "import js", "js.gc()"),
            raises("AttributeError: gc")),
        attack(probe("from js import process", "from js import process"),
            raises("ImportError: cannot import name 'process' from 'js' (unknown location)")),
        attack(probe("the js module is an empty object", "import js", "print(js.typeof, list(js.object_keys()))"),
            prints("object []\n")),
        attack(probe("no global object under any name", "import js",
                "print([getattr(js, n, None) for n in ('globalThis', 'global', 'self', 'window', 'process')])"),
            prints("[None, None, None, None, None]\n")),
        // Node's own API.
        attack(probe("js.require", "import js", "js.require('child_process')"), raises("AttributeError: require")),
        attack(probe("js.fetch", "from js import fetch"),
            raises("ImportError: cannot import name 'fetch' from 'js' (unknown location)")),
        attack(probe("js.eval", "import js", "js.eval('process')"), raises("AttributeError: eval")),
        attack(probe("js.Function", "import js", "js.Function('return process')()"),
            raises("AttributeError: Function")),
        attack(probe("constructor.constructor('return process') on a JsProxy",
                "from pyodide.ffi import to_js", "to_js([1]).constructor.constructor('return process')()"),
            raises(EVAL_REFUSED)),
        attack(probe("constructor.constructor('process.exit(7)') on a Pyodide function",
                "import pyodide.webloop", "pyodide.webloop.scheduleCallback.constructor('process.exit(7)')()"),
            raises(EVAL_REFUSED)),
        attack(probe("dynamic import() through a rebuilt Function", "from pyodide.ffi import to_js",
                "to_js([]).constructor.constructor(\"return import('node:child_process')\")()"),
            raises(EVAL_REFUSED)),
        attack(probe("pyodide.code.run_js", "import pyodide.code", "pyodide.code.run_js('process.env')"),
            raises("ImportError: cannot import name 'eval' from 'js' (unknown location)")),
        attack(probe("Error.prepareStackTrace call sites expose no global object",
                "from pyodide.ffi import to_js, create_proxy, JsException",
                "arr = to_js([1])",
                "def fail():",
                "    try:",
                "        arr.constructor.prototype.at.call(None, 0)",
                "    except JsException as e:",
                "        return e.js_error",
                "Error = fail().constructor.__proto__",
                "receivers = []",
                "def prepare(error, sites):",
                "    for site in sites:",
                "        this = site.getThis()",
                "        receivers.append(this)",
                "        if site.getFileName() and site.getFileName().endswith('.js'):",
                "            assert site.getFunction() is None, site.getFunctionName()",
                "    return 'stack'",
                "hook = create_proxy(prepare)",
                "Error.prepareStackTrace = hook",
                "try:",
                "    fail().stack",
                "finally:",
                "    Error.prepareStackTrace = None",
                "    hook.destroy()",
                "print(Error.name, len(receivers) > 3, [str(t) for t in receivers if t is not None and "
                    + "(hasattr(t, 'process') or hasattr(t, 'require') or hasattr(t, 'globalThis'))])"),
            prints("Error True []\n")),
        // Pyodide's JavaScript API (it can mount host directories).
        attack(probe("import pyodide_js", "import pyodide_js"), raises("ModuleNotFoundError: No module named 'pyodide_js'")),
        attack(probe("pyodide_js._api.mountNodeFS", "from pyodide_js._api import mountNodeFS",
                "mountNodeFS('/h', '/')"),
            raises("ModuleNotFoundError: No module named 'pyodide_js'")),
        attack(probe("sys.modules has no pyodide_js*", "import sys",
                "print(sorted(name for name in sys.modules if 'pyodide_js' in name))"),
            prints("[]\n")),
        attack(probe("no reachable JsProxy leads to Pyodide's API or Node", """
            import gc, sys
            from pyodide.ffi import JsProxy
            DANGER = ('mountNodeFS', '_api', '_module', 'FS', 'process', 'require', 'fetch', 'loadPackage')
            seen, hits = set(), []
            def has(value, name):
                try:
                    return hasattr(value, name)
                except Exception:  # a destroyed proxy reaches nothing
                    return False
            def check(where, value):
                if isinstance(value, JsProxy) and value.js_id not in seen:
                    seen.add(value.js_id)
                    hits.extend((where, name) for name in DANGER if has(value, name))
            for name, module in list(sys.modules.items()):
                for key, value in list(getattr(module, '__dict__', {}).items()):
                    check(name + '.' + key, value)
                    if not isinstance(value, JsProxy):
                        for attr in list(getattr(value, '__dict__', {}).values()):
                            check(name + '.' + key + '.*', attr)
            for finder in sys.meta_path:
                for key, value in getattr(finder, '__dict__', {}).items():
                    check('meta_path.' + key, value)
                    for item in (value.values() if isinstance(value, dict) else ()):
                        check('meta_path.' + key + '[]', item)
            for obj in gc.get_objects():
                for item in (list(obj.values()) if isinstance(obj, dict) else obj if isinstance(obj, (list, tuple)) else ()):
                    check('gc', item)
            print(len(seen) > 2, hits)"""),
            prints("True []\n")),
        // Host files.
        attack(probe("open('/etc/passwd')", "open('/etc/passwd')"),
            raises("FileNotFoundError: [Errno 44] No such file or directory: '/etc/passwd'")),
        attack(probe("os.listdir('/') shows the interpreter's own tree and the mounts",
                "import os", "print(sorted(os.listdir('/')))"),
            prints("['data', 'dev', 'home', 'host', 'lib', 'proc', 'tmp']\n")),
        attack(probe("/proc/self/environ", "open('/proc/self/environ', 'rb')"),
            raises("FileNotFoundError: [Errno 44] No such file or directory: '/proc/self/environ'")),
        attack(probe("/proc/self/cmdline", "open('/proc/self/cmdline', 'rb')"),
            raises("FileNotFoundError: [Errno 44] No such file or directory: '/proc/self/cmdline'")),
        attack(probe("'..' out of an in-memory mount", "open('/data/../../etc/passwd')"),
            raises("FileNotFoundError: [Errno 44] No such file or directory: '/data/../../etc/passwd'")),
        attack(probe("'..' out of a host-directory mount", "open('/host/../outside/secret.txt')"),
            raises("FileNotFoundError: [Errno 44] No such file or directory: '/host/../outside/secret.txt'")),
        attack(probe("a symbolic link out of a host-directory mount", "print(open('/host/link.txt').read())"),
            raises("PermissionError: [Errno 2] Permission denied: '/host/link.txt'")),
        attack(probe("a symbolic link out of a host-directory mount, opened by C code (io.FileIO)",
                "import io", "print(io.FileIO('/host/link.txt').read())"),
            raises("PermissionError: [Errno 2] Permission denied: '/host/link.txt'")),
        attack(probe("'..' out of a host-directory mount relative to a directory descriptor",
                "import os", "print(os.read(os.open('../../../etc/passwd', os.O_RDONLY, dir_fd=os.open('/host', os.O_RDONLY)), 9))"),
            raises("FileNotFoundError: [Errno 44] No such file or directory: '../../../etc/passwd'")),
        attack(probe("a directory symbolic link out of a host-directory mount",
                "print(open('/host/linkdir/secret.txt').read())"),
            raises("PermissionError: [Errno 2] Permission denied: '/host/linkdir/secret.txt'")),
        attack(probe("the raw mount bridge asked for a path outside every mount", mounts,
                "print(bridge.fetch('/etc/passwd').to_py())"),
            prints("{'result': None, 'error': {'message': 'No such file or directory', 'reason': 'NOT_FOUND'}}\n")),
        attack(probe("the raw mount bridge asked for a '..' path", mounts,
                "print(bridge.fetch('/host/../../../../etc/passwd').to_py())"),
            prints("{'result': None, 'error': {'message': 'No such file or directory', 'reason': 'NOT_FOUND'}}\n")),
        attack(probe("the raw mount bridge asked for a symbolic link out of the mount", mounts,
                "print(bridge.fetch('/host/link.txt').to_py())"),
            prints("{'result': None, 'error': {'message': 'Permission denied', 'reason': 'PERMISSION_DENIED'}}\n")),
        // Processes and threads.
        attack(probe("subprocess.run", "import subprocess", "subprocess.run(['/bin/sh', '-c', 'true'])"),
            raises("OSError: [Errno 138] emscripten does not support processes.")),
        attack(probe("os.fork", "import os", "os.fork()"), raises("OSError: [Errno 52] Function not implemented")),
        attack(probe("os.execv", "import os", "os.execv('/bin/sh', ['sh', '-c', 'true'])"),
            raises("OSError: [Errno 45] Exec format error")),
        // (Pyodide 314 builds no _multiprocessing: the package cannot even start a process)
        attack(probe("multiprocessing", "import multiprocessing", "multiprocessing.Process(target=print).start()"),
            raises("ModuleNotFoundError: No module named '_multiprocessing'")),
        attack(probe("a thread", "import threading", "threading.Thread(target=print).start()"),
            raises("RuntimeError: can't start new thread")),
        attack(probe("a Worker", "from js import Worker"),
            raises("ImportError: cannot import name 'Worker' from 'js' (unknown location)")),
        attack(probe("ctypes loading the host's libc", "import ctypes", "ctypes.CDLL('libc.so.6')"),
            raises("Error: Unexpected call to locateFile(\"libc.so.6\")")),
        // The network.
        attack(probe("socket.connect to a loopback listener", "import socket", "s = socket.socket()",
                "s.connect(('127.0.0.1', " + listener.getLocalPort() + "))"),
            raises("OSError: [Errno 40] Network unreachable")),
        attack(probe("socket.connect_ex to a loopback listener", "import socket",
                "print(socket.socket().connect_ex(('127.0.0.1', " + listener.getLocalPort() + ")))"),
            prints("40\n")),
        attack(probe("socket.create_connection to a loopback listener", "import socket",
                "socket.create_connection(('localhost', " + listener.getLocalPort() + "), timeout=5)"),
            raises("OSError: [Errno 40] Network unreachable")),
        attack(probe("the _socket module directly", "import _socket",
                "_socket.socket().connect(('127.0.0.1', " + listener.getLocalPort() + "))"),
            raises("OSError: [Errno 40] Network unreachable")),
        attack(probe("a UDP datagram", "import socket", "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "s.sendto(b'x', ('127.0.0.1', " + listener.getLocalPort() + "))"),
            raises("OSError: [Errno 40] Network unreachable")),
        // Only after sockets proved refused, so that a broken sandbox never sends traffic off this machine.
        attack(probe("urllib.request.urlopen('http://example.com')", "import socket, urllib.request",
                "try:",
                "    socket.socket().connect(('127.0.0.1', " + listener.getLocalPort() + "))",
                "except OSError as e:",
                "    assert e.errno == 40, e",
                "else:",
                "    raise SystemExit('a loopback connect went through: not trying example.com')",
                "urllib.request.urlopen('http://example.com', timeout=5)"),
            raises("urllib.error.URLError: <urlopen error [Errno 40] Network unreachable>")),
        attack(probe("urllib to the loopback listener", "import urllib.request",
                "urllib.request.urlopen('http://127.0.0.1:" + listener.getLocalPort() + "/', timeout=5)"),
            raises("urllib.error.URLError: <urlopen error [Errno 40] Network unreachable>")),
        attack(probe("name lookups answer from Emscripten's made-up table, not DNS", "import socket",
                "print([socket.gethostbyname(n).startswith('172.29.') for n in ('example.com', 'mirage4j.invalid')])"),
            prints("[True, True]\n")),
        attack(probe("pyodide.http.pyfetch (fetch)", "import pyodide.http",
                "pyodide.http.pyfetch('http://127.0.0.1:" + listener.getLocalPort() + "/').send(None)"),
            raises("NameError: name 'AbortController' is not defined")),
        attack(probe("pyodide.http.open_url (XMLHttpRequest)", "import pyodide.http",
                "pyodide.http.open_url('http://127.0.0.1:" + listener.getLocalPort() + "/')"),
            raises("NameError: name 'XMLHttpRequest' is not defined")),
        attack(probe("a WebSocket", "from js import WebSocket"),
            raises("ImportError: cannot import name 'WebSocket' from 'js' (unknown location)")),
        // Ending the process.
        attack(probe("os._exit(3) ends the call with status 3", "import os", "os._exit(3)"), exits(3)),
        attack(probe("os.abort() ends the call as SIGABRT would", "import os", "os.abort()"), exits(134)),
        attack(probe("SIGKILL to its own pid ends the call as the signal would", "import os, signal",
                "os.kill(os.getpid(), signal.SIGKILL)"), exits(137)),
        attack(probe("signal.raise_signal(SIGTERM) ends the call as the signal would", "import signal",
                "signal.raise_signal(signal.SIGTERM)"), exits(143)),
        attack(probe("os.kill(1, SIGKILL)", "import os", "os.kill(1, 9)"),
            raises("PermissionError: [Errno 63] Operation not permitted")),
        // Forged protocol frames.
        attack(probe("a forged frame on fd 1 is the call's stdout", "import os",
                "os.write(1, b'Content-Length: 41\\r\\n\\r\\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":1}}')"),
            prints("Content-Length: 41\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":1}}")),
        attack(probe("a forged frame through sys.stdout.buffer is the call's stdout", "import sys",
                "sys.stdout.buffer.write(b'Content-Length: 2\\r\\n\\r\\n{}')"),
            prints("Content-Length: 2\r\n\r\n{}")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("probes")
  void attackFails(String program, Outcome outcome) {
    outcome.check().accept(python(program));
  }

  // --- probes that need the host's side ----------------------------------------------------

  @Test
  void theSidecarRunsUnderNodesPermissionModelWithoutCodeGeneration() {
    List<String> arguments = ProcessHandle.of(sidecarPid).orElseThrow().info().arguments().map(List::of).orElseThrow();
    assertThat(arguments).contains("--permission", "--disallow-code-generation-from-strings", "--no-experimental-ffi");
    assertThat(arguments.stream().filter(a -> a.startsWith("--allow-")).map(a -> a.replaceAll("=.*", "")))
        .as("grants: reading the runtime's files, and worker threads for the interpreters")
        .containsOnly("--allow-fs-read", "--allow-worker");
    assertThat(arguments).anyMatch(a -> a.startsWith("--max-old-space-size="));
  }

  @Test
  void osSystemRunsNoShellAndTouchesNoHostFile() {
    Path marker = temp.resolve("made-by-os-system");
    ExecResult r = python("import os\nprint(os.system('touch " + marker + "'), os.waitstatus_to_exitcode(os.system('true')))");
    assertThat(r).isEqualTo(new ExecResult(bytes("32512 127\n"), bytes(""), 0));
    assertThat(marker).doesNotExist();
  }

  @Test
  void cSystemThroughCtypesRunsNoShell() {
    Path marker = temp.resolve("made-by-ctypes");
    ExecResult r = python("import ctypes\nprint(ctypes.CDLL(None).system(b'touch " + marker + "'))");
    assertThat(r).isEqualTo(new ExecResult(bytes("32512\n"), bytes(""), 0));
    assertThat(marker).doesNotExist();
  }

  @Test
  void filesWrittenOutsideTheMountsStayInTheInterpreter() {
    Path hostTmp = Path.of("/tmp", "mirage4j-sandbox-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    ExecResult r = python("open('" + hostTmp + "', 'w').write('x')\nprint(open('" + hostTmp + "').read())");
    assertThat(r).isEqualTo(new ExecResult(bytes("x\n"), bytes(""), 0));
    assertThat(hostTmp).doesNotExist();
  }

  @Test
  void listeningOnASocketIsRefusedAndBindsNoHostPort() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    ExecResult r = python("import socket\ns = socket.socket()\ns.bind(('127.0.0.1', " + port + "))\ns.listen()");
    assertThat(lastLine(r.stderrText())).isEqualTo("PermissionError: [Errno 63] Operation not permitted");
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void killingTheRealSidecarPidIsRefused() {
    ExecResult r = python("import os, signal\nos.kill(" + sidecarPid + ", signal.SIGKILL)");
    assertThat(lastLine(r.stderrText())).isEqualTo("PermissionError: [Errno 63] Operation not permitted");
  }

  /** A callback the call left never runs after it (SandboxCallIsolationIT has the other routes). */
  @Test
  void aFrameWrittenAfterTheCallEndedNeverReachesJava() throws InterruptedException {
    ExecResult r = python("import asyncio, os\n"
        + "def late():\n"
        + "    os.write(1, b'Content-Length: 2\\r\\n\\r\\n{}')\n"
        + "    open('/tmp/late-write', 'w').write('ran')\n"
        + "asyncio.get_event_loop().call_later(0.1, late)\n"
        + "print('scheduled')");
    assertThat(r).isEqualTo(new ExecResult(bytes("scheduled\n"), bytes(""), 0));
    Thread.sleep(400);
    assertThat(lastLine(python("print(open('/tmp/late-write').read())").stderrText()))
        .isEqualTo("FileNotFoundError: [Errno 44] No such file or directory: '/tmp/late-write'");
  }

  @Test
  void anotherWorkspaceSeesNeitherTheseFilesNorTheseGlobals() {
    try (Workspace first = Workspace.builder().mount("/data", Resources.inMemory()).build();
        Workspace second = Workspace.builder().mount("/data", Resources.inMemory()).build()) {
      assertThat(first.execute("python3 -c 'import builtins; builtins.marker = 1; open(\"/tmp/marker\", \"w\").write(\"1\"); "
          + "open(\"/data/secret.txt\", \"w\").write(\"first\"); print(open(\"/data/secret.txt\").read())'").stdoutText())
          .isEqualTo("first\n");
      ExecResult fromSecond = second.execute("python3 <<'PY'\nimport builtins, os\n"
          + "print(os.listdir('/data'), hasattr(builtins, 'marker'), os.path.exists('/tmp/marker'))\nopen('/data/secret.txt')\nPY");
      assertThat(fromSecond.stdoutText()).isEqualTo("[] False False\n");
      assertThat(lastLine(fromSecond.stderrText()))
          .isEqualTo("FileNotFoundError: [Errno 44] No such file or directory: '/data/secret.txt'");
      assertThat(first.execute("python3 -c 'print(open(\"/tmp/marker\").read())'").stdoutText()).isEqualTo("1\n");
    }
  }

  @Test
  void aShimDirectoryReachedThroughASymbolicLinkStillStartsUnderThePermissionModel() throws IOException {
    String shim = System.getProperty(NodeRuntimeLocator.SHIM_PROPERTY);
    assertThat(shim).as("failsafe sets " + NodeRuntimeLocator.SHIM_PROPERTY).isNotBlank();
    Path link = Files.createSymbolicLink(temp.resolve("shim-link"), Path.of(shim).toAbsolutePath());
    System.setProperty(NodeRuntimeLocator.SHIM_PROPERTY, link.toString());
    try (Workspace linked = Workspace.builder().build()) {
      assertThat(linked.execute("python3 -c 'print(6 * 7)'")).isEqualTo(new ExecResult(bytes("42\n"), bytes(""), 0));
    } finally {
      System.setProperty(NodeRuntimeLocator.SHIM_PROPERTY, shim);
      Files.delete(link);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static ExecResult python(String program) {
    return ws.execute("python3 <<'PY'\n" + program.stripIndent().strip() + "\nPY");
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static byte[] bytes(String text) {
    return text.getBytes(ISO_8859_1);
  }


  /** Nothing the probes did opened a connection to the loopback listener. */
  private static void assertNoConnectionReachedTheListener() throws IOException {
    listener.setSoTimeout(1);
    List<String> accepted = new ArrayList<>();
    try {
      while (true) {
        try (Socket s = listener.accept()) {
          accepted.add(s.getRemoteSocketAddress().toString());
        }
      }
    } catch (SocketTimeoutException expected) {
      // no pending connection
    }
    assertThat(accepted).as("connections that reached the host's loopback listener").isEmpty();
  }
}
