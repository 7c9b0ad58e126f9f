/**
 * The {@code js} (also {@code node}) front end and the runtime interface behind it: the shell
 * parses a call into a {@link io.mirage4j.js.JsRun} and hands it to the {@link
 * io.mirage4j.js.JsRuntime} that a {@link io.mirage4j.js.JsRuntimeProvider} on the class path makes
 * (the {@code mirage4j-js} artifact provides one on GraalJS), which answers with a {@link
 * io.mirage4j.js.JsResult}.
 */
package io.mirage4j.js;
