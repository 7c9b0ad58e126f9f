package io.mirage4j.fs;

import io.mirage4j.MirageException;
import java.util.Objects;

/**
 * A {@link Resource} refused an operation. The {@link Reason} says why, in terms that map onto the
 * POSIX errors a shell or a Python program reports ({@code No such file or directory}, {@code
 * Read-only file system}, …).
 *
 * <pre>{@code
 * try {
 *   ws.fs().read("/data/missing.txt");
 * } catch (ResourceException e) {
 *   e.reason();     // NOT_FOUND
 *   e.getMessage(); // "/data/missing.txt: No such file or directory"
 * }
 * }</pre>
 */
public class ResourceException extends MirageException {
  private static final long serialVersionUID = 1L;

  /**
   * Why an operation failed, with the POSIX wording the shell prints for it. A {@link Resource}
   * implementation picks the one that fits:
   *
   * <pre>{@code
   * throw new ResourceException(ResourceException.Reason.NOT_A_DIRECTORY, path);
   * }</pre>
   */
  public enum Reason {
    NOT_FOUND("No such file or directory"),
    NOT_A_DIRECTORY("Not a directory"),
    IS_A_DIRECTORY("Is a directory"),
    ALREADY_EXISTS("File exists"),
    NOT_EMPTY("Directory not empty"),
    READ_ONLY("Read-only file system"),
    CROSS_DEVICE("Invalid cross-device link"),
    PERMISSION_DENIED("Permission denied"),
    BUSY("Device or resource busy"),
    NO_SPACE("No space left on device"),
    /** A name longer than 255 bytes of UTF-8, or a path longer than 4095 (Linux's {@code ENAMETOOLONG}). */
    NAME_TOO_LONG("File name too long"),
    /** A name that is not Unicode text, e.g. a lone surrogate (Linux's {@code EILSEQ}). */
    INVALID_NAME("Invalid or incomplete multibyte or wide character"),
    IO_ERROR("Input/output error");

    private final String posixMessage;

    Reason(String posixMessage) {
      this.posixMessage = posixMessage;
    }

    /** The text a POSIX tool prints for this error, e.g. {@code No such file or directory}. */
    public String posixMessage() {
      return posixMessage;
    }
  }

  private final Reason reason;
  private final String path;

  public ResourceException(Reason reason, String path) {
    this(reason, path, null);
  }

  public ResourceException(Reason reason, String path, Throwable cause) {
    super(path + ": " + Objects.requireNonNull(reason, "reason").posixMessage(), cause);
    this.reason = reason;
    this.path = Objects.requireNonNull(path, "path");
  }

  public Reason reason() {
    return reason;
  }

  /** The path the operation was given. */
  public String path() {
    return path;
  }
}
