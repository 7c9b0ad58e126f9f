package io.mirage4j.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirage4j.audit.InMemoryAuditSink;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code explain} tells what a line would do and changes nothing. */
class ExplainTest {
  private final Resource data = Resources.inMemory();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  private final List<ApprovalRequest> asked = new ArrayList<>();
  private Workspace ws;

  @BeforeEach
  void files() {
    data.write("/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder()
        .mount("/data", data)
        .mount("/tmp", Resources.inMemory())
        .audit(audit)
        .approvals(r -> {
          asked.add(r);
          return Approval.ALLOW_FOR_SESSION;
        })
        .profile(PermissionProfile.builder()
            .allow("cat", "grep")
            .rule(CommandRule.allow("rm").under("/tmp"))
            .deny("rm")
            .ask("wc")
            .defaultDecision(Decision.DENY)
            .build())
        .build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private static String summary(Explanation e) {
    StringBuilder b = new StringBuilder();
    for (Explanation.Step s : e.commands()) {
      b.append(s.command()).append(" | ").append(s.decision().word()).append(" | ").append(s.rule()).append(" | ")
          .append(s.paths()).append(s.exact() ? "" : " | inexact").append('\n');
    }
    return b.toString();
  }

  @Test
  void eachCommandWithItsVerdictItsRuleAndItsPaths() {
    Explanation e = ws.explain("cat /data/a.txt | grep alpha > /tmp/out && rm /data/a.txt; rm /tmp/out; wc -l a.txt; sort x");
    assertThat(e.error()).isNull();
    assertThat(summary(e)).isEqualTo("""
        cat /data/a.txt | allow | allow cat | [/data/a.txt]
        grep alpha | allow | allow grep | [/tmp/out]
        rm /data/a.txt | deny | deny rm | [/data/a.txt]
        rm /tmp/out | allow | allow rm under /tmp | [/tmp/out]
        wc -l a.txt | ask | ask wc | [/data/a.txt]
        sort x | deny | default: deny | [/data/x]
        """);
    assertThat(e.allowed()).isFalse();
  }

  @Test
  void jsNamesItsScriptAndNotItsCode() {
    Explanation e = ws.explain("js -e 'x' /data/a.txt; node -p 1; node /tmp/s.js arg; js -m s.mjs; node -- /tmp/t.js");
    assertThat(summary(e)).isEqualTo("""
        js -e x /data/a.txt | deny | default: deny | []
        node -p 1 | deny | default: deny | []
        node /tmp/s.js arg | deny | default: deny | [/tmp/s.js]
        js -m s.mjs | deny | default: deny | [/data/s.mjs]
        node -- /tmp/t.js | deny | default: deny | [/tmp/t.js]
        """);
  }

  @Test
  void nothingRunsNothingIsAskedNothingIsRecorded() {
    ws.explain("rm /tmp/x; echo hi > /data/new; wc -l /data/a.txt; cat /data/a.txt");
    assertThat(asked).isEmpty();
    assertThat(audit.events()).isEmpty();
    assertThat(data.list("/")).hasSize(1);
    assertThat(ws.defaultSession().execute("history").stdoutText()).isEqualTo("    1  history\n");
  }

  @Test
  void wrappersEvalSubstitutionsAndFunctionsAreFollowed() {
    Explanation e = ws.explain("env X=1 rm /data/a.txt; command rm /data/a.txt; timeout 5 rm /tmp/x;"
        + " echo $(rm /data/a.txt); eval 'rm /data/a.txt'; xargs rm < /tmp/list; find /data -exec rm {} \\;;"
        + " f() { rm /data/a.txt; }");
    assertThat(summary(e)).isEqualTo("""
        env X=1 rm /data/a.txt | deny | default: deny | []
        rm /data/a.txt | deny | deny rm | [/data/a.txt]
        command rm /data/a.txt | allow | shell builtin | []
        rm /data/a.txt | deny | deny rm | [/data/a.txt]
        timeout 5 rm /tmp/x | deny | default: deny | []
        rm /tmp/x | allow | allow rm under /tmp | [/tmp/x]
        rm /data/a.txt | deny | deny rm | [/data/a.txt]
        echo \\$\\(…\\) | allow | shell builtin | [] | inexact
        eval rm\\ /data/a.txt | allow | shell builtin | []
        rm /data/a.txt | deny | deny rm | [/data/a.txt]
        xargs rm | deny | default: deny | [/tmp/list]
        rm | deny | deny rm | [] | inexact
        find /data -exec rm \\{\\} \\; | deny | default: deny | [/data]
        rm \\{\\} | deny | deny rm | [/data/{}] | inexact
        rm /data/a.txt | deny | deny rm | [/data/a.txt]
        """.replace("\\\\", "\\"));
  }

  @Test
  void variablesOfTheSessionAreExpandedAndCdIsFollowed() {
    Session s = ws.defaultSession();
    s.execute("export T=/tmp");
    Explanation e = s.explain("cd $T && rm x; rm \"$T/y\"");
    assertThat(summary(e)).isEqualTo("""
        cd /tmp | allow | shell builtin | [/tmp]
        rm x | allow | allow rm under /tmp | [/tmp/x]
        rm /tmp/y | allow | allow rm under /tmp | [/tmp/y]
        """);
    assertThat(s.cwd()).isEqualTo("/data");
  }

  @Test
  void anApprovalForTheSessionShowsAsAllowed() {
    Session s = ws.defaultSession();
    assertThat(s.explain("wc -l /data/a.txt").commands().get(0).decision()).isEqualTo(Decision.ASK);
    s.execute("wc -l /data/a.txt");
    Explanation.Step step = s.explain("wc -c /data/a.txt").commands().get(0);
    assertThat(step.decision()).isEqualTo(Decision.ALLOW);
    assertThat(step.rule()).isEqualTo("approved for the session (ask wc)");
  }

  @Test
  void aSyntaxErrorIsReported() {
    Explanation e = ws.explain("echo 'unterminated");
    assertThat(e.error()).startsWith("mirage: syntax error");
    assertThat(e.commands()).isEmpty();
    assertThat(e.allowed()).isFalse();
  }

  @Test
  void withoutAProfileEverythingIsAllowed() {
    try (Workspace free = Workspace.builder().mount("/data", data).build()) {
      Explanation e = free.explain("rm /data/a.txt");
      assertThat(summary(e)).isEqualTo("rm /data/a.txt | allow | no permission profile | [/data/a.txt]\n");
      assertThat(e.allowed()).isTrue();
      assertThat(data.list("/")).hasSize(1);
    }
  }
}
