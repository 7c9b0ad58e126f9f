package io.mirage4j.config;

/** A workspace configuration file that cannot be used; the message says what to fix. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}. */
  public ConfigException(String message) {
    super(message);
  }

  /** A problem described by {@code message}, found as {@code cause}. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
