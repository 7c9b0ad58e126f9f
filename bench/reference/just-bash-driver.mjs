// Drives just-bash (npm just-bash, bench-only) for ./bench/run, like driver.mjs does the reference.
// Usage: node just-bash-driver.mjs cold
//        node just-bash-driver.mjs warm <warmup calls> <measured calls>
// cold: one Bash instance, one python3 call, prints {"stdout"} and exits (the harness times the process).
// warm: prints {"firstMs", "samplesMs": [...]} for the measured calls of one instance, after the warmup calls.
// just-bash runs python3 only when the instance is created with `python: true` (CPython built for
// WebAssembly, shipped in the package's vendor/cpython-emscripten).
import { Bash } from 'just-bash';

const COMMAND = "python3 -c 'print(1)'";

async function call(bash) {
  const r = await bash.exec(COMMAND);
  if (r.exitCode !== 0 || r.stdout !== '1\n') {
    throw new Error(`unexpected result: exit ${r.exitCode}, stdout ${JSON.stringify(r.stdout)}, stderr ${JSON.stringify(r.stderr)}`);
  }
  return r;
}

function finish(report) {
  process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(0));
}

const [mode, warmupArg, samplesArg] = process.argv.slice(2);
try {
  const bash = new Bash({ python: true });
  if (mode === 'cold') {
    const r = await call(bash);
    finish({ stdout: r.stdout });
  } else if (mode === 'warm') {
    const t0 = performance.now();
    await call(bash);
    const firstMs = performance.now() - t0;
    for (let i = 0; i < Number(warmupArg); i++) {
      await call(bash);
    }
    const samplesMs = [];
    for (let i = 0; i < Number(samplesArg); i++) {
      const t = performance.now();
      await call(bash);
      samplesMs.push(performance.now() - t);
    }
    finish({ firstMs, samplesMs });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} catch (e) {
  process.stderr.write(`just-bash driver: ${e.stack || e}\n`, () => process.exit(1));
}
