package io.mirage4j.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.ExecOptions;
import io.mirage4j.workspace.ExecResult;
import io.mirage4j.workspace.Session;
import io.mirage4j.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A tool host for an AI agent: one tool, {@code shell}, that runs a command line (python3
 * included) in a sandboxed workspace and returns what it printed.
 *
 * <p>The agent gets read-only reference documents at {@code /docs} and a scratch area at
 * {@code /work}; it never sees the host's files, environment or network. One session per
 * conversation keeps {@code cd} and {@code export} between calls. Every call has limits: Python
 * stops after 2 s, a whole call after 30 s, and output is capped at 64 KiB per stream, so a
 * runaway or flooding program cannot stall the host.
 *
 * <p>Tool calls arrive on stdin as JSON lines, results leave on stdout the same way:
 *
 * <pre>
 * echo '{"id": "1", "command": "python3 -c \"print(6 * 7)\""}' | ./examples/run AgentToolHost
 * {"id":"1","exitCode":0,"stdout":"42\n","stderr":""}
 * </pre>
 */
public final class AgentToolHost implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the agent asked for: run {@code command}; {@code id} comes back with the result. */
  public record ToolCall(String id, String command) {}

  /** What the command printed and returned. */
  public record ToolResult(String id, int exitCode, String stdout, String stderr) {}

  private final Workspace workspace;
  private final Session session;

  /** A host whose {@code /docs} holds {@code docs} (path under /docs to content). */
  public AgentToolHost(Map<String, String> docs) {
    InMemoryResource docsTree = Resources.inMemory();
    docs.forEach((path, text) -> docsTree.write(path, text.getBytes(StandardCharsets.UTF_8)));
    workspace = Workspace.builder()
        .mount("/docs", docsTree, Mode.READ)
        .mount("/work", Resources.inMemory(), Mode.EXEC)
        .cwd("/work")
        .env("HOME", "/work")
        .pythonTimeout(Duration.ofSeconds(2))
        .outputLimit(64 * 1024)
        .prewarm()
        .build();
    session = workspace.newSession();
  }

  /** Runs one tool call in the conversation's session. */
  public ToolResult call(ToolCall call) {
    ExecResult r = session.execute(call.command(), ExecOptions.defaults().withTimeout(Duration.ofSeconds(30)));
    return new ToolResult(call.id(), r.exitCode(), r.stdoutText(), r.stderrText());
  }

  /**
   * Answers each JSON line of {@code in} with a JSON line on {@code out}. A line that is not a
   * tool call gets an exit code 2 result saying why; the conversation goes on.
   */
  public void serve(BufferedReader in, PrintStream out) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      ToolResult result;
      try {
        ToolCall call = JSON.readValue(line, ToolCall.class);
        result = call.command() == null
            ? new ToolResult(call.id(), 2, "", "bad tool call: no \"command\"\n")
            : call(call);
      } catch (JsonProcessingException e) {
        result = new ToolResult(null, 2, "", "bad tool call: " + e.getOriginalMessage() + "\n");
      }
      out.println(JSON.writeValueAsString(result));
      out.flush();
    }
  }

  @Override
  public void close() {
    workspace.close();
  }

  public static void main(String[] args) {
    Map<String, String> docs = Map.of(
        "/README.md", "# Team handbook\nAsk before deploying on Fridays.\n",
        "/prices.csv", "item,price\ntea,2.50\ncoffee,3.10\ncake,4.00\n");
    try (AgentToolHost host = new AgentToolHost(docs)) {
      host.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
