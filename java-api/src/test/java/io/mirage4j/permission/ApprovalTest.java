package io.mirage4j.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ask} rules and each answer of the host's approval handler. */
class ApprovalTest {
  private final Resource data = Resources.inMemory();
  private final List<ApprovalRequest> asked = new ArrayList<>();
  private final AtomicReference<Approval> answer = new AtomicReference<>(Approval.DENY);
  private Workspace ws;

  @BeforeEach
  void files() {
    for (String name : List.of("/a", "/b", "/c", "/d")) {
      data.write(name, "x\n".getBytes(StandardCharsets.UTF_8));
    }
    ws = Workspace.builder()
        .mount("/data", data)
        .approvals(request -> {
          asked.add(request);
          return answer.get();
        })
        .build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private Session askingForRm() {
    return ws.newSession(PermissionProfile.builder().ask("rm").build());
  }

  @Test
  void theHandlerSeesTheLineTheCommandThePathsAndTheRule() {
    answer.set(Approval.ALLOW_ONCE);
    Session s = askingForRm();
    s.execute("cd /data; for f in a b; do echo $f; done > /dev/null; rm -f ./a 'b'");
    assertThat(asked).hasSize(1);
    ApprovalRequest r = asked.get(0);
    assertThat(r.session()).isEqualTo(s.id());
    assertThat(r.line()).isEqualTo("cd /data; for f in a b; do echo $f; done > /dev/null; rm -f ./a 'b'");
    assertThat(r.command()).isEqualTo("rm -f ./a b");
    assertThat(r.argv()).containsExactly("rm", "-f", "./a", "b");
    assertThat(r.paths()).containsExactly("/data/a", "/data/b");
    assertThat(r.rule()).isEqualTo("ask rm");
  }

  @Test
  void allowOnceRunsTheCommandAndAsksAgainNextTime() {
    answer.set(Approval.ALLOW_ONCE);
    Session s = askingForRm();
    assertThat(s.execute("rm /data/a").exitCode()).isZero();
    assertThat(s.execute("rm /data/b").exitCode()).isZero();
    assertThat(asked).hasSize(2);
    assertThat(data.list("/")).extracting(e -> e.name()).containsExactly("c", "d");
  }

  @Test
  void allowForTheSessionIsRememberedForThatRuleInThatSessionOnly() {
    answer.set(Approval.ALLOW_FOR_SESSION);
    Session s = askingForRm();
    assertThat(s.execute("rm /data/a").exitCode()).isZero();
    answer.set(Approval.DENY);
    assertThat(s.execute("rm /data/b; rm /data/c").exitCode()).isZero();
    assertThat(asked).hasSize(1);
    ExecResult other = askingForRm().execute("rm /data/d");
    assertThat(other.exitCode()).isEqualTo(126);
    assertThat(asked).hasSize(2);
  }

  @Test
  void denyRefusesWith126() {
    Session s = askingForRm();
    ExecResult r = s.execute("rm /data/a");
    assertThat(r.exitCode()).isEqualTo(126);
    assertThat(r.stderrText()).isEqualTo("rm: Permission denied\n");
    assertThat(data.stat("/a").size()).isEqualTo(2);
  }

  @Test
  void noHandlerANullAnswerOrAHandlerThatThrowsAllRefuse() {
    try (Workspace bare = Workspace.builder().mount("/data", data).build()) {
      ExecResult r = bare.newSession(PermissionProfile.builder().ask("rm").build()).execute("rm /data/a");
      assertThat(r.exitCode()).isEqualTo(126);
      assertThat(r.stderrText()).isEqualTo("rm: Permission denied\n");
    }
    answer.set(null);
    assertThat(askingForRm().execute("rm /data/a").exitCode()).isEqualTo(126);
    Session throwing = ws.newSession(PermissionProfile.builder().ask("rm").approvals(request -> {
      throw new IllegalStateException("no console");
    }).build());
    ExecResult r = throwing.execute("rm /data/a; echo still here");
    assertThat(r.stdoutText()).isEqualTo("still here\n");
    assertThat(r.stderrText()).isEqualTo("rm: Permission denied\n");
    assertThat(data.stat("/a").size()).isEqualTo(2);
  }

  @Test
  void aProfilesOwnHandlerIsAskedInsteadOfTheWorkspaces() {
    List<String> own = new ArrayList<>();
    Session s = ws.newSession(PermissionProfile.builder().ask("rm").approvals(request -> {
      own.add(request.command());
      return Approval.ALLOW_ONCE;
    }).build());
    assertThat(s.execute("rm /data/a").exitCode()).isZero();
    assertThat(own).containsExactly("rm /data/a");
    assertThat(asked).isEmpty();
  }

  @Test
  void anAskDefaultRemembersApprovalsPerCommandName() {
    answer.set(Approval.ALLOW_FOR_SESSION);
    Session s = ws.newSession(PermissionProfile.builder().defaultDecision(Decision.ASK).build());
    s.execute("cat /data/a; cat /data/b; wc -l /data/c");
    assertThat(asked).extracting(ApprovalRequest::command).containsExactly("cat /data/a", "wc -l /data/c");
    assertThat(asked).extracting(ApprovalRequest::rule).containsOnly("default: ask");
  }
}
