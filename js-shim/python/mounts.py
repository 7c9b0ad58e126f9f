"""The workspace's mounts as a Python program sees them: open(), os, shutil and glob reach Java.

Loading this file leaves `install` in the namespace it was executed in.

During a call, MEMFS holds a copy of the part of the mounts the program has touched, at the same
paths, and nothing else under the mount prefixes: every call starts from empty prefix directories.
A file is fetched from Java (fs/stat, then fs/read in chunks) the first time the program opens it;
from then on ordinary file objects work on the copy. A file opened for writing is sent back whole
(fs/write) when it is closed. mkdir, unlink, rmdir and rename reach Java at once, then update the
copy. stat and listings come from Java, except for the files MEMFS holds. Whatever MEMFS holds under
a mount exists on the mount too, apart from files being written, which Java gets at close.
"""

import _io
import builtins
import collections
import contextlib
import errno
import functools
import glob
import importlib.machinery
import importlib.util
import io
import operator
import os
import posixpath
import shutil
import stat
import sys
import tokenize
import traceback
import warnings
import weakref
import zipimport

from pyodide.ffi import to_js

# Pyodide's own directories: no mount owns a path inside them, and clearing a mount spares them.
_INTERPRETER_DIRS = ("/lib", "/dev", "/proc")
_INTERPRETER_DIR_PREFIXES = tuple(directory + "/" for directory in _INTERPRETER_DIRS)

# st_dev of the first mount; each mount has its own, so os.path.ismount() finds the prefixes.
_FIRST_DEVICE = 1 << 30

# The file-creation mask a new file on a mount gets, as a shell's usual umask gives it (0644), which
# Emscripten's MEMFS does not apply to its copies.
_UMASK = 0o022

_ERRNO_BY_REASON = {
    "NOT_FOUND": errno.ENOENT,
    "NOT_A_DIRECTORY": errno.ENOTDIR,
    "IS_A_DIRECTORY": errno.EISDIR,
    "ALREADY_EXISTS": errno.EEXIST,
    "NOT_EMPTY": errno.ENOTEMPTY,
    "READ_ONLY": errno.EROFS,
    "CROSS_DEVICE": errno.EXDEV,
    "PERMISSION_DENIED": errno.EACCES,
    "BUSY": errno.EBUSY,
    "NO_SPACE": errno.ENOSPC,
    "NAME_TOO_LONG": errno.ENAMETOOLONG,
    "INVALID_NAME": errno.EILSEQ,
    "IO_ERROR": errno.EIO,
}

# Linux's limits on what a mount stores, in bytes of UTF-8: NAME_MAX per name, and PATH_MAX (which
# counts the terminating NUL) less one per path. Java checks them too.
_NAME_MAX = 255
_PATH_MAX = 4095

# Linux's texts: Pyodide's strerror says "Filename too long" and "Illegal byte sequence".
_TOO_LONG = "File name too long"
_NOT_TEXT = "Invalid or incomplete multibyte or wide character"

_Mount = collections.namedtuple("_Mount", "prefix mode device")


def install(bridge):
    """Hooks open(), os, shutil and glob once; returns the Mounts that each call enters.

    `bridge` has one synchronous JavaScript function per fs/* request, which waits for Java's
    answer (lib/sync-ask.js): stat(path), list(path),
    fetch(path) (reads the whole file from Java into MEMFS at the same path), write(path, data),
    mkdir(path), remove(path), rmdir(path), rename(from, to), chmod(path, mode); and one synchronous function,
    forget(path), which removes MEMFS's copy at a mount prefix whatever names it holds.
    Each returns {result, error}: error is None, or {message, reason} when Java refused.
    """
    mounts = Mounts(bridge, Originals(), Originals(bridge))
    hooks = [
        (builtins, "open", mounts.open),
        (io, "open", mounts.open),
        (os, "stat", mounts.stat),
        (os, "lstat", mounts.lstat),
        (os, "listdir", mounts.listdir),
        (os, "scandir", mounts.scandir),
        (os, "mkdir", mounts.mkdir),
        (os, "remove", mounts.remove),
        (os, "unlink", mounts.remove),
        (os, "rmdir", mounts.rmdir),
        (os, "rename", mounts.rename),
        (os, "replace", mounts.replace),
        (os, "chdir", mounts.chdir),
        (os, "chmod", mounts.chmod),
        (os, "access", mounts.access),
        (os, "open", mounts.open_fd),
        (os, "close", mounts.close_fd),
        (shutil, "rmtree", mounts.rmtree),
        (io, "open_code", mounts.open_code),
        (_io, "open_code", mounts.open_code),
        (tokenize, "open", mounts.open_source),
    ]
    # py_compile and compileall write bytecode through this function of the import system's: there
    # is no public way to reach it, and the py-compile-on-mount case fails if it moves.
    if hasattr(importlib._bootstrap_external, "_write_atomic"):
        hooks.append((importlib._bootstrap_external, "_write_atomic", mounts.write_atomic))
    for owner, name, hook in hooks:
        _replace(owner, name, hook)
    mounts.hooks = tuple(hooks)
    sqlite = getattr(sys.modules.get("_mirage4j_shim"), "sqlite", None)
    if sqlite is not None:
        mounts.databases = sqlite["install"](mounts)
    mounts.hook_in()
    return mounts


def _replace(owner, name, hook):
    """Puts `hook` in place of owner.name; os's capability sets list it wherever they list the original."""
    original = getattr(owner, name)
    setattr(owner, name, hook)
    if owner is os:
        for capable in (os.supports_dir_fd, os.supports_fd, os.supports_follow_symlinks):
            if original in capable:
                capable.add(hook)


class Originals:
    """The functions the hooks replace, as they were: they work on MEMFS only.

    Given the bridge, each runs with lib/live-mounts.js's hooks off while a call runs (and scandir
    lists at once): mounts.py's work on its copies must not reach Java a second time. Without it,
    they are the plain functions, which the hooks pass what they do not route to.
    """

    # No instance dict: a program can add no attribute, and the shim's restore checks these.
    __slots__ = (
        "open", "stat", "lstat", "listdir", "scandir", "mkdir", "unlink", "rmdir", "rename", "replace", "chdir",
        "chmod", "access", "utime", "open_fd", "close_fd", "rmtree", "open_code", "open_source", "write_atomic",
        "quietly",
    )

    def __init__(self, bridge=None):
        quiet = functools.partial(_quiet, bridge) if bridge is not None else lambda function: function
        self.open = quiet(io.open)
        self.stat = quiet(os.stat)
        self.lstat = quiet(os.lstat)
        self.listdir = quiet(os.listdir)
        self.scandir = quiet(functools.partial(_scandir_at_once, os.scandir) if bridge is not None else os.scandir)
        self.mkdir = quiet(os.mkdir)
        self.unlink = quiet(os.unlink)
        self.rmdir = quiet(os.rmdir)
        self.rename = quiet(os.rename)
        self.replace = quiet(os.replace)
        self.chdir = quiet(os.chdir)
        self.chmod = quiet(os.chmod)
        self.access = quiet(os.access)
        self.utime = quiet(os.utime)
        self.open_fd = quiet(os.open)
        self.close_fd = quiet(os.close)
        self.rmtree = quiet(shutil.rmtree)
        self.open_code = quiet(io.open_code)
        self.open_source = quiet(tokenize.open)
        write_atomic = getattr(importlib._bootstrap_external, "_write_atomic", None)
        self.write_atomic = write_atomic and quiet(write_atomic)
        self.quietly = quiet(lambda function, *args, **kwargs: function(*args, **kwargs))


def _scandir_at_once(scandir, path):
    """The entries of the original `scandir`, listed before it returns (a lazy listing would read
    MEMFS later, with the hooks on)."""
    with scandir(path) as entries:
        return _ScandirIterator(list(entries))


# Whether a call's mounts are routed (Mounts.routed): only then do the quiet functions tell
# JavaScript, which saves two crossings per function outside a call.
_live = [False]


def _quiet(bridge, function):
    """`function`, run with lib/live-mounts.js's hooks off while a call's mounts are routed."""
    enter, leave = bridge.enterQuiet, bridge.leaveQuiet

    @functools.wraps(function)
    def quietly(*args, **kwargs):
        if not _live[0]:
            return function(*args, **kwargs)
        enter()
        try:
            return function(*args, **kwargs)
        finally:
            leave()

    return quietly


class Mounts:
    """Routes the paths the mounts of the running call own to Java; see the module docstring."""

    # No instance dict: a program can add no attribute (one shadowing a method), and the shim's
    # restore checks these before each call.
    __slots__ = (
        "hooks", "_globber_hooks", "_bridge", "_real", "_copy", "_mounts", "_routing", "_inodes", "_modes", "_open_files",
        "_written_fds", "_kept", "databases",
    )

    def __init__(self, bridge, real, copy):
        self.hooks = ()
        # glob's string globber holds os.lstat and os.scandir themselves in 3.13 (3.14 looks them up
        # in os at each call): those it holds are replaced by the hooks.
        self._globber_hooks = tuple(
            (name, staticmethod(getattr(self, name)))
            for name in ("lstat", "scandir")
            if getattr(glob._StringGlobber.__dict__.get(name), "__func__", None) is getattr(real, name)
        )
        self._bridge = bridge
        # `real` for what the hooks pass on; `copy` (the same, quiet) for the work on MEMFS's copies.
        self._real = real
        self._copy = copy
        self._mounts = ()
        self._routing = False
        self._inodes = {}
        self._modes = {}
        # The files the running call opened on the mounts, closed at its end if still open: weak
        # references by the file's id (a plain dict, whose contents the shim's restore checks).
        self._open_files = {}
        self._written_fds = {}
        self._kept = None
        # python/sqlite.py's Databases: the call's sqlite3 connections to mount databases.
        self.databases = None

    # --- one call ---------------------------------------------------------------------------

    def hook_in(self):
        """Puts the hooks in place again where a program replaced them: each call starts with them.

        Without this, a function an earlier call put in place of open() or os.stat would run in
        every later call.
        """
        for owner, name, hook in self.hooks:
            if getattr(owner, name, None) is not hook:
                setattr(owner, name, hook)
        globber = glob._StringGlobber
        for name, hook in self._globber_hooks:
            if globber.__dict__.get(name) is not hook:
                setattr(globber, name, hook)
        if not sys.path_hooks or sys.path_hooks[0] != self.path_hook:
            with contextlib.suppress(ValueError):
                sys.path_hooks.remove(self.path_hook)
            sys.path_hooks.insert(0, self.path_hook)

    @contextlib.contextmanager
    def fresh(self, mounts):
        """Gives the block an empty MEMFS directory at each mount prefix.

        `mounts` is python/run's list of {prefix, mode}; routed() routes their paths. A mount inside
        the interpreter's own directories is left out. The interpreter waits between calls in /,
        outside any prefix it clears. Directories the block leaves empty are kept for the next call
        with the same mounts; anything else is removed after the block.
        """
        prefixes = [mount["prefix"] for mount in mounts if not _in_interpreter_dirs(mount["prefix"])]
        prefixes.sort(key=len, reverse=True)
        modes = {mount["prefix"]: mount["mode"] for mount in mounts}
        self._mounts = tuple(_Mount(prefix, modes[prefix], _FIRST_DEVICE + i) for i, prefix in enumerate(prefixes))
        self._real.chdir("/")
        self._kept = _kept_prefixes(self._kept)
        if self._kept != tuple(prefixes):
            self._remove_kept()
            self._remove_prefixes()
            for mount in self._mounts:
                self._make_copy_dirs(mount.prefix)
        self._kept = None
        # The import system's finders are as the last call left them here: python/fresh.py gave
        # sys.path_importer_cache back the interpreter's own entries since.
        try:
            yield
        finally:
            self._real.chdir("/")
            if self._all_empty(prefixes):
                self._kept = tuple(prefixes)
            else:
                self._remove_prefixes()
            self._forget_finders()
            self._mounts = ()

    def _all_empty(self, prefixes):
        """Whether each prefix is an empty MEMFS directory; nested prefixes never count as empty."""
        for prefix in prefixes:
            try:
                with self._copy.scandir(prefix) as entries:
                    if next(entries, None) is not None:
                        return False
            except OSError:
                return False
        return True

    def _remove_kept(self):
        """Removes the empty prefix directories an earlier call kept."""
        for prefix in self._kept or ():
            with contextlib.suppress(OSError):
                self._copy.rmdir(prefix)
        self._kept = None

    @contextlib.contextmanager
    def routed(self):
        """Routes the paths of the mounts fresh() was given to Java for the duration of the block.

        At the end, files the program left open are closed, as a python3 process closes them when
        it exits.
        """
        self._routing = True
        self._bridge.route("\0".join(f"{mount.mode}:{mount.prefix}" for mount in self._mounts))
        _live[0] = True
        try:
            yield
        finally:
            try:
                self._close_left_open()
            finally:
                _live[0] = False
                # Files that code behind the hooks left open for writing go to Java now.
                refused = self._bridge.route("")
                for path, number in refused.to_py() if refused is not None else ():
                    _report_ignored(repr(path), OSError(number, os.strerror(number), path))
                self._routing = False
                self._inodes.clear()
                self._modes.clear()

    def _close_left_open(self):
        # After os._exit, what the program left in a file's Python-level buffers is lost, as when a
        # process ends that way: only what reached the file descriptor is kept.
        exited = sys.modules["_mirage4j_shim"].fresh["exited"]() is not None
        if self.databases is not None:
            self.databases.close_left_open(_close_reporting)
        files = [reference() for reference in self._open_files.values()]
        self._open_files.clear()
        for file in [file for file in files if file is not None and not file.closed]:
            _close_reporting(file, _raw_file(file).close if exited else file.close)
        for fd, (_, name) in list(self._written_fds.items()):
            with contextlib.suppress(OSError):
                self._real.close_fd(fd)
            _close_reporting(name, functools.partial(self._flush_descriptor, fd))

    # --- hooks ------------------------------------------------------------------------------

    def open(self, file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
        arguments = (mode, buffering, encoding, errors, newline, closefd, opener)
        given_descriptor = isinstance(file, int) and file in self._written_fds
        if closefd and (given_descriptor or opener is not None and self._routing):
            return self._open_descriptor(file, *arguments)
        path = self._route(file) if opener is None else None
        if path is None:
            return self._real.open(file, *arguments)
        raw_mode, binary = _parse_mode(mode, encoding, errors, newline)
        self._prepare(path, raw_mode, file)
        if raw_mode == "r":
            return self._copy.open(file, *arguments)
        raw = self._copy.quietly(_MountFile, file, raw_mode, closefd, None, lambda descriptor: self._flush(path, file))
        return self._track(_layered(raw, raw_mode, binary, *arguments[:5]))

    def open_fd(self, path, flags, mode=0o777, *, dir_fd=None):
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.open_fd(path, flags, mode, dir_fd=dir_fd)
        raw_mode = _raw_mode_of_flags(flags)
        self._prepare(target, raw_mode, path)
        fd = self._copy.open_fd(path, flags, mode)
        if raw_mode != "r" and self._copy_kind(target) == "file":
            self._written_fds[fd] = (target, path)
        return fd

    def close_fd(self, fd):
        self._real.close_fd(fd)
        self._flush_descriptor(fd)

    def stat(self, path, *, dir_fd=None, follow_symlinks=True):
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.stat(path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
        return self._stat(target, path)

    def lstat(self, path, *, dir_fd=None):
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.lstat(path, dir_fd=dir_fd)
        return self._stat(target, path)

    def listdir(self, path=None):
        shown = "." if path is None else path
        target = self._route(shown)
        if target is None:
            return self._real.listdir(path)
        encode = _name_encoder(shown)
        return [encode(entry["name"]) for entry in self._list(target, shown)]

    def scandir(self, path=None):
        shown = "." if path is None else path
        target = self._route(shown)
        if target is None:
            return self._real.scandir(path)
        return _ScandirIterator([self._dir_entry(target, shown, listed) for listed in self._list(target, shown)])

    def mkdir(self, path, mode=0o777, *, dir_fd=None):
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.mkdir(path, mode, dir_fd=dir_fd)
        self._ask("mkdir", target, names=(path,))
        self._make_copy_dirs(target)

    def remove(self, path, *, dir_fd=None):
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.unlink(path, dir_fd=dir_fd)
        self._ask("remove", target, names=(path,))
        self._modes.pop(target, None)
        self._remove_copy(target)

    def rmdir(self, path, *, dir_fd=None):
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.rmdir(path, dir_fd=dir_fd)
        self._ask("rmdir", target, names=(path,))
        self._modes.pop(target, None)
        self._remove_copy(target)

    def rename(self, src, dst, *, src_dir_fd=None, dst_dir_fd=None):
        return self._move(self._real.rename, src, dst, src_dir_fd, dst_dir_fd)

    def replace(self, src, dst, *, src_dir_fd=None, dst_dir_fd=None):
        return self._move(self._real.replace, src, dst, src_dir_fd, dst_dir_fd)

    def chdir(self, path):
        target = self._route(path)
        if target is not None and self._copy_kind(target) is None:
            if self._ask("stat", target, names=(path,)).kind != "directory":
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), path)
            self._make_copy_dirs(target)
        self._real.chdir(path)

    def chmod(self, path, mode, *, dir_fd=None, follow_symlinks=True):
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.chmod(path, mode, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
        # As chmod(2) on Linux: the bits past the permission, set-id and sticky bits do not count.
        bits = _c_int(mode) & 0o7777
        if self._owner(target).mode == "read":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)
        self._ask("chmod", target, bits, names=(path,))
        self._modes[target] = bits

    def access(self, path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True):
        """As access(2) answers the shell's user, so that it agrees with `test -r/-w/-x`: every
        entry is readable, writable on a mount that is not read-only, and executable when its owner's
        execute bit is set and (for a file) the mount is in exec mode.
        """
        target = self._route(path) if dir_fd is None else None
        if target is None:
            return self._real.access(path, mode, dir_fd=dir_fd, effective_ids=effective_ids, follow_symlinks=follow_symlinks)
        try:
            info = self._stat(target, path)
        except OSError:
            return False
        mount_mode = self._owner(target).mode
        if mode & os.W_OK and mount_mode == "read":
            return False
        if mode & os.X_OK:
            executable = info.st_mode & stat.S_IXUSR and (stat.S_ISDIR(info.st_mode) or mount_mode == "exec")
            return bool(executable)
        return True

    def rmtree(self, path, *args, dir_fd=None, **kwargs):
        if dir_fd is None and self._route(path) is not None:
            # The fd-based walk would compare MEMFS inodes with the mount's: walk by path instead
            # (3.14 chooses the walk when shutil is imported, 3.13 at each call).
            if hasattr(shutil, "_rmtree_impl"):
                with _attribute(shutil, "_rmtree_impl", shutil._rmtree_unsafe):
                    return self._real.rmtree(path, *args, **kwargs)
            with _attribute(shutil, "_use_fd_functions", False):
                return self._real.rmtree(path, *args, **kwargs)
        return self._real.rmtree(path, *args, dir_fd=dir_fd, **kwargs)

    rmtree.avoids_symlink_attacks = shutil.rmtree.avoids_symlink_attacks

    def open_code(self, path):
        """io.open_code: what the import system, runpy and py_compile read code with."""
        if not isinstance(path, str):
            return self._real.open_code(path)
        target = self._route(path)
        if target is not None:
            self._prepare(target, "r", path)
        return self._real.open_code(path)

    def open_source(self, filename):
        """tokenize.open: what linecache reads source lines with, for tracebacks and inspect (a
        module imported from its bytecode has not fetched its source)."""
        target = self._route(filename)
        if target is not None:
            self._prepare(target, "r", filename)
        return self._real.open_source(filename)

    def write_atomic(self, path, data, mode=0o666):
        """The import system's own write of a .pyc (py_compile, compileall): whole, at close."""
        target = self._route(path)
        if target is None:
            return self._real.write_atomic(path, data, mode)
        with self.open(path, "wb") as file:
            file.write(data)

    def path_hook(self, entry):
        """A sys.path_hooks entry: the finder for a sys.path directory on a mount of the call, or a
        zipimporter for a zip file there (fetched first, so that zipimport reads it where it looks);
        for a directory elsewhere, outside the interpreter's own, CPython's finder with the loader
        of _FreshSourceLoader.

        As CPython's own hooks, it takes no path that is none of these: the next hook gets those.
        """
        shown = entry or os.getcwd()
        try:
            target = self._route(shown)
        except OSError as error:
            raise ImportError(f"not a directory on a mount: {error}") from None
        if target is None:
            absolute = posixpath.normpath(posixpath.join(os.getcwd(), os.fsdecode(shown)))
            if _in_interpreter_dirs(absolute):
                raise ImportError("the interpreter's own directory")
            return _fresh_file_finder(entry)
        archive = self._file_in(target, shown)
        if archive is None:
            return _MountFinder(self, target, posixpath.join(os.getcwd(), os.fsdecode(shown)).rstrip("/") or "/")
        self._prepare(archive, "r", archive)
        return zipimport.zipimporter(os.fsdecode(entry))

    def _file_in(self, target, name):
        """The file `target` names, or that holds it (an archive and a path inside it); None for a
        directory. ImportError when there is neither."""
        path = target
        while True:
            try:
                kind = self._copy_kind(path) or self._ask("stat", path, names=(name,)).kind
            except (FileNotFoundError, NotADirectoryError):
                kind = None
            except OSError as error:
                raise ImportError(f"not a directory on a mount: {error}") from None
            if kind == "directory":
                if path == target:
                    return None
                raise ImportError("not a directory on a mount")
            if kind is not None:
                return path
            parent = posixpath.dirname(path)
            if parent == path or not self._owner(parent):
                raise ImportError("no such directory on a mount")
            path = parent

    def _forget_finders(self):
        """Drops what the import system keeps of paths outside the interpreter's directories (the
        finders of mount directories, zipimporters and their listings, paths found to hold
        nothing): each call imports from the mounts as they are now."""
        cache = sys.path_importer_cache
        for entry in list(cache):
            finder = cache[entry]
            if isinstance(finder, _MountFinder) or not entry:
                del cache[entry]
            elif (finder is None or isinstance(finder, zipimport.zipimporter)) and not (
                isinstance(entry, str) and entry.startswith("/") and _in_interpreter_dirs(entry)
            ):
                if finder is not None:
                    finder.invalidate_caches()
                del cache[entry]

    # --- paths ------------------------------------------------------------------------------

    def _route(self, path):
        """The absolute, normalised form of `path` when a mount of the call owns it, else None."""
        if not self._routing or isinstance(path, int):
            return None
        try:
            name = os.fsdecode(path)
        except TypeError:
            return None
        if not name or "\0" in name:
            return None
        if not name.startswith("/"):
            name = posixpath.join(os.getcwd(), name)
        absolute = "/" + posixpath.normpath(name).lstrip("/")
        if not self._owner(absolute):
            return None
        _check_storable(name, absolute, path)
        return absolute

    def _owner(self, path):
        """The mount that owns absolute, normalised `path` (the deepest prefix wins), or None."""
        if _in_interpreter_dirs(path):
            return None
        return next((mount for mount in self._mounts if _within(path, mount.prefix)), None)

    # --- Java -------------------------------------------------------------------------------

    def _ask(self, operation, *args, names):
        """Java's answer to one fs/* request; a refusal raises the OSError that names `names`."""
        answer = getattr(self._bridge, operation)(*args)
        if answer.error is not None:
            raise _os_error(answer.error, *names)
        return answer.result

    def host_call(self, name, text, *blobs):
        """Java's answer to one host/call (python/functions.py): {result: {text, blobs}} or
        {error: {message, reason}}, result None when the program's time limit passed first."""
        return self._bridge.hostCall(name, text, *blobs)

    def read_stdin(self, size):
        """Up to `size` bytes of the call's standard input from Java (stdin/read), at least one
        unless it has ended; KeyboardInterrupt when the program's time limit passes while it waits.
        What the program wrote before goes to Java first.
        """
        answer = self._bridge.readStdin(size)
        if answer.error is not None:
            raise OSError(errno.EIO, str(answer.error.message))
        if answer.result is None:
            raise KeyboardInterrupt
        return answer.result.data.to_bytes()

    def _list(self, path, name):
        return self._ask("list", path, names=(name,)).entries.to_py()

    def _dir_entry(self, directory, shown, listed):
        """The DirEntry for `listed`, an entry of Java's listing of `directory`, which the program named `shown`."""
        name = _name_encoder(shown)(listed["name"])
        path = posixpath.join(directory, listed["name"])
        stat_result = self._stat_result(path, listed["kind"], listed["size"], _nanoseconds(listed["mtimeMs"]), listed["mode"])
        return _DirEntry(name, posixpath.join(os.fspath(shown), name), stat_result)

    def _stat(self, path, name):
        if self._copy_kind(path) == "file":
            copy = self._copy.stat(path)
            bits = self._modes.get(path, stat.S_IMODE(copy.st_mode) & ~_UMASK)
            return self._stat_result(path, "file", copy.st_size, copy.st_mtime_ns, bits)
        info = self._ask("stat", path, names=(name,))
        return self._stat_result(path, info.kind, info.size, _nanoseconds(info.mtimeMs), info.mode)

    def _stat_result(self, path, kind, size, mtime_ns, bits):
        """`bits` are the permission bits as the mount reports them; a file's MEMFS copy keeps
        its own (MEMFS would enforce them, where the shell's user is not refused)."""
        inode = self._inodes.setdefault(path, len(self._inodes) + 1)
        self._modes[path] = bits
        mode = (stat.S_IFDIR if kind == "directory" else stat.S_IFREG) | bits
        seconds = mtime_ns // 1_000_000_000
        times = {f"st_{name}time": seconds + mtime_ns % 1_000_000_000 * 1e-9 for name in "amc"}
        times_ns = {f"st_{name}time_ns": mtime_ns for name in "amc"}
        return os.stat_result(
            (mode, inode, self._owner(path).device, 1, 0, 0, size, seconds, seconds, seconds),
            {**times, **times_ns, "st_blksize": 4096, "st_blocks": -(-size // 512), "st_rdev": 0},
        )

    def _move(self, original, src, dst, src_dir_fd, dst_dir_fd):
        """os.rename or os.replace: within a mount through Java; between a mount and elsewhere EXDEV."""
        if src_dir_fd is not None or dst_dir_fd is not None:
            return original(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
        source, target = self._route(src), self._route(dst)
        if source is None and target is None:
            return original(src, dst)
        if source is None or target is None:
            raise OSError(errno.EXDEV, "Invalid cross-device link", src, None, dst)
        self._ask("rename", source, target, names=(src, dst))
        if source != target:
            self._move_modes(source, target)
            self._remove_copy(target)
            if self._copy_kind(source) is not None:
                self._make_copy_dirs(posixpath.dirname(target))
                self._copy.rename(source, target)

    def _move_modes(self, source, target):
        """The modes known under `source` (a file, or a directory and all below it) now belong under `target`."""
        for known in [known for known in self._modes if _within(known, target)]:
            del self._modes[known]
        for known in [known for known in self._modes if _within(known, source)]:
            self._modes[target + known[len(source):]] = self._modes.pop(known)

    # --- the MEMFS copy ---------------------------------------------------------------------

    def _prepare(self, path, raw_mode, name):
        """Gets MEMFS ready for opening mount file `path` in `raw_mode` ('r', 'w', 'a', 'x', maybe with '+').

        Reading and updating need the file's bytes; creating needs its directory.
        """
        if raw_mode != "r" and self._owner(path).mode == "read":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), name)
        if self._copy_kind(path) is not None:
            return
        kind = raw_mode[0]
        if kind == "r":
            self._fetch(path, name)
        elif kind == "a":
            try:
                self._fetch(path, name)
            except FileNotFoundError:
                self._make_parent(path, name)
        elif kind == "x":
            if self._exists(path, name):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), name)
            self._make_parent(path, name)
        else:
            self._make_parent(path, name)

    def _fetch(self, path, name):
        """Copies mount file `path` from Java into MEMFS; for a directory, creates it there."""
        info = self._ask("stat", path, names=(name,))
        self._modes[path] = info.mode
        if info.kind == "directory":
            self._make_copy_dirs(path)
            return
        self._make_copy_dirs(posixpath.dirname(path))
        try:
            self._ask("fetch", path, names=(name,))
            mtime_ns = _nanoseconds(info.mtimeMs)
            self._copy.utime(path, ns=(mtime_ns, mtime_ns))
        except BaseException:
            self._remove_copy(path)
            raise

    def _flush(self, path, name):
        """Sends the whole MEMFS copy of `path` to Java; when Java refuses it, drops the copy."""
        # Every close of a file opened for writing sends the whole file, so of two writers of one
        # file, the last to close wins.
        try:
            with self._copy.open(path, "rb") as copy:
                content = copy.read()
            self._ask("write", path, to_js(content), names=(name,))
        except BaseException:
            self._remove_copy(path)
            raise

    def _exists(self, path, name):
        try:
            self._ask("stat", path, names=(name,))
        except FileNotFoundError:
            return False
        return True

    def _make_parent(self, path, name):
        """Creates the directory of `path` in MEMFS, after Java confirms it exists."""
        parent = posixpath.dirname(path)
        if self._copy_kind(parent) == "directory":
            return
        if self._ask("stat", parent, names=(name,)).kind != "directory":
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), name)
        self._make_copy_dirs(parent)

    def _copy_kind(self, path):
        """'file' or 'directory' when MEMFS holds `path`, else None."""
        try:
            mode = self._copy.lstat(path).st_mode
        except OSError:
            return None
        return "directory" if stat.S_ISDIR(mode) else "file"

    def _make_copy_dirs(self, path):
        if self._copy_kind(path) is None:
            self._make_copy_dirs(posixpath.dirname(path))
            self._copy.mkdir(path)

    def _remove_prefixes(self):
        for mount in self._mounts:
            try:
                self._remove_copy(mount.prefix)
            except OSError:
                # The program made a name behind the hooks (io.FileIO, a dir_fd) that MEMFS stored
                # garbled, which no path reaches: JavaScript removes the copy by its nodes.
                self._bridge.forget(mount.prefix)

    def _remove_copy(self, path):
        """Removes `path` from MEMFS with all it holds, sparing the interpreter's directories."""
        kind = self._copy_kind(path)
        if kind == "file":
            self._copy.unlink(path)
        elif kind == "directory" and path not in _INTERPRETER_DIRS:
            with self._copy.scandir(path) as entries:
                children = [entry.path for entry in entries]
            for child in children:
                self._remove_copy(child)
            if path != "/":
                self._copy.rmdir(path)

    def _open_descriptor(self, file, mode, buffering, encoding, errors, newline, closefd, opener):
        """open() of a descriptor, given or from `opener`.

        When os.open() gave the descriptor for writing a mount file, closing the file object sends
        that file to Java.
        """
        raw_mode, binary = _parse_mode(mode, encoding, errors, newline)
        raw = _MountFile(file, raw_mode, closefd, opener, self._flush_descriptor)
        return self._track(_layered(raw, raw_mode, binary, mode, buffering, encoding, errors, newline))

    def _flush_descriptor(self, fd):
        written = self._written_fds.pop(fd, None)
        if written is not None:
            self._flush(*written)

    def _track(self, file):
        self._open_files[id(file)] = weakref.ref(file)
        return file


class _MountFinder:
    """Finds modules, packages and namespace package portions in one mount directory, in the order
    CPython's FileFinder does: a package (`name/__init__.py`), a module (`name.py`), then a
    directory without `__init__.py` as a portion of a namespace package.

    `directory` is the normalised path the mounts route; `shown` is the sys.path entry made
    absolute, not normalised, which modules' `__file__` start with, as in CPython.
    """

    def __init__(self, mounts, directory, shown):
        self._mounts = mounts
        self._directory = directory
        self._shown = shown

    def find_spec(self, fullname, target=None):
        leaf = fullname.rpartition(".")[2]
        package = posixpath.join(self._directory, leaf)
        shown_package = posixpath.join(self._shown, leaf)
        kind = self._kind(package)
        if kind == "directory":
            if self._kind(posixpath.join(package, "__init__.py")) == "file":
                return self._spec(fullname, posixpath.join(shown_package, "__init__.py"), [shown_package])
        if self._kind(package + ".py") == "file":
            return self._spec(fullname, shown_package + ".py", None)
        if kind == "directory":
            spec = importlib.machinery.ModuleSpec(fullname, None, is_package=True)
            spec.submodule_search_locations = [shown_package]
            return spec
        return None

    def invalidate_caches(self):
        pass

    def _spec(self, fullname, path, search):
        loader = _MountLoader(fullname, path, self._mounts)
        return importlib.util.spec_from_file_location(fullname, path, loader=loader, submodule_search_locations=search)

    def _kind(self, path):
        try:
            mode = self._mounts.stat(path).st_mode
        except OSError:
            return None
        return "directory" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else None


class _FreshSourceLoader(importlib.machinery.SourceFileLoader):
    """CPython's loader of source files, compiling at the call's -O level, with one more rule for
    its bytecode.

    The .pyc is CPython's own (timestamp-based), validated as CPython validates it (its source's
    mtime in whole seconds, and size), and trusted only when it was written in a later second than
    its source was last changed. An edit of the same size within the second the .pyc was written
    in, which CPython would not notice, is thus always seen: such a .pyc is compiled again.
    """

    _source_mtime = None

    def source_to_code(self, data, path, *, _optimize=-1):
        """Compiles at the -O level of the call, as CPython's imports do (its .pyc is named for it)."""
        return super().source_to_code(data, path, _optimize=sys.flags.optimize if _optimize == -1 else _optimize)

    def path_stats(self, path):
        stats = self._stats(path)
        if path == self.path:
            self._source_mtime = stats["mtime"]
        return stats

    def get_data(self, path):
        if self._source_mtime is not None and path != self.path and path == _cached_path(self.path):
            if int(self._stats(path)["mtime"]) <= int(self._source_mtime):
                raise OSError(errno.ESTALE, "bytecode not written after its source's last second", path)
        return self._read(path)

    def _stats(self, path):
        return super().path_stats(path)

    def _read(self, path):
        return super().get_data(path)


# A finder of directories outside the mounts and the interpreter's own, as CPython's default one,
# that loads source files with the rule above.
_fresh_file_finder = importlib.machinery.FileFinder.path_hook(
    (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
    (_FreshSourceLoader, importlib.machinery.SOURCE_SUFFIXES),
    (importlib.machinery.SourcelessFileLoader, importlib.machinery.BYTECODE_SUFFIXES),
)


class _MountLoader(_FreshSourceLoader):
    """Loads a module's source from a mount, and its bytecode from `__pycache__` there.

    Bytecode is written back to the mount, unless sys.dont_write_bytecode, or the mount is
    read-only: then nothing is written and nothing is said, as CPython on a read-only directory.
    """

    def __init__(self, fullname, path, mounts):
        super().__init__(fullname, path)
        self._mounts = mounts

    def _stats(self, path):
        info = self._mounts.stat(path)
        return {"mtime": info.st_mtime, "size": info.st_size}

    def _read(self, path):
        target = self._mounts._route(path)
        if target is None:
            return super()._read(path)
        self._mounts._prepare(target, "r", path)
        with self._mounts._copy.open(target, "rb") as file:
            return file.read()

    def set_data(self, path, data, *, _mode=0o666):
        target = self._mounts._route(path)
        if target is None:
            return super().set_data(path, data, _mode=_mode)
        if self._mounts._owner(target).mode == "read":
            return None
        try:
            directory = posixpath.dirname(path)
            if self._mounts._copy_kind(self._mounts._route(directory)) != "directory":
                with contextlib.suppress(FileExistsError):
                    self._mounts.mkdir(directory)
            with self._mounts.open(path, "wb") as file:
                file.write(data)
        except OSError:
            pass
        return None


def _cached_path(source):
    try:
        return importlib.util.cache_from_source(source)
    except NotImplementedError:
        return None


class _MountFile(io.FileIO):
    """A file open for writing a mount file's MEMFS copy; once closed, it calls on_close(descriptor)."""

    def __init__(self, file, mode, closefd, opener, on_close):
        super().__init__(file, mode, closefd, opener)
        self._on_close = on_close

    def close(self):
        if self.closed:
            return
        descriptor = self.fileno()
        super().close()
        self._on_close(descriptor)


class _DirEntry:
    """What os.scandir() yields for a mount directory, built from Java's listing."""

    __slots__ = ("name", "path", "_stat")

    def __init__(self, name, path, stat_result):
        self.name = name
        self.path = path
        self._stat = stat_result

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return f"<DirEntry {self.name!r}>"

    def inode(self):
        return self._stat.st_ino

    def is_dir(self, *, follow_symlinks=True):
        return stat.S_ISDIR(self._stat.st_mode)

    def is_file(self, *, follow_symlinks=True):
        return stat.S_ISREG(self._stat.st_mode)

    def is_symlink(self):
        return False

    def is_junction(self):
        return False

    def stat(self, *, follow_symlinks=True):
        return self._stat


class _ScandirIterator:
    """What os.scandir() returns for a mount directory: an iterator and a context manager."""

    def __init__(self, entries):
        self._entries = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def close(self):
        self._entries = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _kept_prefixes(kept):
    """What Mounts.fresh left in `_kept` (a tuple of prefixes, or None); None for anything else a
    program put there. (Between calls the shim's restore lets it hold plain values only.)"""
    if type(kept) is tuple and all(type(prefix) is str for prefix in kept):
        return kept
    return None


def _within(path, prefix):
    return prefix == "/" or path == prefix or path.startswith(prefix + "/")


def _in_interpreter_dirs(path):
    return path in _INTERPRETER_DIRS or path.startswith(_INTERPRETER_DIR_PREFIXES)


def _c_int(value):
    """`value` as CPython's os functions take a C int argument: an index, within C int's range."""
    number = operator.index(value)
    if not -0x80000000 <= number <= 0x7FFFFFFF:
        raise OverflowError("Python int too large to convert to C int")
    return number


def _nanoseconds(milliseconds):
    return int(milliseconds * 1_000_000)


def _name_encoder(path):
    """How names listed for `path` are returned: bytes for a bytes path, as os.listdir does."""
    return os.fsencode if isinstance(os.fspath(path), bytes) else str


def _check_storable(name, absolute, given):
    """Refuses, as Linux does, a path no mount can store: `name` as the program wrote it (decoded),
    `absolute` its normalised form, `given` the argument the OSError names."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise OSError(errno.EILSEQ, _NOT_TEXT, given) from None
    if len(absolute.encode("utf-8")) > _PATH_MAX or any(
        len(part.encode("utf-8")) > _NAME_MAX for part in name.split("/")
    ):
        raise OSError(errno.ENAMETOOLONG, _TOO_LONG, given)


def _os_error(refusal, name, other_name=None):
    """The OSError for Java's refusal ({message, reason}) of an operation on `name` (and `other_name`)."""
    number = _ERRNO_BY_REASON.get(refusal.reason, errno.EIO)
    return OSError(number, refusal.message, name, None, other_name)


def _parse_mode(mode, encoding, errors, newline):
    """An open() mode's raw part ('r', 'w+', ...) and whether it is binary, checked as io.open checks it."""
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    chars = set(mode)
    if not chars <= set("rwxabt+") or len(chars) != len(mode):
        raise ValueError(f"invalid mode: '{mode}'")
    kinds = chars & set("rwxa")
    if len(kinds) != 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    binary = "b" in chars
    if binary and "t" in chars:
        raise ValueError("can't have text and binary mode at once")
    for argument, value in (("an encoding", encoding), ("an errors", errors), ("a newline", newline)):
        if binary and value is not None:
            raise ValueError(f"binary mode doesn't take {argument} argument")
    return kinds.pop() + ("+" if "+" in chars else ""), binary


def _raw_mode_of_flags(flags):
    """The open() raw mode that prepares a mount file as os.open() with these flags needs it."""
    creating = flags & os.O_CREAT
    if flags & os.O_ACCMODE == os.O_RDONLY and not creating and not flags & os.O_TRUNC:
        return "r"
    if creating and flags & os.O_EXCL:
        return "x"
    if creating:
        return "w" if flags & os.O_TRUNC else "a"
    return "r+"


def _layered(raw, raw_mode, binary, mode, buffering, encoding, errors, newline):
    """`raw` with the buffered and text layers io.open puts over a file for these arguments."""
    try:
        line_buffering = False
        if buffering == 1:
            if binary:
                warnings.warn(
                    "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used",
                    RuntimeWarning,
                    3,
                )
            else:
                line_buffering = True
            buffering = -1
        if buffering < 0:
            buffering = raw._blksize if raw._blksize > 1 else io.DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return raw
            raise ValueError("can't have unbuffered text I/O")
        buffered = io.BufferedRandom if "+" in raw_mode else io.BufferedReader if raw_mode == "r" else io.BufferedWriter
        buffer = buffered(raw, buffering)
        if binary:
            return buffer
        text = io.TextIOWrapper(buffer, io.text_encoding(encoding), errors, newline, line_buffering)
        text.mode = mode
        return text
    except BaseException:
        raw.close()
        raise


def _raw_file(file):
    """The unbuffered file under a text or buffered file object."""
    for layer in ("buffer", "raw"):
        file = getattr(file, layer, file)
    return file


def _close_reporting(subject, close):
    """Calls close(); reports an exception as CPython reports one raised while finalising `subject`."""
    description = repr(subject)
    try:
        close()
    except Exception as error:
        _report_ignored(description, error)


def _report_ignored(description, error):
    """Reports `error` as CPython reports one raised while finalising what `description` names."""
    print(f"Exception ignored in: {description}", file=sys.stderr)
    traceback.print_exception(error, file=sys.stderr)


@contextlib.contextmanager
def _attribute(target, name, value):
    saved = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, saved)
