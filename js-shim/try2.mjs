import { loadPyodide } from 'pyodide';
const py = await loadPyodide();
const ns = py.toPy({});
py.runPython(`
import sys
def go(n):
    sys.setrecursionlimit(n)
    def f(n): return f(n+1)
    try:
        f(0)
    except RecursionError as e:
        return "RecursionError " + str(e)
`, { globals: ns });
const go = ns.get('go');
for (const n of [10000, 100000, 300000, 1000000]) {
  try { console.log(n, await go.callPromising(n)); } catch (e) { console.log(n, 'fail', String(e).slice(0, 100)); }
}
