/**
 * Conformance cases: JSON files that each set up a workspace, run one command line and say what it
 * must print and return (format in {@code test-fixtures/README.md}). {@link
 * io.mirage4j.conformance.ConformanceSuite} loads a directory of them and runs each in a fresh
 * workspace, as {@code mirage4j conformance} does and as a test suite of your own can.
 */
package io.mirage4j.conformance;
