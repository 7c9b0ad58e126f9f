/**
 * A mirage4j workspace for LangChain4j agents: {@link io.mirage4j.langchain4j.WorkspaceToolProvider}
 * exposes the workspace's tools to {@code AiServices}, {@link
 * io.mirage4j.langchain4j.WorkspaceAgentTools} is the same tools as a {@code @Tool} class, and
 * {@link io.mirage4j.langchain4j.WorkspaceCodeExecutionEngine} runs Python code in the workspace.
 */
package io.mirage4j.langchain4j;
