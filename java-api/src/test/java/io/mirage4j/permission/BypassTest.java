package io.mirage4j.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A denied command stays denied whatever runs it: no wrapper, indirection or quoting gets past. */
class BypassTest {
  private final Resource data = Resources.inMemory();
  private Workspace ws;
  private Session session;

  @BeforeEach
  void files() {
    data.write("/victim", "keep me\n".getBytes(StandardCharsets.UTF_8));
    data.write("/list", "/data/victim\n".getBytes(StandardCharsets.UTF_8));
    data.write("/script.sh", "rm /data/victim\n".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder().mount("/data", data).build();
    session = ws.newSession(PermissionProfile.builder().deny("rm").build());
  }

  @AfterEach
  void victimSurvives() {
    assertThat(new String(data.read("/victim"), StandardCharsets.UTF_8)).isEqualTo("keep me\n");
    ws.close();
  }

  @org.junit.jupiter.api.Test
  void aCommandsOtherNameIsTheSameCommand() {
    Session noPython = ws.newSession(PermissionProfile.builder().deny("python3", "test").build());
    assertThat(noPython.execute("python -c pass").stderrText()).isEqualTo("python: Permission denied\n");
    assertThat(noPython.execute("[ -e /data/victim ]").stderrText()).isEqualTo("[: Permission denied\n");
    Session noPython2 = ws.newSession(PermissionProfile.builder().deny("python").build());
    assertThat(noPython2.execute("python3 -c pass").exitCode()).isEqualTo(126);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "rm /data/victim",
      "\\rm /data/victim",
      "'r'm /data/victim",
      "\"rm\" /data/victim",
      "c=rm; $c /data/victim",
      "c=r; ${c}m /data/victim",
      "$(echo rm) /data/victim",
      "command rm /data/victim",
      "command command rm /data/victim",
      "exec rm /data/victim",
      "(exec rm /data/victim)",
      "env rm /data/victim",
      "env -i X=1 rm /data/victim",
      "xargs rm < /data/list",
      "cat /data/list | xargs rm",
      "xargs -I{} rm {} < /data/list",
      "find /data -name victim -exec rm {} \\;",
      "find /data -name victim -exec rm {} +",
      "timeout 5 rm /data/victim",
      "eval rm /data/victim",
      "eval 'eval \"rm /data/victim\"'",
      "source /data/script.sh",
      ". /data/script.sh",
      "(rm /data/victim)",
      "{ rm /data/victim; }",
      "echo x | rm /data/victim",
      "rm /data/victim | cat",
      "x=$(rm /data/victim)",
      "echo \"$(rm /data/victim)\"",
      "f() { rm \"$@\"; }; f /data/victim",
      "rm() { command rm \"$@\"; }; rm /data/victim",
      "if true; then rm /data/victim; fi",
      "for f in /data/victim; do rm $f; done",
      "while rm /data/victim; do break; done",
      "rm /data/victim & wait",
      "trap 'rm /data/victim' EXIT",
      "time rm /data/victim",
      "! rm /data/victim",
      "awk 'BEGIN { system(\"rm /data/victim\") }'",
      "echo /data/victim | awk '{ system(\"rm \" $1) }'",
      "awk 'BEGIN { \"rm /data/victim\" | getline x }'",
      "X=1 rm /data/victim",
      "set -- rm /data/victim; \"$@\"",
      "a=(rm /data/victim); \"${a[@]}\"",
      "r=rm; eval \"$r /data/victim\"",
  })
  void isRefused(String line) {
    ExecResult r = session.execute(line);
    assertThat(r.stderrText()).contains("rm: Permission denied");
  }
}
