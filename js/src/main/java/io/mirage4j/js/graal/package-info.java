/**
 * The {@code js} builtin's runtime on GraalJS: {@link io.mirage4j.js.graal.GraalJsRuntime} runs
 * each call in a fresh {@code SandboxPolicy.CONSTRAINED} context of one shared engine, with a
 * Node-like {@code console}, {@code process}, {@code Buffer}, timers and a synchronous {@code fs}
 * over the session's mounts ({@link io.mirage4j.js.graal.HostBridge}).
 */
package io.mirage4j.js.graal;
