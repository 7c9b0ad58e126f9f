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
import org.junit.jupiter.api.Test;

/** allow, deny, the default, leading-word rules and path scopes, on a real workspace. */
class CommandRulesTest {
  private final Resource data = Resources.inMemory();
  private final Resource tmp = Resources.inMemory();
  private Workspace ws;

  @BeforeEach
  void files() {
    data.write("/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    tmp.write("/t.txt", "temp\n".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder().mount("/data", data).mount("/tmp", tmp).build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private static void assertRefused(ExecResult r, String command) {
    assertThat(r.stderrText()).isEqualTo(command + ": Permission denied\n");
    assertThat(r.exitCode()).isEqualTo(126);
    assertThat(r.stdoutText()).isEmpty();
  }

  @Test
  void aDeniedCommandExits126WithPermissionDeniedAndTheLineGoesOn() {
    Session s = ws.newSession(PermissionProfile.builder().deny("rm").build());
    assertRefused(s.execute("rm /data/a.txt"), "rm");
    assertThat(data.stat("/a.txt").size()).isEqualTo(6);
    ExecResult r = s.execute("rm /data/a.txt || echo refused $?; echo after");
    assertThat(r.stdoutText()).isEqualTo("refused 126\nafter\n");
    assertThat(r.stderrText()).isEqualTo("rm: Permission denied\n");
  }

  @Test
  void allowedCommandsRunAndTheDefaultDecidesTheRest() {
    Session s = ws.newSession(PermissionProfile.builder().allow("cat").defaultDecision(Decision.DENY).build());
    assertThat(s.execute("cat /data/a.txt").stdoutText()).isEqualTo("alpha\n");
    assertRefused(s.execute("wc -l /data/a.txt"), "wc");
  }

  @Test
  void theShellsOwnBuiltinsAndFunctionsRunUnderADenyDefaultUnlessARuleNamesThem() {
    Session s = ws.newSession(PermissionProfile.builder().deny("cd").defaultDecision(Decision.DENY).build());
    ExecResult r = s.execute("f() { echo in f; }; f; x=1; export x; echo $x; test -n x && echo t; pwd");
    assertThat(r.stdoutText()).isEqualTo("in f\n1\nt\n/data\n");
    assertThat(r.exitCode()).isZero();
    assertRefused(s.execute("cd /tmp"), "cd");
    assertThat(s.cwd()).isEqualTo("/data");
  }

  @Test
  void theFirstMatchingRuleDecides() {
    Session s = ws.newSession(PermissionProfile.builder().allow("cat").deny("cat").build());
    assertThat(s.execute("cat /data/a.txt").exitCode()).isZero();
    Session t = ws.newSession(PermissionProfile.builder().deny("cat").allow("cat").build());
    assertRefused(t.execute("cat /data/a.txt"), "cat");
  }

  @Test
  void aLeadingWordsRuleMatchesWholeWordsAfterExpansion() {
    ws.command("git", (ctx, args) -> {
      ctx.out().print("git " + String.join(" ", args) + "\n");
      return 0;
    });
    Session s = ws.newSession(PermissionProfile.builder().deny("git push").build());
    assertRefused(s.execute("git push origin main"), "git");
    assertRefused(s.execute("git \"push\""), "git");
    assertRefused(s.execute("p=push; git $p"), "git");
    assertThat(s.execute("git status").stdoutText()).isEqualTo("git status\n");
    assertThat(s.execute("git pushx").stdoutText()).isEqualTo("git pushx\n");
    assertThat(s.execute("git").stdoutText()).isEqualTo("git \n");
  }

  @Test
  void aPathScopeAppliesTheRuleOnlyUnderItsPaths() {
    Session s = ws.newSession(PermissionProfile.builder()
        .rule(CommandRule.allow("rm").under("/tmp"))
        .deny("rm")
        .build());
    assertRefused(s.execute("rm /data/a.txt"), "rm");
    assertThat(data.stat("/a.txt").size()).isEqualTo(6);
    assertThat(s.execute("rm /tmp/t.txt").exitCode()).isZero();
    assertThat(s.execute("ls /tmp").stdoutText()).isEmpty();
  }

  @Test
  void aPathScopeSeesPathsAsTheyResolve() {
    Session s = ws.newSession(PermissionProfile.builder()
        .rule(CommandRule.allow("rm").under("/tmp"))
        .deny("rm")
        .build());
    assertRefused(s.execute("cd /tmp && rm ../data/a.txt"), "rm");
    assertRefused(s.execute("rm /tmp/../data/a.txt"), "rm");
    assertRefused(s.execute("rm /tmp/t.txt /data/a.txt"), "rm");
    assertRefused(s.execute("cd /data; rm a.txt"), "rm");
    assertRefused(s.execute("rm /data/*.txt"), "rm");
    assertThat(data.stat("/a.txt").size()).isEqualTo(6);
    assertThat(tmp.stat("/t.txt").size()).isEqualTo(5);
    assertThat(s.execute("cd /tmp && rm ./t.txt").exitCode()).isZero();
  }

  @Test
  void aScopeOnAReadingCommandLeavesItsPatternOut() {
    Session s = ws.newSession(PermissionProfile.builder()
        .rule(CommandRule.allow("grep").under("/data"))
        .defaultDecision(Decision.DENY)
        .build());
    assertThat(s.execute("grep alpha /data/a.txt").stdoutText()).isEqualTo("alpha\n");
    assertRefused(s.execute("grep temp /tmp/t.txt"), "grep");
  }

  @Test
  void withoutAProfileEverythingRunsAsBefore() {
    assertThat(ws.execute("rm /data/a.txt; ls /data; ls /").stdoutText()).isEqualTo("data\ntmp\n");
  }

  @Test
  void theWorkspaceProfileAppliesToTheDefaultSessionAndNewOnes() {
    try (Workspace w = Workspace.builder().mount("/data", data).profile(PermissionProfile.builder().deny("rm").build())
        .build()) {
      assertRefused(w.execute("rm /data/a.txt"), "rm");
      assertRefused(w.newSession().execute("rm /data/a.txt"), "rm");
      assertThat(w.newSession("free", null).execute("rm /data/a.txt").exitCode()).isZero();
    }
  }
}
