package io.mirage4j.js;

import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The JavaScript runtime found on the class path, looked up once per JVM.
 *
 * <pre>{@code
 * Optional<JsRuntime> js = JsRuntimes.find();
 * }</pre>
 */
public final class JsRuntimes {

  /** What {@code js} says when no runtime is on the class path. */
  public static final String NO_RUNTIME =
      "no JavaScript runtime: add io.mirage4j:mirage4j-js to the class path";

  private static volatile Optional<JsRuntime> found;

  private JsRuntimes() {}

  /** The runtime of the first {@link JsRuntimeProvider} {@link ServiceLoader} finds, if any. */
  public static Optional<JsRuntime> find() {
    Optional<JsRuntime> result = found;
    if (result == null) {
      synchronized (JsRuntimes.class) {
        result = found;
        if (result == null) {
          try {
            Iterator<JsRuntimeProvider> it =
                ServiceLoader.load(JsRuntimeProvider.class, JsRuntimes.class.getClassLoader()).iterator();
            result = it.hasNext() ? Optional.of(it.next().runtime()) : Optional.empty();
          } catch (ServiceConfigurationError | LinkageError e) {
            // a provider whose own dependencies are missing is no runtime
            result = Optional.empty();
          }
          found = result;
        }
      }
    }
    return result;
  }
}
