import { loadPyodide } from 'pyodide';
const t0 = performance.now();
const py = await loadPyodide();
console.log('load', performance.now() - t0);
let deadline = Infinity;
const buf = { get 0() { return performance.now() > deadline ? 2 : 0; }, set 0(v) {} };
py.setInterruptBuffer(buf);
for (const code of ['while True: pass', 'import time\ntime.sleep(5)', 'x=0\nfor i in range(10**9): x+=i', 'sum(range(10**10))', 'try:\n  while True: pass\nexcept KeyboardInterrupt:\n  print("caught")']) {
  deadline = performance.now() + 500;
  const s = performance.now();
  try { py.runPython(code); console.log('finished'); } catch (e) { console.log('err', String(e).split('\n').slice(-2).join('|')); }
  console.log(code.split('\n')[0], performance.now() - s);
}
deadline = Infinity;
const s = performance.now();
py.runPython('x=0\nfor i in range(10**7): x+=i');
console.log('10^7 loop', performance.now() - s);
