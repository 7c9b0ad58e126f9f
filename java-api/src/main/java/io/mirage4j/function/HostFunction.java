package io.mirage4j.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Java function that sandboxed Python calls by name: {@code from mirage4j import tools;
 * tools.search(query="pyodide", limit=5)}. It has a name (a Python identifier), a description
 * (the Python function's docstring), the JSON Schema of its arguments ({@link ArgumentSchema}: an
 * object whose properties are the keyword arguments) and a handler, synchronous or asynchronous.
 * Give it to every session with {@code Workspace.builder().function(f)}, or to one with {@code
 * session.function(f)}.
 *
 * <p>The handler runs on a thread of the runtime while the Python program waits. It gets the
 * arguments after the name, the schema, the size cap and the permission profile have been checked
 * in Java; what it returns (any JSON, {@code BinaryNode} for bytes) is what the Python call
 * returns, and an exception it throws is raised in Python as {@code mirage4j.HostError} with its
 * message. The Python call's time limit covers the handler: past it the handler's thread is
 * interrupted (an async handler's future cancelled) and the program ends with exit status 124. A
 * handler must not run command lines or cells in its own workspace: that is refused with an
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * record Search(String query, Integer limit) {}
 *
 * HostFunction search = HostFunction.of("search", "Searches the document store.", Search.class,
 *     (args, context) -> store.search(args.query(), args.limit() == null ? 5 : args.limit()));
 * Workspace ws = Workspace.builder().mount("/data", Resources.inMemory()).function(search).build();
 * ws.execute("python3 -c 'from mirage4j import tools; print(tools.search(query=\"pyodide\"))'");
 * }</pre>
 */
public final class HostFunction {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * A synchronous handler.
   *
   * <pre>{@code
   * HostFunction.Handler echo = (args, context) -> args;
   * }</pre>
   */
  @FunctionalInterface
  public interface Handler {
    /** The result of one call; null means JSON null. */
    JsonNode call(JsonNode args, CallContext context) throws Exception;
  }

  /**
   * An asynchronous handler: the Python call waits for the stage to complete.
   *
   * <pre>{@code
   * HostFunction.AsyncHandler fetch = (args, context) -> client.fetchAsync(args.get("url").asText());
   * }</pre>
   */
  @FunctionalInterface
  public interface AsyncHandler {
    /** The result of one call, once complete; a null result means JSON null. */
    CompletionStage<JsonNode> call(JsonNode args, CallContext context);
  }

  /**
   * A handler that takes its arguments as a Java record and returns any value Jackson can turn
   * into JSON ({@code byte[]} becomes bytes).
   *
   * <pre>{@code
   * HostFunction.RecordHandler<Search> handler = (args, context) -> List.of(args.query());
   * }</pre>
   */
  @FunctionalInterface
  public interface RecordHandler<A extends Record> {
    /** The result of one call. */
    Object call(A args, CallContext context) throws Exception;
  }

  private final String name;
  private final String description;
  private final ObjectNode schema;
  private final Handler syncHandler;
  private final AsyncHandler asyncHandler;

  private HostFunction(String name, String description, JsonNode schema, Handler syncHandler, AsyncHandler asyncHandler) {
    if (!ArgumentSchema.isPythonName(name)) {
      throw new IllegalArgumentException("a host function's name must be a Python identifier of at most 64 characters"
          + " and no keyword, got '" + name + "'");
    }
    this.description = Objects.requireNonNull(description, "description");
    ArgumentSchema.check(schema);
    this.name = name;
    this.schema = ((ObjectNode) schema).deepCopy();
    this.syncHandler = syncHandler;
    this.asyncHandler = asyncHandler;
  }

  /** A function with a synchronous handler. */
  public static HostFunction of(String name, String description, JsonNode schema, Handler handler) {
    return new HostFunction(name, description, schema, Objects.requireNonNull(handler, "handler"), null);
  }

  /** A function with an asynchronous handler. */
  public static HostFunction async(String name, String description, JsonNode schema, AsyncHandler handler) {
    return new HostFunction(name, description, schema, null, Objects.requireNonNull(handler, "handler"));
  }

  /**
   * A function whose arguments are the components of {@code type}: the schema is derived from them
   * ({@link RecordSchemas}), and each call's arguments are turned into a record before {@code
   * handler} sees them.
   */
  public static <A extends Record> HostFunction of(String name, String description, Class<A> type,
      RecordHandler<A> handler) {
    Objects.requireNonNull(handler, "handler");
    ObjectNode schema = RecordSchemas.of(type);
    return of(name, description, schema, (args, context) -> {
      A record;
      try {
        record = MAPPER.treeToValue(args, type);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new HostCallException(HostCallException.Reason.INVALID, "the arguments do not make a "
            + type.getSimpleName() + ": " + e.getOriginalMessage());
      }
      return MAPPER.valueToTree(handler.call(record, context));
    });
  }

  /** The name Python calls it by. */
  public String name() {
    return name;
  }

  /** What it does: the Python function's docstring. */
  public String description() {
    return description;
  }

  /** The JSON Schema of its arguments (a copy). */
  public ObjectNode schema() {
    return schema.deepCopy();
  }

  /** Whether the handler is synchronous: it then runs on the thread that answers the call. */
  public boolean synchronous() {
    return syncHandler != null;
  }

  /**
   * Runs the handler once. A synchronous handler runs on this thread, and what it throws comes
   * back as a failed stage; an asynchronous one's stage is returned as it is.
   */
  public CompletionStage<JsonNode> invoke(JsonNode args, CallContext context) {
    if (syncHandler != null) {
      try {
        return CompletableFuture.completedFuture(syncHandler.call(args, context));
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return asyncHandler.call(args, context);
  }

  @Override
  public String toString() {
    return "HostFunction[" + name + "]";
  }
}
