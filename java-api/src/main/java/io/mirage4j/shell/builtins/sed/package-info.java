/**
 * The {@code sed} language: {@link io.mirage4j.shell.builtins.sed.ScriptParser} compiles a script
 * into {@link io.mirage4j.shell.builtins.sed.Script}'s commands, and {@link
 * io.mirage4j.shell.builtins.sed.Executor} runs them over a stream of lines, one cycle per line, as
 * GNU sed does.
 */
package io.mirage4j.shell.builtins.sed;
