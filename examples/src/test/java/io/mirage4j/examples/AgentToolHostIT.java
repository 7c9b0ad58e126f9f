package io.mirage4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.examples.AgentToolHost.ToolResult;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentToolHostIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<ToolResult> serve(String... lines) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AgentToolHost host = new AgentToolHost(Map.of("/prices.csv", "item,price\ntea,2.50\ncake,4.00\n"))) {
      host.serve(new BufferedReader(new StringReader(String.join("\n", lines))), new PrintStream(out, true, StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8).lines().map(l -> {
      try {
        return JSON.readValue(l, ToolResult.class);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
  }

  private static String call(String id, String command) throws Exception {
    return JSON.writeValueAsString(new AgentToolHost.ToolCall(id, command));
  }

  @Test
  void aConversationKeepsItsSessionAndItsLimits() throws Exception {
    List<ToolResult> results = serve(
        call("1", "python3 -c \"import csv; print(sum(float(r['price']) for r in csv.DictReader(open('/docs/prices.csv'))))\""),
        call("2", "mkdir report && cd report && export TOTAL=6.5"),
        call("3", "cat > make.py <<'EOF'\nimport os\nopen('total.txt', 'w').write(os.environ['TOTAL'] + '\\n')\nEOF\npython3 make.py && pwd && cat total.txt"),
        call("4", "echo changed > /docs/prices.csv"),
        call("5", "python3 -c 'while True: pass'"),
        call("6", "echo still here"),
        "not json",
        "{\"id\": \"7\"}");
    assertThat(results).containsExactly(
        new ToolResult("1", 0, "6.5\n", ""),
        new ToolResult("2", 0, "", ""),
        new ToolResult("3", 0, "/work/report\n6.5\n", ""),
        new ToolResult("4", 1, "", "mirage: /docs/prices.csv: Read-only file system\n"),
        new ToolResult("5", 124, "", "python3: timed out after 2s\n"),
        new ToolResult("6", 0, "still here\n", ""),
        new ToolResult(null, 2, "", results.get(6).stderr()),
        new ToolResult("7", 2, "", "bad tool call: no \"command\"\n"));
    assertThat(results.get(6).stderr()).startsWith("bad tool call: Unrecognized token 'not'");
  }
}
