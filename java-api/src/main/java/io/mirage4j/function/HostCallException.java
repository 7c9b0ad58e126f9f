package io.mirage4j.function;

import io.mirage4j.MirageException;
import java.util.Objects;

/**
 * Why a call of a host function did not return a result. The program sees {@link #getMessage()}
 * in a Python exception: {@code ValueError} for {@link Reason#INVALID}, {@code
 * mirage4j.PermissionDenied} for {@link Reason#DENIED}, {@code mirage4j.HostError} otherwise.
 *
 * <pre>{@code
 * try {
 *   calls.call("search", args);
 * } catch (HostCallException e) {
 *   e.reason(); // e.g. Reason.DENIED
 * }
 * }</pre>
 */
public final class HostCallException extends MirageException {
  private static final long serialVersionUID = 1L;

  /**
   * The kinds of failure, as the sidecar protocol names them ({@code data.reason} of a {@code
   * host/call} error).
   *
   * <pre>{@code
   * new HostCallException(HostCallException.Reason.UNKNOWN, "no function named 'x'").reason().name(); // "UNKNOWN"
   * }</pre>
   */
  public enum Reason {
    /** No function of that name was handed to the session. */
    UNKNOWN,
    /** The arguments do not fit the function's schema. */
    INVALID,
    /** The permission profile, or the host asked for approval, refused the call. */
    DENIED,
    /** The arguments or the result are larger than the caps allow. */
    TOO_LARGE,
    /** The handler threw, or returned what Python cannot receive. */
    FAILED,
    /** The Python call that asked has ended (its time limit passed, or it was stopped). */
    ENDED
  }

  private final Reason reason;

  public HostCallException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public HostCallException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The kind of failure. */
  public Reason reason() {
    return reason;
  }
}
