package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.FileStat;
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
 * Code one call leaves behind never runs in a later call of the same interpreter. Each attack is
 * a first call that plants code (asyncio timers and tasks, JavaScript callbacks, replaced hooks
 * and descriptors) and ends; a second call of the same workspace then waits on its mount, sleeps
 * and runs asyncio, the moments planted code would run. The planted code, had it run, would have
 * written the phase it saw ({@code __main__.PHASE}: "attacker", "victim", or "between" calls) to
 * /tmp/planted.log, a file that lives as long as the interpreter, and a file on the mount. Timers
 * are set to fire while the victim waits for the event loop (its mount reads and asyncio.sleep
 * come after a blocking time.sleep that outlasts them).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxCallIsolationIT {

  /** What every planted function does; defined in the attacker's program. */
  private static final String PLANT = """
      PHASE = 'attacker'
      import asyncio, builtins, os, sys, time
      def plant(*args, **kwargs):
          phase = getattr(sys.modules['__main__'], 'PHASE', 'between')
          with open('/tmp/planted.log', 'a') as log:
              log.write(phase + '\\n')
          try:
              open('/data/planted', 'w').write(phase)
          except Exception:
              pass
          print('PLANTED', phase)
          os.write(1, b'PLANTED-FD\\n')
      loop = asyncio.get_event_loop()
      def in_victim(real):
          busy = []
          def wrapped(*args, **kwargs):
              if not busy and getattr(sys.modules['__main__'], 'PHASE', None) == 'victim':
                  busy.append(1)
                  try:
                      plant()
                  finally:
                      busy.pop()
              return real(*args, **kwargs)
          return wrapped
      class Later:
          def __init__(self, action):
              self.action = action
          def __del__(self):
              self.action()
      def after_the_call(action):
          sys.planted_later = Later(action)
      shim = sys.modules['_mirage4j_shim']
      mounts = shim.runner['mounts']
      """;

  /** The second call: waits on the mount, sleeps, runs asyncio and uses the hooks a program may replace. */
  private static final String VICTIM = """
      PHASE = 'victim'
      import asyncio, os, sys, time
      for _ in range(3):
          open('/data/in.txt').read()
          os.listdir('/data')
          os.stat('/data/in.txt')
      time.sleep(0.3)
      async def main():
          await asyncio.sleep(0.3)
          return 'ran'
      result = asyncio.run(main())
      os.write(1, b'fd1\\n')
      print('victim', result, file=sys.__stdout__)
      try:
          raise ValueError('victim')
      except ValueError:
          sys.excepthook(*sys.exc_info())
      sys.exit('victim exits')
      """;

  /** Exactly what the victim prints when nothing of the attacker runs. */
  private static final ExecResult VICTIM_RESULT = new ExecResult(
      "fd1\nvictim ran\n".getBytes(UTF_8),
      ("Traceback (most recent call last):\n  File \"<stdin>\", line 15, in <module>\nValueError: victim\n"
          + "victim exits\n").getBytes(UTF_8),
      1);

  static Stream<Named<String>> attacks() {
    return Stream.of(
        attack("loop.call_later", "loop.call_later(0.2, plant)"),
        attack("loop.call_soon", "loop.call_soon(plant)"),
        attack("loop.call_at", "loop.call_at(loop.time() + 0.2, plant)"),
        attack("asyncio.ensure_future of a coroutine",
            "async def later():",
            "    await asyncio.sleep(0.2)",
            "    plant()",
            "asyncio.ensure_future(later())"),
        attack("a task that plants when it is cancelled or collected",
            "async def forever():",
            "    try:",
            "        await asyncio.sleep(3600)",
            "    finally:",
            "        if getattr(sys.modules['__main__'], 'PHASE', None) != 'attacker':",
            "            plant()",
            "builtins.kept = asyncio.ensure_future(forever())"),
        attack("an async generator finalised later",
            "async def agen():",
            "    try:",
            "        yield 1",
            "        yield 2",
            "    finally:",
            "        if getattr(sys.modules['__main__'], 'PHASE', None) != 'attacker':",
            "            plant()",
            "async def start():",
            "    g = agen()",
            "    await g.__anext__()",
            "    builtins.kept = g",
            "asyncio.run(start())"),
        attack("the event loop's scheduler called directly",
            "from pyodide import webloop",
            "from pyodide.ffi import create_once_callable",
            "webloop.scheduleCallback(create_once_callable(plant), 200)",
            "webloop.scheduleCallback(create_once_callable(plant), 0)"),
        attack("a callback on the answer to a mount request (answers are values: there is nothing to attach to)",
            "import gc",
            "from pyodide.ffi import create_proxy",
            "bridge = [o for o in gc.get_objects() if type(o).__name__ == 'Mounts'][0]._bridge",
            "for answer in (bridge.stat('/data/in.txt'), bridge.list('/data')):",
            "    then = getattr(answer, 'then', None)",
            "    if then is not None: then(create_proxy(plant))"),
        attack("JavaScript timers set through ctypes (emscripten_set_timeout, _interval, _immediate)",
            "import ctypes",
            "lib = ctypes.CDLL(None)",
            "callback = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(lambda _: plant())",
            "builtins.kept = callback",
            "lib.emscripten_set_timeout(callback, ctypes.c_double(200), None)",
            "lib.emscripten_set_interval(callback, ctypes.c_double(200), None)",
            "lib.emscripten_set_immediate(callback, None)",
            "lib.emscripten_async_call(callback, None, 200)"),
        attack("a task factory and an exception handler on the event loop",
            "loop.set_task_factory(lambda loop, coro, **kw: (plant(), asyncio.Task(coro, loop=loop, **kw))[1])",
            "loop.set_exception_handler(plant)"),
        attack("sys.__stdout__ and sys.stdout replaced",
            "real = sys.stdout",
            "class Evil:",
            "    def write(self, text):",
            "        if getattr(sys.modules['__main__'], 'PHASE', None) == 'attacker':",
            "            return real.write(text)",
            "        plant()",
            "        return len(text)",
            "    def flush(self):",
            "        pass",
            "sys.__stdout__ = sys.__stderr__ = Evil()",
            "sys.stdout = Evil()"),
        attack("sys.excepthook and sys.__excepthook__ replaced",
            "sys.excepthook = sys.__excepthook__ = plant"),
        attack("builtins.open, os.listdir, os.stat and time.sleep replaced",
            "real_open = builtins.open",
            "def evil_open(*args, **kwargs):",
            "    builtins.open = real_open",
            "    plant()",
            "    return real_open(*args, **kwargs)",
            "builtins.open = evil_open",
            "os.listdir = os.stat = plant",
            "time.sleep = plant"),
        attack("file descriptor 1 redirected and 0 and 2 closed",
            "os.dup2(os.open('/tmp/stolen', os.O_WRONLY | os.O_CREAT), 1)",
            "os.close(0)",
            "os.close(2)"),
        attack("/dev/stdout replaced by a file",
            "os.unlink('/dev/stdout')",
            "open('/dev/stdout', 'w').close()",
            "os.dup2(os.open('/dev/stdout', os.O_WRONLY), 1)"),
        attack("the mount bridge's hooks given one more",
            "mounts.hooks = tuple(mounts.hooks) + ((os, 'listdir', plant),)"),
        attack("a function of the real os the mount bridge keeps replaced",
            "mounts._real.open = in_victim(mounts._real.open)"),
        attack("the mount bridge's kept prefixes given a __ne__, after the call",
            "class Kept(tuple):",
            "    def __ne__(self, other):",
            "        plant()",
            "        return True",
            "def keep():",
            "    mounts._kept = Kept()",
            "after_the_call(keep)"),
        attack("an object added to the files the mount bridge closes at a call's end",
            "class Sneaky:",
            "    @property",
            "    def closed(self):",
            "        return getattr(sys.modules['__main__'], 'PHASE', None) != 'victim'",
            "    def close(self):",
            "        plant()",
            "sneaky = Sneaky()",
            "shim.fresh['_abandoned'].append(sneaky)",
            "import weakref",
            "files = mounts._open_files",
            "if isinstance(files, dict):",
            "    files[id(sneaky)] = weakref.ref(sneaky)",
            "else:",
            "    files.add(sneaky)"),
        attack("an attribute added to the mount bridge, shadowing a method",
            "try:",
            "    mounts.hook_in = plant",
            "except AttributeError:",
            "    pass"),
        attack("the state fresh.py puts sys back to, replaced",
            "baseline = shim.fresh['_baseline']",
            "names, values = baseline.sys",
            "baseline.sys = (names, tuple(plant if name == 'exit' else value for name, value in zip(names, values)))"),
        attack("an entry added to fresh.py's journal after the call",
            "def journal():",
            "    shim.fresh['_journal'][(asyncio, 'run')] = in_victim(asyncio.run)",
            "after_the_call(journal)"),
        attack("a counter of fresh.py replaced by an object",
            "import random",
            "class Counter(int):",
            "    def __add__(self, other):",
            "        plant()",
            "        return 0",
            "shim.fresh['_entropy_used'] = Counter()"),
        attack("the hooks the runner gives sys, replaced",
            "shim.runner['_SYS_HOOKS']['excepthook'] = plant"),
        attack("the function that runs a program read from stdin, replaced",
            "real_run = shim.runner['_PROGRAM_RUNNERS']['stdin']",
            "shim.runner['_PROGRAM_RUNNERS']['stdin'] = lambda *args: (plant(), real_run(*args))[1]"),
        attack("the shim module's namespaces, replaced",
            "fresh = dict(shim.fresh)",
            "fresh['exited'] = in_victim(fresh['exited'])",
            "shim.fresh = fresh"),
        attack("the runner's cache of sys.flags given a key that compares equal to the next call's",
            "import gc",
            "cached = shim.runner.get('_cached_sys_flags')",
            "if cached is not None:",
            "    cache = [entry for entry in gc.get_referents(cached) if type(entry) is dict][0]",
            "    ((flags,),) = [key for key in cache if type(key) is tuple]",
            "    class Evil(dict):",
            "        def __hash__(self):",
            "            return hash(flags)",
            "        def __eq__(self, other):",
            "            if getattr(sys.modules['__main__'], 'PHASE', None) != 'attacker':",
            "                plant()",
            "            return False",
            "    cached.cache_clear()",
            "    cached(Evil(flags))"));
  }

  private static Named<String> attack(String name, String... lines) {
    return Named.of(name, PLANT + String.join("\n", lines) + "\nprint('armed')\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void codeOneCallLeavesNeverRunsInTheNext(String attacker) {
    InMemoryResource data = Resources.inMemory();
    data.write("/in.txt", "input\n".getBytes(UTF_8));
    try (Workspace ws = Workspace.builder().mount("/data", data).build()) {
      // sys.stdout writes to file descriptor 1, as a process's does: an attacker that points
      // descriptor 1 at a file sends its own 'armed' there. What matters is that the next call's
      // output does not follow it.
      boolean redirectsItsOwnOutput = attacker.contains("os.dup2(");
      ExecResult armed = python(ws, attacker);
      assertThat(armed.stdoutText()).as("the attacker's own call; stderr: %s", armed.stderrText())
          .isEqualTo(redirectsItsOwnOutput ? "" : "armed\n");
      assertThat(armed.exitCode()).isZero();

      assertThat(python(ws, VICTIM)).isEqualTo(VICTIM_RESULT);

      ExecResult log = python(ws, "import os\n"
          + "print(open('/tmp/planted.log').read().split() if os.path.exists('/tmp/planted.log') else [])\n"
          + "print(repr(open('/tmp/stolen').read() if os.path.exists('/tmp/stolen') else ''))");
      String stolen = attacker.contains("'/tmp/stolen'") ? "'armed\\n'" : "''";
      assertThat(log).isEqualTo(new ExecResult(("[]\n" + stolen + "\n").getBytes(UTF_8), new byte[0], 0));
      assertThat(data.list("/")).as("files on the mount").extracting(FileStat::name).containsExactly("in.txt");
    }
  }

  private static ExecResult python(Workspace ws, String program) {
    return ws.execute("python3 <<'PY'\n" + program.strip() + "\nPY");
  }
}
