// Drives the mirage4j MCP server with the official TypeScript SDK's client over stdio: lists the
// tools, calls each once, reads a resource, and sends bad arguments and an unknown tool. Prints one
// JSON object (what it saw) on the last line of standard output; the Java test asserts on it.
// The server's command line comes as a JSON array in MIRAGE4J_MCP_SERVER.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = JSON.parse(process.env.MIRAGE4J_MCP_SERVER);
const transport = new StdioClientTransport({ command, args, stderr: "inherit" });
const client = new Client({ name: "mirage4j-ts-check", version: "1.0.0" });
await client.connect(transport);

const options = { timeout: 120_000 };
const seen = { server: client.getServerVersion(), calls: {} };

const tools = await client.listTools();
seen.tools = tools.tools.map((t) => ({
  name: t.name,
  readOnlyHint: t.annotations?.readOnlyHint ?? null,
  required: t.inputSchema.required ?? [],
  additionalProperties: t.inputSchema.additionalProperties ?? null,
}));

async function call(name, args) {
  const r = await client.callTool({ name, arguments: args }, undefined, options);
  return { isError: r.isError ?? false, text: r.content.map((c) => c.text).join(""), structured: r.structuredContent ?? null };
}

seen.calls.shell = await call("shell", { command: "echo hi" });
seen.calls.python = await call("python", { code: "print(1+1)" });
seen.calls.write = await call("write", { path: "/data/ts.txt", content: "alpha\nbeta\n" });
seen.calls.edit = await call("edit", { path: "/data/ts.txt", old_string: "beta", new_string: "gamma" });
seen.calls.read = await call("read", { path: "/data/ts.txt" });
seen.calls.ls = await call("ls", { path: "/data" });
seen.calls.glob = await call("glob", { pattern: "*.txt", path: "/data" });
seen.calls.grep = await call("grep", { pattern: "gam", path: "/data" });

const resources = await client.listResources();
seen.resources = resources.resources.map((r) => r.uri);
const hello = await client.readResource({ uri: "file:///data/hello.txt" });
seen.resource = hello.contents[0];

seen.badArguments = await call("read", { file: "/data/ts.txt" });
seen.wrongType = await call("shell", { command: 42 });
try {
  await client.callTool({ name: "nope", arguments: {} });
  seen.unknownTool = { threw: false };
} catch (e) {
  seen.unknownTool = { threw: true, code: e.code ?? null, message: String(e.message) };
}

await client.close();
console.log(JSON.stringify(seen));
