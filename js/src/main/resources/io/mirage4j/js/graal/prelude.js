// What a js program sees of Node: console, process, require('fs'), Buffer, timers, URL. Evaluated
// first in every context; the host bridge is reachable only from these closures.
(function (host) {
  'use strict';
  const config = JSON.parse(host.config());
  const g = globalThis;
  for (const name of ['Java', 'Polyglot', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'read', 'readbuffer', 'readline', 'console', 'Graal']) {
    try { delete g[name]; } catch (e) { /* not configurable */ }
  }

  // Bytes cross the bridge as strings of chars 0-255.
  function toBinary(u8) {
    let s = '';
    for (let i = 0; i < u8.length; i += 8192) {
      s += String.fromCharCode.apply(null, u8.subarray(i, i + 8192));
    }
    return s;
  }
  function fromBinary(s) {
    const u8 = new Buffer(s.length);
    for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
    return u8;
  }

  class Buffer extends Uint8Array {
    static from(value, encoding) {
      if (typeof value === 'string') {
        if (encoding === 'latin1' || encoding === 'binary') return fromBinary(value);
        if (encoding === 'base64') return fromBinary(host.base64Decode(value));
        if (encoding === 'hex') {
          const b = new Buffer(value.length >> 1);
          for (let i = 0; i < b.length; i++) b[i] = parseInt(value.substr(i * 2, 2), 16);
          return b;
        }
        return fromBinary(host.utf8Encode(value));
      }
      const b = new Buffer(value.length);
      for (let i = 0; i < value.length; i++) b[i] = value[i];
      return b;
    }
    static alloc(n) { return new Buffer(n); }
    static isBuffer(v) { return v instanceof Buffer; }
    static concat(list) {
      const b = new Buffer(list.reduce((n, x) => n + x.length, 0));
      let at = 0;
      for (const x of list) { b.set(x, at); at += x.length; }
      return b;
    }
    toString(encoding, start, end) {
      const part = this.subarray(start || 0, end === undefined ? this.length : end);
      if (encoding === 'latin1' || encoding === 'binary') return toBinary(part);
      if (encoding === 'base64') return host.base64Encode(toBinary(part));
      if (encoding === 'hex') return Array.from(part, (x) => x.toString(16).padStart(2, '0')).join('');
      return host.utf8Decode(toBinary(part));
    }
  }
  g.Buffer = Buffer;

  if (typeof g.TextEncoder !== 'function') {
    g.TextEncoder = class TextEncoder {
      get encoding() { return 'utf-8'; }
      encode(s) { const b = fromBinary(host.utf8Encode(String(s === undefined ? '' : s))); return new Uint8Array(b.buffer); }
    };
  }
  if (typeof g.TextDecoder !== 'function') {
    g.TextDecoder = class TextDecoder {
      get encoding() { return 'utf-8'; }
      decode(u8) { return u8 === undefined ? '' : host.utf8Decode(toBinary(new Uint8Array(u8.buffer || u8, u8.byteOffset || 0, u8.byteLength))); }
    };
  }

  // --- inspect: a small subset of util.inspect, on one line ---
  const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  function quote(s) {
    return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t') + "'";
  }
  function inspect(v, depth, seen) {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'undefined': return 'undefined';
      case 'string': return depth === 0 ? v : quote(v);
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return v + 'n';
      case 'boolean': return String(v);
      case 'symbol': return v.toString();
      case 'function': {
        const isClass = /^class\b/.test(Function.prototype.toString.call(v));
        return isClass ? '[class ' + (v.name || '(anonymous)') + ']' : v.name ? '[Function: ' + v.name + ']' : '[Function (anonymous)]';
      }
    }
    seen = seen || [];
    if (seen.includes(v)) return '[Circular *1]';
    if (v instanceof Error) return v.stack || String(v);
    if (v instanceof Date) return isNaN(v) ? 'Invalid Date' : v.toISOString();
    if (v instanceof RegExp) return String(v);
    const next = depth === 0 ? 1 : depth + 1;
    if (depth > 2) return Array.isArray(v) ? '[Array]' : '[Object]';
    const inner = (x) => inspect(x, next, seen.concat([v]));
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = [];
      for (let i = 0; i < v.length && i < 100; i++) items.push(inner(v[i]));
      if (v.length > 100) items.push('... ' + (v.length - 100) + ' more item' + (v.length - 100 > 1 ? 's' : ''));
      const prefix = Array.isArray(v) ? '' : (v instanceof Buffer ? 'Buffer' : v.constructor.name) + '(' + v.length + ') ';
      if (v instanceof Buffer) return '<Buffer ' + Array.from(v.subarray(0, 50), (x) => x.toString(16).padStart(2, '0')).join(' ') + (v.length > 50 ? ' ... ' + (v.length - 50) + ' more bytes' : '') + '>';
      return items.length ? prefix + '[ ' + items.join(', ') + ' ]' : prefix + '[]';
    }
    if (v instanceof Map) {
      const items = Array.from(v, ([k, x]) => inner(k) + ' => ' + inner(x));
      return 'Map(' + v.size + ') ' + (items.length ? '{ ' + items.join(', ') + ' }' : '{}');
    }
    if (v instanceof Set) {
      const items = Array.from(v, inner);
      return 'Set(' + v.size + ') ' + (items.length ? '{ ' + items.join(', ') + ' }' : '{}');
    }
    if (v instanceof Promise) return 'Promise { <pending> }';
    const proto = Object.getPrototypeOf(v);
    const name = proto === null ? '[Object: null prototype] ' : proto !== Object.prototype && proto.constructor && proto.constructor.name ? proto.constructor.name + ' ' : '';
    const items = Object.keys(v).map((k) => (IDENT.test(k) ? k : quote(k)) + ': ' + inner(v[k]));
    return name + (items.length ? '{ ' + items.join(', ') + ' }' : '{}');
  }

  function format(args) {
    let out = [];
    let i = 0;
    if (typeof args[0] === 'string' && args.length > 1 && args[0].includes('%')) {
      i = 1;
      out.push(args[0].replace(/%[sdifjoO%]/g, (m) => {
        if (m === '%%') return '%';
        if (i >= args.length) return m;
        const a = args[i++];
        switch (m) {
          case '%s': return typeof a === 'string' ? a : inspect(a, 1);
          case '%d': return typeof a === 'bigint' ? a + 'n' : String(Number(a));
          case '%i': return String(parseInt(a));
          case '%f': return String(parseFloat(a));
          case '%j': return JSON.stringify(a);
          default: return inspect(a, 1);
        }
      }));
    }
    for (; i < args.length; i++) out.push(inspect(args[i], 0));
    return out.join(' ');
  }

  const console = {
    log: (...a) => host.write(1, format(a) + '\n'),
    info: (...a) => host.write(1, format(a) + '\n'),
    debug: (...a) => host.write(1, format(a) + '\n'),
    error: (...a) => host.write(2, format(a) + '\n'),
    warn: (...a) => host.write(2, format(a) + '\n'),
    trace: (...a) => host.write(2, 'Trace: ' + format(a) + '\n'),
    dir: (v) => host.write(1, inspect(v, 1) + '\n'),
  };
  g.console = console;

  // --- process ---
  function writer(fd) {
    return {
      write(chunk, encoding, cb) {
        host.write(fd, typeof chunk === 'string' ? chunk : host.utf8Decode(toBinary(chunk)));
        if (typeof encoding === 'function') encoding(); else if (typeof cb === 'function') cb();
        return true;
      },
      isTTY: false,
    };
  }
  const process = {
    argv: config.argv,
    argv0: 'node',
    execArgv: [],
    env: Object.assign({}, config.env),
    platform: 'linux',
    version: config.version,
    versions: { graaljs: config.engine },
    exitCode: undefined,
    pid: 1,
    cwd: () => config.cwd,
    exit(code) {
      host.exit(code === undefined ? (process.exitCode | 0) : code | 0);
      throw EXIT;
    },
    stdout: writer(1),
    stderr: writer(2),
    hrtime: Object.assign(() => [0, 0], { bigint: () => BigInt(Math.round(performanceNow() * 1e6)) }),
    nextTick: (fn, ...args) => Promise.resolve().then(() => fn(...args)),
  };
  const EXIT = Object.freeze({ toString: () => 'process.exit' });
  const start = Date.now();
  function performanceNow() { return Date.now() - start; }
  g.process = process;

  // --- timers: run after the program, in order of their delays, without waiting ---
  const timers = [];
  let timerSeq = 0;
  function addTimer(fn, delay, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
    const id = ++timerSeq;
    const ms = Math.max(1, Number(delay) || 0);
    timers.push({ id, fn, args, at: virtualNow + ms, ms, repeat });
    return { id, ref() { return this; }, unref() { return this; }, hasRef: () => true, [Symbol.toPrimitive]: () => id };
  }
  let virtualNow = 0;
  function clear(t) {
    const id = typeof t === 'object' && t ? t.id : t;
    const i = timers.findIndex((x) => x.id === id);
    if (i >= 0) timers.splice(i, 1);
  }
  g.setTimeout = (fn, delay, ...args) => addTimer(fn, delay, args, false);
  g.setInterval = (fn, delay, ...args) => addTimer(fn, delay, args, true);
  g.setImmediate = (fn, ...args) => addTimer(fn, 0, args, false);
  g.clearTimeout = clear;
  g.clearInterval = clear;
  g.clearImmediate = clear;
  g.queueMicrotask = (fn) => { Promise.resolve().then(fn); };
  // One due timer; false when none is left.
  function runTimer() {
    if (timers.length === 0) return false;
    let best = 0;
    for (let i = 1; i < timers.length; i++) {
      if (timers[i].at < timers[best].at || (timers[i].at === timers[best].at && timers[i].id < timers[best].id)) best = i;
    }
    const t = timers[best];
    virtualNow = t.at;
    if (t.repeat) t.at += t.ms; else timers.splice(best, 1);
    t.fn.apply(undefined, t.args);
    return true;
  }

  // --- fs ---
  const ERRORS = {
    ENOENT: [-2, 'no such file or directory'], ENOTDIR: [-20, 'not a directory'], EISDIR: [-21, 'illegal operation on a directory'],
    EEXIST: [-17, 'file already exists'], ENOTEMPTY: [-39, 'directory not empty'], EROFS: [-30, 'read-only file system'],
    EXDEV: [-18, 'cross-device link not permitted'], EACCES: [-13, 'permission denied'], EBUSY: [-16, 'resource busy or locked'],
    ENOSPC: [-28, 'no space left on device'], ENAMETOOLONG: [-36, 'name too long'], EILSEQ: [-84, 'illegal byte sequence'],
    EIO: [-5, 'i/o error'],
  };
  // The bridge answers "+payload" or "!CODE".
  function call(syscall, path, answer, dest) {
    if (answer[0] === '+') return answer.substring(1);
    const code = answer.substring(1);
    const [errno, text] = ERRORS[code] || [-5, code];
    const e = new Error(code + ': ' + text + ', ' + syscall + " '" + path + "'" + (dest !== undefined ? " -> '" + dest + "'" : ''));
    e.errno = errno; e.code = code; e.syscall = syscall; e.path = path;
    if (dest !== undefined) e.dest = dest;
    throw e;
  }
  function pathArg(p) {
    if (p instanceof URL_) p = p.pathname;
    if (typeof p !== 'string') throw new TypeError('The "path" argument must be of type string. Received ' + inspect(p, 1));
    return p;
  }
  const URL_ = typeof g.URL === 'function' ? g.URL : class {};
  function encodingOf(options) {
    return typeof options === 'string' ? options : options && options.encoding ? options.encoding : null;
  }
  function isStdin(p) { return p === 0 || p === '/dev/stdin'; }
  class Stats {
    constructor(kind, size, mtimeMs) {
      this.size = size; this.mtimeMs = mtimeMs; this.mtime = new Date(mtimeMs);
      this.mode = kind === 'd' ? 0o40755 : 0o100644;
      Object.defineProperty(this, 'kind', { value: kind });
    }
    isFile() { return this.kind === 'f'; }
    isDirectory() { return this.kind === 'd'; }
    isSymbolicLink() { return false; }
  }
  class Dirent {
    constructor(name, kind, parent) { this.name = name; this.parentPath = parent; Object.defineProperty(this, 'kind', { value: kind }); }
    isFile() { return this.kind === 'f'; }
    isDirectory() { return this.kind === 'd'; }
    isSymbolicLink() { return false; }
  }
  const fs = {
    readFileSync(p, options) {
      const bytes = isStdin(p) ? host.readStdin() : call('open', pathArg(p), host.readFile(pathArg(p)));
      const enc = encodingOf(options);
      return enc ? fromBinary(bytes).toString(enc) : fromBinary(bytes);
    },
    writeFileSync(p, data, options) {
      const flag = options && typeof options === 'object' && options.flag;
      const bytes = typeof data === 'string' ? host.utf8Encode(data) : toBinary(new Uint8Array(data.buffer || data, data.byteOffset || 0, data.byteLength));
      if (p === 1 || p === 2) { host.write(p, host.utf8Decode(bytes)); return; }
      call('open', pathArg(p), host.writeFile(pathArg(p), bytes, flag === 'a'));
    },
    appendFileSync(p, data) { fs.writeFileSync(p, data, { flag: 'a' }); },
    existsSync(p) { return typeof p === 'string' && host.exists(p); },
    readdirSync(p, options) {
      const list = call('scandir', pathArg(p), host.readdir(pathArg(p)));
      const entries = list === '' ? [] : list.split('\u0000');
      if (options && options.withFileTypes) return entries.map((e) => new Dirent(e.substring(1), e[0], p));
      return entries.map((e) => e.substring(1));
    },
    statSync(p, options) {
      const answer = host.stat(pathArg(p));
      if (answer[0] === '!' && options && options.throwIfNoEntry === false && answer === '!ENOENT') return undefined;
      const [kind, size, mtime] = call('stat', p, answer).split('\u0000');
      return new Stats(kind, Number(size), Number(mtime));
    },
    mkdirSync(p, options) {
      const recursive = options && typeof options === 'object' && options.recursive;
      const made = call('mkdir', pathArg(p), host.mkdir(p, !!recursive));
      return recursive ? (made === '' ? undefined : made) : undefined;
    },
    rmSync(p, options) {
      const o = options || {};
      call('rm', pathArg(p), host.rm(p, !!o.recursive, !!o.force));
    },
    unlinkSync(p) { call('unlink', pathArg(p), host.rm(p, false, false)); },
    rmdirSync(p, options) { call('rmdir', pathArg(p), host.rm(p, !!(options && options.recursive), false)); },
    renameSync(a, b) { call('rename', pathArg(a), host.rename(a, pathArg(b)), b); },
  };
  fs.lstatSync = fs.statSync;
  // --- URL, URLSearchParams: whatwg-url, evaluated at a program's first use of either ---
  let urlClasses;
  function urlModule() {
    if (!urlClasses) {
      // the bundle uses Node's Buffer when it finds one, and this Buffer is a subset
      const buffer = g.Buffer;
      g.Buffer = undefined;
      try {
        const made = host.urlBundle()();
        // Node's own message and code for a string that is no URL
        const URL = class URL extends made.URL {
          constructor(input, base) {
            try {
              if (arguments.length < 2) super(input); else super(input, base);
            } catch (e) {
              if (!(e instanceof TypeError) || arguments.length === 0) throw e;
              const invalid = new TypeError('Invalid URL');
              invalid.code = 'ERR_INVALID_URL';
              invalid.input = String(input);
              if (base !== undefined) invalid.base = String(base);
              throw invalid;
            }
          }
        };
        urlClasses = { URL, URLSearchParams: made.URLSearchParams };
      } finally {
        g.Buffer = buffer;
      }
    }
    return urlClasses;
  }
  for (const name of ['URL', 'URLSearchParams']) {
    const settle = (value) => Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(g, name, {
      configurable: true,
      enumerable: false,
      get() { const value = urlModule()[name]; settle(value); return value; },
      set(value) { settle(value); },
    });
  }
  const url = {
    get URL() { return urlModule().URL; },
    get URLSearchParams() { return urlModule().URLSearchParams; },
  };

  const modules = { fs, 'node:fs': fs, url, 'node:url': url };
  g.require = function require(name) {
    if (Object.prototype.hasOwnProperty.call(modules, name)) return modules[name];
    const e = new Error("Cannot find module '" + name + "'");
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  };

  function describeUncaught(err) {
    if (err instanceof Error) return String(err.name) + ': ' + String(err.message);
    return inspect(err, 1);
  }

  return {
    print: (v) => host.write(1, inspect(v, 0) + '\n'),
    runTimer,
    exitCode: () => (process.exitCode === undefined ? 0 : process.exitCode | 0),
    describeUncaught,
    isExit: (v) => v === EXIT,
    fs,
  };
})
