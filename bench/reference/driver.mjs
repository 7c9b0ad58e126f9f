// Drives the TypeScript reference (@struktoai/mirage-node) for ./bench/run.
// Usage: node driver.mjs cold
//        node driver.mjs warm <warmup calls> <measured calls>
// cold: one workspace, one python3 call, prints {"stdout"} and exits (the harness times the process).
// warm: prints {"firstMs", "samplesMs": [...]} for the measured calls, after the warmup calls.
import { RAMResource, Workspace } from '@struktoai/mirage-node';

const COMMAND = "python3 -c 'print(1)'";

async function call(ws) {
  const r = await ws.execute(COMMAND);
  if (r.exitCode !== 0 || r.stdoutText !== '1\n') {
    throw new Error(`unexpected result: exit ${r.exitCode}, stdout ${JSON.stringify(r.stdoutText)}, stderr ${JSON.stringify(r.stderrText)}`);
  }
  return r;
}

function finish(report) {
  process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(0));
}

const [mode, warmupArg, samplesArg] = process.argv.slice(2);
// The reference refuses python3 unless the mount that holds the working directory is in EXEC mode.
const ws = new Workspace({ '/data': new RAMResource() }, { mode: 'exec' });
try {
  if (mode === 'cold') {
    const r = await call(ws);
    finish({ stdout: r.stdoutText });
  } else if (mode === 'warm') {
    const t0 = performance.now();
    await call(ws);
    const firstMs = performance.now() - t0;
    for (let i = 0; i < Number(warmupArg); i++) {
      await call(ws);
    }
    const samplesMs = [];
    for (let i = 0; i < Number(samplesArg); i++) {
      const t = performance.now();
      await call(ws);
      samplesMs.push(performance.now() - t);
    }
    finish({ firstMs, samplesMs });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} catch (e) {
  process.stderr.write(`reference driver: ${e.stack || e}\n`, () => process.exit(1));
}
