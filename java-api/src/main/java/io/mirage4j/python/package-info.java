/**
 * The {@code python3} front end and the runtime interface behind it: the shell parses a call's
 * options as CPython does ({@link io.mirage4j.python.PythonCommandLine}), resolves it into a
 * {@link io.mirage4j.python.PythonRun}, and hands it to the workspace's {@link
 * io.mirage4j.python.PythonRuntime}, which a {@link io.mirage4j.python.PythonRuntimeProvider} makes
 * (the {@code mirage4j-node-runner} artifact provides the Pyodide one) and which answers with a
 * {@link io.mirage4j.python.PythonResult}.
 */
package io.mirage4j.python;
