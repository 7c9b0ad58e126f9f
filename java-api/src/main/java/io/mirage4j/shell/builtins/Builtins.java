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
    Js js = new Js();
    return Map.ofEntries(
        Map.entry("[", test),
        Map.entry("awk", new io.mirage4j.shell.builtins.awk.Awk()),
        Map.entry("base64", new Base64()),
        Map.entry("basename", new Basename()),
        Map.entry("bc", new io.mirage4j.shell.builtins.bc.Bc()),
        Map.entry("cat", new Cat()),
        Map.entry("cd", new Cd()),
        Map.entry("cmp", new Cmp()),
        Map.entry("comm", new Comm()),
        Map.entry("command", new Command()),
        Map.entry("cp", new Cp()),
        Map.entry("cut", new Cut()),
        Map.entry("date", new Date()),
        Map.entry("diff", new Diff()),
        Map.entry("du", new Du()),
        Map.entry("dirname", new Dirname()),
        Map.entry("echo", new Echo()),
        Map.entry("env", new Env()),
        Map.entry("export", new Export()),
        Map.entry("expr", new Expr()),
        Map.entry("false", new False()),
        Map.entry("find", new Find()),
        Map.entry("fmt", new Fmt()),
        Map.entry("fold", new Fold()),
        Map.entry("grep", new Grep()),
        Map.entry("gunzip", new Gzip(true, false)),
        Map.entry("gzip", new Gzip(false, false)),
        Map.entry("head", new Head()),
        Map.entry("history", new History()),
        Map.entry("join", new Join()),
        Map.entry("jq", new Jq()),
        Map.entry("ls", new Ls()),
        Map.entry("md5sum", new Checksum("MD5", "MD5", 32)),
        Map.entry("js", js),
        Map.entry("mkdir", new Mkdir()),
        Map.entry("mv", new Mv()),
        Map.entry("nl", new Nl()),
        Map.entry("node", js),
        Map.entry("od", new Od()),
        Map.entry("paste", new Paste()),
        Map.entry("printenv", new Printenv()),
        Map.entry("printf", new Printf()),
        Map.entry("pwd", new Pwd()),
        Map.entry("python", python),
        Map.entry("python3", python),
        Map.entry("read", new Read()),
        Map.entry("readlink", new Readlink()),
        Map.entry("realpath", new Realpath()),
        Map.entry("rev", new Rev()),
        Map.entry("rm", new Rm()),
        Map.entry("rmdir", new Rmdir()),
        Map.entry("sed", new Sed()),
        Map.entry("seq", new Seq()),
        Map.entry("sha256sum", new Checksum("SHA-256", "SHA256", 64)),
        Map.entry("sleep", new Sleep()),
        Map.entry("sort", new Sort()),
        Map.entry("split", new Split()),
        Map.entry("stat", new Stat()),
        Map.entry("tac", new Tac()),
        Map.entry("tail", new Tail()),
        Map.entry("tar", new Tar()),
        Map.entry("tee", new Tee()),
        Map.entry("test", test),
        Map.entry("timeout", new Timeout()),
        Map.entry("touch", new Touch()),
        Map.entry("chmod", new Chmod()),
        Map.entry("tr", new Tr()),
        Map.entry("true", new True()),
        Map.entry("type", new Type()),
        Map.entry("uniq", new Uniq()),
        Map.entry("wc", new Wc()),
        Map.entry("which", new Which()),
        Map.entry("xargs", new Xargs()),
        Map.entry("xxd", new Xxd()),
        Map.entry("yes", new Yes()),
        Map.entry("zcat", new Gzip(true, true)));
  }
}
