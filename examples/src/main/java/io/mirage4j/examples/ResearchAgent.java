package io.mirage4j.examples;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.mirage4j.fs.InMemoryResource;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.Resources;
import io.mirage4j.langchain4j.WorkspaceToolProvider;
import io.mirage4j.permission.PermissionProfile;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A LangChain4j agent that answers questions about a set of documents by working in a sandboxed
 * workspace: the documents are read-only at {@code /docs}, {@code /work} is its scratch space, and
 * it has the workspace's tools ({@code shell}, {@code python}, {@code read}, {@code write},
 * {@code edit}, {@code ls}, {@code glob}, {@code grep}). The model may run any Python or shell it
 * likes there; it never reaches the host's files, environment or network, and {@code rm} is
 * refused.
 *
 * <p>Run it against any OpenAI-compatible server:
 *
 * <pre>
 * OPENAI_API_KEY=... ./examples/run ResearchAgent "Which month had the most sales?"
 * OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=qwen3 ./examples/run ResearchAgent "..."
 * </pre>
 */
public final class ResearchAgent implements AutoCloseable {

  /** What the agent answers. */
  interface Assistant {
    @SystemMessage("You answer questions about the documents under /docs. Look at them with the tools;"
        + " compute with the python tool rather than in your head; keep notes in /work.")
    String chat(String question);
  }

  private final Workspace workspace;
  private final Assistant assistant;

  /** An agent on {@code model} over {@code docs} (path under /docs to content). */
  public ResearchAgent(ChatModel model, Map<String, String> docs) {
    InMemoryResource docsTree = Resources.inMemory();
    docs.forEach((path, text) -> {
      makeParents(docsTree, PathNames.parent(path));
      docsTree.write(path, text.getBytes(StandardCharsets.UTF_8));
    });
    workspace = Workspace.builder()
        .mount("/docs", docsTree, Mode.READ)
        .mount("/work", Resources.inMemory(), Mode.EXEC)
        .cwd("/work")
        .pythonTimeout(Duration.ofSeconds(10))
        .lineTimeout(Duration.ofSeconds(30))
        .profile(PermissionProfile.builder().deny("rm").build())
        .build();
    assistant = AiServices.builder(Assistant.class)
        .chatModel(model)
        .toolProvider(WorkspaceToolProvider.of(workspace))
        .build();
  }

  private static void makeParents(InMemoryResource tree, String dir) {
    if (dir.equals("/")) {
      return;
    }
    try {
      tree.stat(dir);
    } catch (ResourceException missing) {
      makeParents(tree, PathNames.parent(dir));
      tree.mkdir(dir);
    }
  }

  /** The agent's answer to {@code question}, after as many tool calls as the model makes. */
  public String ask(String question) {
    return assistant.chat(question);
  }

  @Override
  public void close() {
    workspace.close();
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: examples/run ResearchAgent QUESTION   (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL)");
      System.exit(2);
    }
    String baseUrl = System.getenv().getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1");
    ChatModel model = OpenAiChatModel.builder()
        .baseUrl(baseUrl)
        .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "none"))
        .modelName(System.getenv().getOrDefault("OPENAI_MODEL", "gpt-4.1-mini"))
        .build();
    try (ResearchAgent agent = new ResearchAgent(model, SAMPLE_DOCS)) {
      System.out.println(agent.ask(args[0]));
    }
  }

  /** The documents main() gives the agent: a year of sales, one CSV per quarter. */
  static final Map<String, String> SAMPLE_DOCS = Map.of(
      "/sales/q1.csv", "month,units\njan,120\nfeb,95\nmar,143\n",
      "/sales/q2.csv", "month,units\napr,160\nmay,151\njun,99\n",
      "/sales/q3.csv", "month,units\njul,87\naug,112\nsep,130\n",
      "/sales/q4.csv", "month,units\noct,171\nnov,188\ndec,240\n",
      "/README.txt", "Monthly unit sales for 2026, one file per quarter under /docs/sales.\n");
}
