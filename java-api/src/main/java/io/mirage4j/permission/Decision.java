package io.mirage4j.permission;

import java.util.Locale;

/**
 * What a rule says about a command.
 *
 * <pre>{@code
 * Decision.parse("ask"); // Decision.ASK
 * }</pre>
 */
public enum Decision {
  /** It runs. */
  ALLOW,
  /** The host's {@link ApprovalHandler} decides, seeing the command and the paths it touches. */
  ASK,
  /** It does not run: exit status 126, {@code <command>: Permission denied}. */
  DENY;

  /**
   * The decision named {@code allow}, {@code ask} or {@code deny} (any case).
   *
   * @throws IllegalArgumentException for another name
   */
  public static Decision parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "allow" -> ALLOW;
      case "ask" -> ASK;
      case "deny" -> DENY;
      default -> throw new IllegalArgumentException("expected allow, ask or deny, got '" + name + "'");
    };
  }

  /** The name as profiles write it: {@code allow}, {@code ask}, {@code deny}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
