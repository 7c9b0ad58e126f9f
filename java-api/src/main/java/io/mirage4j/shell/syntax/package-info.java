/**
 * The shell's parser: {@link io.mirage4j.shell.syntax.Parser} turns a command line into the
 * immutable syntax tree of {@link io.mirage4j.shell.syntax.Ast}, which the shell's interpreter
 * runs. Used by the shell; not part of the stable API.
 */
package io.mirage4j.shell.syntax;
