"""Runs one program the way a separate python3 process would, inside this interpreter.

Loading this file defines `attach` and `run` and imports what they need, and holds nothing of
JavaScript, so it can happen before a memory snapshot is taken. `attach` connects the runner to
the process it runs in, and must be called before the first `run`, also after a restore.
"""

import _ast
import _json
import asyncio
import builtins
import codecs
import codeop
import collections
import contextlib
import io
import json
import linecache
import operator
import os
import posixpath
import re
import runpy
import site
import sys
import textwrap
import time
import tokenize
import types
import warnings

# Modules loaded from these directories belong to the interpreter and stay cached between calls.
_LIBRARY_DIRS = tuple(path.rstrip("/") + "/" for path in sys.path if path)

# Returns the interpreter to a fresh process's state after each call, and ends programs as processes end.
_fresh = sys.modules["_mirage4j_shim"].fresh

# Makes the `mirage4j` module of a call that was handed host functions.
_functions = sys.modules["_mirage4j_shim"].functions
_mounts_namespace = sys.modules["_mirage4j_shim"].mounts


class _Flags(collections.namedtuple("flags", type(sys.flags).__match_args__, module="sys")):
    """sys.flags for one call: CPython's fields, in CPython's order, readable by name or index;
    the fields CPython keeps out of the sequence (gil; 3.14's thread_inherit_context and
    context_aware_warnings) are read by name, with the interpreter's values."""

    __slots__ = ()

    def __repr__(self):
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"sys.flags({fields})"


for _name in dir(type(sys.flags)):
    if not _name.startswith(("_", "n_")) and _name not in _Flags._fields and not callable(getattr(sys.flags, _name)):
        setattr(_Flags, _name, getattr(sys.flags, _name))
del _name


# A python3 process runs its program once and exits: it is neither interactive nor inspected after.
_PROCESS_FLAGS = _Flags(*sys.flags)._replace(inspect=0, interactive=0)


# What the runner's own machinery uses, as the interpreter started with it: a program may replace
# these attributes of sys, io and os, and nothing it put there may run in a later call.
_TextIOWrapper, _BufferedWriter, _FileIO = io.TextIOWrapper, io.BufferedWriter, io.FileIO
_is = operator.is_
_dedent = textwrap.dedent

# Reads the JSON text of a call's params: the C scanner, which keeps what it was made with.
_read_json = _json.make_scanner(json.JSONDecoder())

# The hooks sys keeps, as the interpreter started with them; each call starts with these.
_SYS_HOOKS = {
    name: getattr(sys, name)
    for name in (
        "excepthook", "displayhook", "unraisablehook", "breakpointhook",
        "__excepthook__", "__displayhook__", "__unraisablehook__", "__breakpointhook__",
    )
}


class _OutputLimitExceeded(BaseException):
    """The program wrote more than the call may return: it stops, as a process whose pipe closed."""


def attach(mount_routes, pending, disarm):
    """Connects the runner to this process: the Mounts that mounts.py's `install` returned, and the
    JavaScript functions that tell whether the running program is being interrupted (past its time
    limit or its output limit) and that end the interruptions once it is over.

    Also takes note of the event loop, and of the working-directory functions with the mounts'
    hooks in place, as each call must find them.
    """
    global mounts, interrupt_pending, interrupt_disarm, _event_loop, _event_loop_policy, _getcwd, _chdir
    mounts, interrupt_pending, interrupt_disarm = mount_routes, pending, disarm
    _event_loop_policy = asyncio.get_event_loop_policy()
    _event_loop = _event_loop_policy.get_event_loop()
    _getcwd, _chdir = os.getcwd, os.chdir
    # The interpreter starts with '' in front of sys.path (a restored one gets it once more); each
    # call puts its own path0 there instead.
    sys.path[:] = [entry for entry in sys.path if entry]
    _fresh["attach"](_LIBRARY_DIRS)


def prepare():
    """Makes the start of the next call, what does not depend on its params, while no call waits:
    lib/python.js calls it after putting the interpreter back (python/fresh.py's `end`), once a
    call's result is on its way. `run` makes its start itself when none was made."""
    global _next_start
    _next_start = None
    try:
        _next_start = _Start()
    except Exception:  # noqa: BLE001 (the call makes its start itself, and reports what fails then)
        pass


def run(params, stdin, source):
    """Runs the program `params` describe and returns its exit status. What it writes to its
    standard output and error goes to file descriptors 1 and 2 as a python3 process's would go to
    pipes: lib/python.js passes it on to Java in the order written.

    `params` are python/run's params (PROTOCOL.md), already checked, as JSON text without their
    bytes: `stdin`, and the program's `source` (None for a program without one), each a JavaScript
    Uint8Array.
    """
    global _next_start
    start, _next_start = _next_start or _Start(), None
    params = _read_json(params, 0)[0]
    program, flags = params["program"], params["flags"]
    if source is not None:
        program["source"] = source.to_bytes()
    start.stdin.load(stdin.to_bytes(), params.get("stdinStream", False))
    try:
        encoding, errors = _stdio_encoding(flags)
    except LookupError as error:
        interrupt_disarm()
        os.write(2, _stdio_encoding_failure(error))
        return 1
    streams = start.streams if (encoding, errors, flags["unbuffered"]) == _USUAL_STREAMS else (
        _standard_streams(start.stdin, encoding, errors, flags["unbuffered"])
    )
    cell = program["kind"] == "cell"
    _begin_cell(cell, params["outputLimit"])
    with (
        _nothing() if cell else _ending_as_a_process(),
        _attributes(os, read=start.read),
        _nothing() if cell else _module_cache(start.modules),
        mounts.fresh(params["mounts"]),
        _process_state(params["argv"], params["cwd"], params["env"], streams, start, cell) as namespace,
        mounts.routed(),
        _search_path(params["path0"], flags["pythonPath"]),
        _interpreter_options(params["label"], flags),
    ):
        try:
            _time_zone_path()
            _host_functions(params.get("functions"), cell)
            exit_code = _execute(_PROGRAM_RUNNERS[program["kind"]], program, flags, namespace)
            if cell and _fresh["exited"]() is not None:
                # os._exit ends the session's process: its state goes with it
                global _session_ended
                _session_ended = True
            if not cell or _session_ended:
                exit_code = _fresh["finish"](exit_code)
        finally:
            try:
                _end_asyncio()
                if _fresh["exited"]() is None:
                    _flush_standard_streams(streams[1:])
            finally:
                interrupt_disarm()
    return exit_code


_next_start = None

# A session's interpreter (python/run with a "cell" program): its first cell makes it one, and from
# then on its __main__, its modules and its line cache stay from cell to cell; nothing of a fresh
# process is put back (lib/python.js no longer calls fresh.py's `end` either).
_session = False
# How many cells the session ran: the next cell's source is "<cell N>" in tracebacks.
_cells = 0
# What the last cell's final expression evaluated to, as repr() shows it; None when it was no
# expression or evaluated to None.
_cell_value = None
# Whether the last cell ended the session's process (os._exit): Java then replaces the interpreter.
_session_ended = False
# How the last interactive cell ended: "" (it ran), "incomplete" (its source needs more lines, as
# the interactive interpreter's "... " prompt asks for) or "exit" (SystemExit: the console ends).
_cell_end = ""
# The most characters of a cell's value that go back: the call's output limit, at most 1 MiB.
_value_limit = 1 << 20


def _begin_cell(cell, output_limit):
    global _session, _cell_value, _session_ended, _value_limit, _cell_end
    _cell_value = None
    _session_ended = False
    _cell_end = ""
    _value_limit = min(output_limit, 1 << 20)
    if cell:
        _session = True


def cell_outcome():
    """(the repr of the last cell's final expression or None, whether the cell ended the session,
    how an interactive cell ended: "", "incomplete" or "exit")."""
    return _cell_value, _session_ended, _cell_end


def _host_functions(functions, cell):
    """Puts the `mirage4j` module of the call's host functions in sys.modules (python/functions.py).

    A plain call's module goes with the modules it imported when it ends; a session's stays, and
    each later cell fills it anew, keeping its exception classes and namespaces.
    """
    if not functions:
        return
    module = sys.modules.get("mirage4j") if cell else None
    if not (isinstance(module, types.ModuleType) and module.__name__ == "mirage4j"):
        module = types.ModuleType("mirage4j")
    sys.modules["mirage4j"] = _functions["install"](module, functions, mounts.host_call, _mounts_namespace["to_js"])


def _nothing():
    return contextlib.nullcontext()


class _Start:
    """What a call starts with that does not depend on its params: a fresh process's state
    (python/fresh.py's `begin`), the mounts' hooks in place, its standard streams with the usual
    encodings, a new __main__ module, and what the runner puts back when it ends (the module
    cache, the line cache)."""

    def __init__(self):
        time.sleep = _interruptible_sleep
        mounts.hook_in()
        _reset_sys_hooks()
        self.stdin = _StandardInput()
        self.read = _reading_fd0(self.stdin)
        self.streams = _standard_streams(self.stdin, *_USUAL_STREAMS)
        self.modules = dict(sys.modules)
        self.linecache = dict(linecache.cache)
        self.main = types.ModuleType("__main__")
        self.main.__builtins__ = builtins
        _fresh["begin"]()


@contextlib.contextmanager
def _ending_as_a_process():
    """What the program changed in the interpreter is put back when it ends (python/fresh.py's
    `close`; lib/python.js calls its `end` too, once the call's result is on its way)."""
    try:
        yield
    finally:
        _fresh["close"]()


# What CPython's buffered stdin asks a pipe for at a time (io.DEFAULT_BUFFER_SIZE).
_PIPE_CHUNK = 8192

# The most bytes one stdin/read asks Java for (PROTOCOL.md).
_MAX_STDIN_READ = 1 << 20

_os_read = os.read

# What CPython's BufferedWriter holds of a standard stream into a pipe: open() sizes it by the
# descriptor's st_blksize, which is a page (4 KiB) for a Linux pipe.
_PIPE_BLOCK = 4096


class _StandardInput(io.RawIOBase):
    """File descriptor 0 of the call: `start`, then, when `more`, what Java reads from the shell's
    standard input as the program asks for it (stdin/read), so the program consumes no more of it
    than a python3 process reading its fd 0 would.
    """

    def __init__(self):
        super().__init__()
        self._start = b""
        self._more = False

    def load(self, start, more):
        """The call's stdin: `start`, then, when `more`, what Java reads."""
        self._start = start
        self._more = more

    def readable(self):
        return True

    def fileno(self):
        return 0

    def isatty(self):
        return False

    def readinto(self, buffer):
        view = memoryview(buffer).cast("B")
        if not len(view):
            return 0
        if self._start:
            size = min(len(view), len(self._start))
            view[:size] = self._start[:size]
            self._start = self._start[size:]
            return size
        if not self._more:
            return 0
        data = mounts.read_stdin(min(len(view), _MAX_STDIN_READ))
        if not data:
            self._more = False
        view[: len(data)] = data
        return len(data)

    def close(self):
        """Closing stdin hides it from the program; the shell's stream stays open."""
        super().close()


def _reading_fd0(stdin):
    """os.read that reads file descriptor 0 from the call's standard input, as read(2) would."""

    def read(fd, length, /):
        if fd == 0 and not stdin.closed:
            if length < 0:
                raise ValueError("negative length")
            return stdin.read(length)
        return _os_read(fd, length)

    read.__doc__ = _os_read.__doc__
    return read


# The encodings and error handler of the standard streams, and -u, as a call without PYTHONIOENCODING,
# -X utf8 or -u has them (_stdio_encoding).
_USUAL_STREAMS = ("utf-8", "strict", False)


def _standard_streams(stdin, encoding, errors, unbuffered):
    """sys.stdin, sys.stdout and sys.stderr as a python3 process whose fds 0-2 are pipes has them."""
    return (
        _text_stream(io.BufferedReader(stdin, _PIPE_CHUNK), encoding, errors),
        _output_stream(1, "<stdout>", encoding, errors, unbuffered, line_buffering=False),
        _output_stream(2, "<stderr>", encoding, "backslashreplace", unbuffered, line_buffering=True),
    )


def _text_stream(buffer, encoding, errors, line_buffering=False, write_through=True):
    return _TextIOWrapper(
        buffer, encoding=encoding, errors=errors, newline="\n", line_buffering=line_buffering, write_through=write_through
    )


def _output_stream(fd, name, encoding, errors, unbuffered, line_buffering):
    """sys.stdout or sys.stderr on file descriptor `fd` as CPython makes them when they are pipes:
    a BufferedWriter under the text layer, stderr's line-buffered (3.9+), stdout's not; with -u
    both write through to the descriptor, with no BufferedWriter at all.

    What reaches the descriptor goes on to lib/python.js at once, in write order with everything
    else written to descriptors 1 and 2, which stops the program past its output limit.
    """
    raw = _FileIO(fd, "wb", closefd=False)
    raw.name = name
    if unbuffered:
        return _text_stream(raw, encoding, errors)
    return _text_stream(_BufferedWriter(raw, _PIPE_BLOCK), encoding, errors, line_buffering, write_through=False)


def _stdio_encoding(flags):
    """The encoding of the standard streams and the error handler of stdin and stdout, as CPython
    sets them: PYTHONIOENCODING's `encoding:errors` parts where given, else UTF-8, with
    surrogateescape in UTF-8 mode and strict otherwise (stderr always uses backslashreplace).
    LookupError for an encoding Python does not know."""
    encoding = codecs.lookup(flags["ioEncoding"]).name if flags["ioEncoding"] else "utf-8"
    if flags["ioErrors"]:
        return encoding, flags["ioErrors"]
    return encoding, "surrogateescape" if flags["utf8Mode"] == 1 and not flags["ioEncoding"] else "strict"


def _stdio_encoding_failure(error):
    """CPython's report when PYTHONIOENCODING names an unknown encoding: it stops before the program."""
    return (
        "Fatal Python error: init_stdio_encoding: failed to get the Python codec name of the stdio encoding\n"
        "Python runtime state: core initialized\n"
        f"LookupError: {error}\n"
    ).encode()


def _end_asyncio():
    """Ends what the program left to asyncio, while its streams are still the call's.

    Lib/sandbox.js drops the callbacks the call scheduled when it ends, so none of them runs later;
    here each task's coroutine and each async generator the program left is closed now (their
    `finally` blocks run in this call, not when a later call collects them), and the event loop
    loses the handlers and factories the program gave it.
    """
    loop = _event_loop
    # In CPython 3.13 every task is in one of these two sets, and asking them is much cheaper than
    # all_tasks when there is none (the usual case); SandboxCallIsolationIT fails if a later
    # version keeps its tasks elsewhere.
    if asyncio.tasks._scheduled_tasks or asyncio.tasks._eager_tasks:
        for task in list(asyncio.all_tasks(loop)):
            task._log_destroy_pending = False
            with contextlib.suppress(BaseException):
                task.get_coro().close()
    generators = list(loop._asyncgens) if loop._asyncgens else []
    loop._asyncgens.clear()
    for generator in generators:
        with contextlib.suppress(BaseException):
            closing = generator.aclose()
            try:
                closing.send(None)
            finally:
                closing.close()
    loop._exception_handler = loop._task_factory = loop._current_handle = None
    loop._no_in_progress_handler = loop._keyboard_interrupt_handler = loop._system_exit_handler = None
    loop._in_progress = 0
    asyncio.events._event_loop_policy = _event_loop_policy
    _event_loop_policy.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)


@contextlib.contextmanager
def _attributes(target, **values):
    """Sets attributes of `target` for the duration of the block, then puts the old values back."""
    saved = {name: getattr(target, name) for name in values}
    try:
        for name, value in values.items():
            setattr(target, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(target, name, value)


@contextlib.contextmanager
def _process_state(argv, cwd, env, streams, start, cell):
    """Gives the program its own argv, environment, cwd, streams, __main__ and line cache.

    Restores them after; a session's cell keeps the session's __main__ and line cache instead.
    """
    stdin, stdout, stderr = streams
    with (
        _attributes(
            sys,
            argv=argv,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            __stdin__=stdin,
            __stdout__=stdout,
            __stderr__=stderr,
        ),
        _nothing() if cell else _attributes(linecache, cache=start.linecache),
        _environment(env),
        _working_directory(cwd),
        _session_main(start.main) if cell else _main_module(start.main) as namespace,
    ):
        yield namespace


def _time_zone_path():
    """zoneinfo reads PYTHONTZPATH when it is imported: when an earlier call loaded it, its search
    path is made again from this call's environment, as a new process's import would make it."""
    tzpath = sys.modules.get("zoneinfo._tzpath")
    if tzpath is not None:
        try:
            tzpath.reset_tzpath()
        except Exception:  # noqa: BLE001 (a program that imports zoneinfo meets the same error)
            pass


def _reset_sys_hooks():
    """Gives sys the hooks the interpreter started with, where a program replaced them: nothing but
    the runner runs between two calls, so each call needs them at its start only."""
    for name, hook in _SYS_HOOKS.items():
        if getattr(sys, name) is not hook:
            setattr(sys, name, hook)


@contextlib.contextmanager
def _environment(env):
    """Makes os.environ equal to `env`, changing only the variables that differ from now.

    Nothing is put back after the call: the next call makes os.environ its own in the same way, so
    what a program changes dies with it, and a call whose environment equals the last one's costs
    next to nothing.
    """
    current = os.environ
    for name in [name for name in current if name not in env]:
        del current[name]
    for name, value in env.items():
        if current.get(name) != value:
            current[name] = value
    yield


@contextlib.contextmanager
def _working_directory(cwd):
    saved = _getcwd()
    try:
        if not os.path.isdir(cwd):
            os.makedirs(cwd, exist_ok=True)
        _chdir(cwd)
        yield
    finally:
        _chdir(saved)


@contextlib.contextmanager
def _main_module(main):
    """Gives the call a fresh __main__ module and yields its namespace."""
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = main
    try:
        yield main.__dict__
    finally:
        sys.modules["__main__"] = saved


@contextlib.contextmanager
def _session_main(main):
    """The session's __main__: the one its earlier cells ran in, or `main` for its first cell. It
    stays in sys.modules after the cell. When a cell put something that is no module there, the
    next cell starts in `main`, and says so."""
    current = sys.modules.get("__main__")
    if _cells > 0 and isinstance(current, types.ModuleType):
        main = current
    else:
        if _cells > 0:
            os.write(2, b"python3: sys.modules['__main__'] is no module any more: this cell starts in a fresh __main__\n")
        sys.modules["__main__"] = main
    yield main.__dict__


def _search_path(path0, python_path):
    """Puts path0 in front of sys.path, unless it is null (-P), then the PYTHONPATH entries, for the
    duration of the block."""
    in_front = [path0] if isinstance(path0, str) else []
    return _attributes(sys, path=in_front + list(python_path) + sys.path)


@contextlib.contextmanager
def _interpreter_options(label, flags):
    """Applies the command-line options in `flags` as CPython's startup does; restores everything after.

    The flags already hold what the PYTHON* environment variables add (Java reads them, unless
    -E or -I). sys.dont_write_bytecode follows -B and PYTHONDONTWRITEBYTECODE, as sys.flags does.
    The string hash seed cannot follow PYTHONHASHSEED: it is fixed when the interpreter starts, so
    only sys.flags.hash_randomization does.
    Imports write bytecode unless -B: on mounts, mounts.py's loader trusts a .pyc only when it was
    written in a later second than its source's last change, so an edit is never hidden.
    """
    sys_flags = _sys_flags(flags)
    saved_digits = sys.get_int_max_str_digits()
    with (
        _attributes(
            sys,
            executable=label,
            flags=sys_flags,
            dont_write_bytecode=bool(flags["dontWriteBytecode"]),
            warnoptions=list(flags["warnOptions"]),
            _xoptions=_x_options(flags["xOptions"]),
        ),
        _attributes(site, ENABLE_USER_SITE=False) if sys_flags.no_user_site else contextlib.nullcontext(),
        warnings.catch_warnings(),
    ):
        try:
            if sys_flags.int_max_str_digits != saved_digits:
                sys.set_int_max_str_digits(sys_flags.int_max_str_digits)
            warnings._processoptions(sys.warnoptions)
            yield
        finally:
            if sys.get_int_max_str_digits() != saved_digits:
                sys.set_int_max_str_digits(saved_digits)


def _sys_flags(flags):
    """sys.flags as a python3 process started with these options shows it (-I implies -E -s -P)."""
    isolated = flags["isolated"]
    digits = flags["intMaxStrDigits"]
    return _PROCESS_FLAGS._replace(
        optimize=flags["optimize"],
        dont_write_bytecode=int(flags["dontWriteBytecode"]),
        no_user_site=int(flags["noUserSite"] or isolated),
        no_site=int(flags["noSite"]),
        ignore_environment=int(flags["ignoreEnvironment"] or isolated),
        quiet=int(flags["quiet"]),
        isolated=int(isolated),
        dev_mode="dev" in flags["xOptions"],
        safe_path=flags["safePath"] or isolated,
        hash_randomization=int(flags["hashRandomization"]),
        utf8_mode=_PROCESS_FLAGS.utf8_mode if flags["utf8Mode"] < 0 else flags["utf8Mode"],
        int_max_str_digits=sys.int_info.default_max_str_digits if digits < 0 else digits,
    )


def _x_options(values):
    """sys._xoptions for these -X values: `-X a=b` gives {'a': 'b'}, `-X dev` gives {'dev': True}."""
    options = {}
    for value in values:
        name, equals, setting = value.partition("=")
        options[name] = setting if equals else True
    return options


@contextlib.contextmanager
def _module_cache(before):
    """Drops the modules the call replaced or added, unless they come from the interpreter's
    library; `before` is sys.modules as the call starts."""
    try:
        yield
    finally:
        modules = sys.modules
        # Usually the program imported nothing new: the same names bound to the same modules.
        if not (
            len(modules) == len(before)
            and all(map(_is, modules, before))
            and all(map(_is, modules.values(), before.values()))
        ):
            _put_back_modules(before)


def _put_back_modules(before):
    """Gives sys.modules back the modules of `before`, keeping those the call added from the library."""
    for name, module in list(sys.modules.items()):
        if before.get(name) is module or (name not in before and _from_library(module) and _named(module, name)):
            continue
        if name in before:
            sys.modules[name] = before[name]
        else:
            del sys.modules[name]
    for name, module in before.items():
        if name not in sys.modules:
            sys.modules[name] = module


def _named(module, name):
    """Whether `module` is the module the import system loads as `name`."""
    return getattr(getattr(module, "__spec__", None), "name", None) == name


def _from_library(module):
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    return origin in ("built-in", "frozen") or (isinstance(origin, str) and origin.startswith(_LIBRARY_DIRS))


def _run_command(program, flags, namespace):
    """Runs -c code; as CPython 3.13 and later do, its lines are in linecache, so tracebacks quote
    them, and as CPython 3.14 does, it is dedented first (what textwrap.dedent does)."""
    code = program["code"]
    if sys.version_info >= (3, 14):
        code = _dedent(code)
    text = code + "\n"
    linecache.cache["<string>"] = (len(text), None, text.splitlines(keepends=True), "<string>")
    exec(_compile(code, "<string>", flags), namespace)


def _run_module(program, flags, namespace):
    """Runs the module as `python3 -m` does; runpy's messages start with sys.executable, the label."""
    optimize = min(flags["optimize"], 2)
    get_module_details = _optimizing(runpy._get_module_details, optimize) if optimize else runpy._get_module_details
    with _attributes(runpy, _get_module_details=get_module_details):
        runpy._run_module_as_main(program["name"])


def _optimizing(get_module_details, optimize):
    """runpy's _get_module_details, with the module's code compiled from its source at `optimize`."""

    def get_optimized_module_details(name, error):
        name, spec, code = get_module_details(name, error)
        source = spec.loader.get_source(name)
        if source is not None:
            code = compile(source, code.co_filename, "exec", dont_inherit=True, optimize=optimize)
        return name, spec, code

    return get_optimized_module_details


def _run_script(program, flags, namespace):
    path, source = program["path"], program["source"]
    _require_declared_encoding(source, path)
    _cache_lines(path, source)
    namespace.update(__file__=path, __cached__=None)
    if flags["skipFirstLine"]:
        source = _without_first_line(source)
    exec(_compile(source, path, flags), namespace)


# A coding declaration (PEP 263) in one of a source's first two lines.
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.MULTILINE)


def _require_declared_encoding(source, filename):
    """Ends the program as CPython's file reader does when a script or stdin is not UTF-8 and
    declares no encoding: one line, no traceback, status 1."""
    if _CODING.search(b"\n".join(source.split(b"\n", 2)[:2])):
        return
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        line = source.count(b"\n", 0, error.start) + 1
        raise SystemExit(
            f"SyntaxError: Non-UTF-8 code starting with '\\x{source[error.start]:02x}' in file {filename} on line {line},"
            " but no encoding declared; see https://peps.python.org/pep-0263/ for details"
        ) from None


def _run_application(program, flags, namespace):
    """Runs a directory or zip file holding __main__.py as CPython does: path0 is its path, and
    runpy runs its __main__ module; a file that no importer takes (not a zip archive after all)
    runs as a script."""
    path = program["path"]
    if _importer(path) is None:
        # Then sys.path[0] is the script's directory, as for any script.
        del sys.path[0]
        if not (flags["safePath"] or flags["isolated"]):
            sys.path.insert(0, posixpath.dirname(posixpath.normpath(path)))
        with open(path, "rb") as file:
            source = file.read()
        return _run_script({"path": path, "source": source}, flags, namespace)
    optimize = flags["optimize"]
    get_module_details = _optimizing(runpy._get_module_details, optimize) if optimize else runpy._get_module_details
    with _attributes(runpy, _get_module_details=get_module_details):
        runpy._run_module_as_main("__main__", alter_argv=False)


def _importer(path):
    """The finder sys.path_hooks give for `path`, or None: what decides, in CPython's startup,
    whether a program operand is a directory or zip program."""
    for hook in sys.path_hooks:
        try:
            return hook(path)
        except ImportError:
            continue
    return None


def _run_stdin(program, flags, namespace):
    """Runs a program read from standard input; as in CPython, -x does not apply to it."""
    namespace.update(__file__="<stdin>", __cached__=None)
    _require_declared_encoding(program["source"], "<stdin>")
    exec(_compile(program["source"], "<stdin>", flags), namespace)


def _run_cell(program, flags, namespace):
    """Runs a session's cell as a notebook does: its statements, then its final expression, if it
    ends with one, whose value (when not None) becomes `_` and the cell's value, as repr() shows
    it. Its lines are in linecache as "<cell N>", for tracebacks of this cell and of functions it
    defines that later cells call."""
    global _cells, _cell_value
    if program.get("interactive"):
        _run_interactive(program["code"], namespace)
        return
    _cells += 1
    filename = f"<cell {_cells}>"
    text = program["code"] + "\n"
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    tree = compile(program["code"], filename, "exec", flags=_ast.PyCF_ONLY_AST, dont_inherit=True)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], _ast.Expr) else None
    optimize = min(flags["optimize"], 2)
    exec(compile(tree, filename, "exec", dont_inherit=True, optimize=optimize), namespace)
    if last is not None:
        expression = _ast.Expression(last.value)
        value = eval(compile(expression, filename, "eval", dont_inherit=True, optimize=optimize), namespace)
        if value is not None:
            namespace["_"] = value
            text = repr(value)
            if len(text) > _value_limit:
                text = f"{text[:_value_limit]}... [{len(text) - _value_limit} more characters]"
            _cell_value = text


def _run_interactive(source, namespace):
    """Runs what the interactive interpreter was given so far, as its prompt loop would: nothing
    when the source needs more lines, else the statement compiled as "single", so that the value of
    an expression statement goes to sys.displayhook (printed with repr, kept as `_`)."""
    global _cells, _cell_end
    try:
        code = codeop.compile_command(source, "<stdin>", "single")
    except (SyntaxError, OverflowError, ValueError) as error:
        # reported as the interactive interpreter reports it: without codeop's frames
        raise error.with_traceback(None) from None
    if code is None:
        _cell_end = "incomplete"
        return
    _cells += 1
    try:
        exec(code, namespace)
    except SystemExit:
        _cell_end = "exit"
        raise


_PROGRAM_RUNNERS = {
    "cell": _run_cell,
    "command": _run_command,
    "module": _run_module,
    "script": _run_script,
    "application": _run_application,
    "stdin": _run_stdin,
}


def _compile(source, filename, flags):
    return compile(source, filename, "exec", dont_inherit=True, optimize=min(flags["optimize"], 2))


def _without_first_line(source):
    """The source as python3 -x reads it: the first line's text is skipped, its line break kept."""
    end = source.find(b"\n")
    return source[end:] if end >= 0 else b""


def _cache_lines(path, source):
    """Lets tracebacks and inspect quote the script's lines as linecache would read them from its file."""
    with contextlib.suppress(SyntaxError, UnicodeDecodeError):
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        lines = io.TextIOWrapper(io.BytesIO(source), encoding).readlines() or ["\n"]
        if not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        linecache.cache[path] = (len(source), None, lines, path)


def _execute(run_program, *args):
    try:
        run_program(*args)
    except SystemExit as request:
        return _exit_status(request.code)
    except _OutputLimitExceeded:
        return 1
    except KeyboardInterrupt:
        if interrupt_pending():
            return 1
        _report(*sys.exc_info())
        return _INTERRUPTED
    except BaseException:
        return _report(*sys.exc_info())
    return 0


# A python3 process that an uncaught KeyboardInterrupt ends kills itself with SIGINT: a shell sees 128 + 2.
_INTERRUPTED = 130


def _report(kind, error, traceback):
    """Prints an uncaught exception as CPython does, without the shim's frames; the status is 1."""
    with contextlib.suppress(_OutputLimitExceeded):
        sys.excepthook(kind, error, _without_shim_frames(error, traceback))
    return 1


def _without_shim_frames(error, traceback):
    """Drops the shim's frames from `error`'s traceback and from those of every exception chained to
    it (causes, contexts, members of groups); returns `error`'s.

    with_traceback is BaseException's own: assigning __traceback__ to a JsException sets a property
    of its JavaScript error instead.
    """
    pending, seen = [(error, traceback)], set()
    while pending:
        current, frames = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        BaseException.with_traceback(current, _program_frames(frames))
        linked = [current.__cause__, current.__context__]
        if isinstance(current, BaseExceptionGroup):
            linked.extend(current.exceptions)
        pending.extend((other, other.__traceback__) for other in linked if isinstance(other, BaseException))
    return error.__traceback__


# The traceback without the shim's frames, as CPython's report shows it.
_program_frames = _fresh["program_frames"]


def _exit_status(code):
    """The status a python3 process reports for sys.exit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if -(2**63) <= code < 2**63 else 0xFF
    with contextlib.suppress(Exception):
        stream = sys.stderr
        stream.write(str(code))
        stream.write("\n")
    return 1


def _flush_standard_streams(originals):
    """Flushes the standard streams as CPython does at exit: sys.stdout, then sys.stderr, then
    the streams the call started with, if the program replaced them (their buffers are flushed
    when the interpreter finalizes them)."""
    for stream in (sys.stdout, sys.stderr, *originals):
        try:
            stream.flush()
        except (Exception, KeyboardInterrupt, _OutputLimitExceeded):
            pass


def _interruptible(sleep):
    """time.sleep in short slices, so that a program past its time limit stops while it sleeps."""

    def interruptible_sleep(seconds, /):
        if not isinstance(seconds, (int, float)) or seconds < 0:
            return sleep(seconds)
        end = time.monotonic() + seconds
        while (remaining := end - time.monotonic()) > 0:
            if interrupt_pending():
                raise KeyboardInterrupt
            sleep(min(remaining, 0.05))
        return None

    interruptible_sleep.__doc__ = sleep.__doc__
    return interruptible_sleep


# Pyodide 314 makes time.sleep wait on the event loop (asyncio.sleep through JSPI), which runs the
# program's asyncio callbacks while it sleeps; CPython's time.sleep blocks them, as the original does.
_interruptible_sleep = time.sleep = _interruptible(getattr(sys.modules.get("pyodide.webloop"), "_orig_sleep", time.sleep))
