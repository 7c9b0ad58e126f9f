"""Runs one program the way a separate python3 process would, inside this interpreter.

Loading this file leaves `run` in the namespace it was executed in.
"""

import builtins
import contextlib
import io
import os
import sys
import types

# program kind -> (file name the code is compiled under, sys.path[0] during the call)
_PROGRAM_KINDS = {
    "command": ("<string>", ""),
}

# Modules loaded from these directories belong to the interpreter and stay cached between calls.
_LIBRARY_DIRS = tuple(path.rstrip("/") + "/" for path in sys.path if path)


class _Capture(io.BytesIO):
    """A byte sink that keeps its content when the program closes it."""

    def __init__(self):
        super().__init__()
        self._value_at_close = b""

    def close(self):
        if not self.closed:
            self._value_at_close = self.getvalue()
        super().close()

    def value(self):
        return self._value_at_close if self.closed else self.getvalue()


def run(kind, source, argv, cwd, env, stdin):
    """Runs `source` and returns (exit_code, stdout_bytes, stderr_bytes).

    argv (Array of strings), env (Object of strings) and stdin (Uint8Array) arrive as JavaScript
    proxies.
    """
    filename, path0 = _PROGRAM_KINDS[kind]
    stdout, stderr = _Capture(), _Capture()
    streams = (
        _text_stream(io.BytesIO(stdin.to_bytes()), "strict"),
        _text_stream(stdout, "strict"),
        _text_stream(stderr, "backslashreplace"),
    )
    with _module_cache(), _process_state(list(argv), cwd, env.to_py(), path0, streams) as namespace:
        exit_code = _execute(source, filename, namespace)
        _flush_standard_streams()
    return exit_code, stdout.value(), stderr.value()


def _text_stream(buffer, errors):
    return io.TextIOWrapper(buffer, encoding="utf-8", errors=errors, newline="\n", write_through=True)


@contextlib.contextmanager
def _process_state(argv, cwd, env, path0, streams):
    """Gives the program its own argv, environment, cwd, streams and __main__; restores them after."""
    saved_argv, saved_path, saved_env, saved_cwd = sys.argv, sys.path[:], dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_excepthook, saved_main = sys.excepthook, sys.modules["__main__"]
    main = types.ModuleType("__main__")
    main.__builtins__ = builtins
    try:
        sys.argv = argv
        sys.path[0] = path0
        os.environ.clear()
        os.environ.update(env)
        os.makedirs(cwd, exist_ok=True)
        os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = streams
        sys.excepthook = sys.__excepthook__
        sys.modules["__main__"] = main
        yield main.__dict__
    finally:
        sys.modules["__main__"] = saved_main
        sys.excepthook = saved_excepthook
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        sys.path[:] = saved_path
        sys.argv = saved_argv


@contextlib.contextmanager
def _module_cache():
    """Drops the modules the call replaced or added, unless they come from the interpreter's library."""
    before = dict(sys.modules)
    try:
        yield
    finally:
        for name, module in list(sys.modules.items()):
            if before.get(name) is module or _from_library(module):
                continue
            if name in before:
                sys.modules[name] = before[name]
            else:
                del sys.modules[name]


def _from_library(module):
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    return origin in ("built-in", "frozen") or (isinstance(origin, str) and origin.startswith(_LIBRARY_DIRS))


def _execute(source, filename, namespace):
    try:
        exec(compile(source, filename, "exec", dont_inherit=True), namespace)
    except SystemExit as request:
        return _exit_status(request.code)
    except BaseException as error:
        # The first traceback entry is this function: CPython's report starts below it.
        error.__traceback__ = error.__traceback__.tb_next
        sys.excepthook(type(error), error, error.__traceback__)
        return 1
    return 0


def _exit_status(code):
    """The status a python3 process reports for sys.exit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if -(2**63) <= code < 2**63 else 0xFF
    with contextlib.suppress(Exception):
        print(code, file=sys.stderr)
    return 1


def _flush_standard_streams():
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
