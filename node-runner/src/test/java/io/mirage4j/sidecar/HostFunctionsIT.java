package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mirage4j.audit.AuditEvent;
import io.mirage4j.audit.InMemoryAuditSink;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.function.ArgumentSchema;
import io.mirage4j.function.HostFunction;
import io.mirage4j.permission.Approval;
import io.mirage4j.permission.ApprovalRequest;
import io.mirage4j.permission.Decision;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.workspace.CellResult;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.PythonSession;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Host functions called from Python in a real sidecar: round trips, checks, permissions, limits and attacks. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostFunctionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger searches = new AtomicInteger();
  private static final AtomicInteger secrets = new AtomicInteger();
  private static final CountDownLatch slowInterrupted = new CountDownLatch(1);
  private static Workspace ws;

  record Search(String query, Integer limit) {}

  @BeforeAll
  static void start() throws Exception {
    ObjectNode echoSchema = (ObjectNode) JSON.readTree("""
        {"type": "object", "properties": {"value": {}, "data": {"type": "string", "format": "binary"}},
         "required": ["value"], "additionalProperties": false}""");
    ws = Workspace.builder()
        .mount("/data", Resources.inMemory(), Mode.WRITE)
        .pythonTimeout(Duration.ofSeconds(3))
        .function(HostFunction.of("echo", "Returns its arguments.", echoSchema, (args, context) -> args))
        .function(HostFunction.of("search", "Searches the document store.", Search.class, (args, context) -> {
          searches.incrementAndGet();
          if (args.query().equals("down")) {
            throw new IllegalStateException("the store is down");
          }
          int limit = args.limit() == null ? 2 : args.limit();
          return java.util.stream.IntStream.range(0, limit).mapToObj(i -> args.query() + "-" + i).toList();
        }))
        .function(HostFunction.async("later", "Answers on another thread.", ArgumentSchema.none(),
            (args, context) -> CompletableFuture.supplyAsync(() -> TextNode.valueOf("from " + context.session()))))
        .function(HostFunction.of("slow", "Sleeps.", ArgumentSchema.none(), (args, context) -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            slowInterrupted.countDown();
            throw e;
          }
          return null;
        }))
        .function(HostFunction.of("big", "A large result.", ArgumentSchema.none(),
            (args, context) -> TextNode.valueOf("x".repeat(9 << 20))))
        .function(HostFunction.of("forged", "A result with the protocol's reserved key.", ArgumentSchema.none(),
            (args, context) -> JSON.createObjectNode().put("$bin", 0)))
        .function(HostFunction.of("reenter", "Runs a line in its own workspace.", ArgumentSchema.none(),
            (args, context) -> TextNode.valueOf(ws.execute("echo hi").stdoutText())))
        .build();
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  private static ExecResult python(Session session, String code) {
    return session.execute("python3 -c " + io.mirage4j.shell.ShellQuote.of(code));
  }

  private static String ok(Session session, String code) {
    ExecResult r = python(session, code);
    assertThat(r.stderrText()).as(code).isEmpty();
    assertThat(r.exitCode()).as(code).isZero();
    return r.stdoutText();
  }

  @Test
  void everyJsonTypeAndBytesMakeTheRoundTrip() {
    String out = ok(ws.defaultSession(), """
        from mirage4j import tools
        v = {"s": "é\\u0000", "i": -(2**53 - 1), "f": 1.5, "t": True, "n": None, "l": [1, [2, []]], "o": {"k": {}}}
        r = tools.echo(value=v, data=bytes(range(256)))
        print(r == {"value": v, "data": bytes(range(256))}, type(r["data"]).__name__, tools.echo(value=None))
        """);
    assertThat(out).isEqualTo("True bytes {'value': None}\n");
  }

  @Test
  void recordSchemaShowsInPythonAndBadArgumentsNeverReachJava() {
    int before = searches.get();
    String out = ok(ws.defaultSession(), """
        import inspect
        from mirage4j import tools
        print(inspect.signature(tools.search))
        print(tools.search(query="pyodide", limit=3))
        for call in (lambda: tools.search(), lambda: tools.search(query="q", page=2), lambda: tools.search(query=1)):
            try:
                call()
            except (TypeError, ValueError) as e:
                print(type(e).__name__, e)
        """);
    assertThat(out).isEqualTo("""
        (*, query, limit=None)
        ['pyodide-0', 'pyodide-1', 'pyodide-2']
        TypeError search() missing 1 required keyword-only argument: 'query'
        TypeError search() got an unexpected keyword argument 'page'
        ValueError search(): argument 'query': must be a string, got int
        """);
    assertThat(searches.get() - before).isEqualTo(1);
  }

  @Test
  void javaExceptionsBecomeHostErrorAndAsyncHandlersWork() {
    String out = ok(ws.defaultSession(), """
        import asyncio, mirage4j
        from mirage4j import tools, async_tools
        try:
            tools.search(query="down")
        except mirage4j.HostError as e:
            print(type(e).__name__, e)
        print(tools.later())
        async def main():
            return await async_tools.search(query="a", limit=1)
        print(asyncio.run(main()))
        """);
    assertThat(out).isEqualTo("HostError search(): the store is down\nfrom default\n['a-0']\n");
  }

  @Test
  void theProfileAllowsAsksOrDeniesEachFunctionAndTheAuditRecordsEveryCall() {
    List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (Workspace guarded = Workspace.builder()
        .function(HostFunction.of("echo", "Echo.", ArgumentSchema.none().put("additionalProperties", true),
            (args, context) -> args))
        .function(HostFunction.of("drop", "Drops.", ArgumentSchema.none(), (args, context) -> TextNode.valueOf("dropped")))
        .profile(PermissionProfile.builder().function("echo", Decision.ASK).function("drop", Decision.DENY).build())
        .approvals(request -> {
          asked.add(request);
          return asked.size() == 1 ? Approval.ALLOW_ONCE : Approval.DENY;
        })
        .audit(audit)
        .build()) {
      String out = ok(guarded.defaultSession(), """
          import mirage4j
          from mirage4j import tools
          print(tools.echo(n=1))
          for call in (lambda: tools.echo(n=2), tools.drop):
              try:
                  call()
              except mirage4j.PermissionDenied as e:
                  print(isinstance(e, PermissionError), e)
          """);
      assertThat(out).isEqualTo("""
          {'n': 1}
          True echo(): Permission denied: the session's permission profile does not let it call echo
          True drop(): Permission denied: the session's permission profile does not let it call drop
          """);
      assertThat(asked).hasSize(2);
      assertThat(asked.get(0).function()).isEqualTo("echo");
      assertThat(asked.get(0).arguments()).isEqualTo(JSON.createObjectNode().put("n", 1));
      assertThat(asked.get(0).rule()).isEqualTo("ask function echo");
      List<AuditEvent> calls = audit.events().stream().filter(e -> e.kind() == AuditEvent.Kind.FUNCTION).toList();
      assertThat(calls).extracting(AuditEvent::action).containsExactly("echo", "echo", "drop");
      assertThat(calls).extracting(AuditEvent::status).containsExactly(0, 126, 126);
      assertThat(audit.events()).anyMatch(e -> e.kind() == AuditEvent.Kind.REFUSAL && e.detail().equals("deny function drop"));
    }
  }

  @Test
  void aSlowHandlerIsInterruptedAtTheCallsTimeLimit() throws Exception {
    long started = System.nanoTime();
    ExecResult r = python(ws.defaultSession(), "from mirage4j import tools; tools.slow()");
    assertThat(r.exitCode()).isEqualTo(124);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(slowInterrupted.await(5, TimeUnit.SECONDS)).as("the handler's thread was interrupted").isTrue();
    assertThat(ok(ws.defaultSession(), "from mirage4j import tools; print(tools.echo(value=1))")).isEqualTo("{'value': 1}\n");
  }

  @Test
  void aHandlerCallingBackIntoItsWorkspaceIsRefusedWithoutDeadlock() {
    long started = System.nanoTime();
    String out = ok(ws.defaultSession(), """
        import mirage4j
        try:
            mirage4j.tools.reenter()
        except mirage4j.HostError as e:
            print(e)
        """);
    assertThat(out).startsWith("reenter(): a host function cannot run command lines in its own workspace");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void tenThousandCallsInALoop() {
    try (Workspace loop = Workspace.builder().pythonTimeout(Duration.ofSeconds(60))
        .function(HostFunction.of("echo", "Echo.", ArgumentSchema.none().put("additionalProperties", true),
            (args, context) -> args))
        .build()) {
      tenThousandCalls(loop);
    }
  }

  private static void tenThousandCalls(Workspace loop) {
    ok(loop.defaultSession(), "from mirage4j import tools; tools.echo(value=0)");
    long started = System.nanoTime();
    String out = ok(loop.defaultSession(), """
        from mirage4j import tools
        n = 0
        for i in range(10_000):
            n += tools.echo(value=i)["value"] == i
        print(n)
        """);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("host_function_call: 10000 calls in %.2f s (%.0f calls/s)%n", seconds, 10_000 / seconds);
    assertThat(out).isEqualTo("10000\n");
  }

  @Test
  void resultsOverTheCapOrWithTheReservedKeyAreRefused() {
    String out = ok(ws.defaultSession(), """
        import mirage4j
        for f in (mirage4j.tools.big, mirage4j.tools.forged):
            try:
                f()
            except mirage4j.HostError as e:
                print(e)
        """);
    assertThat(out).isEqualTo("big(): the result takes 9437186 bytes, more than the limit of 8388608\n"
        + "forged(): the result cannot reach Python: the key '$bin' is reserved\n");
  }

  @Test
  void attackForgedNamesBypassedChecksAndHugeArgumentsThroughTheBridgeAreRefusedByJava() {
    Session other = ws.newSession();
    other.function(HostFunction.of("secret", "Only for the other session.", ArgumentSchema.none(),
        (args, context) -> TextNode.valueOf("secret " + secrets.incrementAndGet())));
    assertThat(ok(other, "from mirage4j import tools; print(tools.secret())")).isEqualTo("secret 1\n");
    int before = searches.get();
    String out = ok(ws.defaultSession(), """
        import gc, json
        bridge = next(o for o in gc.get_objects() if type(o).__name__ == "Mounts")
        def ask(name, args):
            answer = bridge.host_call(name, args)
            return (answer.error.reason, answer.error.message) if answer.error else ("OK", answer.result.text)
        print(*ask("secret", "{}"))
        print(*ask("search", json.dumps({"query": 5})))
        print(*ask("search", json.dumps({"query": "x", "extra": 1})))
        print(ask("search", json.dumps({"query": "x" * (9 << 20)}))[0])
        print(*ask("echo", json.dumps({"value": {"$bin": 0}})))
        print(*ask("echo", '{"value": {"\\\\u0024bin": 0, "x": 1}}'))
        """);
    assertThat(out).isEqualTo("""
        UNKNOWN no function named 'secret' was handed to this session
        INVALID argument 'query': must be a string, got an integer
        INVALID the arguments: unexpected field 'extra'
        TOO_LARGE
        INVALID no bytes value 0
        INVALID the key '$bin' is reserved
        """);
    assertThat(secrets.get()).as("the other session's function never ran for this one").isEqualTo(1);
    assertThat(searches.get()).isEqualTo(before);
  }

  @Test
  void pythonSessionCellsUseTheFunctionsAndKeepTheModuleFromCellToCell() {
    Session session = ws.newSession();
    PythonSession cells = session.pythonSession("agent");
    assertThat(cells.run("from mirage4j import tools\nimport mirage4j\nE = mirage4j.HostError\ntools.echo(value='a')").value())
        .contains("{'value': 'a'}");
    session.function(HostFunction.of("added", "Added later.", ArgumentSchema.none(),
        (args, context) -> TextNode.valueOf("added")));
    CellResult r = cells.run("""
        try:
            tools.search(query="down")
        except E as e:
            print("caught", e)
        tools.added()""");
    assertThat(r.stderrText()).isEmpty();
    assertThat(r.stdoutText()).isEqualTo("caught search(): the store is down\n");
    assertThat(r.value()).contains("'added'");
  }

  record Doc(String id, String title, String text) {}

  record Query(String query, Integer limit) {}

  record Id(String id) {}

  /** The README's example: an agent that searches a document store and summarises, in one Python call. */
  @Test
  void anAgentSearchesADocumentStoreAndSummarisesInOnePythonCall() {
    List<Doc> store = List.of(
        new Doc("d1", "Pyodide", "Pyodide runs CPython in WebAssembly. It ships many packages."),
        new Doc("d2", "JSPI", "JSPI lets WebAssembly wait for promises. Chrome and Node have it."),
        new Doc("d3", "Gardening", "Tomatoes like sun. Water them in the morning."));
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (Workspace agent = Workspace.builder()
        .mount("/work", Resources.inMemory())
        .pythonTimeout(Duration.ofSeconds(30))
        .function(HostFunction.of("search", "Searches the document store; returns [{id, title}], best first.",
            Query.class, (args, context) -> store.stream()
                .filter(d -> d.text().toLowerCase().contains(args.query().toLowerCase()))
                .limit(args.limit() == null ? 5 : args.limit())
                .map(d -> java.util.Map.of("id", d.id(), "title", d.title()))
                .toList()))
        .function(HostFunction.of("fetch", "The text of one document.", Id.class,
            (args, context) -> store.stream().filter(d -> d.id().equals(args.id())).findFirst()
                .map(Doc::text).orElseThrow(() -> new IllegalArgumentException("no document " + args.id()))))
        .profile(PermissionProfile.builder().function("fetch", Decision.ASK).build())
        .approvals(request -> request.function() != null ? Approval.ALLOW_FOR_SESSION : Approval.DENY)
        .audit(audit)
        .build()) {
      CellResult r = agent.pythonSession("agent").run("""
          from mirage4j import tools
          lines = []
          for hit in tools.search(query="webassembly", limit=3):
              text = tools.fetch(id=hit["id"])
              lines.append(f"{hit['title']}: {text.split('. ')[0]}.")
          "\\n".join(lines)""");
      assertThat(r.stderrText()).isEmpty();
      assertThat(r.value()).contains("'Pyodide: Pyodide runs CPython in WebAssembly.\\nJSPI: JSPI lets WebAssembly wait for promises.'");
      assertThat(audit.events().stream().filter(e -> e.kind() == AuditEvent.Kind.FUNCTION).map(AuditEvent::action))
          .containsExactly("search", "fetch", "fetch");
    }
  }

  @Test
  void bytesArgumentsArriveAsBinaryNodes() {
    List<JsonNode> seen = new CopyOnWriteArrayList<>();
    Session s = ws.newSession();
    s.function(HostFunction.of("keep", "Keeps.", ArgumentSchema.none().put("additionalProperties", true),
        (args, context) -> {
          seen.add(args);
          return BinaryNode.valueOf(new byte[] {1, 2});
        }));
    assertThat(ok(s, "from mirage4j import tools; print(tools.keep(raw=b'\\xff'))")).isEqualTo("b'\\x01\\x02'\n");
    assertThat(seen.get(0).get("raw").isBinary()).isTrue();
  }
}
