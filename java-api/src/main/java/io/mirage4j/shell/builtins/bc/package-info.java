/**
 * {@code bc}: an arbitrary-precision calculator language, interpreted here on {@link
 * java.math.BigDecimal} with GNU bc's scale rules and output format. {@link
 * io.mirage4j.shell.builtins.bc.Bc} is the command.
 */
package io.mirage4j.shell.builtins.bc;
