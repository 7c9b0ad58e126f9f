package io.mirage4j.config;

/**
 * A workspace configuration file that cannot be used; the message names the file and says what
 * to fix. The CLI prints it after {@code mirage4j: } and exits with status 2.
 *
 * <pre>{@code
 * try {
 *   WorkspaceConfigFile.read(Path.of("workspace.yaml"), System::getenv);
 * } catch (ConfigException e) {
 *   e.getMessage();
 *   // workspace.yaml: environment variables not set: PROJECT_DIR (set them, or write ${NAME:-default})
 * }
 * }</pre>
 */
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
