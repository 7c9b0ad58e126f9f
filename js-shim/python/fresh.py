"""Gives every call the interpreter state a fresh python3 process starts with, ends a program as a
process ends (atexit handlers at its end, os._exit at once), and keeps the shim's own machinery
out of the program's reach.

The interpreter's library stays loaded between calls; what a program changes in it is put back:

- attributes of library modules: each loaded library module gets `_Journalled` as its class (a
  `ModuleType` subclass, assigned to `module.__class__` when the module is created), whose
  `__setattr__` and `__delattr__` note the value a name had before its first change in the call;
  the values noted are put back as soon as the program (and its atexit handlers) ended. Noting
  costs nothing for a call that changes nothing; comparing every module's namespace at each call
  instead costs about 0.7 ms with 180 modules loaded. Writes made through a module's namespace
  itself (`vars(module)[...]`, `global` in the module's own functions) are not noted: the state
  the library keeps that way is reset by name below;
- `builtins` and `sys`: their namespaces are compared with the ones the interpreter started with
  (identity checks in C loops) and put back when they differ; sys settings kept outside its
  namespace (recursion limit, switch interval, int digits, trace and profile functions, monitoring
  tools, async generator hooks, coroutine origin tracking, sys.path, meta_path, path_hooks) are
  set back;
- logging (its configuration as `import logging` leaves it), random (seeded afresh from
  os.urandom), decimal (the DefaultContext template and the call's context), warnings'
  once-registry, atexit (no handler of an earlier call; logging's own shutdown handler, as
  importing it registers), weakref.finalize's exit state, gc's settings and callbacks, signal
  handlers and os.umask.

What holds objects of the program is put back in the call (`close`), so that their finalisers run
while it runs; the rest once the call's result is on its way (`end`, called by lib/python.js).

The shim's machinery (runner.py, mounts.py, this file) is put back before each call from a
snapshot no program can change (`seal`, `_restore_shim`).
"""

import atexit
import builtins
import dis
import gc
import importlib
import itertools
import operator
import os
import signal
import sys
from _signal import getsignal as _getsignal
import types
import weakref

_is = operator.is_
_MISSING = object()
_module_setattr = object.__setattr__
_module_delattr = object.__delattr__


class _Journalled(types.ModuleType):
    """A library module whose attribute changes are noted, to be put back when the call ends."""

    def __setattr__(self, name, value):
        if not _bound_by_import(self, name, value):
            _note(self, name)
        _module_setattr(self, name, value)

    def __delattr__(self, name):
        _note(self, name)
        _module_delattr(self, name)


_ModuleType = types.ModuleType
_journal = {}
# Noting is on from the start of a call to the end of its program (and its atexit handlers): what
# the runner itself assigns afterwards, putting things back, is not a change to undo.
_noting = False


def _note(module, name):
    if _noting:
        key = (module, name)
        if key not in _journal:
            _journal[key] = module.__dict__.get(name, _MISSING)


def _bound_by_import(module, name, value):
    """Whether the import system binds submodule `name` to its package, which stays bound."""
    return type(value) is _Journalled and sys.modules.get(f"{module.__name__}.{name}") is value


def _undo_journal():
    global _noting
    _noting = False
    entries = list(_journal.items())
    _journal.clear()
    for (module, name), value in entries:
        namespace = module.__dict__
        if value is _MISSING:
            namespace.pop(name, None)
        else:
            namespace[name] = value


def _journalled(module, library_dirs):
    """Gives `module` the journalling class when it is a plain module of the interpreter's library."""
    if type(module) is _ModuleType and module is not builtins and module is not sys and _from_library(module, library_dirs):
        module.__class__ = _Journalled


def _from_library(module, library_dirs):
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    return origin in ("built-in", "frozen") or (isinstance(origin, str) and origin.startswith(library_dirs))


def _journal_new_modules(library_dirs):
    """Modules created by the import system get the journalling class as soon as they exist, before
    their code runs (importlib._bootstrap's _init_module_attrs, which module_from_spec calls)."""
    bootstrap = sys.modules["importlib._bootstrap"]
    init_module_attrs = bootstrap._init_module_attrs

    def init_journalled_module_attrs(spec, module, *, override=False):
        module = init_module_attrs(spec, module, override=override)
        _journalled(module, library_dirs)
        return module

    init_journalled_module_attrs.__doc__ = init_module_attrs.__doc__
    bootstrap._init_module_attrs = init_journalled_module_attrs


# ---------------------------------------------------------------- the state a process starts with


class _Baseline:
    """What the interpreter looked like when the runner attached: every call starts from it."""

    # No instance dict: a program can add no attribute, and the shim's restore checks these.
    __slots__ = (
        "library_dirs", "builtins", "sys", "path", "meta_path", "path_hooks", "path_importer_cache",
        "recursion_limit", "switch_interval", "int_max_str_digits", "asyncgen_hooks",
        "coroutine_origin_tracking_depth", "gc", "signals", "handlers", "umask",
    )

    def __init__(self, library_dirs):
        self.library_dirs = library_dirs
        self.builtins = _items(vars(builtins))
        self.sys = _items(vars(sys))
        self.path = tuple(sys.path)
        self.meta_path = tuple(sys.meta_path)
        self.path_hooks = tuple(sys.path_hooks)
        self.path_importer_cache = _items(sys.path_importer_cache)
        self.recursion_limit = sys.getrecursionlimit()
        self.switch_interval = sys.getswitchinterval()
        self.int_max_str_digits = sys.get_int_max_str_digits()
        self.asyncgen_hooks = tuple(sys.get_asyncgen_hooks())
        self.coroutine_origin_tracking_depth = sys.get_coroutine_origin_tracking_depth()
        self.gc = (gc.isenabled(), gc.get_threshold(), gc.get_debug(), tuple(gc.callbacks))
        self.signals = tuple(signal.valid_signals())
        self.handlers = tuple(map(_getsignal, self.signals))
        self.umask = os.umask(0o022)
        os.umask(self.umask)


_baseline = None


def attach(library_dirs):
    """Takes the interpreter's present state as the state each call starts with; idempotent."""
    global _baseline
    if _baseline is not None:
        return
    _journal_new_modules(library_dirs)
    for module in list(sys.modules.values()):
        _journalled(module, library_dirs)
    _baseline = _Baseline(library_dirs)
    global _library_at_attach
    _library_at_attach = (frozenset(sys.modules), _library_state_of(list(sys.modules.values())))
    # Found for the modules loaded before the snapshot; a module loaded later is looked at when it is.
    _written_names.clear()
    os._exit = _exit


# What end() starts from the first time: the modules loaded when the runner attached, and the
# state their own functions keep (_library_state_of).
_library_at_attach = None


def begin():
    """Starts a call (after `end` put the interpreter back): nothing registered with atexit before
    it runs at its end."""
    global _exiting, _noting
    _exiting = None
    atexit._clear()
    finalize = weakref.finalize
    finalize._shutdown = False
    finalize._registered_with_atexit = False
    logging = sys.modules.get("logging")
    if logging is not None and hasattr(logging, "shutdown"):
        atexit.register(logging.shutdown)
    _noting = True


def close(undo_journal=_undo_journal):
    """Ends a call, as the last thing the runner does in it: puts back what most often holds
    objects of the program (sys, its hooks, loggers' handlers, atexit; builtins went back when the
    program ended), so that their finalisers, if any, run while the call still runs.

    The library attributes the program changed go back here at the latest (`finish` did it when
    the program ended, unless the program replaced the name `_undo_journal`, hence the default):
    between calls the journal is empty, and the restore before the next call empties it again, so
    that nothing a program wrote into it afterwards (a finaliser run by the put-back) is ever
    written into a library module."""
    _stop_aborting()
    undo_journal()
    _put_back(_baseline)


def end(library):
    """Finishes putting the interpreter back after a call; lib/python.js calls it once the call's
    result is on its way (after the shim was put back), before the next call begins. Does what
    `close` does again, in case the program got past it, then what holds none of its objects.

    `library` is what the last `end` returned, None the first time: the modules loaded and the
    state their own functions keep, as `import` left it. Returns it as it is now, which the next
    `end` takes (lib/python.js keeps it, out of any program's reach; it is made of tuples).
    """
    module_names, library_state = library or _library_at_attach
    _stop_aborting()
    base = _baseline
    _restore_namespace(_BUILTINS, base.builtins)
    _put_back(base)
    _reset_signals(base)
    _reset_gc(base)
    _reset_library_state(library_state)
    if len(sys.modules) != len(module_names) or not module_names.issuperset(sys.modules):
        module_names, library_state = _import_afresh(base, module_names, library_state)
    os.umask(base.umask)
    modules = sys.modules
    if "random" in modules:
        _reset_random(modules["random"])
    if "decimal" in modules or "_decimal" in modules or "_pydecimal" in modules:
        _reset_decimal(modules)
    warnings = modules.get("warnings")
    if warnings is not None:
        warnings.onceregistry.clear()
    _reset_zoneinfo(modules)
    return module_names, library_state


# ---------------------------------------------------------------- state the library keeps itself

# The library's own functions keep state in their module's globals (`global` statements:
# tempfile.tempdir, mimetypes' tables, logging's logger class...). Each library module's names
# written that way are found in its functions' bytecode, once per module, and their values put
# back after each call. Modules a call imports first are imported again once it ended, so that
# the values kept are those `import` leaves, not what the program made of them.

_GLOBAL_WRITES = frozenset(dis.opmap[name] for name in ("STORE_GLOBAL", "DELETE_GLOBAL"))
_EXTENDED_ARG = dis.opmap["EXTENDED_ARG"]

# The names each library module's functions write, found before a memory snapshot is taken (this
# file is loaded then) for the modules loaded by then.
_written_names = {}


def _library_state_of(modules):
    """(namespace, names its functions write, their present values) for each library module of
    `modules` whose functions write globals, as a tuple."""
    state = []
    for module in modules:
        if type(module) is not _Journalled:
            continue
        names = _written_names.get(module.__name__)
        if names is None:
            names = _written_globals(module)
        if names:
            namespace = module.__dict__
            state.append((namespace, names, tuple(map(namespace.get, names, itertools.repeat(_MISSING)))))
    return tuple(state)


def _reset_library_state(library_state):
    for namespace, names, values in library_state:
        if not all(map(_is, map(namespace.get, names, itertools.repeat(_MISSING)), values)):
            for name, value in zip(names, values):
                if value is _MISSING:
                    namespace.pop(name, None)
                else:
                    namespace[name] = value


def _written_globals(module):
    """The names of `module`'s globals that its own functions (and their nested functions and the
    methods of its classes) assign or delete with a `global` statement, sorted."""
    namespace = module.__dict__
    names, seen = set(), set()

    def visit(value, depth):
        kind = type(value)
        if kind is types.FunctionType:
            if value.__globals__ is namespace:
                _code_writes(value.__code__, names, seen)
        elif kind is staticmethod or kind is classmethod:
            visit(value.__func__, depth)
        elif kind is property:
            for accessor in (value.fget, value.fset, value.fdel):
                visit(accessor, depth)
        elif isinstance(value, type) and depth < 3 and value.__dict__.get("__module__") == module.__name__:
            for attribute in list(value.__dict__.values()):
                visit(attribute, depth + 1)

    for value in list(namespace.values()):
        visit(value, 0)
    return tuple(sorted(names))


def _code_writes(code, names, seen):
    if id(code) in seen:
        return
    seen.add(id(code))
    names.update(name for _, name in _named_operations(code, _GLOBAL_WRITES))
    for constant in code.co_consts:
        if type(constant) is types.CodeType:
            _code_writes(constant, names, seen)


def _import_afresh(base, module_names, library_state):
    """Imports again each module of the interpreter's library (the standard library and the
    installed packages) that the call imported first, and gives every module it loaded the
    journalling class: the next call finds them as `import` leaves them, whatever the program did
    with them. A big package costs its import time once more, once per workspace. Returns the
    modules loaded now, and the state they keep."""
    modules = sys.modules
    added = [name for name in list(modules) if name not in module_names]
    again = [name for name in added if _from_library(modules[name], base.library_dirs)]
    for name in again:
        del modules[name]
    for name in again:
        if name not in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 (it is imported when a program asks for it, as before)
                pass
    new = [module for name, module in list(modules.items()) if name not in module_names]
    for module in new:
        _journalled(module, base.library_dirs)
    return frozenset(modules), library_state + _library_state_of(new)


def _put_back(base):
    _restore_namespace(vars(sys), base.sys)
    _reset_sys(base)
    modules = sys.modules
    if "logging" in modules:
        _reset_logging(modules["logging"])
    threading = modules.get("threading")
    if threading is not None and (threading._trace_hook is not None or threading._profile_hook is not None):
        threading._trace_hook = threading._profile_hook = None
    atexit._clear()


def _same(values, baseline):
    return len(values) == len(baseline) and all(map(_is, values, baseline))


# What putting builtins back needs, as the interpreter started with it: a program may delete them.
_BUILTINS = vars(builtins)
_len, _all, _map, _zip = len, all, map, zip


def _items(namespace):
    """A namespace's names and values, as two tuples."""
    return tuple(namespace), tuple(namespace.values())


def _restore_namespace(namespace, items):
    # Same size and the same values in the same order: the same names too (a name deleted and
    # added again moves to the end).
    names, values = items
    if _len(namespace) == _len(names) and _all(_map(_is, namespace.values(), values)):
        return
    namespace.clear()
    namespace.update(_zip(names, values))


def _reset_sys(base):
    for current, baseline in ((sys.path, base.path), (sys.meta_path, base.meta_path), (sys.path_hooks, base.path_hooks)):
        if not _same(current, baseline):
            current[:] = baseline
    _restore_namespace(sys.path_importer_cache, base.path_importer_cache)
    if sys.getrecursionlimit() != base.recursion_limit:
        sys.setrecursionlimit(base.recursion_limit)
    if sys.getswitchinterval() != base.switch_interval:
        sys.setswitchinterval(base.switch_interval)
    if sys.get_int_max_str_digits() != base.int_max_str_digits:
        sys.set_int_max_str_digits(base.int_max_str_digits)
    if sys.gettrace() is not None:
        sys.settrace(None)
    if sys.getprofile() is not None:
        sys.setprofile(None)
    if not _same(tuple(sys.get_asyncgen_hooks()), base.asyncgen_hooks):
        sys.set_asyncgen_hooks(*base.asyncgen_hooks)
    if sys.get_coroutine_origin_tracking_depth() != base.coroutine_origin_tracking_depth:
        sys.set_coroutine_origin_tracking_depth(base.coroutine_origin_tracking_depth)
    monitoring = sys.monitoring
    if any(map(monitoring.get_tool, range(6))):
        for tool in range(6):
            if monitoring.get_tool(tool) is not None:
                _free_tool(monitoring, tool)


def _free_tool(monitoring, tool):
    """Frees a sys.monitoring tool id with none of its callbacks left to run."""
    monitoring.set_events(tool, 0)
    for event in _MONITORING_EVENTS:
        monitoring.register_callback(tool, event, None)
    clear = getattr(monitoring, "clear_tool_id", None)
    if clear is not None:
        clear(tool)
    monitoring.free_tool_id(tool)


_MONITORING_EVENTS = [
    getattr(sys.monitoring.events, name)
    for name in (
        "PY_START", "PY_RESUME", "PY_RETURN", "PY_YIELD", "CALL", "LINE", "INSTRUCTION", "JUMP",
        "BRANCH", "STOP_ITERATION", "RAISE", "EXCEPTION_HANDLED", "PY_UNWIND", "PY_THROW",
        "RERAISE", "C_RETURN", "C_RAISE",
    )
    if hasattr(sys.monitoring.events, name)
]


def _reset_gc(base):
    enabled, threshold, debug, callbacks = base.gc
    if gc.isenabled() != enabled:
        (gc.enable if enabled else gc.disable)()
    if gc.get_threshold() != threshold:
        gc.set_threshold(*threshold)
    if gc.get_debug() != debug:
        gc.set_debug(debug)
    if not _same(gc.callbacks, callbacks):
        gc.callbacks[:] = callbacks


def _reset_signals(base):
    if _all(_map(_is, _map(_getsignal, base.signals), base.handlers)):
        return
    for number, handler in zip(base.signals, base.handlers):
        try:
            if _getsignal(number) is not handler:
                signal.signal(number, handler)
        except (OSError, ValueError, TypeError):
            pass


def _reset_logging(logging):
    """Gives logging the configuration `import logging` leaves: a root logger at WARNING without
    handlers, every other logger at NOTSET, no logging.disable, the standard levels and classes.
    Handlers were flushed and closed by logging.shutdown, which atexit ran when the call ended.

    Skipped when nothing shows a change since the last reset: no handler made, no logger added,
    the root logger's cache still holds the mark left in it (setLevel, disable and configuration
    clear every logger's cache) and the rest as left.
    """
    global _logging_loggers
    root = logging.root
    manager = logging.Logger.manager
    if (
        root._cache.get(_UNTOUCHED) is _UNTOUCHED
        and not logging._handlerList
        and len(manager.loggerDict) == _logging_loggers
        and not root.handlers
        and not root.filters
        and root.propagate is True
        and root.disabled is False
        and logging._loggerClass is logging.Logger
        and logging._logRecordFactory is logging.LogRecord
        and logging.lastResort is logging._defaultLastResort
        and len(logging._levelToName) == 6
    ):
        return
    with logging._lock:
        logging._levelToName.clear()
        logging._levelToName.update(_LEVEL_NAMES)
        logging._nameToLevel.clear()
        logging._nameToLevel.update({name: level for level, name in _LEVEL_NAMES.items()}, FATAL=50, WARN=30)
        logging._handlers.clear()
        del logging._handlerList[:]
        logging._loggerClass = logging.Logger
        logging._logRecordFactory = logging.LogRecord
        logging.lastResort = logging._defaultLastResort
        logging.raiseExceptions = True
        if getattr(logging, "_warnings_showwarning", None) is not None:
            logging._warnings_showwarning = None
        manager.root = logging.Logger.root = root
        manager.disable = 0
        manager.emittedNoHandlerWarning = False
        manager.loggerClass = None
        manager.logRecordFactory = None
        for logger in [root, *manager.loggerDict.values()]:
            if isinstance(logger, logging.Logger):
                logger.handlers.clear()
                logger.filters.clear()
                logger.level = logging.WARNING if logger is root else logging.NOTSET
                logger.propagate = True
                logger.disabled = False
        manager._clear_cache()
        root._cache[_UNTOUCHED] = _UNTOUCHED
        _logging_loggers = len(manager.loggerDict)


# A key no level lookup uses, kept in the root logger's cache while logging is as reset.
_UNTOUCHED = object()
# How many loggers logging had when it was last reset.
_logging_loggers = -1


_LEVEL_NAMES = {50: "CRITICAL", 40: "ERROR", 30: "WARNING", 20: "INFO", 10: "DEBUG", 0: "NOTSET"}


def _reset_random(random):
    """Seeds random afresh from os.urandom, as its import does in a new process: with 256 bits (a
    process uses 2496 bytes; either way the state is unpredictable), taken from a pool filled a few
    KiB at a time, since each os.urandom is a call out to JavaScript."""
    global _entropy, _entropy_used
    instance = getattr(random, "_inst", None)
    if isinstance(instance, random.Random):
        if _entropy_used + 32 > len(_entropy):
            _entropy, _entropy_used = os.urandom(4096), 0
        seed = int.from_bytes(_entropy[_entropy_used : _entropy_used + 32])
        _entropy_used += 32
        random.Random.seed(instance, seed)


_entropy, _entropy_used = b"", 0


def _reset_decimal(modules):
    """Gives decimal its default context template and the call a context copied from it."""
    for name in ("_decimal", "_pydecimal"):
        decimal = modules.get(name)
        if decimal is None:
            continue
        template = decimal.DefaultContext
        template.prec, template.rounding = 28, decimal.ROUND_HALF_EVEN
        template.Emin, template.Emax, template.capitals, template.clamp = -999999, 999999, 1, 0
        template.clear_flags()
        template.clear_traps()
        for trap in (decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow):
            template.traps[trap] = True
        decimal.setcontext(template)


def _reset_zoneinfo(modules):
    """Empties zoneinfo's cache of the zones loaded (kept in its C module): a new process loads
    each zone from its file again."""
    for name in ("_zoneinfo", "zoneinfo._zoneinfo"):
        zone_info = getattr(modules.get(name), "ZoneInfo", None)
        if isinstance(zone_info, type):
            zone_info.clear_cache()


# ---------------------------------------------------------------- how a program ends


_exiting = None


class _ProcessExit(SystemExit):
    """os._exit(n) on its way out: no code of the program runs any more (see `_exit`)."""


# Kept for ever: what a program that called os._exit held, so that no finaliser of it ever runs
# (__del__, a generator's finally, a buffered file's flush), as none does when a process ends.
_abandoned = []

_ABORT_TOOL_NAME = "os._exit"


def _exit(status):
    """os._exit: ends the program at once with `status`.

    No `finally`, `except`, `with` exit, atexit handler, finaliser or trace function of the program
    runs after it: a sys.monitoring tool raises again before any instruction outside the runner
    executes, so the exception goes through the program's frames without running their handlers,
    and the runner takes the status from it. What the program wrote stays written; what it left in
    Python-level buffers is never flushed.
    """
    global _exiting
    status = operator.index(status)
    exit = _ProcessExit(status)
    if _baseline is None:
        raise exit
    _exiting = status
    atexit._clear()
    _abandoned.append((exit, sys.stdout, sys.stderr, sys.modules.get("__main__")))
    sys.settrace(None)
    sys.setprofile(None)
    sys.unraisablehook = _ignore_unraisable
    monitoring = sys.monitoring
    if any(map(monitoring.get_tool, range(6))):
        for tool in range(6):
            if monitoring.get_tool(tool) is not None:
                _free_tool(monitoring, tool)
    monitoring.use_tool_id(_ABORT_TOOL, _ABORT_TOOL_NAME)
    monitoring.register_callback(_ABORT_TOOL, monitoring.events.INSTRUCTION, _abort_instruction)
    monitoring.register_callback(_ABORT_TOOL, monitoring.events.PY_START, _abort_instruction)
    monitoring.set_events(_ABORT_TOOL, monitoring.events.INSTRUCTION | monitoring.events.PY_START)
    raise exit


_exit.__name__ = _exit.__qualname__ = "_exit"
_exit.__module__ = "posix"

_ABORT_TOOL = 5

_SHIM_DIR = os.path.dirname(sys._getframe().f_code.co_filename) + "/"


def _abort_instruction(code, offset):
    if code.co_filename.startswith(_SHIM_DIR):
        return None
    exit = _ProcessExit(_exiting)
    _abandoned.append(exit)
    raise exit


def _ignore_unraisable(unraisable):
    pass


def _stop_aborting():
    monitoring = sys.monitoring
    if monitoring.get_tool(_ABORT_TOOL) == _ABORT_TOOL_NAME:
        _free_tool(monitoring, _ABORT_TOOL)


def exited():
    """The status os._exit ended the program with, or None."""
    return _exiting


def finish(status):
    """Ends the program that exited with `status` as a process does: its atexit handlers run, last
    registered first, each failure reported and ignored (unless it called os._exit, which ends
    everything at once); returns the process's exit status."""
    # The runner's own code runs from here on: no program code runs after os._exit, not even the
    # library's Python code the runner calls.
    _stop_aborting()
    if _exiting is None and atexit._ncallbacks():
        hook = sys.unraisablehook
        sys.unraisablehook = _without_shim_frames(hook)
        try:
            atexit._run_exitfuncs()
        finally:
            if sys.unraisablehook.__class__ is _without_shim_frames:
                sys.unraisablehook = hook
        _stop_aborting()
    # The program is over: what it changed goes back before the runner's own code goes on.
    _restore_namespace(_BUILTINS, _baseline.builtins)
    _undo_journal()
    if _exiting is not None:
        _abandon_asyncio()
        return _exiting & 0xFF
    return status


def program_frames(traceback):
    """The traceback without the shim's frames, as CPython's report shows it (the runner's
    reports use it too)."""
    kept = []
    while traceback is not None:
        if not traceback.tb_frame.f_code.co_filename.startswith(_SHIM_DIR):
            kept.append(traceback)
        traceback = traceback.tb_next
    for outer, inner in zip(kept, kept[1:] + [None]):
        outer.tb_next = inner
    return kept[0] if kept else None


class _without_shim_frames:
    """An unraisable hook that shows what `hook` shows, without the shim's frames: CPython runs
    atexit handlers with no frame on the stack, so a handler written in C that fails shows none."""

    def __init__(self, hook):
        self._hook = hook

    def __call__(self, unraisable):
        fields = list(unraisable)
        fields[2] = program_frames(unraisable.exc_traceback)
        if unraisable.exc_value is not None:
            BaseException.with_traceback(unraisable.exc_value, fields[2])
        self._hook(type(unraisable)(fields))


def _abandon_asyncio():
    """Keeps the tasks and async generators of a program that called os._exit from ever being
    closed: closing them would run their `finally` blocks."""
    tasks = sys.modules.get("asyncio.tasks")
    if tasks is not None:
        for name in ("_scheduled_tasks", "_eager_tasks"):
            kept = getattr(tasks, name, None)
            if kept:
                _abandoned.append(list(kept))
                kept.clear()
    events = sys.modules.get("asyncio.events")
    loop = events._get_running_loop() if events is not None else None
    if loop is not None and getattr(loop, "_asyncgens", None):
        _abandoned.append(list(loop._asyncgens))
        loop._asyncgens.clear()


# ---------------------------------------------------------------- the runner's own machinery


def seal(shim):
    """What lib/python.js keeps to put the shim's machinery back before each call, from state no
    program can change: (FunctionType, the code of `_restore_shim`, a snapshot of the shim).

    A program reaches every object of its interpreter (gc), so it can rebind the names of the
    shim's namespaces, replace the code, defaults and closure contents of its functions, the
    attributes of its classes and objects and the contents of its dicts, lists and sets. The
    snapshot is a tuple of tuples made now: immutable, like code objects and the builtin functions
    and types it holds. Before each call JavaScript makes a new function from the code and calls it
    with the snapshot; the function looks up no global or builtin name, so nothing a program
    rebinds is used to check or restore what it changed:

    - the namespaces of the shim (and of contextlib, whose context managers the runner uses, and
      of the module that holds them), the attributes of the objects the shim made (Mounts,
      Originals, _Baseline: their classes have __slots__, so none can be added), and the dicts,
      lists and sets they and the namespaces hold: exactly the keys and values they had, except
      the state the shim's own code rebinds between calls (a `global` or an attribute assigned
      outside `__init__`, such as `_exiting` or `Mounts._kept`), which may change as long as it
      stays a plain value (int, float, bool, bytes, str, None, or a tuple of these);
    - the shim's functions (also those reached through closures, `__wrapped__`, class attributes
      and the objects above): code, defaults, closure contents;
    - its classes and their bases written in Python, and the class of each object above.

    Containers that hold one call's state (fresh's `_journal`, the mounts' inode and mode tables,
    written descriptors and open files) were empty when sealed, so each call finds them empty.
    """
    namespaces = [vars(shim)]
    namespaces += [value for value in vars(shim).values() if type(value) is dict]
    shim_namespaces = namespaces[1:]
    contextlib = sys.modules["contextlib"]
    namespaces.append(vars(contextlib))
    functions, classes, seen = [], [], set()

    def visit(value):
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, types.FunctionType):
            functions.append(value)
            for cell in value.__closure__ or ():
                visit(_cell_contents(cell))
            visit(getattr(value, "__wrapped__", None))
        elif isinstance(value, (staticmethod, classmethod)):
            visit(value.__func__)
        elif isinstance(value, property):
            for accessor in (value.fget, value.fset, value.fdel):
                visit(accessor)
        elif isinstance(value, type):
            for cls in value.__mro__:
                if not cls.__flags__ & _IMMUTABLE_TYPE and (cls is value or id(cls) not in seen):
                    seen.add(id(cls))
                    classes.append(cls)
                    for attribute in list(vars(cls).values()):
                        visit(attribute)
        elif hasattr(value, "__wrapped__") and callable(value):
            visit(value.__wrapped__)

    # The objects whose attributes are sealed (the shim's classes give theirs __slots__, so that
    # no attribute can be added), and the containers whose contents are: found from the
    # namespaces' values and, in turn, from those objects' attributes. (Other objects' attributes
    # are not read: a JsProxy's are JavaScript's.)
    held, containers, found = [], [], {id(namespace) for namespace in namespaces}
    left_alone = {id(_BUILTINS), id(_abandoned), id(_replaced)}

    def hold(value):
        if id(value) in found or id(value) in left_alone:
            return
        found.add(id(value))
        kind = type(value)
        if kind is dict or kind is list or kind is set:
            containers.append(value)
            for item in list(value.values() if kind is dict else value):
                visit(item)
        elif _defined_in_shim(kind):
            if _instance_dict_descriptor(kind) is not None:
                raise TypeError(f"{kind.__qualname__} keeps its state in an instance dict: give it __slots__")
            visit(kind)
            for slot in _slots(kind):
                held.append((value, slot))
                visit(slot.__get__(value))
                hold(slot.__get__(value))

    for namespace in shim_namespaces:
        for value in list(namespace.values()):
            visit(value)
            hold(value)
    visit(contextlib._GeneratorContextManager)
    visit(contextlib.suppress)
    cells = [cell for function in functions for cell in function.__closure__ or () if _cell_contents(cell) is not _EMPTY]
    class_names = [tuple(vars(cls)) for cls in classes]
    rebound_globals, rebound_attributes = _rebound_names(functions)
    owners = tuple({id(owner): owner for owner, _ in held}.values())
    slot_values = [slot.__get__(owner) for owner, slot in held]
    slot_state = [slot.__name__ in rebound_attributes and id(type(value)) in _PLAIN_KINDS for (_, slot), value in zip(held, slot_values)]
    dicts = [
        *((namespace, rebound_globals) for namespace in namespaces),
        *((container, frozenset()) for container in containers if type(container) is dict),
    ]
    sealed_dicts = tuple(_sealed_dict(namespace, rebound) for namespace, rebound in dicts)
    sequences = [container for container in containers if type(container) is not dict]
    snapshot = (
        # what the restore uses, in place of globals and builtins
        operator.is_, len, all, map, zip, tuple, list, type, id, operator.itemgetter(0), operator.itemgetter(1),
        setattr, type.__setattr__, type.__delattr__, dict.clear, dict.update, dict.items, operator.attrgetter,
        itertools.chain.from_iterable, itertools.compress, operator.methodcaller("values"),
        _PLAIN_KINDS, _PLAIN_KINDS | {id(tuple)}, id(tuple),
        types.MemberDescriptorType.__get__, types.MemberDescriptorType.__set__, vars(object)["__class__"].__set__,
        # the shim's objects and their classes; their slots: (descriptor, object) pairs, their
        # values, which are fixed and which are rebound state, and the fixed values
        owners,
        tuple(map(type, owners)),
        tuple(slot for _, slot in held),
        tuple(owner for owner, _ in held),
        # (each value in an endless itertools.repeat rather than in these tuples, so that a
        # JavaScript object among them, the mount bridge, is held by its slot only, as before)
        tuple(map(itertools.repeat, slot_values)),
        tuple(not state for state in slot_state),
        tuple(slot_state),
        tuple(itertools.repeat(value) for value, state in zip(slot_values, slot_state) if not state),
        next,
        # sealed dicts: each (dict, keys, values, positions of rebound state), then all of them at once:
        # their sizes, keys, which values are fixed and which are rebound state, the fixed values
        sealed_dicts,
        tuple(namespace for namespace, _ in dicts),
        tuple(len(keys) for _, keys, _, _ in sealed_dicts),
        tuple(key for _, keys, _, _ in sealed_dicts for key in keys),
        tuple(position not in rebound for _, keys, _, rebound in sealed_dicts for position in range(len(keys))),
        tuple(position in rebound for _, keys, _, rebound in sealed_dicts for position in range(len(keys))),
        tuple(
            value
            for _, keys, values, rebound in sealed_dicts
            for position, value in enumerate(values)
            if position not in rebound
        ),
        # lists and sets: themselves, their sizes and items, and how each is emptied and filled
        tuple(sequences),
        tuple(map(len, sequences)),
        tuple(item for sequence in sequences for item in sequence),
        tuple(tuple(sequence) for sequence in sequences),
        tuple(list.clear if type(sequence) is list else set.clear for sequence in sequences),
        tuple(list.extend if type(sequence) is list else set.update for sequence in sequences),
        # functions, their code, defaults and keyword defaults
        tuple(functions),
        tuple(function.__code__ for function in functions),
        # (a function given defaults it had none of behaves as before for every call the shim makes)
        tuple(function for function in functions if function.__defaults__ is not None),
        tuple(function.__defaults__ for function in functions if function.__defaults__ is not None),
        tuple(function for function in functions if function.__kwdefaults__ is not None),
        tuple(function.__kwdefaults__ for function in functions if function.__kwdefaults__ is not None),
        # closure cells and their contents
        tuple(cells),
        tuple(cell.cell_contents for cell in cells),
        # classes: their bases, their namespaces (live views), names and values
        tuple(classes),
        tuple(cls.__bases__ for cls in classes),
        tuple(cls.__dict__ for cls in classes),
        tuple(class_names),
        tuple(frozenset(names) for names in class_names),
        tuple(map(len, class_names)),
        tuple(value for cls in classes for value in vars(cls).values()),
        # what a program had put in their place: kept, so that no finaliser of it runs between calls
        _replaced,
    )
    return types.FunctionType, _restore_shim.__code__, snapshot


_IMMUTABLE_TYPE = 1 << 8
_EMPTY = object()
_replaced = []

# The types of the state the shim rebinds between calls (`_exiting`, counters, flags), by id: a
# value of any other type is put back to the sealed one. Ids, because comparing a program's type
# with these (==, hash) could run code of its metaclass.
_PLAIN_KINDS = frozenset(map(id, (int, float, bool, bytes, str, type(None))))


def _defined_in_shim(cls):
    """Whether the shim's own files define `cls` (a method written in its body comes from them;
    a library class the shim gave a function of its own is not one of them)."""
    for attribute in vars(cls).values():
        function = getattr(attribute, "__func__", attribute)
        code = getattr(function, "__code__", None)
        if code is not None and code.co_filename.startswith(_SHIM_DIR):
            if getattr(function, "__qualname__", "").startswith(f"{cls.__qualname__}."):
                return True
    return False


def _instance_dict_descriptor(cls):
    """The descriptor of the instance dict of `cls`'s objects, or None for objects without."""
    for base in cls.__mro__:
        descriptor = vars(base).get("__dict__")
        if type(descriptor) is types.GetSetDescriptorType:
            return descriptor
    return None


def _slots(cls):
    """The descriptors of the slots `cls` and its bases give its objects."""
    return [
        vars(base)[name]
        for base in cls.__mro__
        for name in ((vars(base).get("__slots__", ()),) if type(vars(base).get("__slots__", ())) is str else vars(base).get("__slots__", ()))
        if type(vars(base).get(name)) is types.MemberDescriptorType
    ]


def _rebound_names(functions):
    """The global names and the attribute names the shim's own code assigns or deletes after it
    is loaded (outside `__init__`): where the state it carries from call to call lives."""
    rebound_globals, rebound_attributes = set(), set()
    pending = [function.__code__ for function in functions if function.__code__.co_filename.startswith(_SHIM_DIR)]
    while pending:
        code = pending.pop()
        pending.extend(constant for constant in code.co_consts if type(constant) is types.CodeType)
        if code.co_name == "__init__":
            continue
        for opcode, name in _named_operations(code, _REBINDING):
            (rebound_globals if opcode in _GLOBAL_WRITES else rebound_attributes).add(name)
    return frozenset(rebound_globals), frozenset(rebound_attributes)


_REBINDING = _GLOBAL_WRITES | frozenset(dis.opmap[name] for name in ("STORE_ATTR", "DELETE_ATTR"))


def _named_operations(code, opcodes):
    """(opcode, name) of each instruction of `code` among `opcodes`, all of which name one of
    co_names by their argument; read from the raw bytecode (dis builds an object per instruction,
    which costs a hundred times more), after a byte search says there may be one."""
    raw = code.co_code
    if not any(map(raw.__contains__, tuple(bytes([opcode]) for opcode in opcodes))):
        return
    extended = 0
    for index in range(0, len(raw), 2):
        opcode, argument = raw[index], raw[index + 1] | extended
        extended = argument << 8 if opcode == _EXTENDED_ARG else 0
        if opcode in opcodes:
            yield opcode, code.co_names[argument]


def _sealed_dict(namespace, rebound):
    """(dict, its keys, its values, the positions of the state among them that may change)."""
    keys, values = tuple(namespace), tuple(namespace.values())
    for key in keys:
        if id(type(key)) not in _PLAIN_KINDS:
            raise TypeError(f"a sealed dict's key is not a plain value: {key!r}")
    state = frozenset(
        position for position, (key, value) in enumerate(zip(keys, values)) if key in rebound and id(type(value)) in _PLAIN_KINDS
    )
    return namespace, keys, values, state


def _cell_contents(cell):
    try:
        return cell.cell_contents
    except ValueError:
        return _EMPTY


def _restore_shim(snapshot):
    """Puts back the shim's machinery as `seal` found it. Uses nothing but its argument: it runs as
    a function JavaScript made from this code, with empty globals. Everything is first compared
    at once (by identity, in C loops), and mended one by one only when something differs. No
    method of a program's object is called: values and their types are compared with `is` (types
    also by id), and what is taken out is kept in `replaced`, so that no finaliser of it runs."""
    (is_, len_, all_, map_, zip_, tuple_, list_, type_, id_, first, second, setattr_, type_setattr,
     type_delattr, dict_clear, dict_update, dict_items, attrgetter, chain, compress, values_of,
     plain_kinds, state_kinds, tuple_kind, get_slot, set_slot, set_class,
     held, held_classes, slots, slot_owners, slot_values, slot_fixed, slot_state, slot_fixed_values, next_,
     sealed_dicts, dicts, dict_sizes, dict_keys, fixed_positions, state_positions, fixed_values,
     sequences, sequence_sizes, sequence_items, sequence_contents, sequence_clears, sequence_fills,
     functions, codes, with_defaults, defaults, with_kwdefaults, kwdefaults, cells, contents,
     classes, bases, class_dicts, class_names, class_name_sets, class_sizes, class_values,
     replaced) = snapshot
    keep = replaced.append
    # The shim's objects: their classes, then their slots, read and set through the slots' own
    # descriptors (a program's class could define __getattribute__ or __class__). A slot emptied by
    # `del` cannot be read: the restore then mends every slot.
    if not all_(map_(is_, map_(type_, held), held_classes)):
        for value, cls in zip_(held, held_classes):
            if type_(value) is not cls:
                keep(type_(value))
                set_class(value, cls)
    try:
        current = tuple_(map_(get_slot, slots, slot_owners))
        state = tuple_(compress(current, slot_state))
        state_types = tuple_(map_(id_, map_(type_, state)))
        intact = all_(map_(is_, compress(current, slot_fixed), map_(next_, slot_fixed_values))) and state_kinds.issuperset(
            state_types
        )
        if intact and tuple_kind in state_types:
            for value in state:
                if type_(value) is tuple_ and not plain_kinds.issuperset(map_(id_, map_(type_, value))):
                    intact = False
    except:  # noqa: E722 (a name such as AttributeError would be looked up in builtins a program changed)
        intact = False
    if not intact:
        for slot, owner, sealed, rebound in zip_(slots, slot_owners, map_(next_, slot_values), slot_state):
            try:
                value = get_slot(slot, owner)
            except:  # noqa: E722 (emptied by the program)
                set_slot(slot, owner, sealed)
                continue
            if value is sealed:
                continue
            kind = id_(type_(value))
            if rebound and (kind in plain_kinds or kind == tuple_kind and plain_kinds.issuperset(map_(id_, map_(type_, value)))):
                continue
            keep(value)
            set_slot(slot, owner, sealed)
    # Their namespaces and dicts: the same keys in the same order (a key deleted and added again
    # moves to the end, so no lookup meets a program's key), the same fixed values, and state of a
    # plain type. A dict that differs is emptied and filled again with the sealed keys.
    values = tuple_(chain(map_(values_of, dicts)))
    state = tuple_(compress(values, state_positions))
    state_types = tuple_(map_(id_, map_(type_, state)))
    intact = (
        tuple_(map_(len_, dicts)) == dict_sizes
        and all_(map_(is_, chain(dicts), dict_keys))
        and all_(map_(is_, compress(values, fixed_positions), fixed_values))
        and state_kinds.issuperset(state_types)
    )
    if intact and tuple_kind in state_types:
        for value in state:
            if type_(value) is tuple_ and not plain_kinds.issuperset(map_(id_, map_(type_, value))):
                intact = False
    if not intact:
        for namespace, keys, sealed, rebound in sealed_dicts:
            items = tuple_(dict_items(namespace))
            mended = list_(sealed)
            for position in rebound:
                key = keys[position]
                for current, value in items:
                    if current is key:
                        kind = id_(type_(value))
                        if kind in plain_kinds or kind == tuple_kind and plain_kinds.issuperset(map_(id_, map_(type_, value))):
                            mended[position] = value
                        break
            if not (
                len_(items) == len_(keys)
                and all_(map_(is_, map_(first, items), keys))
                and all_(map_(is_, map_(second, items), mended))
            ):
                keep(items)
                dict_clear(namespace)
                dict_update(namespace, zip_(keys, mended))
    # Lists and sets: the same items.
    if not (
        tuple_(map_(len_, sequences)) == sequence_sizes
        and all_(map_(is_, chain(sequences), sequence_items))
    ):
        for sequence, items, clear, fill in zip_(sequences, sequence_contents, sequence_clears, sequence_fills):
            if len_(sequence) != len_(items) or not all_(map_(is_, sequence, items)):
                keep(tuple_(sequence))
                clear(sequence)
                fill(sequence, items)
    if not (
        all_(map_(is_, map_(attrgetter("__bases__"), classes), bases))
        and all_(map_(is_, map_(len_, class_dicts), class_sizes))
        and all_(map_(is_, chain(map_(values_of, class_dicts)), class_values))
    ):
        for cls, cls_bases, attributes, names, name_set in zip_(classes, bases, class_dicts, class_names, class_name_sets):
            if cls.__bases__ is not cls_bases:
                keep(cls.__bases__)
                type_setattr(cls, "__bases__", cls_bases)
            for name in [name for name in attributes if name not in name_set]:
                keep(attributes[name])
                type_delattr(cls, name)
        start = 0
        for cls, attributes, names in zip_(classes, class_dicts, class_names):
            for name, value in zip_(names, class_values[start:start + len_(names)]):
                if name not in ("__dict__", "__weakref__", "__doc__") and attributes.get(name) is not value:
                    keep(attributes.get(name))
                    type_setattr(cls, name, value)
            start += len_(names)
    if not all_(map_(is_, map_(attrgetter("__code__"), functions), codes)):
        for function, code in zip_(functions, codes):
            if function.__code__ is not code:
                setattr_(function, "__code__", code)
    if not all_(map_(is_, map_(attrgetter("__defaults__"), with_defaults), defaults)):
        for function, value in zip_(with_defaults, defaults):
            keep(function.__defaults__)
            setattr_(function, "__defaults__", value)
    if not all_(map_(is_, map_(attrgetter("__kwdefaults__"), with_kwdefaults), kwdefaults)):
        for function, value in zip_(with_kwdefaults, kwdefaults):
            keep(function.__kwdefaults__)
            setattr_(function, "__kwdefaults__", value)
    try:
        intact = all_(map_(is_, map_(attrgetter("cell_contents"), cells), contents))
    except:  # noqa: E722 (a name such as ValueError would be looked up in builtins a program changed)
        intact = False
    if not intact:
        for cell, value in zip_(cells, contents):
            try:
                keep(cell.cell_contents)
            except:  # noqa: E722 (emptied by the program)
                pass
            setattr_(cell, "cell_contents", value)


for _module in list(sys.modules.values()):
    if isinstance(_module, types.ModuleType) and _module is not sys and _module is not builtins:
        _written_names[_module.__name__] = _written_globals(_module)
del _module
