package io.mirage4j.fs;

import io.mirage4j.fs.ResourceException.Reason;

/**
 * The names a workspace stores, with Linux's limits: each name at most 255 bytes of UTF-8
 * ({@code NAME_MAX}), a whole path at most 4095 ({@code PATH_MAX}, 4096, counts the terminating
 * NUL), and every name Unicode text (a lone UTF-16 surrogate, what Python makes of a byte that is
 * not UTF-8, has no UTF-8 form). A path past them is refused before any resource sees it.
 */
final class NameLimits {
  /** The most bytes of UTF-8 in one name. */
  static final int NAME_MAX = 255;

  /** The most bytes of UTF-8 in a whole path. */
  static final int PATH_MAX = 4095;

  private NameLimits() {}

  /**
   * Checks a normalised absolute path; throws {@link Reason#NAME_TOO_LONG} or {@link
   * Reason#INVALID_NAME} naming {@code shown}, the path as the caller gave it.
   */
  static void check(String path, String shown) {
    int pathBytes = 0;
    int nameBytes = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      int size;
      if (c == '/') {
        nameBytes = 0;
        size = 1;
      } else if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
        i++;
        size = 4;
      } else if (Character.isSurrogate(c)) {
        throw new ResourceException(Reason.INVALID_NAME, shown);
      } else {
        size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
      pathBytes += size;
      nameBytes += c == '/' ? 0 : size;
      if (nameBytes > NAME_MAX || pathBytes > PATH_MAX) {
        throw new ResourceException(Reason.NAME_TOO_LONG, shown);
      }
    }
  }

}
