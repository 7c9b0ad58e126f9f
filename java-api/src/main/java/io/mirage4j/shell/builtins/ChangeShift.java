package io.mirage4j.shell.builtins;

/**
 * Where GNU diff places a run of changed lines when the same edit could be shown at several
 * places (a blank line added among blank lines): each run slides down as far as it can, merging
 * with the runs it meets, then back up to line up with a run of changes in the other file if it
 * passed one. Works on {@code changed} flags with one unchanged sentinel at each end.
 */
final class ChangeShift {
  private ChangeShift() {}

  /**
   * @param changed per file, {@code changed[f][line + 1]} is true for a changed line; index 0 and
   *     the last index are sentinels that stay false
   * @param equivs per file, the equivalence class of each line (equal lines, equal classes)
   */
  static void shift(boolean[][] changed, int[][] equivs) {
    for (int f = 0; f < 2; f++) {
      boolean[] ch = changed[f];
      boolean[] other = changed[1 - f];
      int[] eq = equivs[f];
      int end = eq.length;
      int i = 0;
      int j = 0;
      while (true) {
        while (i < end && !ch[i + 1]) {
          while (other[1 + j++]) {
            // skip the other file's changes
          }
          i++;
        }
        if (i == end) {
          break;
        }
        int start = i;
        while (ch[1 + ++i]) {
          // find the end of the run
        }
        while (other[1 + j]) {
          j++;
        }
        int runLength;
        int corresponding;
        do {
          runLength = i - start;
          while (start > 0 && eq[start - 1] == eq[i - 1]) {
            ch[1 + --start] = true;
            ch[1 + --i] = false;
            while (ch[1 + start - 1]) {
              start--;
            }
            while (other[1 + --j]) {
              // back over the other file's changes
            }
          }
          corresponding = other[1 + j - 1] ? i : end;
          while (i != end && eq[start] == eq[i]) {
            ch[1 + start++] = false;
            ch[1 + i++] = true;
            while (ch[1 + i]) {
              i++;
            }
            while (other[1 + ++j]) {
              corresponding = i;
            }
          }
        } while (runLength != i - start);
        while (corresponding < i) {
          ch[1 + --start] = true;
          ch[1 + --i] = false;
          while (other[1 + --j]) {
            // back over the other file's changes
          }
        }
      }
    }
  }
}
