package io.mirage4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.audit.AuditEvent;
import io.mirage4j.audit.InMemoryAuditSink;
import io.mirage4j.fs.Mode;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tools over an in-memory workspace (no python3: see PythonToolIT). */
class WorkspaceToolsTest {
  private final Resource data = Resources.inMemory();
  private final Resource ro = Resources.inMemory();
  private final Workspace ws;
  private final WorkspaceTools tools;

  WorkspaceToolsTest() {
    data.mkdir("/src");
    data.mkdir("/src/.hidden");
    data.write("/src/a.py", "import os\nprint('TODO one')\n".getBytes(StandardCharsets.UTF_8));
    data.write("/src/b.txt", "todo two\nnothing\n".getBytes(StandardCharsets.UTF_8));
    data.write("/src/.hidden/c.py", "TODO hidden\n".getBytes(StandardCharsets.UTF_8));
    data.write("/bin.dat", new byte[] {1, 0, 2});
    ro.write("/keep.txt", "k\n".getBytes(StandardCharsets.UTF_8));
    ws = Workspace.builder().mount("/data", data).mount("/ro", ro, Mode.READ).cwd("/data").build();
    tools = WorkspaceTools.builder(ws).textLimit(200).build();
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private ToolResult call(String tool, Object... args) {
    return tools.call(tool, Json.object(args), ToolCall.quiet());
  }

  @Test
  void listsEightToolsWithSchemasThatRejectUnknownArguments() {
    assertThat(tools.all()).extracting(WorkspaceTool::name)
        .containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
    assertThat(tools.all()).filteredOn(WorkspaceTool::readOnly).extracting(WorkspaceTool::name)
        .containsExactly("read", "ls", "glob", "grep");
    ObjectNode schema = tools.tool("read").orElseThrow().inputSchema();
    assertThat(schema.get("type").asText()).isEqualTo("object");
    assertThat(schema.get("required")).hasSize(1);
    assertThat(schema.get("required").get(0).asText()).isEqualTo("path");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    assertThat(schema.at("/properties/offset/minimum").asLong()).isEqualTo(1);
    for (WorkspaceTool tool : tools.all()) {
      assertThat(tool.description()).hasSizeGreaterThan(40);
      tool.inputSchema().get("properties").forEach(p -> assertThat(p.get("description").asText()).isNotBlank());
    }
  }

  @Test
  void refusesBadArgumentsBeforeRunningAnything() {
    assertThatThrownBy(() -> call("read", "file", "/x"))
        .isInstanceOf(ToolArgumentException.class)
        .hasMessage("read: unknown argument \"file\"; expected path, offset, limit, session");
    assertThatThrownBy(() -> call("read"))
        .hasMessage("read: missing required argument \"path\"");
    assertThatThrownBy(() -> call("read", "path", 3))
        .hasMessage("read: argument \"path\" must be a string, not a number (3)");
    assertThatThrownBy(() -> call("read", "path", "/data/src/a.py", "offset", 0))
        .hasMessage("read: argument \"offset\" must be between 1 and 2147483647, not 0");
    assertThatThrownBy(() -> call("python", "code", "1", "args", java.util.List.of("a", 1)))
        .isInstanceOf(ToolArgumentException.class);
    assertThatThrownBy(() -> tools.call("nope", Json.object(), ToolCall.quiet()))
        .hasMessageStartingWith("unknown tool \"nope\"; the tools are shell, python");
    assertThatThrownBy(() -> call("grep", "pattern", "(")).hasMessageStartingWith("grep: invalid pattern:");
    assertThatThrownBy(() -> call("write", "path", "/data/x\0y", "content", "")).hasMessageContaining("NUL");
    assertThat(data.list("/")).extracting(f -> f.name()).doesNotContain("x");
  }

  @Test
  void shellRunsALineInANamedSessionThatKeepsItsState() {
    ToolResult first = call("shell", "command", "cd src && export N=5 && ls", "session", "s1");
    assertThat(first.text()).isEqualTo("a.py\nb.txt\n");
    assertThat(first.isError()).isFalse();
    ToolResult again = call("shell", "command", "pwd; echo $N", "session", "s1");
    assertThat(again.text()).isEqualTo("/data/src\n5\n");
    assertThat(again.structured().get("session").asText()).isEqualTo("s1");
    ToolResult other = call("shell", "command", "pwd; echo \"[$N]\"");
    assertThat(other.text()).isEqualTo("/data\n[]\n");
  }

  @Test
  void shellSaysTheExitStatusStandardErrorAndWhatWasCut() {
    ToolResult failed = call("shell", "command", "echo out; cat /data/missing; exit 3");
    assertThat(failed.isError()).isTrue();
    assertThat(failed.text()).isEqualTo("out\n[stderr]\ncat: /data/missing: No such file or directory\n[exit code 3]\n");
    assertThat(failed.structured().get("exitCode").asInt()).isEqualTo(3);
    ToolResult big = call("shell", "command", "seq 1 1000");
    assertThat(big.structured().get("stdoutTruncated").asBoolean()).isTrue();
    assertThat(big.structured().get("stdout").asText()).hasSize(200);
    assertThat(big.text()).endsWith("[stdout truncated: showing the first 200 of 3893 characters]\n");
    ToolResult slow = call("shell", "command", "sleep 5", "timeout", 1);
    assertThat(slow.structured().get("exitCode").asInt()).isEqualTo(124);
  }

  @Test
  void readsLinesAndSaysWhereToGoOn() {
    ToolResult whole = call("read", "path", "src/a.py");
    assertThat(whole.text()).isEqualTo("import os\nprint('TODO one')\n");
    assertThat(whole.structured().get("totalLines").asInt()).isEqualTo(2);
    ToolResult part = call("read", "path", "/data/src/b.txt", "offset", 1, "limit", 1);
    assertThat(part.text()).isEqualTo("todo two\n[lines 1-1 of 2; read on with offset 2]\n");
    assertThat(part.structured().get("truncated").asBoolean()).isTrue();
    ToolResult missing = call("read", "path", "/data/none.txt");
    assertThat(missing.isError()).isTrue();
    assertThat(missing.text()).isEqualTo("read: /data/none.txt: No such file or directory");
    ToolResult binary = call("read", "path", "/data/bin.dat");
    assertThat(binary.isError()).isTrue();
    assertThat(binary.text()).startsWith("read: /data/bin.dat: binary file (3 bytes)");
  }

  @Test
  void writesWithParentsAndRespectsReadOnlyMounts() {
    ToolResult made = call("write", "path", "/data/new/deep/f.txt", "content", "hé\n");
    assertThat(made.text()).isEqualTo("created /data/new/deep/f.txt (4 bytes)");
    assertThat(new String(data.read("/new/deep/f.txt"), StandardCharsets.UTF_8)).isEqualTo("hé\n");
    assertThat(call("write", "path", "/data/new/deep/f.txt", "content", "x").text())
        .isEqualTo("replaced /data/new/deep/f.txt (1 bytes)");
    ToolResult refused = call("write", "path", "/ro/keep.txt", "content", "x");
    assertThat(refused.isError()).isTrue();
    assertThat(refused.text()).isEqualTo("write: /ro/keep.txt: Read-only file system");
    assertThat(new String(ro.read("/keep.txt"), StandardCharsets.UTF_8)).isEqualTo("k\n");
  }

  @Test
  void editsExactlyOneOccurrenceOrSaysWhyNot() {
    data.write("/e.txt", "a = 1\nb = 1\na = 1\n".getBytes(StandardCharsets.UTF_8));
    ToolResult twice = call("edit", "path", "/data/e.txt", "old_string", "a = 1", "new_string", "a = 2");
    assertThat(twice.isError()).isTrue();
    assertThat(twice.text()).isEqualTo("edit: /data/e.txt: old_string occurs 2 times; add the lines around it to make it unique, or set replace_all");
    ToolResult once = call("edit", "path", "/data/e.txt", "old_string", "b = 1\na", "new_string", "b = 3\na");
    assertThat(once.text()).isEqualTo("replaced 1 occurrence in /data/e.txt");
    ToolResult all = call("edit", "path", "/data/e.txt", "old_string", "a = 1", "new_string", "a = 2", "replace_all", true);
    assertThat(all.structured().get("replacements").asInt()).isEqualTo(2);
    assertThat(new String(data.read("/e.txt"), StandardCharsets.UTF_8)).isEqualTo("a = 2\nb = 3\na = 2\n");
    assertThat(call("edit", "path", "/data/e.txt", "old_string", "zzz", "new_string", "y").text())
        .isEqualTo("edit: /data/e.txt: old_string not found; read the file and copy the text exactly");
    assertThatThrownBy(() -> call("edit", "path", "/data/e.txt", "old_string", "", "new_string", "y"))
        .isInstanceOf(ToolArgumentException.class);
  }

  @Test
  void listsDirectoriesAndTheMounts() {
    assertThat(call("ls", "path", "/").text()).isEqualTo("data/\nro/\n");
    assertThat(call("ls", "path", "src").text()).isEqualTo(".hidden/\na.py  28 bytes\nb.txt  17 bytes\n");
    assertThat(call("ls", "path", "/nowhere").text()).isEqualTo("ls: /nowhere: No such file or directory");
  }

  @Test
  void globsWithDoubleStarsAndSkipsDotNamesUnlessAsked() {
    assertThat(call("glob", "pattern", "**/*.py").text()).isEqualTo("/data/src/a.py\n");
    assertThat(call("glob", "pattern", "**/.hidden/*.py").text()).isEqualTo("/data/src/.hidden/c.py\n");
    assertThat(call("glob", "pattern", "src/*.[pt]*", "path", "/data").text()).isEqualTo("/data/src/a.py\n/data/src/b.txt\n");
    assertThat(call("glob", "pattern", "*.csv").text()).isEqualTo("no files match *.csv below /data\n");
    assertThatThrownBy(() -> call("glob", "pattern", "/data/*")).isInstanceOf(ToolArgumentException.class);
  }

  @Test
  void fileToolsSeeTheSessionsViewAndReachItsAudit() {
    InMemoryAuditSink audit = new InMemoryAuditSink();
    PermissionProfile profile = PermissionProfile.builder()
        .mount("/data", Mode.READ).hidePath("/data/src/.hidden").deny("cat").build();
    try (Workspace guarded = Workspace.builder().mount("/data", data).mount("/ro", ro, Mode.READ)
        .profile(profile).audit(audit).cwd("/data").build()) {
      WorkspaceTools scoped = WorkspaceTools.of(guarded);
      assertThat(scoped.call("ls", Json.object("path", "/"), ToolCall.quiet()).text()).isEqualTo("data/\n");
      assertThat(scoped.call("read", Json.object("path", "/ro/keep.txt"), ToolCall.quiet()).text())
          .isEqualTo("read: /ro/keep.txt: No such file or directory");
      assertThat(scoped.call("read", Json.object("path", "/data/src/.hidden/c.py"), ToolCall.quiet()).text())
          .isEqualTo("read: /data/src/.hidden/c.py: No such file or directory");
      assertThat(scoped.call("grep", Json.object("pattern", "TODO"), ToolCall.quiet()).text())
          .isEqualTo("/data/src/a.py:2:print('TODO one')\n");
      assertThat(scoped.call("write", Json.object("path", "/data/n.txt", "content", "x"), ToolCall.quiet()).text())
          .isEqualTo("write: /data/n.txt: Read-only file system");
      ToolResult cat = scoped.call("shell", Json.object("command", "cat src/b.txt", "session", "s"), ToolCall.quiet());
      assertThat(cat.structured().get("exitCode").asInt()).isEqualTo(126);
      assertThat(cat.structured().get("stderr").asText()).isEqualTo("cat: Permission denied\n");
      assertThat(scoped.call("read", Json.object("path", "src/b.txt"), ToolCall.quiet()).text()).isEqualTo("todo two\nnothing\n");
    }
    assertThat(audit.events()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(AuditEvent.Kind.FILE);
      assertThat(e.paths()).contains("/data/src/b.txt");
      assertThat(e.bytes()).isEqualTo(17);
    });
    assertThat(audit.events()).anySatisfy(e -> assertThat(e.kind()).isEqualTo(AuditEvent.Kind.REFUSAL));
  }

  @Test
  void grepsLinesWithPathsAndLineNumbers() {
    assertThat(call("grep", "pattern", "TODO").text())
        .isEqualTo("/data/src/.hidden/c.py:1:TODO hidden\n/data/src/a.py:2:print('TODO one')\n");
    assertThat(call("grep", "pattern", "todo", "ignore_case", true, "glob", "*.txt").text())
        .isEqualTo("/data/src/b.txt:1:todo two\n");
    ToolResult capped = call("grep", "pattern", "o", "max_results", 1);
    assertThat(capped.structured().get("matches")).hasSize(1);
    assertThat(capped.structured().get("truncated").asBoolean()).isTrue();
    assertThat(call("grep", "pattern", "TODO", "path", "/data/src/a.py").text()).isEqualTo("/data/src/a.py:2:print('TODO one')\n");
  }
}
