package io.mirage4j.shell;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background jobs of one shell (a line, a subshell, a pipeline stage, a command substitution):
 * the lists it started with {@code &}, each on its own thread, as {@code wait} and {@code jobs}
 * see them.
 *
 * <p>As in bash without job control, a job that has finished leaves the table (so {@code %N} no
 * longer names it) once the shell has finished a foreground command after it ended; its status
 * stays known by its process id for {@code wait PID}. Job numbers start at 1 again when the table
 * is empty. Process ids are the session's own: {@code $$} is 1 and each job takes the next number.
 */
final class Jobs {

  /** One background job: the list's text, its number and process id, and its status once it ended. */
  static final class Job {
    final int number;
    final int pid;
    final String text;
    private Thread thread;
    private volatile Integer status;
    private long finishedAt;

    Job(int number, int pid, String text) {
      this.number = number;
      this.pid = pid;
      this.text = text;
    }
  }

  private final AtomicInteger pids;
  /** The parent shell's table that {@code jobs} lists too, or null. */
  private final Jobs listed;
  private final List<Job> table = new ArrayList<>();
  private final Map<Integer, Integer> reaped = new HashMap<>();
  private final Map<Closeable, List<Job>> heldOpen = new LinkedHashMap<>();
  private long finishes;

  /** @param pids the session's process-id counter, shared by every shell of the session */
  Jobs(AtomicInteger pids) {
    this(pids, null);
  }

  private Jobs(AtomicInteger pids, Jobs listed) {
    this.pids = pids;
    this.listed = listed;
  }

  /** A table for a subshell of this shell: empty, numbering process ids from the same counter. */
  Jobs forSubshell() {
    return new Jobs(pids, null);
  }

  /**
   * A table for a pipeline stage or a command substitution of this shell: empty, but {@code jobs}
   * there lists this shell's jobs too, as bash's does ({@code jobs | wc -l}, {@code $(jobs -p)}).
   */
  Jobs forSubshellListingThese() {
    return new Jobs(pids, this);
  }

  /** Adds a job for {@code text}; {@link #started} gives it its thread. */
  synchronized Job add(String text) {
    int number = table.stream().mapToInt(j -> j.number).max().orElse(0) + 1;
    Job job = new Job(number, pids.incrementAndGet(), text);
    table.add(job);
    return job;
  }

  /** The job's thread has started. */
  synchronized void started(Job job, Thread thread) {
    job.thread = thread;
  }

  /** The job's list ended with {@code status}: wakes {@code wait}, closes files it alone held open. */
  synchronized void finished(Job job, int status) {
    job.status = status;
    job.finishedAt = ++finishes;
    List<Closeable> closable = new ArrayList<>();
    heldOpen.entrySet().removeIf(e -> {
      boolean done = e.getValue().stream().allMatch(j -> j.status != null);
      if (done) {
        closable.add(e.getKey());
      }
      return done;
    });
    for (Closeable c : closable) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        // the job's own write already reported a failing file
      }
    }
    notifyAll();
  }

  /** The newest process id so far: {@link #holdOpen} counts the jobs started after it. */
  int mark() {
    return pids.get();
  }

  /**
   * Keeps {@code files} (a command's redirections) open while the jobs the command started after
   * {@code mark} run, as a child process keeps its descriptors; returns the files no running job
   * holds, which the caller closes now.
   */
  synchronized List<Closeable> holdOpen(int mark, List<Closeable> files) {
    List<Job> holders = new ArrayList<>();
    for (Job j : table) {
      if (j.pid > mark && j.status == null) {
        holders.add(j);
      }
    }
    if (holders.isEmpty()) {
      return files;
    }
    for (Closeable f : files) {
      heldOpen.put(f, holders);
    }
    return List.of();
  }

  /** A foreground command finished: jobs that have ended leave the table. */
  synchronized void foregroundFinished() {
    table.removeIf(j -> {
      if (j.status != null) {
        reaped.put(j.pid, j.status);
        return true;
      }
      return false;
    });
  }

  /** The jobs {@code jobs} shows: the parent's it lists, then this table's, oldest first. */
  List<Job> list() {
    List<Job> all = new ArrayList<>(listed == null ? List.of() : listed.list());
    synchronized (this) {
      all.addAll(table);
    }
    return all;
  }

  /** The job {@code spec} ({@code %N}, {@code %%}, {@code %+}, {@code %-}) names, or null. */
  synchronized Job byJobSpec(String spec) {
    if (spec.equals("%%") || spec.equals("%+") || spec.equals("%")) {
      return table.isEmpty() ? null : table.get(table.size() - 1);
    }
    if (spec.equals("%-")) {
      return table.size() < 2 ? (table.isEmpty() ? null : table.get(0)) : table.get(table.size() - 2);
    }
    String digits = spec.substring(1);
    if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 10) {
      int n = Integer.parseInt(digits);
      return table.stream().filter(j -> j.number == n).findFirst().orElse(null);
    }
    boolean contains = digits.startsWith("?");
    String text = contains ? digits.substring(1) : digits;
    for (int i = table.size() - 1; i >= 0 && !text.isEmpty(); i--) {
      Job j = table.get(i);
      if (contains ? j.text.contains(text) : j.text.startsWith(text)) {
        return j;
      }
    }
    return null;
  }

  /** The job whose process id is {@code pid}, or null. */
  synchronized Job byPid(int pid) {
    return table.stream().filter(j -> j.pid == pid).findFirst().orElse(null);
  }

  /** The status of a job with process id {@code pid} that already left the table, or null. */
  synchronized Integer reapedStatus(int pid) {
    return reaped.get(pid);
  }

  /** The job's mark in {@code jobs}: {@code +} for the newest, {@code -} for the one before. */
  char marker(Job job) {
    List<Job> all = list();
    int i = all.indexOf(job);
    return i == all.size() - 1 ? '+' : i == all.size() - 2 ? '-' : ' ';
  }

  /** The job {@code spec} names among those {@code jobs} lists, or null. */
  Job listedBySpec(String spec) {
    Job own = byJobSpec(spec);
    return own != null || listed == null ? own : listed.listedBySpec(spec);
  }

  /** The job's status once it ended, or null. */
  static Integer status(Job job) {
    return job.status;
  }

  /** Waits for {@code job} to end, takes it out of the table, and returns its status. */
  synchronized int await(Job job) throws InterruptedException {
    while (job.status == null) {
      wait();
    }
    table.remove(job);
    reaped.put(job.pid, job.status);
    return job.status;
  }

  /**
   * Waits for the next job of {@code among} (null: of the table) to end ({@code wait -n}), the one
   * that ended first when several have; null when there is none to wait for.
   */
  synchronized Job awaitNext(List<Job> among) throws InterruptedException {
    while (true) {
      Job first = null;
      boolean any = false;
      for (Job j : table) {
        if (among != null && !among.contains(j)) {
          continue;
        }
        any = true;
        if (j.status != null && (first == null || j.finishedAt < first.finishedAt)) {
          first = j;
        }
      }
      if (first != null || !any) {
        return first;
      }
      wait();
    }
  }

  /** Waits for every job of the table to end ({@code wait} with no arguments) and empties it. */
  synchronized void awaitAll() throws InterruptedException {
    while (table.stream().anyMatch(j -> j.status == null)) {
      wait();
    }
    for (Job j : table) {
      reaped.put(j.pid, j.status);
    }
    table.clear();
  }

  /**
   * The shell ends: waits for every job still running. When the waiting thread is interrupted (the
   * line was cancelled or stopped), the jobs are interrupted too and still waited for; the
   * interrupt stays set for the caller to act on.
   */
  void awaitAtEnd() {
    boolean interrupted = false;
    while (true) {
      try {
        awaitAll();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        interruptAll();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Interrupts every job still running; each ends at its next check. */
  synchronized void interruptAll() {
    for (Job j : table) {
      if (j.status == null && j.thread != null) {
        j.thread.interrupt();
      }
    }
  }
}
