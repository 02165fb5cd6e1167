"""OpenAPI pieces shared by the controllers: problem responses and the Arabic example article."""

from __future__ import annotations

from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example, OpenAPI, OpenAPIHeader, OpenAPIResponse, OpenAPIType, Schema
from litestar.params import Body

from service.api.schemas import EXAMPLE_ARTICLE
from service.errors import PROBLEM_MEDIA_TYPE, Problem

PROBLEM_DESCRIPTIONS = {
    400: "Malformed request: the body is not JSON, or the cursor is not one this API issued.",
    401: "No API key (and the server is not in open mode), or a key that is unknown or revoked.",
    403: "The API key lacks the scope this operation needs (`read` or `write`).",
    404: "No such resource (an id that is not a UUID names no resource either).",
    409: "The Idempotency-Key was already used with a different body.",
    413: "The body is larger than MAX_BODY_BYTES, or the text longer than MAX_TEXT_CHARS characters.",
    422: "Well-formed but invalid input: wrong types, empty or whitespace-only text, "
    "an unparseable published_at, an out-of-range parameter. `errors` lists each problem.",
    429: "The API key made more requests than its rate allows; retry after `Retry-After` seconds.",
    503: "The database is not answering; retry later (see Retry-After).",
}


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    """Response docs for the given error statuses, each an RFC 9457 problem body."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            media_type=PROBLEM_MEDIA_TYPE,
            description=PROBLEM_DESCRIPTIONS[status],
            generate_examples=False,
        )
        for status in statuses
    }


ARTICLE_BODY = Body(
    title="Article",
    description="An Arabic news article and what is known about it.",
    examples=[Example(summary="A short Arabic article", value=EXAMPLE_ARTICLE)],
)


# Headers some responses always carry; ResponseSpec cannot declare them, so
# document_status_headers adds them to the generated spec.
STATUS_HEADERS = {
    202: {
        "Location": OpenAPIHeader(
            description="The stored article's URL; poll it for the incidents.",
            required=True,
            schema=Schema(type=OpenAPIType.STRING),
        ),
        "Preference-Applied": OpenAPIHeader(
            description="`respond-async`.", required=True, schema=Schema(type=OpenAPIType.STRING)
        ),
    },
    401: {
        "WWW-Authenticate": OpenAPIHeader(
            description="`Bearer`: send the key as `Authorization: Bearer <key>`.",
            required=True,
            schema=Schema(type=OpenAPIType.STRING),
        )
    },
    429: {
        "Retry-After": OpenAPIHeader(
            description="Whole seconds until the key may make its next request.",
            required=True,
            schema=Schema(type=OpenAPIType.INTEGER, minimum=1),
        )
    },
    503: {
        "Retry-After": OpenAPIHeader(
            description="Seconds to wait before retrying.",
            required=True,
            schema=Schema(type=OpenAPIType.INTEGER, minimum=1),
        )
    },
}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def document_status_headers(openapi: OpenAPI) -> None:
    """Add STATUS_HEADERS to every documented response of ``openapi`` with their status."""
    for path_item in (openapi.paths or {}).values():
        for method in METHODS:
            operation = getattr(path_item, method, None)
            for status, headers in STATUS_HEADERS.items():
                response = (operation.responses or {}).get(str(status)) if operation else None
                if isinstance(response, OpenAPIResponse):
                    response.headers = {**(response.headers or {}), **headers}
