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

/** ES modules: .mjs files and -m, importing relative modules from the mounts and fs. */
class JsModuleTest {
  private final Resource data = Resources.inMemory();
  private final Workspace ws;

  JsModuleTest() {
    data.mkdir("/lib");
    data.write("/lib/util.mjs", "export const twice = (x) => x * 2;\n".getBytes(UTF_8));
    data.write("/lib/main.mjs", ("import { twice } from './util.mjs';\nimport fs from 'fs';\n"
        + "import { readFileSync } from 'node:fs';\n"
        + "console.log(twice(21), fs.existsSync('/data/lib/util.mjs'), readFileSync('/data/n.txt', 'utf8'));\n").getBytes(UTF_8));
    data.write("/n.txt", "7".getBytes(UTF_8));
    ws = Workspace.builder().mount("/data", data, Mode.EXEC).cwd("/data").build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void mjsImportsRelativeModulesAndFs() {
    ExecResult r = ws.execute("js lib/main.mjs");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("42 true 7\n");
  }

  @Test
  void dashMRunsEvalCodeAsAModuleRelativeToCwd() {
    ExecResult r = ws.execute("js -m -e 'import { twice } from \"./lib/util.mjs\"; console.log(twice(await Promise.resolve(4)))'");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("8\n");
  }

  @Test
  void aMissingModuleIsAnError() {
    ExecResult r = ws.execute("js -m -e 'import \"./nope.mjs\"'");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrText()).contains("nope.mjs");
  }

  @Test
  void modulesCannotReachHostFiles() {
    ExecResult r = ws.execute("js -m -e 'import \"/etc/passwd\"'");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdoutText()).isEmpty();
    assertThat(r.stderrText()).contains("/etc/passwd");
  }
}
