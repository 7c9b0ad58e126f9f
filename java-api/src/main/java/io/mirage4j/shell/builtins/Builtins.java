package io.mirage4j.shell.builtins;

import io.mirage4j.shell.Builtin;
import java.util.Map;

/**
 * The commands every workspace has: {@code cat}, {@code cd}, {@code cp}, {@code echo}, {@code
 * env}, {@code export}, {@code grep}, {@code head}, {@code ls}, {@code mkdir}, {@code mv}, {@code
 * printf}, {@code python3}, {@code read}, {@code rm}, {@code sort}, {@code tail}, {@code test},
 * {@code wc} and the rest of {@link #standard()}. Used by {@link io.mirage4j.workspace.Workspace},
 * which adds the builder's own commands to them; not part of the stable API (add a command with
 * {@link io.mirage4j.workspace.Workspace.Builder#command}).
 *
 * <pre>{@code
 * Map<String, Builtin> commands = new HashMap<>(Builtins.standard());
 * commands.put("hello", (ctx, args) -> { ctx.out().print("hello\n"); return 0; });
 * }</pre>
 */
public final class Builtins {
  private Builtins() {}

  /** Name to command, for the shell's lookup. */
  public static Map<String, Builtin> standard() {
    Python python = new Python();
    Test test = new Test();
    return Map.ofEntries(
        Map.entry("[", test),
        Map.entry("cat", new Cat()),
        Map.entry("cd", new Cd()),
        Map.entry("cp", new Cp()),
        Map.entry("echo", new Echo()),
        Map.entry("env", new Env()),
        Map.entry("export", new Export()),
        Map.entry("false", new False()),
        Map.entry("grep", new Grep()),
        Map.entry("head", new Head()),
        Map.entry("ls", new Ls()),
        Map.entry("mkdir", new Mkdir()),
        Map.entry("mv", new Mv()),
        Map.entry("printenv", new Printenv()),
        Map.entry("printf", new Printf()),
        Map.entry("pwd", new Pwd()),
        Map.entry("python", python),
        Map.entry("python3", python),
        Map.entry("read", new Read()),
        Map.entry("rm", new Rm()),
        Map.entry("rmdir", new Rmdir()),
        Map.entry("seq", new Seq()),
        Map.entry("sleep", new Sleep()),
        Map.entry("sort", new Sort()),
        Map.entry("tail", new Tail()),
        Map.entry("tee", new Tee()),
        Map.entry("test", test),
        Map.entry("touch", new Touch()),
        Map.entry("chmod", new Chmod()),
        Map.entry("true", new True()),
        Map.entry("uniq", new Uniq()),
        Map.entry("wc", new Wc()));
  }
}
