package io.mirage4j.rpc;

import java.util.List;

/**
 * The method names of the sidecar protocol ({@code js-shim/PROTOCOL.md}); {@code
 * test-fixtures/protocol/methods.json} is the shared list.
 * Used by {@code io.mirage4j.sidecar} to talk to the Node process; not part of the stable API.
 *
 * <pre>{@code
 * CompletableFuture<JsonNode> ran = rpc.request(Methods.PYTHON_RUN, params);
 * }</pre>
 */
public final class Methods {
  private Methods() {}

  public static final String READY = "$/ready";
  public static final String RUNNING = "$/running";
  public static final String OUTPUT = "$/output";
  public static final String CRASHED = "$/crashed";
  public static final String INTERPRETER_START = "interpreter/start";
  public static final String INTERPRETER_STOP = "interpreter/stop";
  public static final String CANCEL_REQUEST = "$/cancelRequest";
  public static final String PYTHON_RUN = "python/run";
  public static final String PYTHON_INSTALL = "python/install";
  /** Java → Node: the running program of an interpreter gets KeyboardInterrupt, as Ctrl-C gives a process. */
  public static final String PYTHON_INTERRUPT = "python/interrupt";
  public static final String SHUTDOWN = "shutdown";
  public static final String FS_STAT = "fs/stat";
  public static final String FS_LIST = "fs/list";
  public static final String FS_READ = "fs/read";
  public static final String FS_WRITE = "fs/write";
  public static final String FS_MKDIR = "fs/mkdir";
  public static final String FS_REMOVE = "fs/remove";
  public static final String FS_RMDIR = "fs/rmdir";
  public static final String FS_RENAME = "fs/rename";
  public static final String FS_CHMOD = "fs/chmod";
  public static final String STDIN_READ = "stdin/read";
  public static final String HOST_CALL = "host/call";

  /** The methods by which Node reaches the workspace's mounts. */
  public static final List<String> FS_METHODS =
      List.of(FS_STAT, FS_LIST, FS_READ, FS_WRITE, FS_MKDIR, FS_REMOVE, FS_RMDIR, FS_RENAME, FS_CHMOD);
}
