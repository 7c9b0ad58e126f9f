package io.mirage4j.js.graal;

import io.mirage4j.js.JsRuntime;
import io.mirage4j.js.JsRuntimeProvider;

/**
 * Registers {@link GraalJsRuntime} for {@link java.util.ServiceLoader}: with {@code mirage4j-js} on
 * the class path, the shell's {@code js} command runs on GraalJS.
 *
 * <pre>{@code
 * JsRuntime js = new GraalJsRuntimeProvider().runtime();
 * }</pre>
 */
public final class GraalJsRuntimeProvider implements JsRuntimeProvider {

  @Override
  public JsRuntime runtime() {
    return GraalJsRuntime.shared();
  }
}
