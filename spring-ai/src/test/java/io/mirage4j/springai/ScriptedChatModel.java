package io.mirage4j.springai;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A chat model that answers with a fixed sequence of messages (tool calls, then text) and
 * records every prompt it was sent, so that a test can see what the tools gave the model. Its
 * options are tool-calling options, as a real model's are, so that ChatClient passes it tools.
 */
final class ScriptedChatModel implements ChatModel {
  private final Deque<AssistantMessage> script = new ArrayDeque<>();
  private final List<Prompt> prompts = new ArrayList<>();
  private int nextId = 1;

  /** Next, the model asks for one call of {@code tool} with {@code argumentsJson}. */
  ScriptedChatModel call(String tool, String argumentsJson) {
    script.add(AssistantMessage.builder()
        .content("")
        .toolCalls(List.of(new AssistantMessage.ToolCall("call-" + nextId++, "function", tool, argumentsJson)))
        .build());
    return this;
  }

  /** Then the model answers with {@code text} and asks for nothing more. */
  ScriptedChatModel answer(String text) {
    script.add(new AssistantMessage(text));
    return this;
  }

  @Override
  public synchronized ChatResponse call(Prompt prompt) {
    prompts.add(prompt);
    if (script.isEmpty()) {
      throw new IllegalStateException("the script has no more answers; prompt: " + prompt.getInstructions());
    }
    return new ChatResponse(List.of(new Generation(script.poll())));
  }

  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  synchronized List<Prompt> prompts() {
    return List.copyOf(prompts);
  }

  /** The tool result the model received in prompt {@code n} (counting from 0): its last message. */
  synchronized ToolResponseMessage.ToolResponse toolResultIn(int n) {
    List<Message> messages = prompts.get(n).getInstructions();
    ToolResponseMessage last = (ToolResponseMessage) messages.get(messages.size() - 1);
    return last.getResponses().get(0);
  }
}
