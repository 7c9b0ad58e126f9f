"""Collects every JsProxy a Python program can reach: what the object-graph audit hands to JavaScript.

Starts from everything the garbage collector tracks, sys.modules and every module's globals, the
frames of the running stack, and walks on through gc.get_referents, instance and class attributes
and closure cells. Run by test/object-graph.test.js; `reachable_js()` returns a list of
(where, jsproxy) pairs, one per JavaScript object, `where` naming how the walk first reached it.
"""

import gc
import sys
import types

from pyodide.ffi import JsProxy


def reachable_js():
    found = {}
    seen = set()
    pending = [(f"sys.modules[{name!r}]", module) for name, module in list(sys.modules.items())]
    frame = sys._getframe()
    while frame is not None:
        pending.append((f"frame {frame.f_code.co_name}", frame))
        frame = frame.f_back
    pending += [("gc.get_objects()", value) for value in gc.get_objects()]
    while pending:
        where, value = pending.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, JsProxy):
            try:
                key = value.js_id
            except Exception:
                continue
            found.setdefault(key, (where, value))
            continue
        holder = f"{where.partition(' > ')[0]} > {type(value).__qualname__}"
        pending += [(holder, referent) for referent in _referents(value)]
    return list(found.values())


def _referents(value):
    referents = list(gc.get_referents(value))
    for attributes in (_vars(value), _vars(type(value))):
        referents += attributes
    if isinstance(value, types.FunctionType):
        referents += [cell.cell_contents for cell in value.__closure__ or () if _filled(cell)]
    if isinstance(value, types.CellType) and _filled(value):
        referents.append(value.cell_contents)
    if isinstance(value, types.FrameType):
        referents += [value.f_globals, value.f_builtins, value.f_code]
        referents += list(value.f_locals.values())
    return referents


def _vars(value):
    try:
        return list(vars(value).values())
    except Exception:
        return []


def _filled(cell):
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True
