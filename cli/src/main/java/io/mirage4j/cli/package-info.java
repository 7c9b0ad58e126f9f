/**
 * The {@code mirage4j} command-line program ({@link io.mirage4j.cli.Main}): command lines run in
 * one workspace and session set up from options or a configuration file, and the {@code
 * conformance} subcommand that runs a directory of conformance cases. Not a library API: run it
 * through {@code ./mirage4j}, or as {@code java -jar mirage4j-cli.jar} with {@code
 * MIRAGE4J_SHIM_DIR} naming the {@code js-shim} directory.
 */
package io.mirage4j.cli;
