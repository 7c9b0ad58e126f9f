package io.mirage4j.function;

import java.util.Objects;

/**
 * What a {@link HostFunction}'s handler is told about the call it answers.
 *
 * <pre>{@code
 * HostFunction whoami = HostFunction.of("whoami", "The session that calls.", ArgumentSchema.none(),
 *     (args, context) -> TextNode.valueOf(context.session())); // "default"
 * }</pre>
 *
 * @param function the name the program called
 * @param session the id of the session whose Python program calls ({@code default}, {@code session-2}, …)
 */
public record CallContext(String function, String session) {
  public CallContext {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(session, "session");
  }
}
