package io.mirage4j.shell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wait} and {@code jobs}, over the shell's {@link Jobs}, with bash's options, output and
 * statuses:
 *
 * <ul>
 *   <li>{@code wait} waits for every job and returns 0; {@code wait ID…} waits for each (a process
 *       id, {@code %N}, {@code %+}, {@code %-}, {@code %text}, {@code %?text}) and returns the last
 *       one's status, 127 for an unknown one; {@code wait -n [ID…]} waits for the next job to end
 *       and returns its status, 127 when there is none; {@code -p VAR} stores its process id.
 *   <li>{@code jobs [-lprs] [JOBSPEC…]} lists the jobs as {@code [1]+  Running   text &}.
 * </ul>
 */
final class JobBuiltins {
  private static final String WAIT_USAGE = "wait: usage: wait [-fn] [-p var] [id ...]";
  private static final String JOBS_USAGE = "jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]";

  /** Throws when the line was stopped or cancelled while a {@code wait} was waiting. */
  interface Interruption {
    void check();
  }

  private JobBuiltins() {}

  static int waitFor(List<String> args, ShellState state, Io io, Interruption interruption) {
    PrintStream err = print(io.err());
    Jobs jobs = state.jobs();
    boolean next = false;
    String pidVariable = null;
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
      String option = args.get(i);
      if (option.equals("--")) {
        i++;
        break;
      }
      for (int k = 1; k < option.length(); k++) {
        char c = option.charAt(k);
        if (c == 'n') {
          next = true;
        } else if (c == 'p' && k == option.length() - 1 && i + 1 < args.size()) {
          pidVariable = args.get(++i);
        } else if (c == 'p') {
          err.print("mirage: wait: -p: option requires an argument\n" + WAIT_USAGE + "\n");
          return 2;
        } else if (c != 'f') {
          err.print("mirage: wait: -" + c + ": invalid option\n" + WAIT_USAGE + "\n");
          return 2;
        }
      }
    }
    List<String> ids = args.subList(i, args.size());
    try {
      if (next) {
        return waitNext(ids, jobs, state, pidVariable, err);
      }
      if (ids.isEmpty()) {
        jobs.awaitAll();
        return 0;
      }
      int status = 0;
      for (String id : ids) {
        status = waitOne(id, jobs, state, pidVariable, err);
      }
      return status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      interruption.check();
      return 130;
    }
  }

  private static int waitOne(String id, Jobs jobs, ShellState state, String pidVariable, PrintStream err)
      throws InterruptedException {
    Jobs.Job job;
    if (id.startsWith("%")) {
      job = jobs.byJobSpec(id);
      if (job == null) {
        err.print("mirage: wait: " + id + ": no such job\n");
        return 127;
      }
    } else if (!id.isEmpty() && id.length() < 10 && id.chars().allMatch(Character::isDigit)) {
      int pid = Integer.parseInt(id);
      job = jobs.byPid(pid);
      if (job == null) {
        Integer reaped = jobs.reapedStatus(pid);
        if (reaped == null) {
          err.print("mirage: wait: pid " + id + " is not a child of this shell\n");
          return 127;
        }
        return reaped;
      }
    } else {
      err.print("mirage: wait: `" + id + "': not a pid or valid job spec\n");
      return 1;
    }
    int status = jobs.await(job);
    if (pidVariable != null) {
      state.set(pidVariable, Integer.toString(job.pid));
    }
    return status;
  }

  private static int waitNext(List<String> ids, Jobs jobs, ShellState state, String pidVariable, PrintStream err)
      throws InterruptedException {
    List<Jobs.Job> among = new ArrayList<>();
    for (String id : ids) {
      Jobs.Job job = id.startsWith("%") ? jobs.byJobSpec(id) : pidOf(id) < 0 ? null : jobs.byPid(pidOf(id));
      if (job == null) {
        err.print("mirage: wait: " + (id.startsWith("%") ? id + ": no such job" : "pid " + id
            + " is not a child of this shell") + "\n");
      } else {
        among.add(job);
      }
    }
    if (!ids.isEmpty() && among.isEmpty()) {
      return 127;
    }
    Jobs.Job job = jobs.awaitNext(among.isEmpty() ? null : among);
    if (job == null) {
      return 127;
    }
    if (pidVariable != null) {
      state.set(pidVariable, Integer.toString(job.pid));
    }
    return jobs.await(job);
  }

  private static int pidOf(String id) {
    return !id.isEmpty() && id.length() < 10 && id.chars().allMatch(Character::isDigit) ? Integer.parseInt(id) : -1;
  }

  static int jobs(List<String> args, ShellState state, Io io) {
    PrintStream out = print(io.out());
    PrintStream err = print(io.err());
    Jobs jobs = state.jobs();
    boolean pidsOnly = false;
    boolean withPids = false;
    boolean runningOnly = false;
    boolean stoppedOnly = false;
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
      String option = args.get(i);
      if (option.equals("--")) {
        i++;
        break;
      }
      for (int k = 1; k < option.length(); k++) {
        switch (option.charAt(k)) {
          case 'p' -> pidsOnly = true;
          case 'l' -> withPids = true;
          case 'r' -> runningOnly = true;
          case 's' -> stoppedOnly = true;
          case 'n' -> { }
          default -> {
            err.print("mirage: jobs: -" + option.charAt(k) + ": invalid option\n" + JOBS_USAGE + "\n");
            return 2;
          }
        }
      }
    }
    List<Jobs.Job> shown = new ArrayList<>();
    int status = 0;
    if (i == args.size()) {
      shown.addAll(jobs.list());
    }
    for (String spec : args.subList(i, args.size())) {
      Jobs.Job job = jobs.listedBySpec(spec.startsWith("%") ? spec : "%" + spec);
      if (job == null) {
        err.print("mirage: jobs: " + spec + ": no such job\n");
        status = 1;
      } else {
        shown.add(job);
      }
    }
    for (Jobs.Job job : shown) {
      Integer ended = Jobs.status(job);
      if (stoppedOnly || runningOnly && ended != null) {
        continue;
      }
      if (pidsOnly) {
        out.print(job.pid + "\n");
        continue;
      }
      String state1 = ended == null ? "Running" : ended == 0 ? "Done" : "Exit " + ended;
      out.print("[" + job.number + "]" + jobs.marker(job) + (withPids ? String.format(" %5d ", job.pid) : "  ")
          + String.format("%-24s", state1) + job.text + (ended == null ? " &" : "") + "\n");
    }
    return status;
  }

  private static PrintStream print(OutputStream stream) {
    return new PrintStream(stream, true, StandardCharsets.UTF_8);
  }
}
