"""GET /v1/incidents and GET /v1/incidents/{id}."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, ClassVar

import msgspec
from litestar import Controller, get
from litestar.datastructures import State
from litestar.params import Parameter

from service.api.deps import Cursor, Db, PageLimit, Repeated, page_size, repeatable
from service.api.docs import problems
from service.api.schemas import IncidentPage, StoredIncident
from service.auth.guard import SECURITY, can_read
from service.errors import InvalidInput, NotFound
from service.extraction.model import SubEventType
from service.store import incidents
from service.store.incidents import IncidentFilter

COUNTRY, ADMIN1, ACTOR_ID = "^[A-Z]{2}$", "^[A-Z]{2}-[A-Z0-9]{1,3}$", "^[a-z0-9-]{1,64}$"
CountryCode = Annotated[str, msgspec.Meta(pattern=COUNTRY)]
Admin1Code = Annotated[str, msgspec.Meta(pattern=ADMIN1)]
ActorId = Annotated[str, msgspec.Meta(pattern=ACTOR_ID)]


class IncidentController(Controller):
    path = "/v1/incidents"
    tags: ClassVar[list[str]] = ["incidents"]
    guards: ClassVar[list] = [can_read]
    security: ClassVar[list] = SECURITY

    @get(
        summary="List stored incidents, filtered; latest date first, undated last",
        responses=problems(400, 401, 403, 422, 429, 503),
    )
    async def list_incidents(
        self,
        db: Db,
        state: State,
        date_from: Annotated[dt.date | None, Parameter(description="Incidents ending on or after.")] = None,
        date_to: Annotated[dt.date | None, Parameter(description="Incidents starting on or before.")] = None,
        country: Annotated[
            Repeated[CountryCode], repeatable("ISO 3166-1 alpha-2 country code (`IQ`).", COUNTRY)
        ] = None,
        admin1: Annotated[
            Repeated[Admin1Code], repeatable("ISO 3166-2 governorate code (`IQ-AN`).", ADMIN1)
        ] = None,
        sub_event_type: Annotated[Repeated[SubEventType], repeatable("ACLED sub-event type.")] = None,
        actor: Annotated[
            Repeated[ActorId], repeatable("Actor id (see /v1/actors), as perpetrator or target.", ACTOR_ID)
        ] = None,
        min_killed: Annotated[int | None, Parameter(ge=0, description="killed.min ≥ this.")] = None,
        article_id: Annotated[uuid.UUID | None, Parameter(description="Incidents of one article.")] = None,
        limit: PageLimit = None,
        cursor: Cursor = None,
    ) -> IncidentPage:
        if date_from and date_to and date_from > date_to:
            raise InvalidInput.field("date_from", "must not be after date_to")
        where = IncidentFilter(
            date_from=date_from, date_to=date_to, country=country, admin1=admin1,
            sub_event_type=sub_event_type, actor=actor, min_killed=min_killed, article_id=article_id,
        )  # fmt: skip
        async with db.connection() as conn:
            page = await incidents.list_incidents(conn, where, page_size(limit, state.settings), cursor)
        return IncidentPage(items=page.items, next_cursor=page.next_cursor)  # type: ignore[arg-type]

    @get(
        "/{incident_id:uuid}", summary="One stored incident", responses=problems(400, 401, 403, 404, 429, 503)
    )
    async def get_incident(
        self,
        db: Db,
        incident_id: Annotated[uuid.UUID, Parameter(description="The incident's UUID.")],
    ) -> StoredIncident:
        async with db.connection() as conn:
            incident = await incidents.get_incident(conn, incident_id)
        if incident is None:
            raise NotFound(f"no incident with id {incident_id}")
        return incident
