package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mirage4j.function.HostCallException;
import io.mirage4j.function.HostCalls;
import io.mirage4j.rpc.RpcError;
import io.mirage4j.rpc.RpcErrorCode;
import io.mirage4j.rpc.RpcException;
import java.util.HashSet;
import java.util.Set;

/**
 * Answers the sidecar's {@code host/call} requests ({@code {name, args}}) with the host functions
 * of the {@code python/run} in flight, and refuses them at any other time: a program that kept a
 * way to call (an asyncio callback, a reference found through the garbage collector) can call
 * nothing once its call has ended. When the call ends, the threads still running a handler are
 * interrupted. A refusal or failure is error {@code -32006} with {@code data.reason} one of {@link
 * HostCallException.Reason}'s names.
 */
final class HostCallBridge {
  private final Object lock = new Object();
  private final Set<Thread> running = new HashSet<>();
  private HostCalls current;

  /** From now on, requests are answered by {@code calls}. */
  void open(HostCalls calls) {
    synchronized (lock) {
      current = calls;
    }
  }

  /** The call has ended: requests are refused, and the handlers still running are interrupted. */
  void close() {
    synchronized (lock) {
      current = null;
      running.forEach(Thread::interrupt);
    }
  }

  JsonNode call(JsonNode params) throws RpcException {
    JsonNode name = params.get("name");
    JsonNode args = params.get("args");
    if (name == null || !name.isTextual() || args == null || !args.isObject()) {
      throw new RpcException(RpcErrorCode.INVALID_PARAMS, "host/call: name must be a string and args an object");
    }
    HostCalls calls;
    Thread self = Thread.currentThread();
    synchronized (lock) {
      calls = current;
      if (calls == null) {
        throw refusal(new HostCallException(HostCallException.Reason.ENDED, "no Python call is running"));
      }
      running.add(self);
    }
    try {
      return calls.call(name.textValue(), args);
    } catch (HostCallException e) {
      throw refusal(e);
    } finally {
      synchronized (lock) {
        running.remove(self);
        Thread.interrupted(); // an interrupt meant for this call must not reach the thread's next task
      }
    }
  }

  private static RpcException refusal(HostCallException e) {
    return new RpcException(new RpcError(RpcErrorCode.HOST_FUNCTION.code(), e.getMessage(),
        JsonNodeFactory.instance.objectNode().put("reason", e.reason().name())));
  }
}
