package io.mirage4j.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/** Lines, file operations and refusals reach the audit sink, tagged with the session. */
class AuditTest {
  private final Resource data = Resources.inMemory();

  private static String describe(AuditEvent e) {
    return e.session() + " " + e.kind() + " " + e.action() + " " + e.paths() + " " + e.status() + " " + e.bytes()
        + (e.detail() == null ? "" : " (" + e.detail() + ")");
  }

  @Test
  void linesAndFileOperationsAreRecordedWithTheirBytes() {
    InMemoryAuditSink audit = new InMemoryAuditSink();
    data.write("/in.txt", "hello world\n".getBytes(StandardCharsets.UTF_8));
    try (Workspace ws = Workspace.builder().mount("/data", data).audit(audit).build()) {
      ws.execute("echo abc > /data/out.txt; cat /data/in.txt; mkdir /data/d; mv /data/out.txt /data/d/o; rm /data/d/o");
      ws.execute("cat /data/missing");
    }
    assertThat(audit.events()).extracting(AuditTest::describe).containsExactly(
        "default FILE write [/data/out.txt] 0 0",
        "default FILE append [/data/out.txt] 0 4",
        "default FILE open [/data/in.txt] 0 12",
        "default FILE mkdir [/data/d] 0 0",
        "default FILE rename [/data/out.txt, /data/d/o] 0 0",
        "default FILE delete [/data/d/o] 0 0",
        "default LINE echo abc > /data/out.txt; cat /data/in.txt; mkdir /data/d; mv /data/out.txt /data/d/o; rm /data/d/o"
            + " [] 0 12",
        "default FILE open [/data/missing] 1 0 (No such file or directory)",
        "default LINE cat /data/missing [] 1 46");
    assertThat(audit.events()).allSatisfy(e -> assertThat(e.duration().isNegative()).isFalse());
  }

  @Test
  void eachSessionIsNamedAndRefusalsAreRecorded() {
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (Workspace ws = Workspace.builder().mount("/data", data).audit(audit).build()) {
      Session agent = ws.newSession("agent-1", PermissionProfile.builder().deny("rm").build());
      agent.execute("rm /data/x");
      ws.newSession().execute("true");
    }
    assertThat(audit.events()).extracting(AuditTest::describe).containsExactly(
        "agent-1 REFUSAL rm /data/x [/data/x] 126 0 (deny rm)",
        "agent-1 LINE rm /data/x [] 126 22",
        "session-2 LINE true [] 0 0");
  }

  @Test
  void theJsonLinesFileHoldsOneValidJsonObjectPerLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink audit = new JsonLinesAuditSink(file);
        Workspace ws = Workspace.builder().mount("/data", data).audit(audit).build()) {
      ws.execute("printf 'a\\nb \"quoted\" \\\\ ü\\n' > /data/f; cat /data/f");
      ws.newSession(PermissionProfile.builder().deny("cat").build()).execute("cat /data/f");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(6);
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : lines) {
      nodes.add(mapper.readTree(line));
    }
    assertThat(nodes).extracting(n -> n.get("kind").asText()).containsExactly("file", "file", "file", "line", "refusal", "line");
    JsonNode write = nodes.get(1);
    assertThat(write.get("action").asText()).isEqualTo("append");
    assertThat(write.get("paths").get(0).asText()).isEqualTo("/data/f");
    assertThat(write.get("bytes").asLong()).isEqualTo(18);
    assertThat(write.get("session").asText()).isEqualTo("default");
    assertThat(write.has("detail")).isFalse();
    assertThat(nodes.get(3).get("action").asText()).isEqualTo("printf 'a\\nb \"quoted\" \\\\ ü\\n' > /data/f; cat /data/f");
    assertThat(nodes.get(3).get("status").asInt()).isZero();
    assertThat(nodes.get(4).get("detail").asText()).isEqualTo("deny cat");
    assertThat(nodes.get(4).get("status").asInt()).isEqualTo(126);
    for (JsonNode n : nodes) {
      assertThat(n.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(n.get("durationMicros").isIntegralNumber()).isTrue();
    }
  }

  @Test
  void theSlf4jSinkLogsEachEventAsJsonAndRefusalsAsWarnings() {
    List<String> logged = new ArrayList<>();
    LegacyAbstractLogger logger = new LegacyAbstractLogger() {
      @Override
      protected String getFullyQualifiedCallerName() {
        return null;
      }

      @Override
      protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] args,
          Throwable t) {
        logged.add(level + " " + message);
      }

      @Override
      public boolean isTraceEnabled() {
        return true;
      }

      @Override
      public boolean isDebugEnabled() {
        return true;
      }

      @Override
      public boolean isInfoEnabled() {
        return true;
      }

      @Override
      public boolean isWarnEnabled() {
        return true;
      }

      @Override
      public boolean isErrorEnabled() {
        return true;
      }
    };
    try (Workspace ws = Workspace.builder().mount("/data", data).audit(new Slf4jAuditSink(logger))
        .profile(PermissionProfile.builder().deny("rm").build()).build()) {
      ws.execute("rm /data/x");
    }
    assertThat(logged).hasSize(2);
    assertThat(logged.get(0)).startsWith("WARN {\"time\":").contains("\"kind\":\"refusal\"", "\"action\":\"rm /data/x\"");
    assertThat(logged.get(1)).startsWith("INFO {\"time\":").contains("\"kind\":\"line\"", "\"status\":126");
  }

  @Test
  void aSinkThatThrowsDoesNotFailTheCommand() {
    try (Workspace ws = Workspace.builder().mount("/data", data).audit(e -> {
      throw new IllegalStateException("disk full");
    }).build()) {
      assertThat(ws.execute("echo hi > /data/a; cat /data/a").stdoutText()).isEqualTo("hi\n");
    }
  }

  @Test
  void withoutASinkTheResourceIsCalledDirectly() {
    List<String> calls = new ArrayList<>();
    Resource watched = new Resource() {
      @Override
      public io.mirage4j.fs.FileStat stat(String path) {
        calls.add(Thread.currentThread().getStackTrace()[2].getClassName());
        return data.stat(path);
      }

      @Override
      public List<io.mirage4j.fs.FileStat> list(String path) {
        return data.list(path);
      }

      @Override
      public byte[] read(String path) {
        return data.read(path);
      }

      @Override
      public void write(String path, byte[] bytes) {
        data.write(path, bytes);
      }

      @Override
      public void append(String path, byte[] bytes) {
        data.append(path, bytes);
      }

      @Override
      public void mkdir(String path) {
        data.mkdir(path);
      }

      @Override
      public void delete(String path) {
        data.delete(path);
      }

      @Override
      public void rename(String from, String to) {
        data.rename(from, to);
      }
    };
    try (Workspace ws = Workspace.builder().mount("/data", watched).build()) {
      ws.execute("test -e /data/x");
    }
    assertThat(calls).isNotEmpty().allSatisfy(caller -> assertThat(caller).isEqualTo("io.mirage4j.fs.WorkspaceFs"));
  }
}
