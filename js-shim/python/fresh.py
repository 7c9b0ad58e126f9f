"""Gives every call the interpreter state a fresh python3 process starts with, and ends a program as
a process ends: atexit handlers at its end, os._exit at once.

The interpreter's library stays loaded between calls; what a program changes in it is put back
when the call ends:

- attributes of library modules: each loaded library module gets `_Journalled` as its class (a
  `ModuleType` subclass, assigned to `module.__class__` when the module is created), whose
  `__setattr__` and `__delattr__` note the value a name had before its first change in the call;
  the call's end puts those values back. Noting costs nothing for a call that changes nothing
  (checking every module's namespace at each call instead costs about 0.7 ms with 180 modules
  loaded). Writes made through a module's namespace itself (`vars(module)[...]`, `global` in the
  module's own functions) are not noted: the state the library keeps that way is reset by name below;
- `builtins` and `sys`: their namespaces are compared with the ones the interpreter started with
  (a few hundred identity checks) and put back when they differ; sys settings kept outside its
  namespace (recursion limit, switch interval, int digits, trace and profile functions, monitoring
  tools, async generator hooks, coroutine origin tracking) are set back;
- logging (its configuration, as `import logging` leaves it), random (seeded afresh from os.urandom,
  as at a process's start), decimal (the DefaultContext template and the call's context), warnings'
  once-registry, atexit (no handler of an earlier call; logging's own shutdown handler as importing
  it registers), weakref.finalize's exit state, gc's settings and callbacks, signal handlers and
  os.umask.
"""

import atexit
import builtins
import gc
import operator
import os
import signal
import sys
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


def _note(module, name):
    key = (module, name)
    if key not in _journal:
        _journal[key] = module.__dict__.get(name, _MISSING)


def _bound_by_import(module, name, value):
    """Whether the import system binds submodule `name` to its package, which stays bound."""
    return type(value) is _Journalled and sys.modules.get(f"{module.__name__}.{name}") is value


def _undo_journal():
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

    def __init__(self, library_dirs):
        self.library_dirs = library_dirs
        self.builtins = tuple(vars(builtins).items())
        self.sys = tuple(vars(sys).items())
        self.path = list(sys.path)
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.path_importer_cache = dict(sys.path_importer_cache)
        self.recursion_limit = sys.getrecursionlimit()
        self.switch_interval = sys.getswitchinterval()
        self.int_max_str_digits = sys.get_int_max_str_digits()
        self.asyncgen_hooks = tuple(sys.get_asyncgen_hooks())
        self.coroutine_origin_tracking_depth = sys.get_coroutine_origin_tracking_depth()
        self.gc = (gc.isenabled(), gc.get_threshold(), gc.get_debug(), list(gc.callbacks))
        self.signals = {number: signal.getsignal(number) for number in signal.valid_signals()}
        self.umask = os.umask(0o022)
        os.umask(self.umask)
        self.module_count = 0


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
    _baseline.module_count = len(sys.modules)
    os._exit = _exit
    # What attaching assigned to journalled modules is the state to start from, not a change.
    _journal.clear()


def begin():
    """Starts a call: nothing registered with atexit before it runs at its end."""
    global _exiting
    _exiting = None
    atexit._clear()
    finalize = weakref.finalize
    finalize._shutdown = False
    finalize._registered_with_atexit = False
    logging = sys.modules.get("logging")
    if logging is not None and hasattr(logging, "shutdown"):
        atexit.register(logging.shutdown)


def end():
    """Ends a call: puts back everything the program changed in the interpreter."""
    _stop_aborting()
    _undo_journal()
    base = _baseline
    if len(sys.modules) != base.module_count:
        for module in list(sys.modules.values()):
            _journalled(module, base.library_dirs)
        base.module_count = len(sys.modules)
    _restore_namespace(vars(builtins), base.builtins)
    _restore_namespace(vars(sys), base.sys)
    _reset_sys(base)
    _reset_gc(base)
    _reset_signals(base)
    os.umask(base.umask)
    modules = sys.modules
    if "logging" in modules:
        _reset_logging(modules["logging"])
    if "random" in modules:
        _reset_random(modules["random"])
    if "decimal" in modules or "_decimal" in modules or "_pydecimal" in modules:
        _reset_decimal(modules)
    warnings = modules.get("warnings")
    if warnings is not None:
        warnings.onceregistry.clear()
    threading = modules.get("threading")
    if threading is not None:
        threading._trace_hook = threading._profile_hook = None
    atexit._clear()
    # What the resets above assigned to journalled modules is the state to keep, not a change.
    _journal.clear()


def _same(values, baseline):
    return len(values) == len(baseline) and all(map(_is, values, baseline))


def _restore_namespace(namespace, items):
    if (
        len(namespace) == len(items)
        and all(map(_is, namespace.values(), (value for _, value in items)))
        and all(map(_is, namespace, (name for name, _ in items)))
    ):
        return
    namespace.clear()
    namespace.update(items)


def _reset_sys(base):
    if not _same(sys.path, base.path):
        sys.path[:] = base.path
    sys.meta_path[:] = base.meta_path
    sys.path_hooks[:] = base.path_hooks
    cache = sys.path_importer_cache
    if not (_same(list(cache), list(base.path_importer_cache)) and _same(list(cache.values()), list(base.path_importer_cache.values()))):
        sys.path_importer_cache.clear()
        sys.path_importer_cache.update(base.path_importer_cache)
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
    for number, handler in base.signals.items():
        try:
            if signal.getsignal(number) is not handler:
                signal.signal(number, handler)
        except (OSError, ValueError, TypeError):
            pass


def _reset_logging(logging):
    """Gives logging the configuration `import logging` leaves: a root logger at WARNING without
    handlers, every other logger at NOTSET, no logging.disable, the standard levels and classes.
    Handlers were flushed and closed by logging.shutdown, which atexit ran when the call ended."""
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
        root = logging.root
        manager = logging.Logger.manager
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


_LEVEL_NAMES = {50: "CRITICAL", 40: "ERROR", 30: "WARNING", 20: "INFO", 10: "DEBUG", 0: "NOTSET"}


def _reset_random(random):
    """Seeds random afresh, as its import does in a new process."""
    instance = getattr(random, "_inst", None)
    if isinstance(instance, random.Random):
        random.Random.seed(instance)


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
    if _exiting is None:
        atexit._run_exitfuncs()
        _stop_aborting()
    if _exiting is not None:
        _abandon_asyncio()
        return _exiting & 0xFF
    return status


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
