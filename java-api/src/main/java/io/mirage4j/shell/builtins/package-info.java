/**
 * The commands every workspace has ({@code cat}, {@code grep}, {@code ls}, {@code printf}, {@code
 * python3}, {@code sort}, {@code test}, {@code wc} and the others of {@link
 * io.mirage4j.shell.builtins.Builtins#standard()}), each a package-private class whose Javadoc
 * gives its synopsis, the options it takes, and its output and exit statuses as they compare with
 * GNU coreutils and bash. Used by the workspace; not part of the stable API.
 */
package io.mirage4j.shell.builtins;
