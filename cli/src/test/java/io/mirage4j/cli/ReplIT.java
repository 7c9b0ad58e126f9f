package io.mirage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI's interactive shell on a real pseudo-terminal (tmux), with the real sidecar. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReplIT {
  private static final Duration SHORT = Duration.ofSeconds(30);
  /** A first start with no interpreter snapshot loads Pyodide in full and makes the snapshot. */
  private static final Duration FIRST_START = Duration.ofSeconds(120);

  @TempDir Path dir;
  private final List<TmuxPane> panes = new ArrayList<>();

  @AfterEach
  void stopPanes() throws Exception {
    for (TmuxPane pane : panes) {
      pane.close();
    }
  }

  /** The CLI in a new pane, with the history file and the exit status file in {@link #dir}. */
  private TmuxPane replWithCache(Path cacheDir, String... args) throws IOException, InterruptedException {
    List<String> command = CliProcess.command(List.of(
        "-Dmirage4j.shim.dir=" + System.getProperty("mirage4j.shim.dir"),
        "-Dmirage4j.cache.dir=" + cacheDir,
        "-D" + Repl.HISTORY_PROPERTY + "=" + history()), args);
    String line = command.stream().map(ReplIT::quoted).collect(Collectors.joining(" "))
        + "; echo $? > " + quoted(dir.resolve("status").toString());
    TmuxPane pane = TmuxPane.start(line);
    panes.add(pane);
    return pane;
  }

  private TmuxPane repl(String... args) throws IOException, InterruptedException {
    return replWithCache(Path.of(System.getProperty("mirage4j.cache.dir")), args);
  }

  private Path history() {
    return dir.resolve("history");
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Waits for the shell to show its {@code n}th prompt, for {@code cwd}, and nothing after it. */
  private static String awaitPrompt(TmuxPane pane, String cwd, int n) throws IOException, InterruptedException {
    return pane.await("prompt " + n + " (" + cwd + "$)",
        screen -> count(screen, "(?m)^/[^\\n$]*\\$") == n && screen.endsWith("\n" + cwd + "$")
            || n == 1 && screen.equals(cwd + "$"),
        SHORT);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void awaitFile(Path file) throws InterruptedException {
    Instant deadline = Instant.now().plus(SHORT);
    while (!Files.exists(file)) {
      assertThat(Instant.now()).as("%s to appear", file).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void thePromptShowsTheWorkingDirectoryAndFollowsCd() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    pane.enter("echo hello; mkdir sub");
    assertThat(awaitPrompt(pane, "/data", 2)).contains("/data$ echo hello; mkdir sub\nhello\n/data$");
    pane.enter("cd sub");
    awaitPrompt(pane, "/data/sub", 3);
    pane.enter("pwd");
    assertThat(awaitPrompt(pane, "/data/sub", 4)).endsWith("/data/sub$ pwd\n/data/sub\n/data/sub$");
  }

  @Test
  void pythonRunsAndTheStartupNoticeShowsOnce(@TempDir Path emptyCache) throws Exception {
    // No snapshot in this cache: the runtime's first start takes seconds, and the first command waits for it.
    TmuxPane pane = replWithCache(emptyCache);
    awaitPrompt(pane, "/data", 1);
    pane.enter("python3 -c 'print(6*7)'");
    String screen = pane.await("42", s -> s.endsWith("\n42\n/data$"), FIRST_START);
    assertThat(screen).contains("/data$ python3 -c 'print(6*7)'\n" + StartupNotice.TEXT + StartupNotice.READY + "\n42\n");
    pane.enter("python3 -c 'print(7*7)'");
    screen = awaitPrompt(pane, "/data", 3);
    assertThat(screen).endsWith("/data$ python3 -c 'print(7*7)'\n49\n/data$");
    assertThat(count(screen, Pattern.quote(StartupNotice.TEXT))).isEqualTo(1);
  }

  @Test
  void ctrlCStopsTheRunningCommandOrDropsTheTypedLineAndTheShellGoesOn(@TempDir Path host) throws Exception {
    TmuxPane pane = repl("--mount", "/data=ram", "--mount", "/host=dir:" + host);
    awaitPrompt(pane, "/data", 1);
    pane.enter("python3 -c 'open(\"/host/python\", \"w\").close(); exec(\"while True: pass\")'");
    awaitFile(host.resolve("python"));
    pane.press("C-c");
    awaitPrompt(pane, "/data", 2);

    pane.enter("touch /host/shell; while true; do :; done");
    awaitFile(host.resolve("shell"));
    pane.press("C-c");
    awaitPrompt(pane, "/data", 3);

    pane.type("echo dropped");
    pane.await("the typed line", s -> s.endsWith("/data$ echo dropped"), SHORT);
    pane.press("C-c");
    awaitPrompt(pane, "/data", 4);

    pane.enter("python3 -c 'print(6*7)'; echo $?");
    String screen = awaitPrompt(pane, "/data", 5);
    assertThat(screen).endsWith("\n42\n0\n/data$").doesNotContain("\ndropped\n");
    // The sidecar ignored the terminal's SIGINT at the prompt: nothing crashed or warned.
    assertThat(screen).doesNotContain("WARN").doesNotContain("crashed");
  }

  private static final String ASK_NAME = "python3 -c 'n = input(\"name? \"); print(\"hi\", n)'";

  @Test
  void inputShowsItsPromptBeforeReadingTheTypedLine() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    pane.enter(ASK_NAME);
    pane.await("the input prompt", s -> s.endsWith("\nname?"), SHORT);
    // The line editor takes the terminal a moment after the prompt shows: a line typed before that
    // is echoed by the terminal and shown again by the editor, as in any shell (a person is slower).
    Thread.sleep(500);
    pane.enter("bob");
    String screen = awaitPrompt(pane, "/data", 2);
    // (The runtime's startup notice may come between the command line and the program's prompt.)
    assertThat(screen).contains("/data$ " + ASK_NAME + "\n").endsWith("\nname? bob\nhi bob\n/data$");
    // The typed line went to the program only: the shell's own line reader did not run it too.
    pane.enter("echo next");
    assertThat(awaitPrompt(pane, "/data", 3)).endsWith("hi bob\n/data$ echo next\nnext\n/data$");
    assertThat(Files.readString(history())).doesNotContain("bob");
  }

  @Test
  void python3WithNoProgramOpensPythonsInteractiveConsole(@TempDir Path host) throws Exception {
    TmuxPane pane = repl("--mount", "/data=ram", "--mount", "/host=dir:" + host);
    awaitPrompt(pane, "/data", 1);
    pane.enter("python3");
    pane.await("the banner and the first prompt", s -> s.endsWith("for more information.\n>>>"), FIRST_START);
    pane.enter("x = 6");
    pane.await("the second prompt", s -> s.endsWith("\n>>> x = 6\n>>>"), SHORT);
    pane.enter("x * 7");
    pane.await("the value", s -> s.endsWith("\n>>> x * 7\n42\n>>>"), SHORT);
    pane.enter("for i in range(2):");
    pane.await("the continuation prompt", s -> s.endsWith("\n..."), SHORT);
    pane.enter("    print(i)");
    pane.await("the second continuation prompt", s -> s.endsWith("\n...     print(i)\n..."), SHORT);
    pane.enter("");
    pane.await("the loop's output", s -> s.endsWith("\n...     print(i)\n... \n0\n1\n>>>"), SHORT);
    pane.enter("1 / 0");
    pane.await("the traceback", s -> s.endsWith("\nZeroDivisionError: division by zero\n>>>"), SHORT);
    // output shows while the statement runs
    pane.enter("import time; print('tick', flush=True); time.sleep(4); print('tock')");
    pane.await("tick before the statement ends", s -> s.endsWith("time.sleep(4); print('tock')\ntick"), SHORT);
    pane.await("tock and the prompt", s -> s.endsWith("\ntick\ntock\n>>>"), SHORT);
    // Ctrl-C at the prompt drops the line being typed
    pane.type("dropped");
    pane.press("C-c");
    pane.await("KeyboardInterrupt", s -> s.endsWith("\nKeyboardInterrupt\n>>>"), SHORT);
    // Ctrl-C while a statement runs raises KeyboardInterrupt in it; the names stay
    pane.enter("open('/host/started', 'w').close(); exec('while True: pass')");
    awaitFile(host.resolve("started"));
    pane.press("C-c");
    pane.await("the KeyboardInterrupt", s -> s.endsWith("\nKeyboardInterrupt\n>>>"), SHORT);
    pane.enter("x");
    pane.await("x is kept", s -> s.endsWith("\n>>> x\n6\n>>>"), SHORT);
    // a statement that swallows the interrupt is stopped with its interpreter, and says so
    pane.enter("open('/host/stubborn', 'w').close(); "
        + "exec('while True:\\n  try:\\n    while True: pass\\n  except KeyboardInterrupt: pass')");
    awaitFile(host.resolve("stubborn"));
    pane.press("C-c");
    pane.await("the stop", s -> s.endsWith("\n" + PythonConsole.STOPPED + ">>>"), SHORT);
    pane.enter("x");
    pane.await("x is gone", s -> s.endsWith("\nNameError: name 'x' is not defined\n>>>"), SHORT);
    // Up brings back the console's own history
    pane.press("Up");
    pane.await("x from the history", s -> s.endsWith("\n>>> x"), SHORT);
    pane.press("C-u");
    pane.enter("exit(3)");
    awaitPrompt(pane, "/data", 2);
    pane.enter("echo $?");
    assertThat(awaitPrompt(pane, "/data", 3)).endsWith("\n3\n/data$");
    pane.enter("python3 -q");
    pane.await("a quiet prompt", s -> s.endsWith("/data$ python3 -q\n>>>"), SHORT);
    pane.enter("x");
    pane.await("a fresh namespace", s -> s.endsWith("\nNameError: name 'x' is not defined\n>>>"), SHORT);
    Thread.sleep(300);
    pane.press("C-d");
    awaitPrompt(pane, "/data", 4);
    pane.enter("echo $?");
    assertThat(awaitPrompt(pane, "/data", 5)).endsWith("\n0\n/data$");
  }

  @Test
  void shellCommandsAndPythonWithoutArgumentsReadTheTerminal() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    // Once the runtime is up, no startup notice comes between the lines.
    pane.enter("python3 -c 'print(1)'");
    awaitPrompt(pane, "/data", 2);
    // A line typed before the command reads it shows twice, as in any shell: the terminal echoes
    // what is typed ahead, and the line editor shows it again when the read starts.
    pane.enter("read -r x; echo \"got $x\"");
    pane.enter("a line");
    assertThat(awaitPrompt(pane, "/data", 3)).endsWith("a line\ngot a line\n/data$");
    // Ctrl-D typed ahead would reach the terminal before the line editor reads: give each read
    // time to start (nothing on the screen tells when it has).
    pane.enter("python3 -");
    Thread.sleep(1500);
    pane.enter("print(6 * 7)");
    Thread.sleep(1500);
    pane.press("C-d");
    String screen = awaitPrompt(pane, "/data", 4);
    assertThat(screen).contains("/data$ python3 -\n").endsWith("print(6 * 7)\n42\n/data$");
    assertThat(count(screen, "(?m)^42$")).isEqualTo(1);
  }

  @Test
  void ctrlDAtTheInputPromptIsEndOfFileAndTheShellGoesOn() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    pane.enter(ASK_NAME + "; echo \"status $?\"");
    pane.await("the input prompt", s -> s.endsWith("\nname?"), SHORT);
    // The line editor takes the terminal a moment after the prompt shows (it is printed first, so
    // that it comes before the read); an end of file typed in between is lost when the editor
    // switches the terminal's mode. A person is slower than that; the test waits as long.
    Thread.sleep(500);
    pane.press("C-d");
    String screen = awaitPrompt(pane, "/data", 2);
    assertThat(screen).endsWith("\nname? Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n"
        + "    n = input(\"name? \"); print(\"hi\", n)\n"
        + "EOFError: EOF when reading a line\nstatus 1\n/data$");
    pane.enter("echo still here");
    assertThat(awaitPrompt(pane, "/data", 3)).endsWith("\nstill here\n/data$");
  }

  @Test
  void ctrlCAtTheInputPromptStopsTheCommandWith130AndTheShellGoesOn() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    pane.enter(ASK_NAME + "; echo after");
    pane.await("the input prompt", s -> s.endsWith("\nname?"), SHORT);
    pane.press("C-c");
    awaitPrompt(pane, "/data", 2);
    pane.enter("echo \"status $?\"");
    assertThat(awaitPrompt(pane, "/data", 3)).endsWith("\nstatus 130\n/data$").doesNotContain("\nafter\n");
    pane.enter("python3 -c 'print(6*7)'");
    assertThat(awaitPrompt(pane, "/data", 4)).endsWith("/data$ python3 -c 'print(6*7)'\n42\n/data$");
    pane.enter(ASK_NAME);
    pane.await("the input prompt again", s -> s.endsWith("\nname?"), SHORT);
    pane.enter("ann");
    assertThat(awaitPrompt(pane, "/data", 5)).endsWith("\nname? ann\nhi ann\n/data$");
  }

  @Test
  void historyIsKeptInTheFileAndUpRecallsALine() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    pane.enter("echo first-line");
    awaitPrompt(pane, "/data", 2);
    pane.press("Up");
    pane.await("the recalled line", s -> s.endsWith("/data$ echo first-line"), SHORT);
    pane.press("Enter");
    assertThat(awaitPrompt(pane, "/data", 3)).endsWith("first-line\n/data$ echo first-line\nfirst-line\n/data$");
    pane.press("C-d");
    awaitFile(dir.resolve("status"));
    assertThat(Files.readString(history())).contains("echo first-line");

    TmuxPane next = repl();
    awaitPrompt(next, "/data", 1);
    next.press("Up");
    next.await("the line from the history file", s -> s.endsWith("/data$ echo first-line"), SHORT);
  }

  @Test
  void ctrlDOnAnEmptyLineLeavesWithTheLastStatus() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    pane.enter("false");
    awaitPrompt(pane, "/data", 2);
    pane.press("C-d");
    awaitEnd(pane);
    assertThat(Files.readString(dir.resolve("status"))).isEqualTo("1\n");
  }

  @Test
  void exitLeavesWithItsStatus() throws Exception {
    TmuxPane pane = repl();
    awaitPrompt(pane, "/data", 1);
    pane.enter("exit 7");
    awaitEnd(pane);
    assertThat(Files.readString(dir.resolve("status"))).isEqualTo("7\n");
  }

  /** Waits for the pane's shell, which writes the CLI's exit status to the status file, to end. */
  private void awaitEnd(TmuxPane pane) throws Exception {
    awaitFile(dir.resolve("status"));
    Instant deadline = Instant.now().plus(SHORT);
    while (pane.alive()) {
      assertThat(Instant.now()).as("the pane to end").isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
