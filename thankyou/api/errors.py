"""One JSON error shape for the whole API: {"code", "detail", "field"?, "fields"?}, a 500 too."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

from thankyou.api.parsers import BodyTooLarge
from thankyou.api.throttling import refund_shop
from thankyou.core.errors import ClientError, InvalidToken

logger = logging.getLogger(__name__)

UNAVAILABLE_RETRY_SECONDS = 5

_CODES = {
    BodyTooLarge: "body_too_large",
    exceptions.ParseError: "invalid_body",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.Throttled: "rate_limited",
    exceptions.NotFound: "not_found",
}


def exception_handler(exc, context):
    request = context.get("request")
    if request is not None:
        request._request.thankyou_public_error = True
        if isinstance(exc, InvalidToken):  # not the shop's: a forger must not use up its limit
            refund_shop(request._request)
    if isinstance(exc, ClientError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, Http404):
        return Response({"code": "not_found", "detail": "Not found."}, status=404)
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_errors(exc.detail)
        first = next(iter(fields), "non_field_errors")
        return Response(
            {
                "code": "invalid_request",
                "detail": f"{first}: {fields.get(first, [''])[0]}",
                "field": first,
                "fields": fields,
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, OperationalError | InterfaceError):
        # The database is restarting or unreachable: say so, briefly, not 500.
        logger.warning("database unavailable: %s", type(exc).__name__)
        return Response(
            {"code": "unavailable", "detail": "Briefly unavailable; please try again."},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(UNAVAILABLE_RETRY_SECONDS)},
        )
    if isinstance(exc, exceptions.APIException):
        code = next((c for cls, c in _CODES.items() if isinstance(exc, cls)), "error")
        headers = {}
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait) + 1)
        return Response(
            {"code": code, "detail": str(exc.detail)}, status=exc.status_code, headers=headers
        )
    # A bug (ours, or a designer block's): logged as Django logs a 500, answered in JSON.
    logging.getLogger("django.request").error(
        "Internal Server Error: %s",
        getattr(request, "path", ""),
        exc_info=exc,
        extra={"status_code": 500, "request": getattr(request, "_request", None)},
    )
    return Response(
        {"code": "server_error", "detail": "Something went wrong on our side."},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def flatten_errors(errors, prefix=""):
    """Turn DRF's nested errors into {"order.items.3.price": ["..."]}."""
    flat = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_errors(value, path))
    elif isinstance(errors, list) and errors and not isinstance(errors[0], str):
        for index, value in enumerate(errors):
            if value:
                flat.update(flatten_errors(value, f"{prefix}.{index}"))
    else:
        flat[prefix or "non_field_errors"] = [str(e) for e in errors]
    return flat
