import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

MAX_BODY_BYTES = 64 * 1024


class JSONBodyParser(BaseParser):
    """
    Parse a small JSON body sent as application/json or text/plain.

    text/plain lets browsers post without a CORS preflight. The size cap and
    the nesting guard keep hostile bodies from costing more than a 4xx.
    """

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BODY_BYTES:
            raise BodyTooLarge()
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ParseError("The body must be a JSON object.") from None


class PlainTextJSONParser(JSONBodyParser):
    media_type = "text/plain"


class BodyTooLarge(ParseError):
    status_code = 413
    default_detail = f"The body is larger than {MAX_BODY_BYTES} bytes."
