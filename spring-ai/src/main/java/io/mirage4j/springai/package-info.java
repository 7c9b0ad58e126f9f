/**
 * A mirage4j workspace for Spring AI: {@link io.mirage4j.springai.WorkspaceToolCallbackProvider}
 * gives its shell, python and file tools as {@code ToolCallback}s for {@code ChatClient}.
 */
package io.mirage4j.springai;
