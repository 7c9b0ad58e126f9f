# Loads what save_state.py wrote (on stdin) into the session's __main__ namespace; reports the
# names restored on stderr (JSON), and those that could not be, with why.
def _mirage4j_load_state():
    import importlib, json, pickle, sys

    state = pickle.load(sys.stdin.buffer)
    namespace = sys.modules["__main__"].__dict__
    restored, failed = [], {}
    for name, module in state["modules"].items():
        try:
            namespace[name] = importlib.import_module(module)
            restored.append(name)
        except Exception as error:  # noqa: BLE001
            failed[name] = f"cannot import {module}: {type(error).__name__}: {error}"
    for name, data in state["values"].items():
        try:
            namespace[name] = pickle.loads(data)
            restored.append(name)
        except Exception as error:  # noqa: BLE001
            failed[name] = f"cannot be unpickled: {type(error).__name__}: {error}"
    sys.stderr.write(json.dumps({"restored": sorted(restored), "failed": failed}))


try:
    _mirage4j_load_state()
finally:
    del _mirage4j_load_state
