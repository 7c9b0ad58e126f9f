/**
 * The Node.js/Pyodide Python runtime: {@link io.mirage4j.sidecar.NodeSidecarProvider}, which
 * {@link java.util.ServiceLoader} finds on the classpath, gives each workspace a {@link
 * io.mirage4j.sidecar.NodeSidecar}, a Node.js process running the js-shim and Pyodide that it talks
 * to over {@code io.mirage4j.rpc}. Around it, this package finds the runtime and a Node.js ({@link
 * io.mirage4j.sidecar.NodeRuntimeLocator}), keeps started processes ready in a pool and interpreter
 * snapshots in the cache, serves the workspace's mounts to Python, installs the workspace's wheels,
 * and turns a process that fails to start or dies into a {@link
 * io.mirage4j.sidecar.SidecarStartException} or {@link io.mirage4j.sidecar.SidecarCrashedException}.
 * An application needs only the artifact on its classpath, or {@code
 * NodeSidecarProvider.builder()} to choose the Node.js, and meets the exceptions as the messages
 * {@code python3} prints.
 */
package io.mirage4j.sidecar;
