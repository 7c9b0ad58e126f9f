package io.mirage4j.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.mirage4j.audit.AuditEvent;
import io.mirage4j.audit.SessionAudit;
import io.mirage4j.function.ArgumentSchema;
import io.mirage4j.function.CallContext;
import io.mirage4j.function.HostCallException;
import io.mirage4j.function.HostCallException.Reason;
import io.mirage4j.function.HostCalls;
import io.mirage4j.function.HostFunction;
import io.mirage4j.permission.PermissionGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One session's host functions: the workspace's and its own. Answers each call of the session's
 * Python programs after checking it again (the name, the arguments' size and schema, the
 * permission profile), records it in the audit, and refuses a handler's attempt to run command
 * lines or cells in its own workspace, which waits for the handler.
 */
final class SessionFunctions implements HostCalls {
  /** The workspace whose host function the current thread is running, if any. */
  private static final ThreadLocal<Object> RUNNING_FOR = new ThreadLocal<>();

  private final Object workspace;
  private final String session;
  private final PermissionGate gate;
  private final SessionAudit audit;
  private final long resultLimit;
  private final Map<String, HostFunction> functions = new LinkedHashMap<>();

  SessionFunctions(Object workspace, String session, List<HostFunction> given, PermissionGate gate, SessionAudit audit,
      long resultLimit) {
    this.workspace = workspace;
    this.session = session;
    this.gate = gate;
    this.audit = audit;
    this.resultLimit = resultLimit;
    given.forEach(this::add);
  }

  synchronized void add(HostFunction function) {
    functions.put(function.name(), function);
  }

  @Override
  public synchronized List<HostFunction> functions() {
    return List.copyOf(functions.values());
  }

  /**
   * Throws when the current thread runs a host function of {@code workspace}: the Python call
   * that called it holds the session (and the workspace's interpreter) until it returns, so
   * running a line or a cell there would wait for itself.
   */
  static void refuseCallBack(Object workspace, String what) {
    if (workspace != null && RUNNING_FOR.get() == workspace) {
      throw new IllegalStateException("a host function cannot " + what + " in its own workspace: the Python call that"
          + " called it waits for it to return (use another workspace, or return data and let the program act on it)");
    }
  }

  Object workspace() {
    return workspace;
  }

  @Override
  public JsonNode call(String name, JsonNode args) {
    long start = System.nanoTime();
    HostFunction function;
    synchronized (this) {
      function = functions.get(name);
    }
    long argsSize = args == null ? 0 : sizeOf(args, null);
    try {
      if (function == null) {
        throw new HostCallException(Reason.UNKNOWN, "no function named '" + name + "' was handed to this session");
      }
      if (args == null || !args.isObject()) {
        throw new HostCallException(Reason.INVALID, "the arguments must be an object");
      }
      if (argsSize > ARGS_LIMIT) {
        throw new HostCallException(Reason.TOO_LARGE, "the arguments take " + argsSize + " bytes, more than the limit of "
            + ARGS_LIMIT);
      }
      String problem = ArgumentSchema.violation(function.schema(), args);
      if (problem != null) {
        throw new HostCallException(Reason.INVALID, problem);
      }
      if (gate != null && !gate.admitsFunction(name, args)) {
        throw new HostCallException(Reason.DENIED, "Permission denied: the session's permission profile does not let it"
            + " call " + name);
      }
    } catch (HostCallException e) {
      if (audit != null) {
        audit.record(AuditEvent.Kind.FUNCTION, name, List.of(), 126, start, argsSize, e.getMessage());
      }
      throw e;
    }
    JsonNode result = null;
    String failure = null;
    try {
      result = run(function, args);
      List<String> problems = new ArrayList<>();
      long size = sizeOf(result, problems);
      if (size > resultLimit) {
        throw new HostCallException(Reason.TOO_LARGE, "the result takes " + size + " bytes, more than the limit of "
            + resultLimit);
      }
      if (!problems.isEmpty()) {
        throw new HostCallException(Reason.FAILED, "the result cannot reach Python: " + problems.get(0));
      }
      return result;
    } catch (HostCallException e) {
      failure = e.getMessage();
      throw e;
    } finally {
      if (audit != null) {
        long bytes = argsSize + (result == null || failure != null ? 0 : sizeOf(result, null));
        audit.record(AuditEvent.Kind.FUNCTION, name, List.of(), failure == null ? 0 : 1, start, bytes, failure);
      }
    }
  }

  private JsonNode run(HostFunction function, JsonNode args) {
    Object outer = RUNNING_FOR.get();
    RUNNING_FOR.set(workspace);
    CompletableFuture<JsonNode> pending = null;
    try {
      pending = function.invoke(args, new CallContext(function.name(), session)).toCompletableFuture();
      JsonNode result = pending.get();
      return result == null ? NullNode.instance : result;
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new HostCallException(Reason.ENDED, "the Python call ended while " + function.name() + " ran");
    } catch (ExecutionException | CancellationException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof HostCallException h) {
        throw h;
      }
      if (cause instanceof InterruptedException || cause instanceof CancellationException) {
        throw new HostCallException(Reason.ENDED, "the Python call ended while " + function.name() + " ran", cause);
      }
      String message = cause.getMessage();
      throw new HostCallException(Reason.FAILED, message == null || message.isBlank() ? cause.getClass().getSimpleName()
          : message, cause);
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      throw new HostCallException(Reason.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } finally {
      if (outer == null) {
        RUNNING_FOR.remove();
      } else {
        RUNNING_FOR.set(outer);
      }
    }
  }

  private static long sizeOf(JsonNode value, List<String> problems) {
    return ArgumentSchema.sizeOf(value, problems);
  }
}
