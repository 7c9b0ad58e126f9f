package io.mirage4j.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The command lines a session ran, numbered from 1, the newest {@link #LIMIT} kept (bash's {@code
 * HISTSIZE}); the {@code history} builtin lists them. Subshells and pipeline stages share their
 * session's history. Safe to use from several threads.
 *
 * <pre>{@code
 * History h = new History();
 * h.add("echo hi");
 * h.last(1).get(0).line(); // "echo hi", number 1
 * }</pre>
 */
public final class History {
  /** How many lines are kept; older ones are dropped, their numbers are not reused. */
  public static final int LIMIT = 1000;

  /**
   * One line of the history.
   *
   * <pre>{@code
   * new History.Entry(3, "ls /data").number(); // 3
   * }</pre>
   *
   * @param number its place in the session, from 1
   * @param line the command line as it was given
   */
  public record Entry(int number, String line) {}

  private final Deque<Entry> entries = new ArrayDeque<>();
  private int next = 1;

  /** Adds a line at the end. */
  public synchronized void add(String line) {
    entries.addLast(new Entry(next++, line));
    if (entries.size() > LIMIT) {
      entries.removeFirst();
    }
  }

  /** The newest {@code count} lines, oldest first; all of them when {@code count} is larger. */
  public synchronized List<Entry> last(int count) {
    List<Entry> all = new ArrayList<>(entries);
    return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
  }

  /** Every line kept, oldest first. */
  public synchronized List<Entry> all() {
    return List.copyOf(entries);
  }

  /**
   * A history holding {@code entries} (oldest first) whose next line gets {@code next}.
   *
   * @throws IllegalArgumentException when the numbers do not increase or reach {@code next}
   */
  public static History of(List<Entry> entries, int next) {
    History history = new History();
    int previous = 0;
    for (Entry e : entries) {
      if (e.number() <= previous || e.line() == null) {
        throw new IllegalArgumentException("history numbers must increase from 1: " + e.number() + " after " + previous);
      }
      previous = e.number();
      history.entries.addLast(e);
    }
    if (next <= previous || history.entries.size() > LIMIT) {
      throw new IllegalArgumentException("bad history: next number " + next + " after " + previous
          + ", " + history.entries.size() + " lines (at most " + LIMIT + ")");
    }
    history.next = next;
    return history;
  }

  /** An independent copy: the same lines and numbering. */
  public synchronized History copy() {
    return of(List.copyOf(entries), next);
  }

  /** The number the next line added gets. */
  public synchronized int nextNumber() {
    return next;
  }

  /** Forgets every line ({@code history -c}); numbering goes on. */
  public synchronized void clear() {
    entries.clear();
  }
}
