package io.mirage4j.js.graal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The js command on GraalJS, through a workspace over in-memory mounts. */
class JsCommandTest {
  private final Resource data = Resources.inMemory();
  private final Resource ro = Resources.inMemory();
  private final Workspace ws;

  JsCommandTest() {
    data.write("/t.js", "console.log(process.argv.slice(1), require('fs').readFileSync('a.txt', 'utf8'))\n".getBytes(UTF_8));
    data.write("/a.txt", "hello\n".getBytes(UTF_8));
    ro.write("/r.txt", "ro\n".getBytes(UTF_8));
    ws = Workspace.builder().mount("/data", data, Mode.EXEC).mount("/ro", ro, Mode.READ).cwd("/data").build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private ExecResult run(String line) {
    return ws.execute(line);
  }

  @Test
  void evalPrintsWithConsoleLog() {
    ExecResult r = run("js -e 'console.log(1, \"s\", {a: [1, \"x\"]}, null, undefined)'");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("1 s { a: [ 1, 'x' ] } null undefined\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void printShowsTheValue() {
    assertThat(run("node -p '1 + 2'").stdoutText()).isEqualTo("3\n");
    assertThat(run("node -p '\"a\" + \"b\"'").stdoutText()).isEqualTo("ab\n");
  }

  @Test
  void scriptGetsItsPathAndArgumentsAndReadsRelativeToCwd() {
    ExecResult r = run("js t.js x 'y z'");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("[ '/data/t.js', 'x', 'y z' ] hello\n\n");
  }

  @Test
  void codeFromStdin() {
    ExecResult r = run("echo 'console.log(process.argv.length)' | js");
    assertThat(r.stdoutText()).isEqualTo("1\n");
  }

  @Test
  void envAndExit() {
    ExecResult r = run("export FOO=bar; js -e 'console.log(process.env.FOO); process.exit(3); console.log(\"no\")'");
    assertThat(r.stdoutText()).isEqualTo("bar\n");
    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  void uncaughtErrorExits1() {
    ExecResult r = run("js -e 'throw new Error(\"boom\")'");
    assertThat(r.exitCode()).isEqualTo(1);
    // As Node: the place, its line and a caret (here under the error's construction), then the error.
    assertThat(r.stderrText()).isEqualTo("[eval]:1\nthrow new Error(\"boom\")\n      ^\n\nError: boom\n    at [eval]:1:7\n");
  }

  @Test
  void fsWritesThroughTheMountsAndHonoursModes() {
    ExecResult r = run("js -e 'const fs = require(\"fs\"); fs.mkdirSync(\"d/e\", {recursive: true});"
        + " fs.writeFileSync(\"d/e/f.txt\", \"hi\"); console.log(fs.readdirSync(\"d\"), fs.statSync(\"d/e/f.txt\").size);"
        + " try { fs.writeFileSync(\"/ro/x\", \"no\") } catch (e) { console.log(e.code, e.message) }"
        + " try { fs.readFileSync(\"/nope\") } catch (e) { console.log(e.code, e.message) }'");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("[ 'e' ] 2\nEROFS EROFS: read-only file system, open '/ro/x'\n"
        + "ENOENT ENOENT: no such file or directory, open '/nope'\n");
    assertThat(new String(data.read("/d/e/f.txt"), UTF_8)).isEqualTo("hi");
  }

  @Test
  void timersRunWithinTheCall() {
    ExecResult r = run("js -e 'setTimeout(() => console.log(\"b\"), 20); setTimeout(() => console.log(\"a\"), 10); Promise.resolve().then(() => console.log(\"p\")); console.log(\"s\")'");
    assertThat(r.stdoutText()).isEqualTo("s\np\na\nb\n");
  }

  @Test
  void aClosedPipeStopsTheProgram() {
    ExecResult r = run("js -e 'for (let i = 0; ; i++) console.log(i)' | head -2; echo done");
    assertThat(r.stdoutText()).isEqualTo("0\n1\ndone\n");
  }

  @Test
  void readFileSyncOfStdinReadsTheCommandsInput() {
    ExecResult r = run("printf 'a\\nb\\n' | js -e 'console.log(require(\"fs\").readFileSync(0, \"utf8\").split(\"\\n\").length)'");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("3\n");
  }

  @Test
  void versionNamesGraalJs() {
    ExecResult r = run("js --version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutText()).matches("v\\d+\\.\\d+.*-graaljs\n");
  }

  @Test
  void urlLoadsAtFirstUseAndLeavesBufferAndTheGlobalsAsTheyWere() {
    ExecResult r = run("js -e 'const b = Buffer; const u = new URL(\"http://h/a b?x=1\"); "
        + "console.log(u.href, u.searchParams.get(\"x\"), Buffer === b, Buffer.from(\"hi\").toString(\"hex\"), "
        + "Object.keys(globalThis).includes(\"URL\")); URL = 5; console.log(URL)'");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("http://h/a%20b?x=1 1 true 6869 false\n5\n");
  }

  @Test
  void eachCallGetsItsOwnUrlClasses() {
    ExecResult first = run("js -e 'URL.prototype.extra = 1; console.log(new URL(\"http://a\").extra)'");
    ExecResult second = run("js -e 'console.log(new URL(\"http://a\").extra)'");
    assertThat(first.stdoutText() + second.stdoutText()).isEqualTo("1\nundefined\n");
  }
}
