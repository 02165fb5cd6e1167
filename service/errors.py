"""Domain errors and the one mapper from any exception to RFC 9457 problem details.

Services raise the errors below; Litestar's own HTTP errors and lost database connections
are mapped here too, so every error response is ``application/problem+json`` and none
carries a stack trace.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

import asyncpg
import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.exceptions.base_exceptions import SerializationException

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"

# Errors that mean "the database cannot serve now", not "the request was wrong": they become 503.
DATABASE_DOWN_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.ConnectionDoesNotExistError,
    # the server's own trouble, whatever the statement: SQLSTATE class 53 (disk full, out of
    # memory, too many connections), 57 (shutdown, crash, cancelled, cannot connect now) and
    # 58 (I/O error); the transaction was rolled back, and a retry may succeed
    asyncpg.InsufficientResourcesError,
    asyncpg.OperatorInterventionError,
    asyncpg.PostgresSystemError,
    asyncpg.exceptions.InterfaceError,
    # a connection cut mid-protocol ("cannot switch to state ...") is as dead as a refused one
    asyncpg.InternalClientError,
)


class FieldError(msgspec.Struct, frozen=True):
    """One invalid input: where it is and what is wrong with it."""

    field: str
    message: str


class Problem(msgspec.Struct, frozen=True, omit_defaults=True):
    """An RFC 9457 problem details body."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None


class DomainError(Exception):
    """Base for errors services raise; subclasses fix the status and the problem type."""

    status: int = 400
    slug: str = "bad-request"

    def __init__(
        self, detail: str, errors: list[FieldError] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers


class InvalidInput(DomainError):
    status, slug = 422, "invalid-input"

    @classmethod
    def field(cls, field: str, message: str) -> InvalidInput:
        return cls(f"{field}: {message}", [FieldError(field, message)])


class TextTooLong(DomainError):
    status, slug = 413, "text-too-long"


class BadCursor(DomainError):
    status, slug = 400, "bad-cursor"


class Unauthorized(DomainError):
    """No key, or a key that is unknown or revoked."""

    status, slug = 401, "unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="incident-api"'})


class Forbidden(DomainError):
    """A valid key without the scope the operation needs."""

    status, slug = 403, "forbidden"


class RateLimited(DomainError):
    """The key spent its request budget; ``retry_after`` whole seconds until the next request fits."""

    status, slug = 429, "rate-limited"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


class NotFound(DomainError):
    status, slug = 404, "not-found"


class IdempotencyConflict(DomainError):
    status, slug = 409, "idempotency-key-reused"


class DatabaseUnavailable(DomainError):
    status, slug = 503, "database-unavailable"


def _problem(status: int, slug: str, detail: str, errors: list[FieldError] | None = None) -> Problem:
    title = HTTPStatus(status).phrase
    return Problem(type=f"/problems/{slug}", title=title, status=status, detail=detail, errors=errors)


def _is_empty_body(extra: list[dict]) -> bool:
    # Litestar reports a missing body as the KeyError text "'data'" on the "data" parameter.
    return any(e.get("key") == "data" and e.get("message") == "'data'" for e in extra)


def _from_http_exception(exc: HTTPException) -> Problem:
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list) and _is_empty_body(exc.extra):
        return _problem(400, "malformed-json", "the body is empty; send a JSON object")
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list) and exc.extra:
        # Litestar says 400 for well-formed JSON of the wrong shape; that input is
        # unprocessable (422), while JSON that does not parse stays 400.
        errors = [FieldError(str(e.get("key", "")), str(e.get("message", ""))) for e in exc.extra]
        return _problem(422, "invalid-input", "the request does not match the schema", errors)
    if isinstance(exc.__cause__, SerializationException):
        return _problem(400, "malformed-json", f"the body is not valid JSON: {exc.detail}")
    status = exc.status_code
    if status >= 500:
        logger.error("server error: %r", exc, exc_info=exc)
    slug = HTTPStatus(status).phrase.lower().replace(" ", "-")
    return _problem(status, slug, exc.detail or HTTPStatus(status).description)


def problem_for(exc: Exception) -> Problem:
    """The problem details for ``exc``; unknown errors become a bare 500 (logged, never echoed)."""
    if isinstance(exc, DomainError):
        return _problem(exc.status, exc.slug, exc.detail, exc.errors)
    if isinstance(exc, HTTPException):
        return _from_http_exception(exc)
    if isinstance(exc, DATABASE_DOWN_ERRORS):
        logger.warning("database unavailable: %r", exc)
        return _problem(503, "database-unavailable", "the database is not answering; retry later")
    logger.exception("unhandled error", exc_info=exc)
    return _problem(500, "internal-error", "an unexpected error occurred")


def problem_response(request: Request, exc: Exception) -> Response[Problem]:
    """Litestar exception handler: every error leaves the app through here."""
    problem = msgspec.structs.replace(problem_for(exc), instance=request.url.path)
    headers = {"Retry-After": "5"} if problem.status == 503 else None
    if isinstance(exc, DomainError) and exc.headers:
        headers = exc.headers
    return Response(problem, status_code=problem.status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)
