package io.mirage4j.tools;

/** Text cut to a number of characters, and whether it was cut. */
record Capped(String text, boolean truncated, int total) {

  static Capped of(String text, int limit) {
    if (text.length() <= limit) {
      return new Capped(text, false, text.length());
    }
    int end = limit;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return new Capped(text.substring(0, end), true, text.length());
  }

  /** The line that says what was cut, for {@code what} ("stdout", "content"). */
  String notice(String what) {
    return "[" + what + " truncated: showing the first " + text.length() + " of " + total + " characters]";
  }
}
