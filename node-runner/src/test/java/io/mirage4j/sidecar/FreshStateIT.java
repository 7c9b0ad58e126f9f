package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every call sees what a fresh python3 process sees (CONTRACT §4), whatever the call before it did
 * to the interpreter they share. Each case is a first call that changes one piece of interpreter
 * state (or the runner's own machinery, reached through gc), then a second call of the same
 * workspace whose exact result is what a new python3 process gives.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FreshStateIT {

  /** Finds the runner's namespace (or another of the shim's) as a program can, through gc. */
  private static final String FIND_SHIM = """
      import gc
      def shim(name):
          return next(o for o in gc.get_objects() if type(o) is dict and name in o and '__builtins__' in o)
      """;

  record Leak(String tamper, String check, ExecResult fresh) {}

  static Stream<Named<Leak>> leaks() {
    return Stream.of(
        // builtins
        leak("builtins.print replaced", "import builtins\nbuiltins.print = lambda *a, **k: None",
            "print('hi')", "hi\n"),
        leak("a builtin added and one deleted", "import builtins\nbuiltins.extra = 1\ndel builtins.len",
            "import builtins\nprint(hasattr(builtins, 'extra'), len('ab'))", "False 2\n"),
        // attributes of library modules
        leak("json.dumps replaced", "import json\njson.dumps = lambda *a, **k: 'patched'",
            "import json\nprint(json.dumps([1]))", "[1]\n"),
        leak("json.dumps deleted and an attribute added", "import json\ndel json.dumps\njson.extra = 1",
            "import json\nprint(json.dumps([1]), hasattr(json, 'extra'))", "[1] False\n"),
        leak("os.path.join replaced on a submodule", "import os.path\nos.path.join = None\nos.sep = '\\\\'",
            "import os\nprint(os.path.join('a', 'b'), os.sep)", "a/b /\n"),
        // sys settings
        leak("sys.setrecursionlimit", "import sys\nsys.setrecursionlimit(100)",
            "import sys\nprint(sys.getrecursionlimit())", "1000\n"),
        leak("sys hooks and prompts", "import sys\nsys.displayhook = sys.excepthook = sys.breakpointhook = print\n"
                + "sys.__excepthook__ = print\nsys.ps1 = '>'\nsys.tracebacklimit = 0",
            "import sys\nprint(sys.displayhook is sys.__displayhook__, hasattr(sys, 'ps1'), hasattr(sys, 'tracebacklimit'))\n"
                + "raise ValueError('shown')",
            new ExecResult("True False False\n".getBytes(UTF_8),
                "Traceback (most recent call last):\n  File \"<stdin>\", line 3, in <module>\nValueError: shown\n".getBytes(UTF_8), 1)),
        leak("sys.path, sys.meta_path and sys.path_hooks changed in place",
            "import sys\nsys.path.append('/nowhere')\nsys.meta_path.insert(0, 1)\nsys.path_hooks.append(len)",
            "import sys\nprint('/nowhere' in sys.path, 1 in sys.meta_path, len in sys.path_hooks)", "False False False\n"),
        leak("sys.flags replaced", "import sys\nsys.flags = 1", "import sys\nprint(sys.flags.optimize)", "0\n"),
        leak("sys.set_int_max_str_digits and sys.setswitchinterval",
            "import sys\nsys.set_int_max_str_digits(640)\nsys.setswitchinterval(1)",
            "import sys\nprint(sys.get_int_max_str_digits(), sys.getswitchinterval())", "4300 0.005\n"),
        leak("sys.settrace and sys.setprofile",
            "import sys\nsys.settrace(lambda *a: print('TRACE'))\nsys.setprofile(lambda *a: print('PROFILE'))",
            "import sys\nprint(sys.gettrace(), sys.getprofile())", "None None\n"),
        leak("a sys.monitoring tool", "import sys\nM = sys.monitoring\nM.use_tool_id(2, 'spy')\n"
                + "M.register_callback(2, M.events.PY_START, lambda *a: print('SPY'))\nM.set_events(2, M.events.PY_START)",
            "import sys\nprint(sys.monitoring.get_tool(2))\n(lambda: 0)()", "None\n"),
        leak("sys.modules entries injected by hand", "import sys, types, os\n"
                + "sys.modules['injected'] = types.ModuleType('injected')\nsys.modules['alias'] = os\n"
                + "sys.modules['json'] = types.ModuleType('json')",
            "import sys, json\nprint('injected' in sys.modules, 'alias' in sys.modules, json.dumps(1))", "False False 1\n"),
        // logging, random, decimal, warnings
        leak("logging.basicConfig", "import logging\nlogging.basicConfig(format='A %(message)s')\nlogging.warning('one')",
            "import logging\nlogging.basicConfig(format='B %(message)s')\nlogging.warning('two')",
            new ExecResult(new byte[0], "B two\n".getBytes(UTF_8), 0)),
        leak("logging levels, disable and a named logger's handlers", "import logging\nlogging.disable(logging.CRITICAL)\n"
                + "logging.getLogger('app').addHandler(logging.NullHandler())\nlogging.root.setLevel(logging.DEBUG)\n"
                + "logging.addLevelName(30, 'WARN!')",
            "import logging\nlog = logging.getLogger('app')\nprint(log.handlers, logging.root.level, log.getEffectiveLevel())\n"
                + "log.warning('shown')",
            new ExecResult("[] 30 30\n".getBytes(UTF_8), "shown\n".getBytes(UTF_8), 0)),
        leak("random.seed", "import random\nrandom.seed(1)",
            "import random\nprint(random.random() in (0.13436424411240122, 0.8474337369372327))", "False\n"),
        leak("the decimal context and its template", "import decimal\ndecimal.getcontext().prec = 3\n"
                + "decimal.DefaultContext.prec = 4\ndecimal.DefaultContext.traps[decimal.Inexact] = True",
            "import decimal\nprint(decimal.Decimal(1) / 7)", "0.1428571428571428571428571429\n"),
        leak("warnings filters", "import warnings\nwarnings.simplefilter('error')",
            "import warnings\nwarnings.warn('w')\nprint('ran on')",
            new ExecResult("ran on\n".getBytes(UTF_8), "<stdin>:2: UserWarning: w\n".getBytes(UTF_8), 0)),
        // state the library keeps in its own globals and tables
        leak("a global the library sets itself (tempfile.tempdir, from TMPDIR)",
            "import os, tempfile\nos.environ['TMPDIR'] = '/data'\nprint(tempfile.gettempdir())",
            "import tempfile\nprint(tempfile.gettempdir())", "/tmp\n"),
        leak("mimetypes' tables", "import mimetypes\nmimetypes.add_type('x/y', '.zzz')",
            "import mimetypes\nprint(mimetypes.guess_type('a.zzz'))", "(None, None)\n"),
        leak("logging.setLoggerClass", "import logging\nclass Loud(logging.Logger):\n    pass\nlogging.setLoggerClass(Loud)",
            "import logging\nprint(logging.getLoggerClass() is logging.Logger)", "True\n"),
        leak("a module the call imported first: its objects and classes changed",
            "import calendar\ncalendar.setfirstweekday(6)\ncalendar.TextCalendar.formatweekday = None",
            "import calendar\nprint(calendar.firstweekday(), calendar.TextCalendar().formatweekday(0, 3))", "0 Mon\n"),
        leak("atexit registrations", "import atexit\natexit.register(print, 'handler of the first call')",
            "print('second')", "second\n"),
        // the process around the program
        leak("os.chdir", "import os\nos.chdir('/tmp')", "import os\nprint(os.getcwd())", "/data\n"),
        leak("os.umask", "import os\nos.umask(0o777)", "import os\nprint(oct(os.umask(0o22)))", "0o22\n"),
        leak("gc settings and callbacks", "import gc\ngc.disable()\ngc.set_threshold(1)\n"
                + "gc.callbacks.append(lambda *a: print('GC'))",
            "import gc\nprint(gc.isenabled(), gc.get_threshold()[0] > 1, gc.callbacks)\ngc.collect()", "True True []\n"),
        leak("a signal handler", "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                + "signal.signal(signal.SIGTERM, lambda *a: print('TERM'))",
            "import signal\nprint(signal.getsignal(signal.SIGINT) is signal.default_int_handler, signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)",
            "True True\n"),
        // (event loop policies are deprecated in 3.14: the programs say they know)
        leak("an asyncio event loop policy and a task left pending", "import asyncio, warnings\n"
                + "warnings.simplefilter('ignore', DeprecationWarning)\n"
                + "class Policy(asyncio.DefaultEventLoopPolicy):\n    pass\nasyncio.set_event_loop_policy(Policy())",
            "import asyncio, warnings\nwarnings.simplefilter('ignore', DeprecationWarning)\n"
                + "print(type(asyncio.get_event_loop_policy()).__name__ != 'Policy', asyncio.run(asyncio.sleep(0, 'ran')))",
            "True ran\n"),
        // the runner's own machinery, reached through gc
        leak("the runner's exit-status helper replaced",
            FIND_SHIM + "shim('_exit_status')['_exit_status'] = lambda code: 0",
            "import sys\nsys.exit(3)", new ExecResult(new byte[0], new byte[0], 3)),
        leak("the code of the runner's exit-status helper replaced",
            FIND_SHIM + "shim('_exit_status')['_exit_status'].__code__ = (lambda code: 0).__code__",
            "import sys\nsys.exit(3)", new ExecResult(new byte[0], new byte[0], 3)),
        leak("the code of run() replaced",
            FIND_SHIM + "shim('_execute')['run'].__code__ = (lambda params: (0, b'', b'')).__code__",
            "print('hi')", "hi\n"),
        leak("the runner's output streams replaced",
            FIND_SHIM + "shim('_output_stream')['_output_stream'].__code__ = (lambda fd, name, encoding, errors, "
                + "unbuffered, line_buffering: __import__('io').TextIOWrapper(__import__('io').BytesIO())).__code__\n"
                + "shim('_output_stream')['_BufferedWriter'] = None",
            "print('hi')", "hi\n"),
        leak("the runner's interrupt check replaced",
            FIND_SHIM + "runner = shim('_execute')\nrunner['interrupt_pending'] = lambda: True\n"
                + "runner['_interruptible_sleep'].__closure__[0].cell_contents = None",
            "import time\ntime.sleep(0.01)\nprint('slept')", "slept\n"),
        leak("the mount bridge's open replaced",
            FIND_SHIM + "mounts = next(o for o in gc.get_objects() if type(o).__name__ == 'Mounts')\n"
                + "type(mounts).open = lambda self, *a, **k: None",
            "open('/data/f', 'w').write('x')\nprint(open('/data/f').read())", "x\n"),
        leak("the functions that put the interpreter back replaced",
            FIND_SHIM + "fresh = shim('_undo_journal')\nimport json\njson.dumps = None\n"
                + "fresh['_undo_journal'] = fresh['_restore_namespace'] = lambda *a: None\nimport builtins\nbuiltins.print = None",
            "import json\nprint(json.dumps(1))", "1\n"),
        leak("contextlib's context manager class the runner uses patched",
            "import contextlib\ncontextlib._GeneratorContextManager.__exit__ = lambda *a: None",
            "print('hi')", "hi\n"));
  }

  private static Named<Leak> leak(String name, String tamper, String check, String stdout) {
    return leak(name, tamper, check, new ExecResult(stdout.getBytes(UTF_8), new byte[0], 0));
  }

  private static Named<Leak> leak(String name, String tamper, String check, ExecResult fresh) {
    return Named.of(name, new Leak(tamper, check, fresh));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("leaks")
  void theNextCallSeesAFreshProcess(Leak leak) {
    InMemoryResource data = Resources.inMemory();
    try (Workspace ws = Workspace.builder().mount("/data", data).build()) {
      ExecResult tampered = python(ws, leak.tamper() + "\nimport os\nos.write(1, b'tampered\\n')");
      assertThat(tampered.stdoutText()).as("the tampering call; stderr: %s", tampered.stderrText()).contains("tampered\n");

      assertThat(python(ws, leak.check())).isEqualTo(leak.fresh());
    }
  }

  private static ExecResult python(Workspace ws, String program) {
    return ws.execute("python3 <<'PY'\n" + program.strip() + "\nPY");
  }
}
