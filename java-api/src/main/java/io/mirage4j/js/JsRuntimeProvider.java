package io.mirage4j.js;

/**
 * Makes the {@link JsRuntime}. {@link JsRuntimes#find()} finds one with {@link
 * java.util.ServiceLoader}: a provider is named in {@code
 * META-INF/services/io.mirage4j.js.JsRuntimeProvider} (the {@code mirage4j-js} artifact registers
 * the GraalJS one).
 *
 * <pre>{@code
 * public final class MyProvider implements JsRuntimeProvider {
 *   public JsRuntime runtime() { return MyRuntime.INSTANCE; }
 * }
 * }</pre>
 */
public interface JsRuntimeProvider {

  /** The runtime; it may be one shared by the whole JVM, and is made cheaply (the engine starts on first use). */
  JsRuntime runtime();
}
