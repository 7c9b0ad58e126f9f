package io.mirage4j.js.graal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A js program sees what its session sees: the profile's mounts, modes, hidden paths and variables. */
class JsSessionViewTest {
  private final Resource data = Resources.inMemory();
  private final Resource secrets = Resources.inMemory();
  private final Workspace ws;
  private final Session s;

  JsSessionViewTest() {
    data.write("/a.txt", "alpha\n".getBytes(UTF_8));
    data.write("/token.txt", "t\n".getBytes(UTF_8));
    secrets.write("/s.txt", "secret\n".getBytes(UTF_8));
    ws = Workspace.builder()
        .mount("/data", data, Mode.EXEC)
        .mount("/secrets", secrets)
        .env("API_KEY", "sk-123")
        .env("LANG", "C.UTF-8")
        .build();
    s = ws.newSession(PermissionProfile.builder()
        .mount("/data", Mode.READ)
        .hidePath("/data/token.txt")
        .hideEnv("API_KEY")
        .build());
  }

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void filesAndVariablesOutsideTheProfileAreMissing() {
    ExecResult r = s.execute("js -e 'const fs = require(\"fs\"); console.log(fs.readdirSync(\"/data\"), fs.existsSync(\"/secrets/s.txt\"),"
        + " fs.existsSync(\"/data/token.txt\"), process.env.API_KEY, process.env.LANG)'");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("[ 'a.txt' ] false false undefined C.UTF-8\n");
  }

  @Test
  void theProfilesModeRefusesWrites() {
    ExecResult r = s.execute("js -e 'try { require(\"fs\").writeFileSync(\"/data/b.txt\", \"x\") } catch (e) { console.log(e.code) }'");
    assertThat(r.stdoutText()).isEqualTo("EROFS\n");
    assertThat(ws.execute("test -e /data/b.txt").exitCode()).isEqualTo(1);
  }

  @Test
  void aProfileCanDenyTheCommandUnderEitherName() {
    Session noJs = ws.newSession(PermissionProfile.builder().deny("js").build());
    assertThat(noJs.execute("node -e 'console.log(1)'").stderrText()).isEqualTo("node: Permission denied\n");
    assertThat(noJs.execute("js -e 'console.log(1)'").exitCode()).isEqualTo(126);
  }
}
