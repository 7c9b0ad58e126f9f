package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File names a mount cannot store, given by a Python program, by the raw mount bridge and by the
 * shell, against an in-memory mount ({@code /ram}) and a host directory ({@code /host}): each is a
 * clear error (Linux's {@code ENAMETOOLONG} past 255 bytes per name or 4095 per path, {@code
 * EILSEQ} for a name that is not Unicode text), the program's earlier output and files are kept,
 * and the same sidecar answers the next call.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxNamesIT {
  private static final String LONG = "a".repeat(256);
  private static final String LONGEST = "b".repeat(255);
  private static final String DEEP = "d/".repeat(2046) + "x";

  @TempDir static Path temp;
  private static Path host;
  private static Workspace ws;
  private static long sidecarPid;

  @BeforeAll
  static void start() throws IOException {
    host = Files.createDirectories(temp.resolve("host"));
    Sidecars.Started started = Sidecars.start(builder ->
        builder.mount("/ram", Resources.inMemory()).mount("/host", Resources.localDir(host)).build());
    ws = started.ws();
    sidecarPid = started.pid();
  }

  @AfterAll
  static void stop() {
    if (ws != null) {
      ws.close();
    }
  }

  /** The same sidecar still answers, and nothing with a bad name reached the mounts. */
  @AfterEach
  void theWorkspaceStillWorks() throws IOException {
    assertThat(ws.execute("python3 -c 'print(1)'")).isEqualTo(new ExecResult(bytes("1\n"), bytes(""), 0));
    assertThat(ProcessHandle.of(sidecarPid).map(ProcessHandle::isAlive)).contains(true);
    try (Stream<Path> files = Files.walk(host)) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.getBytes(UTF_8).length <= 255)
          .noneMatch(n -> n.startsWith(".mirage4j-tmp-"));
    }
    ws.execute("rm -rf /ram/* /host/*");
  }

  // --- Python ---------------------------------------------------------------------------------

  /** How CPython 3.13 quotes a failing {@code open(...)} call on a line of its own in a traceback. */
  private static String openCall(String line) {
    return "    " + line + "\n    ~~~~" + "^".repeat(line.length() - 4) + "\n";
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ram", "/host"})
  void aSurrogateNameIsRefusedAtOpenAndTheOutputIsKept(String mount) {
    ExecResult r = python("import os\nprint('before')\nopen('" + mount + "/kept.txt', 'w').write('kept')\n"
        + "open('" + mount + "/' + os.fsdecode(b'\\xff'), 'w')");
    assertThat(r.stdoutText()).isEqualTo("before\n");
    assertThat(r.stderrText()).isEqualTo("Traceback (most recent call last):\n"
        + "  File \"<string>\", line 4, in <module>\n"
        + openCall("open('" + mount + "/' + os.fsdecode(b'\\xff'), 'w')")
        + "OSError: [Errno 25] Invalid or incomplete multibyte or wide character: '" + mount + "/\\udcff'\n");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(ws.execute("cat " + mount + "/kept.txt; ls " + mount)).isEqualTo(new ExecResult(bytes("kept" + "kept.txt\n"), bytes(""), 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ram", "/host"})
  void aNameOf256BytesIsRefusedAtOpenAndTheOutputIsKept(String mount) {
    ExecResult r = python("print('before')\nopen('" + mount + "/kept.txt', 'w').write('kept')\n"
        + "open('" + mount + "/" + LONG + "', 'w')");
    assertThat(r.stdoutText()).isEqualTo("before\n");
    assertThat(r.stderrText()).isEqualTo("Traceback (most recent call last):\n"
        + "  File \"<string>\", line 3, in <module>\n"
        + openCall("open('" + mount + "/" + LONG + "', 'w')")
        + "OSError: [Errno 37] File name too long: '" + mount + "/" + LONG + "'\n");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(ws.execute("cat " + mount + "/kept.txt")).isEqualTo(new ExecResult(bytes("kept"), bytes(""), 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ram", "/host"})
  void everyOperationRefusesABadNameWithTheRuntimesErrno(String mount) {
    ExecResult r = python(String.join("\n",
        "import errno, os, shutil",
        "m = '" + mount + "'",
        "os.mkdir(m + '/dir')",
        "open(m + '/f', 'w').close()",
        "bad = {'long': 'a' * 256, 'surrogate': os.fsdecode(b'x\\xffy'), 'deep': '" + DEEP + "'}",
        "ops = {",
        "    'open-r': lambda n: open(n), 'open-w': lambda n: open(n, 'w'), 'open-a': lambda n: open(n, 'a'),",
        "    'os.open': lambda n: os.open(n, os.O_WRONLY | os.O_CREAT), 'mkdir': os.mkdir,",
        "    'stat': os.stat, 'lstat': os.lstat,",
        "    'listdir': os.listdir, 'scandir': lambda n: list(os.scandir(n)), 'unlink': os.unlink, 'rmdir': os.rmdir,",
        "    'rename-to': lambda n: os.rename(m + '/f', n), 'rename-from': lambda n: os.rename(n, m + '/g'),",
        "    'replace-to': lambda n: os.replace(m + '/f', n), 'chdir': os.chdir, 'rmtree': shutil.rmtree,",
        "    'bytes': lambda n: open(os.fsencode(n), 'w'), 'relative': lambda n: (os.chdir(m + '/dir'), open(n[len(m) + 1:], 'w')),",
        "}",
        "for kind, name in bad.items():",
        "    want = errno.EILSEQ if kind == 'surrogate' else errno.ENAMETOOLONG",
        "    for op, call in ops.items():",
        "        os.chdir('/')",
        "        try:",
        "            call(m + '/' + name)",
        "        except OSError as e:",
        "            if e.errno != want or type(e) is not OSError:",
        "                print(kind, op, type(e).__name__, e.errno, e.strerror)",
        "        else:",
        "            print(kind, op, 'not refused')",
        "    print(kind, 'exists', os.path.exists(m + '/' + name))",
        "print(sorted(os.listdir(m)), os.path.exists(m + '/f'))"));
    assertThat(r).isEqualTo(new ExecResult(bytes("long exists False\nsurrogate exists False\ndeep exists False\n['dir', 'f'] True\n"), bytes(""), 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ram", "/host"})
  void aNameOf255BytesIsStored(String mount) {
    ExecResult r = python(String.join("\n",
        "import os",
        "open('" + mount + "/" + LONGEST + "', 'w').write('255')",
        "print(open('" + mount + "/" + LONGEST + "').read(), os.listdir('" + mount + "') == ['" + LONGEST + "'])"));
    assertThat(r).isEqualTo(new ExecResult(bytes("255 True\n"), bytes(""), 0));
  }

  @Test
  void aPathOf4095BytesIsStored() {
    String dirs = "/ram/" + ("c".repeat(250) + "/").repeat(16);
    String deepest = dirs + "z".repeat(4095 - dirs.length());
    ExecResult r = python(String.join("\n",
        "import os",
        "deepest = '" + deepest + "'",
        "os.makedirs(os.path.dirname(deepest))",
        "open(deepest, 'w').write('deep')",
        "print(len(deepest.encode()), open(deepest).read())"));
    assertThat(r).isEqualTo(new ExecResult(bytes("4095 deep\n"), bytes(""), 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ram", "/host"})
  void aBadNameUnderAMountBehindTheHooksIsRefusedAtTheCallSiteAndTheCallEndsNormally(String mount) {
    ExecResult r = python(String.join("\n",
        "import errno, io, os",
        "print('before')",
        "os.makedirs('" + mount + "/sub', exist_ok=True)",
        "for name in ('/sub/' + os.fsdecode(b'\\xff'), '/' + 'e' * 300):",
        "    try: io.FileIO('" + mount + "' + name, 'w').close()",
        "    except OSError as e: print(errno.errorcode[e.errno])",
        "print('after')"));
    assertThat(r).isEqualTo(new ExecResult(bytes("before\nEILSEQ\nENAMETOOLONG\nafter\n"), bytes(""), 0));
    assertThat(ws.execute("ls " + mount)).isEqualTo(new ExecResult(bytes("sub\n"), bytes(""), 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ram", "/host"})
  void theRawMountBridgeGetsAClearRefusalForABadName(String mount) {
    ExecResult r = python(String.join("\n",
        "import gc",
        "bridge = [o for o in gc.get_objects() if type(o).__name__ == 'Mounts'][0]._bridge",
        "for path in ('" + mount + "/" + LONG + "', '" + mount + "/" + DEEP + "', '" + mount + "/x\\udcffy'):",
        "    for answer in (bridge.stat(path), bridge.fetch(path), bridge.mkdir(path), bridge.list(path),",
        "                   bridge.remove(path), bridge.rename('" + mount + "/none', path)):",
        "        print(answer.to_py()['error'])"));
    String tooLong = "{'message': 'File name too long', 'reason': 'NAME_TOO_LONG'}\n";
    String invalid = "{'message': 'Invalid or incomplete multibyte or wide character', 'reason': 'INVALID_NAME'}\n";
    assertThat(r).isEqualTo(new ExecResult(bytes(tooLong.repeat(12) + invalid.repeat(6)), bytes(""), 0));
  }

  // --- the shell ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/ram", "/host"})
  void theShellsOwnCommandsRefuseALongNameAsCoreutilsDo(String mount) {
    String name = mount + "/" + LONG;
    ExecResult r = ws.execute("echo kept > " + mount + "/f; echo x > " + name + "; touch " + name + "; mkdir " + name
        + "; cp " + mount + "/f " + name + "; mv " + mount + "/f " + name + "; cat " + mount + "/f");
    assertThat(r.stderrText()).isEqualTo("mirage: " + name + ": File name too long\n"
        + "touch: cannot touch '" + name + "': File name too long\n"
        + "mkdir: cannot create directory ‘" + name + "’: File name too long\n"
        + "cp: cannot stat '" + name + "': File name too long\n"
        + "mv: cannot stat '" + name + "': File name too long\n");
    assertThat(r.stdoutText()).isEqualTo("kept\n");
    assertThat(r.exitCode()).isZero();
  }

  private static ExecResult python(String program) {
    return ws.execute("python3 -c \"$P\"", ExecOptions.defaults().withEnv("P", program));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

}
