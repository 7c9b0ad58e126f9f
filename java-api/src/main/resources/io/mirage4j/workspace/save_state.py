# Saves the session's __main__ namespace: one pickle on stdout, what was kept on stderr (JSON).
# A module is kept as the name to import; a value is kept when pickle can write it without naming
# anything defined in the session itself (a function, a class or an instance of one), which a
# restore into a fresh interpreter could not find.
def _mirage4j_save_state():
    import io, json, pickle, sys, types

    class _SessionDefined(Exception):
        pass

    class _Checking(pickle.Pickler):
        def reducer_override(self, obj):
            owner = obj if isinstance(obj, (type, types.FunctionType)) else type(obj)
            if getattr(owner, "__module__", None) == "__main__":
                raise _SessionDefined(f"refers to {owner.__qualname__}, defined in the session, which a restore cannot recreate")
            return NotImplemented

    namespace = sys.modules["__main__"].__dict__
    values, modules, skipped = {}, {}, {}
    for name, value in list(namespace.items()):
        if (name.startswith("__") and name.endswith("__")) or name == "_mirage4j_save_state":
            continue
        if isinstance(value, types.ModuleType):
            modules[name] = value.__name__
            continue
        buffer = io.BytesIO()
        try:
            _Checking(buffer, protocol=5).dump(value)
        except _SessionDefined as reason:
            skipped[name] = str(reason)
            continue
        except Exception as error:  # noqa: BLE001 (any failure to pickle is a reason to skip the name)
            skipped[name] = f"cannot be pickled: {type(error).__name__}: {error}"
            continue
        values[name] = buffer.getvalue()
    pickle.dump({"modules": modules, "values": values}, sys.stdout.buffer, protocol=5)
    sys.stdout.buffer.flush()
    sys.stderr.write(json.dumps({"kept": sorted(values), "modules": modules, "skipped": skipped}))


try:
    _mirage4j_save_state()
finally:
    del _mirage4j_save_state
