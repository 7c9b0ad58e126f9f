// Baseline: bytes moved Java -> Node as base64 inside a JSON-RPC message (one message per line).
// Each line on stdin is {"jsonrpc":"2.0","id":N,"result":{"data":"<base64>"}}; the sink parses it,
// decodes the base64 and answers {"jsonrpc":"2.0","id":N,"result":{"bytes",...}} on stdout.
let pending = [];

function handle(line) {
  const t0 = performance.now();
  const message = JSON.parse(line.toString('utf8'));
  const t1 = performance.now();
  const bytes = Buffer.from(message.result.data, 'base64');
  const t2 = performance.now();
  const answer = { jsonrpc: '2.0', id: message.id, result: { bytes: bytes.length, parseMs: t1 - t0, decodeMs: t2 - t1 } };
  process.stdout.write(JSON.stringify(answer) + '\n');
}

process.stdin.on('data', (chunk) => {
  let start = 0;
  let newline;
  while ((newline = chunk.indexOf(10, start)) !== -1) {
    pending.push(chunk.subarray(start, newline));
    const line = Buffer.concat(pending);
    pending = [];
    handle(line);
    start = newline + 1;
  }
  if (start < chunk.length) {
    pending.push(chunk.subarray(start));
  }
});
process.stdin.on('end', () => process.exit(0));
