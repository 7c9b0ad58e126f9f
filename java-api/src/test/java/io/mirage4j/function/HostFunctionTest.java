package io.mirage4j.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mirage4j.audit.AuditEvent;
import io.mirage4j.audit.InMemoryAuditSink;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.permission.Approval;
import io.mirage4j.permission.ApprovalRequest;
import io.mirage4j.permission.Decision;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.python.PythonOutput;
import io.mirage4j.python.PythonResult;
import io.mirage4j.python.PythonRun;
import io.mirage4j.python.PythonRuntime;
import io.mirage4j.python.PythonRuntimeProvider;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Host functions on the Java side: schemas, checks, permissions, audit and re-entry, with a
 * Python runtime that plays the program: each python3 call asks for the function named by its
 * code ({@code name {json args}}) and prints Java's answer or refusal.
 */
class HostFunctionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Search(String query, Integer limit, List<String> tags, byte[] raw, boolean exact) {}

  record Query(String query, Integer limit) {}

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A runtime whose program is "NAME ARGS": one call of the host function NAME. */
  static final class Scripted implements PythonRuntimeProvider {
    final List<List<String>> offered = new ArrayList<>();

    @Override
    public PythonRuntime create(WorkspaceFs files) {
      return new PythonRuntime() {
        @Override
        public PythonResult run(PythonRun run) {
          return new PythonResult(0, "no functions\n".getBytes(StandardCharsets.UTF_8), new byte[0]);
        }

        @Override
        public PythonResult run(PythonRun run, InputStream stdin, PythonOutput output, WorkspaceFs view, HostCalls calls)
            throws java.io.IOException {
          offered.add(calls.functions().stream().map(HostFunction::name).toList());
          String code = ((io.mirage4j.python.PythonProgram.Command) run.program()).code();
          int space = code.indexOf(' ');
          String text;
          try {
            text = calls.call(code.substring(0, space), json(code.substring(space + 1))) + "\n";
          } catch (HostCallException e) {
            text = e.reason() + ": " + e.getMessage() + "\n";
          }
          output.stdout(text.getBytes(StandardCharsets.UTF_8));
          return new PythonResult(0, new byte[0], new byte[0]);
        }

        @Override
        public String version() {
          return "3.14";
        }

        @Override
        public void close() {}
      };
    }
  }

  private static String call(Session session, String name, String args) {
    ExecResult r = session.execute("python3 -c '" + name + " " + args + "'");
    assertThat(r.stderrText()).isEmpty();
    return r.stdoutText();
  }

  private static HostFunction echo(String name) {
    return HostFunction.of(name, "Echo.", ArgumentSchema.none().put("additionalProperties", true), (args, context) -> args);
  }

  @Test
  void namesAndSchemasOutsideTheSubsetAreRefusedWhenTheFunctionIsMade() {
    BiFunction<String, String, HostFunction> make =
        (name, schema) -> HostFunction.of(name, "", json(schema), (args, context) -> args);
    assertThatThrownBy(() -> make.apply("not-a-name", "{\"type\":\"object\"}")).hasMessageContaining("Python identifier");
    assertThatThrownBy(() -> make.apply("class", "{\"type\":\"object\"}")).hasMessageContaining("no keyword");
    assertThatThrownBy(() -> make.apply("f", "{\"type\":\"string\"}")).hasMessageContaining("must be an object's");
    assertThatThrownBy(() -> make.apply("f", "{\"type\":\"object\",\"properties\":{\"a\":{\"pattern\":\"x\"}}}"))
        .hasMessage("schema.properties.a: the keyword 'pattern' is not supported (ArgumentSchema lists those that are)");
    assertThatThrownBy(() -> make.apply("f", "{\"type\":\"object\",\"properties\":{\"two words\":{}}}"))
        .hasMessageContaining("property 'two words' is no Python identifier");
    assertThatThrownBy(() -> make.apply("f", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"decimal\"}}}"))
        .hasMessageContaining("unknown type \"decimal\"");
  }

  @Test
  void violationsNameTheFieldInPythonsWords() {
    JsonNode schema = json("""
        {"type": "object", "properties": {
           "q": {"type": "string", "minLength": 1},
           "n": {"type": "integer", "minimum": 1, "maximum": 10},
           "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
           "raw": {"type": "string", "format": "binary"},
           "opt": {"type": ["string", "null"]}},
         "required": ["q"], "additionalProperties": false}""");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"x\", \"n\": 3, \"tags\": [\"a\"], \"opt\": null}"))).isNull();
    assertThat(ArgumentSchema.violation(schema, json("{}"))).isEqualTo("argument 'q' is required");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"\"}"))).isEqualTo("argument 'q': must be at least 1 long, got 0");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"x\", \"n\": 11}"))).isEqualTo("argument 'n': must be at most 10, got 11");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"x\", \"n\": 1.5}"))).isEqualTo("argument 'n': must be an integer, got a number");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"x\", \"n\": 9007199254740993}")))
        .isEqualTo("argument 'n': 9007199254740993 is out of range (integers are exact up to 2**53)");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"x\", \"tags\": [\"a\", \"c\"]}"))).isEqualTo("argument 'tags[1]': must be one of \"a\", \"b\"");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"x\", \"raw\": \"text\"}"))).isEqualTo("argument 'raw': must be bytes, got a string");
    assertThat(ArgumentSchema.violation(schema, json("{\"q\": \"x\", \"z\": 1}"))).isEqualTo("the arguments: unexpected field 'z'");
    assertThat(ArgumentSchema.violation(ArgumentSchema.none().put("additionalProperties", true), json("{\"x\": {\"$bin\": 1}}")))
        .isEqualTo("argument 'x': the key '$bin' is reserved");
  }

  @Test
  void aRecordGivesTheSchemaAndTheHandlerARecord() {
    assertThat(RecordSchemas.of(Search.class)).isEqualTo(json("""
        {"type": "object", "properties": {"query": {"type": "string"}, "limit": {"type": "integer"},
           "tags": {"type": "array", "items": {"type": "string"}}, "raw": {"type": "string", "format": "binary"},
           "exact": {"type": "boolean"}},
         "required": ["query", "tags", "raw", "exact"], "additionalProperties": false}"""));
    record Bad(Thread t) {}
    assertThatThrownBy(() -> RecordSchemas.of(Bad.class)).hasMessage("Bad.t: cannot describe java.lang.Thread in a schema");
  }

  @Test
  void callsAreCheckedAgainInJavaAndTheHandlerGetsWhatPassed() {
    Scripted python = new Scripted();
    List<Query> seen = new ArrayList<>();
    try (Workspace ws = Workspace.builder().pythonRuntime(python)
        .function(HostFunction.of("search", "Searches.", Query.class, (args, context) -> {
          seen.add(args);
          return Map.of("hits", List.of(args.query()), "session", context.session());
        }))
        .build()) {
      Session s = ws.defaultSession();
      assertThat(call(s, "search", "{\"query\": \"q\", \"limit\": 2}"))
          .isIn("{\"hits\":[\"q\"],\"session\":\"default\"}\n", "{\"session\":\"default\",\"hits\":[\"q\"]}\n");
      assertThat(seen.get(0)).isEqualTo(new Query("q", 2));
      assertThat(call(s, "search", "{\"query\": 1}"))
          .isEqualTo("INVALID: argument 'query': must be a string, got an integer\n");
      assertThat(call(s, "nothere", "{}")).isEqualTo("UNKNOWN: no function named 'nothere' was handed to this session\n");
      assertThat(seen).hasSize(1);
      assertThat(python.offered).allMatch(names -> names.equals(List.of("search")));
    }
  }

  @Test
  void sessionFunctionsAreTheSessionsOwn() {
    try (Workspace ws = Workspace.builder().pythonRuntime(new Scripted()).build()) {
      Session a = ws.newSession();
      Session b = ws.newSession();
      a.function(echo("mine"));
      assertThat(call(a, "mine", "{\"x\": 1}")).isEqualTo("{\"x\":1}\n");
      assertThat(call(b, "mine", "{}")).isEqualTo("no functions\n");
    }
  }

  @Test
  void theProfileDecidesAndTheApprovalHandlerSeesTheFunctionAndItsArguments() {
    List<ApprovalRequest> asked = new ArrayList<>();
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (Workspace ws = Workspace.builder().pythonRuntime(new Scripted())
        .function(echo("mail")).function(echo("drop")).function(echo("read"))
        .profile(PermissionProfile.fromMap(Map.of("functions",
            Map.of("default", "deny", "ask", List.of("mail"), "allow", List.of("read")))))
        .approvals(request -> {
          asked.add(request);
          return asked.size() == 1 ? Approval.ALLOW_FOR_SESSION : Approval.DENY;
        })
        .audit(audit)
        .build()) {
      Session s = ws.defaultSession();
      assertThat(call(s, "read", "{}")).isEqualTo("{}\n");
      assertThat(call(s, "drop", "{}")).startsWith("DENIED: Permission denied");
      assertThat(call(s, "mail", "{\"to\": \"a@b\"}")).isEqualTo("{\"to\":\"a@b\"}\n");
      assertThat(call(s, "mail", "{\"to\": \"c@d\"}")).as("approved for the session").isEqualTo("{\"to\":\"c@d\"}\n");
      assertThat(asked).hasSize(1);
      assertThat(asked.get(0).function()).isEqualTo("mail");
      assertThat(asked.get(0).arguments()).isEqualTo(json("{\"to\": \"a@b\"}"));
      assertThat(asked.get(0).rule()).isEqualTo("ask function mail");
      List<AuditEvent> calls = audit.events().stream().filter(e -> e.kind() == AuditEvent.Kind.FUNCTION).toList();
      assertThat(calls).extracting(AuditEvent::action).containsExactly("read", "drop", "mail", "mail");
      assertThat(calls).extracting(AuditEvent::status).containsExactly(0, 126, 0, 0);
      assertThat(audit.events()).anyMatch(e -> e.kind() == AuditEvent.Kind.REFUSAL
          && e.detail().equals("default function: deny"));
    }
  }

  @Test
  void failuresResultsOverTheCapAndCallsBackIntoTheWorkspaceComeBackAsErrors() {
    Workspace[] self = new Workspace[1];
    try (Workspace ws = Workspace.builder().pythonRuntime(new Scripted()).functionResultLimit(100)
        .function(HostFunction.of("boom", "", ArgumentSchema.none(), (args, context) -> {
          throw new IllegalStateException("the store is down");
        }))
        .function(HostFunction.of("npe", "", ArgumentSchema.none(), (args, context) -> {
          throw new NullPointerException();
        }))
        .function(HostFunction.of("big", "", ArgumentSchema.none(), (args, context) -> TextNode.valueOf("x".repeat(200))))
        .function(HostFunction.of("nan", "", ArgumentSchema.none(), (args, context) -> JSON.getNodeFactory().numberNode(Double.NaN)))
        .function(HostFunction.of("back", "", ArgumentSchema.none(),
            (args, context) -> TextNode.valueOf(self[0].execute("echo hi").stdoutText())))
        .function(HostFunction.async("later", "", ArgumentSchema.none(),
            (args, context) -> java.util.concurrent.CompletableFuture.failedFuture(new java.io.IOException("offline"))))
        .build()) {
      self[0] = ws;
      Session s = ws.newSession();
      assertThat(call(s, "boom", "{}")).isEqualTo("FAILED: the store is down\n");
      assertThat(call(s, "npe", "{}")).isEqualTo("FAILED: NullPointerException\n");
      assertThat(call(s, "big", "{}")).isEqualTo("TOO_LARGE: the result takes 202 bytes, more than the limit of 100\n");
      assertThat(call(s, "nan", "{}")).isEqualTo("FAILED: the result cannot reach Python: NaN is not a JSON number\n");
      assertThat(call(s, "later", "{}")).isEqualTo("FAILED: offline\n");
      assertThat(call(s, "back", "{}")).startsWith("FAILED: a host function cannot run command lines in its own workspace");
      assertThat(call(s, "boom", "{\"x\": 1}")).isEqualTo("INVALID: the arguments: unexpected field 'x'\n");
    }
  }

  @Test
  void aWorkspaceWithoutFunctionsCallsTheRuntimeAsBefore() {
    try (Workspace ws = Workspace.builder().pythonRuntime(new Scripted()).build()) {
      assertThat(ws.execute("python3 -c 'x {}'").stdoutText()).isEqualTo("no functions\n");
    }
  }

  @Test
  void argumentsOverTheCapAreRefused() {
    try (Workspace ws = Workspace.builder().pythonRuntime(new Scripted()).function(echo("echo")).build()) {
      ObjectNode huge = JSON.createObjectNode().put("s", "x".repeat((int) HostCalls.ARGS_LIMIT));
      Session s = ws.defaultSession();
      assertThat(call(s, "echo", "{}")).isEqualTo("{}\n");
      assertThat(huge.get("s").asText()).hasSize((int) HostCalls.ARGS_LIMIT);
      assertThat(ArgumentSchema.sizeOf(huge, null)).isGreaterThan(HostCalls.ARGS_LIMIT);
    }
  }
}
