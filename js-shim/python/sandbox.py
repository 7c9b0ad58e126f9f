"""Python-level parts of the sandbox, run once at startup in a namespace of its own.

JavaScript: after this, no object Python reaches leads to Pyodide's JavaScript API. Pyodide's
Python side keeps that API in the loaders of the JavaScript modules it imported (`pyodide_js` and
`pyodide_js._api`: a loader's `jsproxy` is the module itself), in `pyodide._package_loader`'s
`loadedPackages` and in `pyodide.webloop`'s `scheduleCallback`; the loaders lose it, the package
loader gets an empty namespace, and the event loop gets `schedule_callback`, the function
lib/sandbox.js put in this namespace, which schedules a callback for the running call only.

Process exits: the ways a program ends its own process end the call instead of the interpreter.

Emscripten ends the whole runtime on `os._exit`, `os.abort` and a signal whose default action
terminates: the interpreter is left unusable or the sidecar dies. Here each ends the program
through `os._exit` with the status a shell would report for a real process (`os._exit(n)`: n;
killed by signal s: 128 + s), so the runner reports it as the call's exit status and the
interpreter keeps working. Until the runner attaches, os._exit raises SystemExit; then
python/fresh.py's takes its place, which ends the program at once, as a process ends.

asyncio: Pyodide's event loop reads `pyodide_js._api.config.enableRunUntilComplete` on each
`asyncio.run` and `run_until_complete`; `pyodide_js` is gone, so those two take its default (true)
instead.
"""

import asyncio
import gc
import operator
import os
import signal
import types

from _pyodide import _importhook
from pyodide import _package_loader, webloop
from pyodide.ffi import run_sync



def _forget_javascript():
    """Drops every reference Pyodide's Python side keeps to its JavaScript API (see above)."""
    for loader in [o for o in gc.get_objects() if isinstance(o, _importhook.JsLoader)]:
        loader.jsproxy = None
    for name in [name for name in _importhook.jsfinder.jsproxies if name != "js"]:
        _importhook.jsfinder.unregister_js_module(name)
    _package_loader.loadedPackages = types.SimpleNamespace()
    webloop.scheduleCallback = schedule_callback  # noqa: F821 (lib/sandbox.js puts it in this namespace)


_forget_javascript()

_TERMINATING = {
    signal.SIGABRT, signal.SIGALRM, signal.SIGBUS, signal.SIGFPE, signal.SIGHUP, signal.SIGILL,
    signal.SIGINT, signal.SIGKILL, signal.SIGPIPE, signal.SIGQUIT, signal.SIGSEGV, signal.SIGTERM,
    signal.SIGTRAP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGXCPU, signal.SIGXFSZ, signal.SIGSYS,
}
_UNCATCHABLE = {signal.SIGKILL, signal.SIGSTOP}

_real_kill = os.kill
_real_raise_signal = signal.raise_signal


def _exit(status):
    """os._exit: ends the program with `status` (without running atexit handlers, as os._exit)."""
    raise SystemExit(operator.index(status))


def _abort():
    """os.abort: ends the program as SIGABRT does, at once, as os._exit does."""
    os._exit(128 + signal.SIGABRT)


def _deliver(signum):
    """Delivers `signum` to this process: its handler if it has one, else its default action."""
    signum = operator.index(signum)
    handler = signal.getsignal(signum) if signum not in _UNCATCHABLE else signal.SIG_DFL
    if handler == signal.SIG_DFL:
        if signum in _TERMINATING:
            os._exit(128 + signum)
        return
    if handler != signal.SIG_IGN:
        _real_raise_signal(signum)


def _kill(pid, signum):
    """os.kill: this process's own pid gets the signal; other pids stay Emscripten's refusal."""
    if operator.index(pid) == os.getpid():
        if operator.index(signum) != 0:
            _deliver(signum)
        return
    _real_kill(pid, signum)


def _raise_signal(signum):
    """signal.raise_signal."""
    _deliver(signum)


for _name, _function in (("_exit", _exit), ("abort", _abort), ("kill", _kill)):
    _function.__name__ = _function.__qualname__ = _name
    _function.__module__ = "posix"
    setattr(os, _name, _function)
_raise_signal.__name__ = _raise_signal.__qualname__ = "raise_signal"
_raise_signal.__module__ = "_signal"
signal.raise_signal = _raise_signal


def _run_until_complete(self, future):
    """WebLoop.run_until_complete with enableRunUntilComplete: waits for `future` through JSPI."""
    self._install_asyncgen_hooks()
    return run_sync(future)


def _asyncio_run(main, *, debug=None, loop_factory=None):
    """asyncio.run as Pyodide's, with enableRunUntilComplete."""
    if loop_factory is None:
        loop = asyncio.events._get_running_loop()
        if isinstance(loop, webloop.WebLoop):
            return loop.run_until_complete(main)
    return webloop._orig_run(main, debug=debug, loop_factory=loop_factory)


_run_until_complete.__doc__ = webloop.WebLoop.run_until_complete.__doc__
webloop.WebLoop.run_until_complete = _run_until_complete
_asyncio_run.__wrapped__ = webloop._orig_run
_asyncio_run.__doc__ = webloop._orig_run.__doc__
_asyncio_run.__name__ = _asyncio_run.__qualname__ = "run"
_asyncio_run.__module__ = "asyncio.runners"
webloop._run = asyncio.run = _asyncio_run
