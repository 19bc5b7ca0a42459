"""Our OpenAPI schema: what it documents, and checking block values against it."""

import copy
import re
from datetime import date
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

# In our schema a "uri" is absolute (http or https): block values never hold relative ones.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("uri")
def _absolute(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date", raises=ValueError)
def _date(value):
    return not isinstance(value, str) or bool(date.fromisoformat(value))


# A root-relative URL: a whole string, in an HTML attribute, or in a srcset.
_ROOT_RELATIVE = re.compile(r'^/(?!/)|(?:href|src|poster)="/(?!/)|(?:^|,\s*)/(?!/)\S+ \d+w')


def public_endpoints_only(endpoints, **kwargs):
    """Document our public API only, not the Wagtail admin's internal one."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def block_errors(schema, block):
    """
    What in a rendered block ({"id", "type", "value", "hidden"}) breaks the
    schema's component for its type, as readable lines; [] if nothing. Strict:
    a field the component does not name and a relative URL anywhere in the
    value are errors too.
    """
    mapping = schema["components"]["schemas"]["RenderedBlock"]["discriminator"]["mapping"]
    if block.get("type") not in mapping:
        return [f"type: the schema has no block type {block.get('type')!r}"]
    relative = [
        f"value{path}: a relative URL in {text!r}"
        for path, text in relative_urls(block.get("value"))
    ]
    return _errors(schema, mapping[block["type"]], block) + relative


def value_errors(schema, block_type, value):
    """What in the value of a block of this type breaks its schema component; [] if nothing."""
    return block_errors(schema, {"id": "x", "type": block_type, "value": value, "hidden": False})


def relative_urls(value, path=""):
    """(path, string) of each string in a value that is, or holds in HTML or a
    srcset, a root-relative URL."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from relative_urls(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from relative_urls(item, f"{path}/{index}")
    elif isinstance(value, str) and _ROOT_RELATIVE.search(value):
        yield path, value


def _errors(schema, ref, instance):
    components = copy.deepcopy(schema["components"])
    for component in components["schemas"].values():
        if "properties" in component:
            component.setdefault("additionalProperties", False)
    validator = Draft202012Validator(
        {"$ref": ref, "components": components}, format_checker=FORMATS
    )
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(block)'}: {error.message}"
        for error in validator.iter_errors(instance)
    ]
