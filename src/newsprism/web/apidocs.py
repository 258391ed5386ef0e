"""The API reference page, read from the app's OpenAPI schema.

FastAPI's own docs page loads Swagger UI from a CDN and is blank offline; this one is
rendered on the server from `app.openapi()` (every path and method, its parameters,
request body and responses) and needs neither JavaScript nor anything from elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    """A parameter or a body field: where it goes, its type and constraints."""

    name: str
    where: str
    type: str
    required: bool
    description: str
    constraints: str = ""


@dataclass
class Body:
    media_types: list[str]
    type: str
    required: bool
    fields: list[Field] = field(default_factory=list)


@dataclass
class Reply:
    status: str
    description: str
    media_types: list[str]
    type: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field]
    body: Body | None
    responses: list[Reply]
    needs_token: bool

    @property
    def anchor(self) -> str:
        slug = "".join(c if c.isalnum() else "-" for c in self.path).strip("-")
        return f"{self.method}-{slug}"


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def resolve(schema: Mapping[str, Any], spec: Mapping[str, Any]) -> Mapping[str, Any]:
    """A schema with its `$ref` (to components/schemas) followed, once."""
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return schema
    found = spec.get("components", {}).get("schemas", {}).get(_ref_name(ref))
    return found if isinstance(found, Mapping) else schema


def type_words(schema: Mapping[str, Any] | None) -> str:
    """ "integer", "string or null", "array of string", "MoveRequest"..."""
    if not schema:
        return "any"
    if isinstance(schema.get("$ref"), str):
        return _ref_name(schema["$ref"])
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return " or ".join(type_words(s) for s in schema[key])
    kind = schema.get("type")
    if kind == "array":
        return f"array of {type_words(schema.get('items'))}"
    return str(kind or "object")


def constraint_words(schema: Mapping[str, Any] | None) -> str:
    """Bounds, patterns, choices and defaults in words."""
    if not schema:
        return ""
    parts = []
    for key, words in (
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minLength", "length at least"),
        ("maxLength", "length at most"),
        ("minItems", "at least"),
        ("maxItems", "at most"),
        ("pattern", "matches"),
    ):
        if key in schema:
            unit = " items" if key in ("minItems", "maxItems") else ""
            parts.append(f"{words} {schema[key]}{unit}")
    if "enum" in schema:
        parts.append("one of " + ", ".join(str(v) for v in schema["enum"]))
    for option in schema.get("anyOf") or []:
        inner = constraint_words(option)
        if inner:
            parts.append(inner)
    if schema.get("default") is not None:
        parts.append(f"default {schema['default']}")
    return "; ".join(parts)


def _parameter(param: Mapping[str, Any], spec: Mapping[str, Any]) -> Field:
    param = resolve(param, spec)
    schema = param.get("schema") or {}
    return Field(
        name=str(param.get("name", "")),
        where=str(param.get("in", "")),
        type=type_words(schema),
        required=bool(param.get("required")),
        description=str(param.get("description") or schema.get("description") or ""),
        constraints=constraint_words(schema),
    )


def _body(op: Mapping[str, Any], spec: Mapping[str, Any]) -> Body | None:
    body = op.get("requestBody")
    if not isinstance(body, Mapping):
        return None
    content: Mapping[str, Any] = body.get("content") or {}
    schema = next((c.get("schema") for c in content.values() if c.get("schema")), None) or {}
    target = resolve(schema, spec)
    required = set(target.get("required") or [])
    fields = [
        Field(
            name,
            "body",
            type_words(prop),
            name in required,
            str(prop.get("description") or ""),
            constraint_words(prop),
        )
        for name, prop in (target.get("properties") or {}).items()
    ]
    return Body(list(content), type_words(schema), bool(body.get("required")), fields)


def _responses(op: Mapping[str, Any]) -> list[Reply]:
    replies = []
    for status, reply in sorted((op.get("responses") or {}).items()):
        content: Mapping[str, Any] = reply.get("content") or {}
        schema = next((c.get("schema") for c in content.values() if c.get("schema")), None)
        replies.append(
            Reply(
                str(status),
                str(reply.get("description") or ""),
                list(content),
                type_words(schema) if schema else "",
            )
        )
    return replies


def operations(spec: Mapping[str, Any]) -> list[Operation]:
    """Every path and method of an OpenAPI document, in the document's order."""
    found = []
    for path, item in (spec.get("paths") or {}).items():
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, Mapping):
                continue
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=str(op.get("summary") or ""),
                    description=str(op.get("description") or ""),
                    parameters=[_parameter(p, spec) for p in op.get("parameters") or []],
                    body=_body(op, spec),
                    responses=_responses(op),
                    needs_token=bool(op.get("security")),
                )
            )
    return found
