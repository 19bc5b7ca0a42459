"""Client errors with a machine-readable code and the field they concern."""


class ClientError(Exception):
    """A request the client can fix; rendered as a 4xx JSON body."""

    status = 400
    code = "invalid_request"

    def __init__(self, message, *, field=None, fields=None, code=None, status=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.fields = fields or ({field: [message]} if field else {})
        self.code = code or self.code
        self.status = status or self.status

    def as_dict(self):
        body = {"code": self.code, "detail": self.message}
        if self.field:
            body["field"] = self.field
        if self.fields:
            body["fields"] = self.fields
        return body


class InvalidToken(ClientError):
    status = 401
    code = "invalid_token"


class NotFound(ClientError):
    status = 404
    code = "not_found"
