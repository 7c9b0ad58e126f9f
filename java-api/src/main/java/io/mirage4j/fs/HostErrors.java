package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The {@link Reason} for a host file system's {@link IOException}. */
final class HostErrors {
  private HostErrors() {}

  /** {@code e} as a {@link ResourceException} about {@code path}, with {@code e} as its cause. */
  static ResourceException translate(IOException e, String path) {
    return new ResourceException(reason(e), path, e);
  }

  /**
   * Whether {@code e} is an open with {@code NOFOLLOW_LINKS} that met a symbolic link ({@code
   * ELOOP}): the entry was replaced by a link after it was looked at.
   */
  static boolean isLink(IOException e) {
    return has(e, "Too many levels of symbolic links");
  }

  private static Reason reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return Reason.NOT_FOUND;
    } else if (e instanceof FileAlreadyExistsException) {
      return Reason.ALREADY_EXISTS;
    } else if (e instanceof DirectoryNotEmptyException) {
      return Reason.NOT_EMPTY;
    } else if (e instanceof NotDirectoryException || has(e, Reason.NOT_A_DIRECTORY.posixMessage())) {
      return Reason.NOT_A_DIRECTORY;
    } else if (e instanceof AccessDeniedException || isLink(e)) {
      return Reason.PERMISSION_DENIED;
    } else if (has(e, Reason.IS_A_DIRECTORY.posixMessage())) {
      return Reason.IS_A_DIRECTORY;
    } else if (has(e, Reason.CROSS_DEVICE.posixMessage())) {
      return Reason.CROSS_DEVICE;
    } else if (has(e, Reason.NO_SPACE.posixMessage())) {
      return Reason.NO_SPACE;
    } else if (has(e, Reason.NAME_TOO_LONG.posixMessage())) {
      return Reason.NAME_TOO_LONG;
    }
    return Reason.IO_ERROR;
  }

  private static boolean has(IOException e, String text) {
    String message = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    return message != null && message.contains(text);
  }
}
