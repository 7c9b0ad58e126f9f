"""sqlite3 databases on the workspace's mounts.

Loading this file leaves `install` in the namespace it was executed in.

SQLite's C code opens files through the interpreter's filesystem (MEMFS), behind the hooks of
mounts.py. So sqlite3.connect() on a mount path first brings the database file into MEMFS through
the mounts, at the same path (Java checks the path and the mount's mode; on a read-only mount the
copy is made read-only, and SQLite refuses writes as on a read-only file), then SQLite works on
that copy. The copy goes back to Java whole, at these points, when it changed since it was last
fetched or sent and no connection to it is inside a transaction:

- after a successful commit(), after `with connection:`, and after an execute(), executemany()
  or executescript() that ended a transaction (a COMMIT statement);
- when the connection is closed;
- when the call ends: the connections the program left open are closed first (what they had not
  committed is rolled back, as when a process exits).

A statement run outside a transaction (autocommit: isolation_level=None, autocommit=True, or DDL
in the default mode) is committed in the copy, and reaches the mount at the next of these points,
not after each statement: a loop of inserts costs one write-back, not one per row.

Journal files (-journal, -wal, -shm) live in MEMFS only; a WAL database is checkpointed into the
database file before it is sent. Each send replaces the file whole: on a host directory Java
writes a temporary file and renames it over the database, so the database there is always a
committed state. Connections of different calls or processes to one database are not
coordinated: the last write-back wins.
"""

import errno
import os
import posixpath
import stat
import time
import urllib.parse
import weakref

from pyodide.ffi import to_js

try:
    import _sqlite3
    import sqlite3
    import sqlite3.dbapi2
except ImportError:  # a runtime built without SQLite
    _sqlite3 = None

# sqlite3.connect's parameters, in order (they may all be given by position).
_CONNECT_PARAMETERS = (
    "database", "timeout", "detect_types", "isolation_level", "check_same_thread", "factory", "cached_statements", "uri",
)
_FACTORY = _CONNECT_PARAMETERS.index("factory")
_URI = _CONNECT_PARAMETERS.index("uri")

# SQLite's result code for a file it cannot open, as CPython's exceptions carry it.
_CANTOPEN = (14, "SQLITE_CANTOPEN")
_IOERR = (10, "SQLITE_IOERR")
_FULL = (13, "SQLITE_FULL")

# What a Linux read-only file's mode keeps: read permission only.
_READ_ONLY = 0o444


def install(mounts):
    """Hooks sqlite3.connect for `mounts` (mounts.py's Mounts); returns the Databases, or None when
    the interpreter has no sqlite3. The hooks join `mounts.hooks`, which each call puts in place."""
    global _databases
    if _sqlite3 is None:
        return None
    databases = _databases = Databases(mounts, _sqlite3.connect)
    hooks = [(module, "connect", databases.connect) for module in (sqlite3, sqlite3.dbapi2, _sqlite3)]
    for owner, name, hook in hooks:
        setattr(owner, name, hook)
    mounts.hooks = mounts.hooks + tuple(hooks)
    return databases


class Databases:
    """The databases on mounts that the running call opened; see the module docstring."""

    # No instance dict: a program can add no attribute, and the shim's restore checks these.
    __slots__ = ("_mounts", "_connect", "_connections", "_copies", "_classes")

    def __init__(self, mounts, connect):
        self._mounts = mounts
        self._connect = connect
        # The call's connections to mount databases: id -> (weak reference, or the connection
        # itself when it takes none, path). Emptied when the call ends.
        self._connections = {}
        # The call's database copies: path -> [the name the program gave, the copy's (size, mtime)
        # when last fetched or sent, or None for a database SQLite created, and when Java last
        # refused it (or None)].
        self._copies = {}
        # The tracking subclasses made in this call for the program's own factories: its class -> ours.
        self._classes = {}

    # --- the hook ---------------------------------------------------------------------------

    def connect(self, *args, **kwargs):
        database = args[0] if args else kwargs.get("database")
        uri = args[_URI] if len(args) > _URI else kwargs.get("uri", False)
        target = self._target(database, uri)
        if target is None:
            return self._connect(*args, **kwargs)
        path, name, opens = target
        # The database and its journals stay in the interpreter, behind the filesystem's own
        # routing of mount paths (lib/live-mounts.js): this module sends the database back.
        self._mounts._bridge.keepLocal(path)
        self._bring(path, name, opens)
        args, kwargs = self._with_tracking_factory(args, kwargs)
        connection = self._connect(*args, **kwargs)
        self._track(connection, path)
        return connection

    def _target(self, database, uri):
        """(path on a mount, name to report, 'ro'/'rw'/'rwc') for a database the mounts own, else None."""
        mounts = self._mounts
        try:
            name = os.fsdecode(database)
        except TypeError:
            return None
        opens = "rwc"
        if uri and name.startswith("file:"):
            location, _, query = name[len("file:"):].partition("?")
            location = location.partition("#")[0]
            if location.startswith("//"):
                authority, slash, rest = location[2:].partition("/")
                if authority not in ("", "localhost"):
                    return None
                location = slash + rest
            parameters = urllib.parse.parse_qs(query.partition("#")[0])
            mode = parameters.get("mode", ["rwc"])[-1]
            if mode == "memory" or not location:
                return None
            opens = mode if mode in ("ro", "rw") else "rwc"
            name = urllib.parse.unquote(location)
        elif name in ("", ":memory:"):
            return None
        try:
            path = mounts._route(name)
        except OSError:
            raise _cannot_open() from None
        if path is None:
            return None
        return path, name, opens

    def _bring(self, path, name, opens):
        """Brings the database at `path` into MEMFS through the mounts (Java checks the path and the
        mode), or readies its directory when it does not exist and SQLite may create it."""
        mounts = self._mounts
        if path in self._copies and mounts._copy_kind(path) == "file":
            return
        read_only = mounts._owner(path).mode == "read"
        try:
            if mounts._copy_kind(path) is None:
                try:
                    mounts._fetch(path, name)
                except FileNotFoundError:
                    if read_only or opens != "rwc":
                        raise
                    mounts._make_parent(path, name)
                    self._copies[path] = [name, None, None]
                    return
            if mounts._copy_kind(path) != "file":
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        except OSError:
            raise _cannot_open() from None
        if read_only:
            mounts._real.chmod(path, _READ_ONLY)
        self._copies[path] = [name, self._unchanged_from_now(path), None]

    def _with_tracking_factory(self, args, kwargs):
        """connect's arguments, with the program's factory (or sqlite3.Connection) replaced by a
        subclass that sends the database back after commits and on close."""
        given = args[_FACTORY] if len(args) > _FACTORY else kwargs.get("factory", _sqlite3.Connection)
        tracking = self._tracking_class(given)
        if tracking is None:
            return args, kwargs
        if len(args) > _FACTORY:
            return args[:_FACTORY] + (tracking,) + args[_FACTORY + 1:], kwargs
        return args, {**kwargs, "factory": tracking}

    def _tracking_class(self, factory):
        if factory is _sqlite3.Connection:
            return _Connection
        if not isinstance(factory, type) or not issubclass(factory, _sqlite3.Connection):
            return None
        tracking = self._classes.get(factory)
        if tracking is None:
            slots = () if factory.__weakrefoffset__ else ("__weakref__",)
            namespace = {"__slots__": slots, "__module__": factory.__module__, "__qualname__": factory.__qualname__}
            tracking = self._classes[factory] = type(factory.__name__, (_Tracking, factory), namespace)
        return tracking

    def _track(self, connection, path):
        try:
            held = weakref.ref(connection)
        except TypeError:
            held = connection
        self._connections[id(connection)] = (held, path)

    # --- sending back -----------------------------------------------------------------------

    def after_commit(self, connection):
        """Sends the database of `connection` back when it changed and no connection is inside a
        transaction on it. A refusal raises sqlite3.OperationalError."""
        entry = self._connections.get(id(connection))
        if entry is None or _held(entry[0]) is not connection:
            return
        try:
            self._send(entry[1], connection)
        except OSError as error:
            raise _operational_error(error) from None

    def after_close(self, connection):
        entry = self._connections.pop(id(connection), None)
        if entry is None or _held(entry[0]) is not connection:
            return
        try:
            self._send(entry[1], None)
        except OSError as error:
            raise _operational_error(error) from None

    def close_left_open(self, report):
        """At the end of a call: closes the connections the program left open (rolling back what
        they had not committed), then sends every changed database back; `report(subject, close)`
        runs one step and reports its failure as CPython reports an error while finalising."""
        entries = list(self._connections.values())
        self._connections.clear()
        for held, _ in entries:
            connection = _held(held)
            if connection is not None:
                report(connection, lambda connection=connection: _sqlite3.Connection.close(connection))
        for path in list(self._copies):
            report(self._copies[path][0], lambda path=path: self._send(path, None, retry=False))
        self._copies.clear()
        self._classes.clear()

    def _send(self, path, connection, retry=True):
        """Sends the copy at `path` back whole when it changed and no connection is inside a
        transaction on it; `retry`: also when Java refused it as it is now (the program was told)."""
        mounts = self._mounts
        copy = self._copies.get(path)
        if copy is None or mounts._owner(path) is None or mounts._owner(path).mode == "read":
            return
        if mounts._copy_kind(path) != "file":
            # The program removed or renamed the database: nothing to send.
            return
        for held, other_path in list(self._connections.values()):
            other = _held(held)
            if other_path == path and other is not None and _in_transaction(other):
                return
        if connection is not None and _copy_size(mounts, path + "-wal"):
            _sqlite3.Connection.execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)").close()
        if _in_use_by_wal(mounts, path):
            return
        fingerprint = self._fingerprint(path)
        if fingerprint == copy[1] or not retry and fingerprint == copy[2]:
            return
        with mounts._real.open(path, "rb") as file:
            content = file.read()
        try:
            mounts._ask("write", path, to_js(content), names=(copy[0],))
        except OSError:
            copy[2] = fingerprint
            raise
        copy[1], copy[2] = self._unchanged_from_now(path), None

    def _fingerprint(self, path):
        info = self._mounts._real.stat(path)
        return info.st_size, info.st_mtime_ns

    def _unchanged_from_now(self, path):
        """The copy's fingerprint, after moving its modification time a millisecond into the past
        when needed, so that any later write (which sets it to now, in milliseconds) changes it."""
        info = self._mounts._real.stat(path)
        latest = (time.time_ns() // 1_000_000 - 1) * 1_000_000
        if info.st_mtime_ns > latest:
            self._mounts._real.utime(path, ns=(latest, latest))
        return self._fingerprint(path)


class _Tracking:
    """What the connections to mount databases add to their class: sending the database back."""

    __slots__ = ()

    def commit(self):
        super().commit()
        _databases.after_commit(self)

    def __exit__(self, kind, value, traceback):
        result = super().__exit__(kind, value, traceback)
        if kind is None:
            _databases.after_commit(self)
        return result

    def execute(self, *args):
        return self._ending(super().execute, args, False)

    def executemany(self, *args):
        return self._ending(super().executemany, args, False)

    def executescript(self, *args):
        return self._ending(super().executescript, args, True)

    def close(self):
        super().close()
        _databases.after_close(self)

    def _ending(self, run, args, script):
        """Runs `run(*args)`; sends the database back when it ended a transaction (a script: when
        none is open after it)."""
        before = _in_transaction(self)
        result = run(*args)
        if (before or script) and not _in_transaction(self):
            _databases.after_commit(self)
        return result


_Connection = (
    type("Connection", (_Tracking, _sqlite3.Connection), {"__slots__": ("__weakref__",), "__module__": "sqlite3"})
    if _sqlite3 is not None
    else None
)

# The Databases `install` made: what _Tracking's methods report to.
_databases = None


def _held(held):
    return held() if isinstance(held, weakref.ref) else held


def _in_transaction(connection):
    try:
        return _sqlite3.Connection.in_transaction.__get__(connection)
    except _sqlite3.ProgrammingError:  # closed
        return False


def _copy_size(mounts, path):
    try:
        return mounts._real.stat(path).st_size
    except OSError:
        return 0


def _in_use_by_wal(mounts, path):
    """Whether committed pages of the database are still in its -wal file only."""
    return _copy_size(mounts, path + "-wal") > 0


def _cannot_open():
    return _with_code(_sqlite3.OperationalError("unable to open database file"), _CANTOPEN)


def _operational_error(error):
    if error.errno == errno.ENOSPC:
        return _with_code(_sqlite3.OperationalError("database or disk is full"), _FULL)
    return _with_code(_sqlite3.OperationalError("disk I/O error"), _IOERR)


def _with_code(error, code):
    error.sqlite_errorcode, error.sqlite_errorname = code
    return error
