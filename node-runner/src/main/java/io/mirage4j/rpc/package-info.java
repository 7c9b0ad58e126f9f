/**
 * The JSON-RPC 2.0 channel between Java and the Node.js sidecar ({@code js-shim/PROTOCOL.md}):
 * frames with a {@code Content-Length} header and an optional binary attachment ({@link
 * io.mirage4j.rpc.FrameReader}, {@link io.mirage4j.rpc.FrameWriter}), the messages and their codec,
 * and {@link io.mirage4j.rpc.RpcEndpoint}, which sends requests and answers the peer's. Used by
 * {@code io.mirage4j.sidecar}; not part of the stable API.
 */
package io.mirage4j.rpc;
