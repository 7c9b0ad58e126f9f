package io.mirage4j.langchain4j;

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

/**
 * A chat model that answers with a fixed sequence of messages (tool calls, then text) and
 * records every request it was sent, so that a test can see what the tools gave the model.
 */
final class ScriptedChatModel implements ChatModel {
  private final Deque<AiMessage> script = new ArrayDeque<>();
  private final List<ChatRequest> requests = new ArrayList<>();
  private int nextId = 1;

  /** Next, the model asks for one call of {@code tool} with {@code argumentsJson}. */
  ScriptedChatModel call(String tool, String argumentsJson) {
    script.add(AiMessage.from(ToolExecutionRequest.builder()
        .id("call-" + nextId++).name(tool).arguments(argumentsJson).build()));
    return this;
  }

  /** Then the model answers with {@code text} and asks for nothing more. */
  ScriptedChatModel answer(String text) {
    script.add(AiMessage.from(text));
    return this;
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    if (script.isEmpty()) {
      throw new IllegalStateException("the script has no more answers; request: " + request.messages());
    }
    return ChatResponse.builder().aiMessage(script.poll()).build();
  }

  synchronized List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** The tool result the model received in request {@code n} (counting from 0): its last message. */
  synchronized ToolExecutionResultMessage toolResultIn(int n) {
    List<ChatMessage> messages = requests.get(n).messages();
    return (ToolExecutionResultMessage) messages.get(messages.size() - 1);
  }
}
