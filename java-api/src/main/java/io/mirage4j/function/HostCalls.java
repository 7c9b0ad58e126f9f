package io.mirage4j.function;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The host functions one Python call may use, and the way its requests are answered: what a
 * {@link io.mirage4j.python.PythonRuntime} is given with each call. The runtime describes {@link
 * #functions()} to the interpreter and passes each request of the program to {@link #call}, which
 * checks everything again (the name, the arguments against the schema, the caps, the permission
 * profile) before the handler runs: nothing the program sends is trusted.
 *
 * <pre>{@code
 * HostCalls calls = HostCalls.none();
 * calls.functions(); // []
 * }</pre>
 */
public interface HostCalls {

  /** The most bytes of arguments one call may send: their JSON text and their bytes values. */
  long ARGS_LIMIT = 8L << 20;

  /** The most bytes of result one call returns unless the workspace says otherwise. */
  long DEFAULT_RESULT_LIMIT = 8L << 20;

  /** The functions offered, in the order they were given. */
  List<HostFunction> functions();

  /**
   * Calls the function {@code name} with {@code args} as the program sent them, on this thread,
   * and returns its result. An interrupt of this thread (the Python call ended) stops the wait.
   *
   * @throws HostCallException when the call is refused or fails
   */
  JsonNode call(String name, JsonNode args);

  /** No functions; every call is refused. */
  static HostCalls none() {
    return new HostCalls() {
      @Override
      public List<HostFunction> functions() {
        return List.of();
      }

      @Override
      public JsonNode call(String name, JsonNode args) {
        throw new HostCallException(HostCallException.Reason.UNKNOWN, "no function named '" + name + "' was handed to this program");
      }
    };
  }
}
