/**
 * {@code awk}: a POSIX awk interpreter for the shell, written for this project so that it carries
 * no licence beyond the project's own. {@link io.mirage4j.shell.builtins.awk.Awk} is the command;
 * the rest is its lexer, parser, syntax tree, values and runtime.
 */
package io.mirage4j.shell.builtins.awk;
