"""The `mirage4j` module a program imports: the host functions Java handed to its call.

Loading this file defines `install` and holds nothing of JavaScript. For a call whose python/run
params list `functions`, runner.py makes a `mirage4j` module with `install`:

    from mirage4j import tools
    hits = tools.search(query="pyodide", limit=5)

Each function takes keyword arguments only, as its JSON Schema describes them (`inspect.signature`
and `help()` show them), checks them before Java is asked (TypeError with CPython's wording for a
missing or unexpected argument, ValueError naming the field for one the schema refuses), and
returns Java's result as Python values (bytes as bytes). Java refuses with `mirage4j.HostError`
(`mirage4j.PermissionDenied`, also a PermissionError, when the permission profile or the host's
approval says no). `mirage4j.async_tools` has the same functions as coroutine functions, for
asyncio: each call still waits for Java in turn.

The module holds nothing Java does not check again: a function is its name, its schema and the
bridge's `hostCall`, which sends `host/call` with the function's name and arguments; Java answers
only the names it handed to this call's session, checks the arguments against the schema again,
and applies the permission profile, the audit and the size caps (PROTOCOL.md).
"""

import json
import math
import operator
import types

# The most bytes of arguments one call sends: their JSON text and their bytes values (PROTOCOL.md).
ARGS_LIMIT = 8 << 20

# The key that marks a bytes value in the JSON text Python and JavaScript exchange.
_BIN = "$bin"

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "None",
    "array": "a list",
    "object": "a dict",
    "bytes": "bytes",
}

_UNSET = object()


class HostError(Exception):
    """A host function failed, or Java refused the call: the message says why."""


class PermissionDenied(HostError, PermissionError):
    """The permission profile, or the host asked for approval, did not let the function run."""


def install(module, functions, call, to_js):
    """Fills `module` (a new `mirage4j`, or the one a session's earlier cell got) with `functions`
    (python/run's `functions`: name, description and schema of each) calling `call(name, text,
    *blobs)`, the bridge's hostCall; `to_js` makes a JavaScript Uint8Array of bytes.

    A module that already has the exception classes keeps them, so a session's `except
    mirage4j.HostError` catches the errors of later cells too; `tools` and `async_tools` keep
    their identity and get the functions anew.
    """
    errors = getattr(module, "HostError", None)
    if not (isinstance(errors, type) and issubclass(errors, Exception)):
        module.HostError, module.PermissionDenied = _exception_classes()
    tools, async_tools = (getattr(module, name, None) for name in ("tools", "async_tools"))
    if not isinstance(tools, types.SimpleNamespace):
        tools = module.tools = types.SimpleNamespace()
    if not isinstance(async_tools, types.SimpleNamespace):
        async_tools = module.async_tools = types.SimpleNamespace()
    for namespace in (tools, async_tools):
        vars(namespace).clear()
    for spec in functions:
        function = _host_function(spec, call, to_js, module)
        setattr(tools, spec["name"], function)
        setattr(async_tools, spec["name"], _coroutine_function(function))
    module.__doc__ = "The functions the host hands to this program: mirage4j.tools, and mirage4j.async_tools for asyncio."
    return module


def _exception_classes():
    """HostError and PermissionDenied as a program's `mirage4j` shows them."""
    host_error = type("HostError", (Exception,), {"__module__": "mirage4j", "__doc__": HostError.__doc__})
    denied = type(
        "PermissionDenied", (host_error, PermissionError), {"__module__": "mirage4j", "__doc__": PermissionDenied.__doc__}
    )
    return host_error, denied


def _host_function(spec, call, to_js, module):
    import inspect
    import keyword

    name, schema = spec["name"], spec["schema"]
    properties = schema.get("properties", {})
    required = [field for field in schema.get("required", []) if field in properties]
    open_ended = schema.get("additionalProperties", True) is not False
    parameters = [
        inspect.Parameter(
            field,
            inspect.Parameter.KEYWORD_ONLY,
            default=inspect.Parameter.empty if field in required else properties[field].get("default"),
        )
        for field in properties
        if field.isidentifier() and not keyword.iskeyword(field)
    ]
    if open_ended:
        parameters.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
    signature = inspect.Signature(parameters)

    def host_function(*args, **kwargs):
        if args:
            count = len(args)
            raise TypeError(f"{name}() takes 0 positional arguments but {count} {'was' if count == 1 else 'were'} given")
        for field in kwargs:
            if field not in properties and not open_ended:
                raise TypeError(f"{name}() got an unexpected keyword argument '{field}'")
        missing = [field for field in required if field not in kwargs]
        if missing:
            raise TypeError(f"{name}() missing {len(missing)} required keyword-only argument{'s' if len(missing) > 1 else ''}: {_listed(missing)}")
        # None for an optional argument whose schema does not take null means "not given", as the
        # signature shows it.
        arguments = {
            field: value
            for field, value in kwargs.items()
            if not (value is None and field not in required and field in properties and not _takes(properties[field], "null"))
        }
        problem = _violation(schema, arguments, "")
        if problem is not None:
            raise ValueError(f"{name}(): {problem}")
        blobs = []
        text = json.dumps(_plain(arguments, blobs, ""), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        size = len(text.encode()) + sum(len(blob) for blob in blobs)
        if size > ARGS_LIMIT:
            raise ValueError(f"{name}(): the arguments take {size} bytes, more than the limit of {ARGS_LIMIT}")
        answer = call(name, text, *[to_js(blob) for blob in blobs])
        if answer.error is not None:
            error = answer.error
            kind = {"DENIED": module.PermissionDenied, "INVALID": ValueError}.get(error.reason, module.HostError)
            raise kind(f"{name}(): {error.message}")
        if answer.result is None:
            # no answer within the program's time limit: it is being interrupted
            raise KeyboardInterrupt
        return _decoded(answer.result.text, [blob.to_bytes() for blob in answer.result.blobs])

    host_function.__name__ = host_function.__qualname__ = name
    host_function.__module__ = "mirage4j.tools"
    host_function.__signature__ = signature
    host_function.__doc__ = _docstring(spec)
    return host_function


def _coroutine_function(function):
    async def host_coroutine(**kwargs):
        return function(**kwargs)

    host_coroutine.__name__ = host_coroutine.__qualname__ = function.__name__
    host_coroutine.__module__ = "mirage4j.async_tools"
    host_coroutine.__signature__ = function.__signature__
    host_coroutine.__doc__ = function.__doc__
    return host_coroutine


def _listed(names):
    """CPython's list of argument names: 'a', 'a' and 'b', 'a', 'b', and 'c'."""
    quoted = [f"'{name}'" for name in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} and {quoted[1]}"
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _docstring(spec):
    schema = spec["schema"]
    lines = [spec["description"] or spec["name"]]
    properties = schema.get("properties", {})
    if properties:
        lines += ["", "Arguments:"]
        required = set(schema.get("required", []))
        for field, field_schema in properties.items():
            described = _described_type(field_schema)
            extra = "required" if field in required else (
                f"default {field_schema['default']!r}" if "default" in field_schema else "optional"
            )
            text = f"  {field} ({described}, {extra})"
            if field_schema.get("description"):
                text += ": " + field_schema["description"]
            lines.append(text)
    return "\n".join(lines)


def _described_type(schema):
    types_ = _types(schema)
    return " or ".join(types_) if types_ else "any"


def _types(schema):
    declared = schema.get("type")
    names = [declared] if isinstance(declared, str) else list(declared or [])
    return ["bytes" if name == "string" and schema.get("format") == "binary" else name for name in names]


def _takes(schema, type_name):
    types_ = _types(schema)
    return not types_ or type_name in types_


def _type_of(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "bytes"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return None


def _matches(type_name, value_type):
    return type_name == value_type or (type_name == "number" and value_type == "integer")


def _violation(schema, value, where):
    """What is wrong with `value` for `schema` (the subset ArgumentSchema documents), or None."""
    value_type = _type_of(value)
    label = f"argument '{where}'" if where else "the arguments"
    if value_type is None:
        return f"{label}: {type(value).__name__} is not a JSON value (use dict, list, str, int, float, bool, None or bytes)"
    allowed = _types(schema)
    if allowed and not any(_matches(name, value_type) for name in allowed):
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in allowed)
        return f"{label}: must be {wanted}, got {type(value).__name__}"
    if value_type == "number" and not math.isfinite(value):
        return f"{label}: {value!r} is not a JSON number"
    if "enum" in schema and not any(_type_of(value) == _type_of(option) and value == option for option in schema["enum"]):
        return f"{label}: must be one of {', '.join(json.dumps(option) for option in schema['enum'])}"
    if value_type in ("integer", "number"):
        if "minimum" in schema and value < schema["minimum"]:
            return f"{label}: must be at least {schema['minimum']}, got {value}"
        if "maximum" in schema and value > schema["maximum"]:
            return f"{label}: must be at most {schema['maximum']}, got {value}"
        if value_type == "integer" and not -(2**53) < value < 2**53:
            return f"{label}: {value} is out of range (integers are exact up to 2**53)"
    if value_type in ("string", "bytes"):
        length = len(value) if value_type == "string" else memoryview(value).nbytes
        if "minLength" in schema and length < schema["minLength"]:
            return f"{label}: must be at least {schema['minLength']} long, got {length}"
        if "maxLength" in schema and length > schema["maxLength"]:
            return f"{label}: must be at most {schema['maxLength']} long, got {length}"
    if value_type == "array":
        if "minItems" in schema and len(value) < schema["minItems"]:
            return f"{label}: must have at least {schema['minItems']} items, got {len(value)}"
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            return f"{label}: must have at most {schema['maxItems']} items, got {len(value)}"
        items = schema.get("items")
        for index, item in enumerate(value):
            problem = _violation(items if isinstance(items, dict) else {}, item, f"{where}[{index}]")
            if problem is not None:
                return problem
    if value_type == "object":
        properties = schema.get("properties", {})
        for key in value:
            if not isinstance(key, str):
                return f"{label}: key {key!r} is not a string"
            if key == _BIN:
                return f"{label}: the key '{_BIN}' is reserved"
        for field in schema.get("required", []):
            if field not in value:
                return f"{label}: '{field}' is required" if where else f"argument '{field}' is required"
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            inner = f"{where}.{key}" if where else key
            if key in properties:
                problem = _violation(properties[key], item, inner)
            elif extra is False:
                problem = f"{label}: unexpected field '{key}'"
            else:
                problem = _violation(extra if isinstance(extra, dict) else {}, item, inner)
            if problem is not None:
                return problem
    return None


def _plain(value, blobs, where):
    """`value` as JSON data, each bytes value replaced by {"$bin": k}, its bytes the k-th of `blobs`."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        blobs.append(bytes(value))
        return {_BIN: len(blobs) - 1}
    if isinstance(value, dict):
        return {key: _plain(item, blobs, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, blobs, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return operator.index(value)
    if isinstance(value, float):
        return float(value)
    raise ValueError(f"argument '{where}': {type(value).__name__} is not a JSON value")


def _decoded(text, blobs):
    """Java's result: JSON text whose {"$bin": k} objects stand for the k-th of `blobs`."""

    def bytes_of(pairs):
        if len(pairs) == 1 and pairs[0][0] == _BIN:
            return blobs[pairs[0][1]]
        return dict(pairs)

    return json.JSONDecoder(object_pairs_hook=bytes_of if blobs else None).decode(text)

