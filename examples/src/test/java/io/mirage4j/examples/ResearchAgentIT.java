package io.mirage4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LangChain4j agent example, on a model that makes a fixed sequence of tool calls. */
class ResearchAgentIT {

  /** Asks for each tool call in turn, then answers; keeps what each tool gave back. */
  private static final class ScriptedModel implements ChatModel {
    private final Deque<AiMessage> script = new ArrayDeque<>();
    private final List<String> toolResults = new ArrayList<>();

    ScriptedModel call(String tool, String arguments) {
      script.add(AiMessage.from(ToolExecutionRequest.builder()
          .id("call-" + script.size()).name(tool).arguments(arguments).build()));
      return this;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      ChatMessage last = request.messages().get(request.messages().size() - 1);
      if (last instanceof ToolExecutionResultMessage result) {
        toolResults.add(result.text());
      }
      AiMessage next = script.isEmpty() ? AiMessage.from("December, with 240 units.") : script.poll();
      return ChatResponse.builder().aiMessage(next).build();
    }
  }

  @Test
  void theModelSearchesComputesInPythonAndCannotDeleteTheDocuments() {
    ScriptedModel model = new ScriptedModel()
        .call("glob", "{\"pattern\": \"**/*.csv\", \"path\": \"/docs\"}")
        .call("python", "{\"code\": \"import csv, glob\\nrows = [r for f in sorted(glob.glob('/docs/sales/*.csv'))"
            + " for r in csv.DictReader(open(f))]\\nbest = max(rows, key=lambda r: int(r['units']))\\n"
            + "print(best['month'], best['units'])\"}")
        .call("shell", "{\"command\": \"rm /docs/README.txt\"}");
    try (ResearchAgent agent = new ResearchAgent(model, ResearchAgent.SAMPLE_DOCS)) {
      assertThat(agent.ask("Which month had the most sales?")).isEqualTo("December, with 240 units.");
    }
    assertThat(model.toolResults).containsExactly(
        "/docs/sales/q1.csv\n/docs/sales/q2.csv\n/docs/sales/q3.csv\n/docs/sales/q4.csv\n",
        "dec 240\n",
        "[stderr]\nrm: Permission denied\n[exit code 126]\n");
  }
}
