package io.mirage4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LangChain4j's own agent loop ({@code AiServices}) calls the workspace's tools, python on a real
 * sidecar included, as a scripted model asks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LangChain4jAgentIT {
  interface Assistant {
    String chat(String message);
  }

  private final Resource data = Resources.inMemory();
  private final Workspace ws = Workspace.builder().mount("/data", data).build();

  @AfterEach
  void close() {
    ws.close();
  }

  /** write, then cat it in the shell, then read it from Python, then a call with bad arguments. */
  private static ScriptedChatModel script() {
    return new ScriptedChatModel()
        .call("write", "{\"path\": \"/data/notes.txt\", \"content\": \"tea 2\\ncake 4\\n\"}")
        .call("shell", "{\"command\": \"cat notes.txt\", \"cwd\": \"/data\"}")
        .call("python", "{\"code\": \"import sys\\nrows = [l.split() for l in open('/data/notes.txt')]\\n"
            + "print(sum(int(n) for _, n in rows), sys.argv[1:])\", \"args\": [\"x\"]}")
        .call("read", "{\"file\": \"/data/notes.txt\"}")
        .call("shell", "{\"command\": \"echo total=6 >> /data/notes.txt && wc -l < /data/notes.txt\"}")
        .answer("The total is 6.");
  }

  private void assertTheModelReceivedEachResult(ScriptedChatModel model, String answer, String refusal) {
    assertThat(answer).isEqualTo("The total is 6.");
    assertThat(model.requests()).hasSize(6);
    assertThat(model.toolResultIn(1).text()).isEqualTo("created /data/notes.txt (13 bytes)");
    assertThat(model.toolResultIn(2).text()).isEqualTo("tea 2\ncake 4\n");
    assertThat(model.toolResultIn(3).text()).isEqualTo("6 ['x']\n");
    assertThat(model.toolResultIn(4).text()).isEqualTo(refusal);
    assertThat(model.toolResultIn(5).text()).isEqualTo("3\n");
    assertThat(new String(data.read("/notes.txt"), StandardCharsets.UTF_8)).isEqualTo("tea 2\ncake 4\ntotal=6\n");
  }

  @Test
  void aiServicesRunsTheToolProvidersToolsAndTheModelReadsEachResult() {
    ScriptedChatModel model = script();
    Assistant assistant = AiServices.builder(Assistant.class)
        .chatModel(model)
        .toolProvider(WorkspaceToolProvider.of(ws))
        .build();

    String answer = assistant.chat("Note the prices and total them");

    assertTheModelReceivedEachResult(model, answer,
        "read: unknown argument \"file\"; expected path, offset, limit, session");
    ToolExecutionResultMessage refused = model.toolResultIn(4);
    assertThat(refused.isError()).isTrue();
    assertThat(model.toolResultIn(3).isError()).isFalse();
    assertThat(model.requests().get(0).toolSpecifications()).extracting(ToolSpecification::name)
        .containsExactly("shell", "python", "read", "write", "edit", "ls", "glob", "grep");
    JsonObjectSchema python = model.requests().get(0).toolSpecifications().get(1).parameters();
    assertThat(python.required()).containsExactly("code");
    assertThat(((JsonArraySchema) python.properties().get("args")).items()).isInstanceOf(JsonStringSchema.class);
  }

  @Test
  void aiServicesRunsTheToolClassesMethodsAndTheModelReadsEachResult() {
    ScriptedChatModel model = script();
    Assistant assistant = AiServices.builder(Assistant.class)
        .chatModel(model)
        .tools(WorkspaceAgentTools.of(ws))
        .build();

    String answer = assistant.chat("Note the prices and total them");

    // LangChain4j passes the parameters it knows: "file" is dropped, so "path" is missing.
    assertTheModelReceivedEachResult(model, answer, "read: missing required argument \"path\"");
  }

  @Test
  void argumentsLangChain4jCannotConvertForTheToolClassGoToItsArgumentsErrorHandler() {
    ScriptedChatModel model = new ScriptedChatModel()
        .call("shell", "{\"command\": \"echo hi\", \"timeout\": \"soon\"}")
        .call("shell", "{\"command\": \"echo hi\", \"timeout\": 5}")
        .answer("done");
    Assistant assistant = AiServices.builder(Assistant.class)
        .chatModel(model)
        .tools(WorkspaceAgentTools.of(ws))
        .toolArgumentsErrorHandler((error, context) -> ToolErrorHandlerResult.text(error.getMessage()))
        .build();

    assertThat(assistant.chat("say hi")).isEqualTo("done");
    assertThat(model.toolResultIn(1).text()).contains("timeout").contains("soon");
    assertThat(model.toolResultIn(1).isError()).isTrue();
    assertThat(model.toolResultIn(2).text()).isEqualTo("hi\n");
  }

  @Test
  void theCodeExecutionEngineRunsPythonOverTheWorkspacesFiles() {
    data.write("/n.txt", "20\n22\n".getBytes(StandardCharsets.UTF_8));
    WorkspaceCodeExecutionEngine engine = WorkspaceCodeExecutionEngine.of(ws);

    assertThat(engine.execute("print(sum(int(l) for l in open('/data/n.txt')))")).isEqualTo("42\n");
    assertThat(engine.execute("open('/data/out.txt', 'w').write('made')\nraise SystemExit(3)"))
        .isEqualTo("[exit code 3]\n");
    assertThat(new String(data.read("/out.txt"), StandardCharsets.UTF_8)).isEqualTo("made");
    assertThat(engine.execute("1/0")).contains("[stderr]\n").contains("ZeroDivisionError: division by zero")
        .endsWith("[exit code 1]\n");
  }
}
