"""The FastAPI application: JSON API under /api and server-rendered pages.

`create_app(db, token=...)` opens one `Store` for the app's lifetime. Pages are Jinja2
templates with autoescaping on; charts are inline SVG from `svg.py`; there is no
front-end build and the pages work without JavaScript.
"""

from __future__ import annotations

import hmac
import importlib
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsprism.store import (
    Store,
    StoryCursor,
    StoryFilter,
    StoryRow,
    date_bound,
    story_cursor,
)
from newsprism.web import apidocs, export, svg, views

ENV_TOKEN = "NEWSPRISM_TOKEN"
HERE = Path(__file__).resolve().parent
PAGE_SIZE = 30
MAX_INGEST_URLS = 50

# Pages load nothing from elsewhere and run no inline script; charts are inline SVG.
PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


# -- request bodies ------------------------------------------------------------------


class MoveRequest(BaseModel):
    story_id: str = Field(min_length=1, max_length=64, description="story to move it into")


class SplitRequest(BaseModel):
    article_ids: list[str] = Field(min_length=1, description="articles that form the new story")


class IngestRequest(BaseModel):
    urls: list[str] = Field(
        min_length=1, max_length=MAX_INGEST_URLS, description="article or feed URLs (http/https)"
    )


# -- app ---------------------------------------------------------------------------------


def create_app(
    db: str | os.PathLike[str] | None = None,
    *,
    token: str | None = None,
    resolver: Any | None = None,
) -> FastAPI:
    """The web UI and JSON API over the database `db` (path or URL; None: the default).

    Write endpoints need `Authorization: Bearer <token>`, the token coming from `token`
    or `$NEWSPRISM_TOKEN`; with neither, they answer 403. `resolver` (an
    `OutletResolver`) is used when corrections and ingestion re-analyse stories; by
    default the registry with the user's overrides, loaded on first use.
    """
    store = Store(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="newsprism",
        summary="News coverage analyser: stories, storylines, coverage, blindspots.",
        version=_version(),
        docs_url=None,  # Swagger UI loads from a CDN: /api/docs is rendered here instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or os.environ.get(ENV_TOKEN) or None
    app.state.resolver = resolver
    app.state.templates = _templates()
    app.include_router(_api_router(), prefix="/api")
    app.include_router(_rss_router())
    app.include_router(_docs_router())
    app.include_router(_page_router())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.headers.get("content-type", "").startswith("text/html") and not (
            request.url.path.startswith("/api/")
        ):
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("newsprism")
    except Exception:  # not installed (running from a checkout)
        return "0"


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


# -- templates -----------------------------------------------------------------------------


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every page: text from articles is never markup
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        ago=views.ago,
        date=views.fmt_date,
        iso=views.iso,
        dash=views.dash,
        path_id=views.path_id,
        rater=views.rater_name,
        factuality=views.factuality_label,
    )
    env.globals.update(
        LEANS=svg.LEANS,
        LEAN_LABELS=svg.LEAN_LABELS,
        SIDES=views.SIDES,
        SIDE_LABELS=views.SIDE_LABELS,
        STANCE_LABELS=views.STANCE_LABELS,
        bias_bar=lambda counts, unrated=0, **kw: Markup(
            svg.bias_bar(counts, unrated=unrated, **kw)
        ),
        count_bar=lambda count, total, **kw: Markup(svg.count_bar(count, total, **kw)),
    )
    return Jinja2Templates(env=env)


def _page(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
    return response


def _not_found(request: Request, what: str) -> HTMLResponse:
    return _page(request, "error.html", {"title": "Not found", "message": what}, 404)


def _redirect_to_survivor(
    request: Request, story_id: str, prefix: str, suffix: str = ""
) -> Response | None:
    """307 to the story that absorbed `story_id` (same sub-path and query), else None."""
    survivor = _store(request).resolve_story_id(story_id)
    if survivor == story_id:
        return None
    target = f"{prefix}/{views.path_id(survivor)}{suffix}"
    if request.url.query:
        target += "?" + request.url.query
    return RedirectResponse(target, status_code=307)


# -- JSON API ------------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="the server's write token")


def require_token(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(
            403,
            "write endpoints are disabled: no token is configured on this server "
            f"(set {ENV_TOKEN} or start it with `newsprism serve --token`)",
        )
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})


# -- story lists: filters and pages ------------------------------------------------------


@dataclass(frozen=True)
class StoryQuery:
    """Which stories a list asks for and which page of them."""

    limit: int
    offset: int
    cursor: StoryCursor | None
    blindspot: str | None
    storyline: str | None
    where: StoryFilter


def _date_bound(value: str | None, name: str, *, end_of_day: bool) -> datetime | None:
    try:
        return date_bound(value, end_of_day=end_of_day)
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {exc}") from exc


def story_query(
    limit: int = Query(PAGE_SIZE, ge=1, le=500, description="stories per page"),
    offset: int = Query(0, ge=0, description="stories to skip (prefer `cursor`)"),
    cursor: str | None = Query(
        None,
        max_length=400,
        description="`next_cursor` of the previous page: pages stay stable as stories arrive",
    ),
    blindspot: str | None = Query(
        None, pattern="^(left|right)$", description="only blindspots of that side"
    ),
    storyline: str | None = Query(None, max_length=64, description="storyline id"),
    since: str | None = Query(
        None, max_length=40, description="last published at or after (ISO date or datetime)"
    ),
    until: str | None = Query(
        None, max_length=40, description="last published at or before (ISO date or datetime)"
    ),
    outlet: str | None = Query(
        None, max_length=200, description="outlet id: stories with an article from it"
    ),
    lean: str | None = Query(
        None,
        pattern="^(left|center|right)$",
        description="stories covered by at least one outlet of that side",
    ),
    entity: int | None = Query(None, ge=1, description="entity id: stories that mention it"),
    q: str | None = Query(
        None, max_length=500, description="words: stories with an article that has them all"
    ),
) -> StoryQuery:
    """The filter and page parameters `/api/stories` and `/api/stories.csv` share."""
    if cursor and offset:
        raise HTTPException(422, "give either `cursor` or `offset`, not both")
    try:
        after = StoryCursor.decode(cursor) if cursor else None
    except ValueError as exc:
        raise HTTPException(422, f"cursor: {exc}") from exc
    where = StoryFilter(
        since=_date_bound(since, "since", end_of_day=False),
        until=_date_bound(until, "until", end_of_day=True),
        outlet=outlet or None,
        side=lean,
        entity_id=entity,
        query=q if q and q.strip() else None,
    )
    return StoryQuery(limit, offset, after, blindspot, storyline, where)


def _story_page(store: Store, query: StoryQuery) -> tuple[list[StoryRow], str | None]:
    """One page of stories and the cursor of the next one (None on the last page)."""
    rows = store.stories(
        limit=query.limit + 1,
        offset=0 if query.cursor else query.offset,
        blindspot=query.blindspot,
        storyline_id=query.storyline,
        where=query.where,
        after=query.cursor,
    )
    page = rows[: query.limit]
    more = len(rows) > query.limit
    return page, story_cursor(page[-1]).encode() if more else None


def _api_router() -> APIRouter:
    api = APIRouter(tags=["newsprism"])

    @api.get("/stories", summary="Latest stories, filtered, a page at a time")
    def list_stories(request: Request, query: StoryQuery = Depends(story_query)) -> dict[str, Any]:
        store = _store(request)
        rows, next_cursor = _story_page(store, query)
        more = next_cursor is not None
        return {
            "items": [views.story_json(c) for c in views.story_cards(store, rows)],
            "limit": query.limit,
            "offset": query.offset,
            "next_offset": query.offset + query.limit if more and not query.cursor else None,
            "next_cursor": next_cursor,
        }

    @api.get(
        "/stories.csv",
        summary="Latest stories as CSV, one row per story",
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "CSV with a header row"}},
    )
    def stories_csv(request: Request, query: StoryQuery = Depends(story_query)) -> Response:
        store = _store(request)
        rows, next_cursor = _story_page(store, query)
        headers = {"Content-Disposition": 'inline; filename="stories.csv"'}
        if next_cursor:
            following = request.url.remove_query_params("offset")
            following = following.include_query_params(cursor=next_cursor)
            headers["Link"] = f'<{following}>; rel="next"'
        return Response(
            export.stories_csv(views.story_cards(store, rows)),
            media_type="text/csv; charset=utf-8",
            headers=headers,
        )

    @api.get("/feeds", summary="The polled feeds and their health")
    def feeds(request: Request) -> dict[str, Any]:
        rows = [views.feed_view(f) for f in _store(request).feeds()]
        return {"items": [views.feed_json(f) for f in rows]}

    @api.get(
        "/stories/{story_id}",
        summary="One story with its summary, coverage, claims, speakers and entities",
        description=(
            "The story's fields as in `/api/stories`, and `summary`, `coverage` (the stored "
            "record), `claims` (each with `stance`, `content`, `speakers` as the story page "
            "labels them, `article_ids`, `outlets`), `speakers` (one per person, group or "
            "organisation across the story's articles: `name`, `kind`, `role`, `org`, "
            "`aliases`, `article_ids`, `outlets`, `statements`), `main_claim` (the claim "
            "the article stances are measured against, or null), `article_stances` "
            "(article id -> `reports it as fact`, `reports the dispute` or `discusses`; "
            "empty for a story analysed before stances were stored) and `entities`. "
            "Read from what the analysis stored: no model runs for the request."
        ),
        responses={307: {"description": "the story was merged: follow to the survivor"}},
    )
    def get_story(request: Request, story_id: str) -> Any:
        redirect = _redirect_to_survivor(request, story_id, "/api/stories")
        if redirect:
            return redirect
        store = _store(request)
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        data = views.story_detail_json(store, views.story_cards(store, [story])[0])
        data["entities"] = jsonable_encoder(store.story_entities(story.id))
        return data

    @api.get(
        "/stories/{story_id}/articles",
        summary="The articles of a story",
        description=(
            "Each article without its text, with its outlet's name, lean and factuality, "
            "`stance` towards the story's main claim (`reports it as fact`, `reports "
            "the dispute`, `discusses`, or null when none is stored) and "
            '`original_outlet`, the outlet whose story it credits as a copy ("(Reuters) '
            '-", "Originally published by ..."), or null.'
        ),
    )
    def get_story_articles(request: Request, story_id: str) -> Any:
        redirect = _redirect_to_survivor(request, story_id, "/api/stories", "/articles")
        if redirect:
            return redirect
        store = _store(request)
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        articles = store.articles(story_id=story_id)
        outlets = views.outlet_views(store, [a.outlet for a in articles])
        stances = views.article_stances(story)
        reader = _origin_reader(request)
        origins = views.credited_origins(articles, reader) if reader else {}
        return {
            "story_id": story_id,
            "items": [
                {
                    **views.article_json(a, views.outlet_of(outlets, a.outlet)),
                    "stance": stances.get(a.id),
                    "original_outlet": origins[a.id].id if a.id in origins else None,
                }
                for a in articles
            ],
        }

    @api.get("/storylines", summary="Storylines, latest first")
    def list_storylines(request: Request) -> Any:
        return {"items": jsonable_encoder(_store(request).storylines())}

    @api.get("/storylines/{storyline_id}", summary="One storyline and its stories in time order")
    def get_storyline(request: Request, storyline_id: str) -> Any:
        store = _store(request)
        storyline = store.storyline(storyline_id)
        if storyline is None:
            raise HTTPException(404, f"no storyline {storyline_id!r}")
        data = {k: v for k, v in storyline.items() if k != "stories"}
        data["stories"] = [
            views.story_json(c) for c in views.story_cards(store, storyline["stories"])
        ]
        return jsonable_encoder(data)

    @api.get("/entities/{entity_id}", summary="An entity and every story that mentions it")
    def get_entity(request: Request, entity_id: int) -> Any:
        store = _store(request)
        entity = store.entity(entity_id)
        if entity is None:
            raise HTTPException(404, f"no entity {entity_id}")
        mentions: dict[str, int] = entity.pop("stories", {})
        stories = store.stories(ids=list(mentions), limit=1000) if mentions else []
        entity["stories"] = [
            {**views.story_json(card), "mentioning_articles": mentions.get(card.story.id, 0)}
            for card in views.story_cards(store, stories)
        ]
        return jsonable_encoder(entity)

    @api.get("/search", summary="Full-text search over article titles and texts")
    def search(
        request: Request,
        q: str = Query(..., min_length=1, max_length=500),
        limit: int = Query(50, ge=1, le=200),
    ) -> Any:
        store = _store(request)
        articles = store.search(q, limit=limit)
        outlets = views.outlet_views(store, [a.outlet for a in articles])
        return {
            "query": q,
            "items": [views.article_json(a, views.outlet_of(outlets, a.outlet)) for a in articles],
        }

    @api.get("/stats", summary="Counts of what the database holds")
    def stats(request: Request) -> dict[str, int]:
        return _store(request).stats()

    @api.post(
        "/articles/{article_id}/move",
        summary="Move an article into another story (recorded as a correction)",
        dependencies=[Depends(require_token)],
    )
    def move_article(request: Request, article_id: str, body: MoveRequest) -> Any:
        from newsprism.pipeline.corrections import CorrectionError, move_article

        store = _store(request)
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        target = store.story(body.story_id)
        if target is None:
            raise HTTPException(404, f"no story {body.story_id!r}")
        try:
            move_article(store, article_id, target.id, _resolver(request))
        except CorrectionError as exc:
            raise HTTPException(404, str(exc)) from exc
        return {
            "article_id": article_id,
            "story_id": target.id,
            "previous_story_id": article.story_id,
        }

    @api.post(
        "/stories/{story_id}/split",
        summary="Split articles off a story into a new story (recorded as corrections)",
        dependencies=[Depends(require_token)],
    )
    def split_story(request: Request, story_id: str, body: SplitRequest) -> Any:
        from newsprism.pipeline.corrections import CorrectionError, split_articles

        store = _store(request)
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        members = {a.id for a in store.articles(story_id=story.id)}
        wanted = list(dict.fromkeys(body.article_ids))
        strangers = [a for a in wanted if a not in members]
        if strangers:
            raise HTTPException(400, f"not articles of story {story.id!r}: {strangers[:20]}")
        if len(wanted) == len(members):
            raise HTTPException(400, "a split must leave at least one article in the story")
        try:
            new_id = split_articles(store, wanted, _resolver(request))
        except CorrectionError as exc:
            raise HTTPException(404, str(exc)) from exc
        return {"story_id": new_id, "from_story_id": story.id, "article_ids": wanted}

    @api.post(
        "/ingest",
        summary="Fetch and add articles or feeds by URL",
        dependencies=[Depends(require_token)],
    )
    async def ingest(request: Request, body: IngestRequest) -> Any:
        bad = [u for u in body.urls if not _is_web_url(u)]
        if bad:
            raise HTTPException(400, f"only http(s) URLs can be ingested here: {bad[:5]}")
        pipeline = _optional_module("newsprism.pipeline")
        store = _store(request)
        # workers=1: no forking from inside a threaded server; a handful of URLs anyway
        report = await run_in_threadpool(
            pipeline.ingest_inputs,
            store,
            list(body.urls),
            allow_private=False,
            resolver=_resolver(request),
            workers=1,
            urls_only=True,
        )
        return _report_json(report)

    return api


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _report_json(report: object) -> Any:
    as_dict = getattr(report, "as_dict", None)
    return jsonable_encoder(as_dict() if callable(as_dict) else report)


def _optional_module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


def _origin_reader(request: Request) -> Any | None:
    """The resolver that reads "via Reuters" labels; None (pages without them) when the
    user's outlet overrides cannot be loaded: a broken override file is reported where
    it is used to analyse, and must not take the story page down."""
    try:
        return _resolver(request)
    except Exception as exc:
        logging.getLogger(__name__).warning("no 'via' labels: %s", exc)
        return None


def _resolver(request: Request) -> Any:
    """The outlet resolver: re-analyses corrected stories and reads the wire an article
    credits ("via Reuters") for the story page (loaded once, on first use)."""
    if request.app.state.resolver is None:
        from newsprism.extract.outlet import OutletResolver

        request.app.state.resolver = OutletResolver.default()
    return request.app.state.resolver


# -- API reference -----------------------------------------------------------------------


def _docs_router() -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @router.get("/api/docs")
    def api_docs(request: Request) -> Response:
        spec = request.app.openapi()
        response = _page(
            request,
            "api_docs.html",
            {
                "info": spec.get("info", {}),
                "openapi_version": spec.get("openapi", ""),
                "operations": apidocs.operations(spec),
            },
        )
        response.headers["Content-Security-Policy"] = PAGE_CSP  # as the other pages
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return router


# -- RSS ------------------------------------------------------------------------------------

RSS_SIZE = 30


def _rss_router() -> APIRouter:
    router = APIRouter(tags=["newsprism"])

    @router.get(
        "/rss.xml",
        summary="RSS 2.0 feed of the latest stories (home page order)",
        response_class=Response,
        responses={200: {"content": {"application/rss+xml": {}}, "description": "RSS 2.0"}},
    )
    def rss(
        request: Request,
        blindspot: str | None = Query(
            None, pattern="^(left|right)$", description="only blindspots of that side"
        ),
        q: str | None = Query(
            None, max_length=500, description="words: stories with an article that has them all"
        ),
        outlet: str | None = Query(
            None, max_length=200, description="outlet id: stories with an article from it"
        ),
    ) -> Response:
        store = _store(request)
        where = StoryFilter(outlet=outlet or None, query=q if q and q.strip() else None)
        rows = store.stories(limit=RSS_SIZE, blindspot=blindspot, where=where)
        body = export.stories_rss(
            views.story_cards(store, rows),
            base_url=str(request.base_url),
            feed_url=str(request.url),
            title=_rss_title(blindspot, q, outlet),
            now=datetime.now(UTC),
        )
        return Response(body, media_type="application/rss+xml; charset=utf-8")

    return router


def _feed_link(params: dict[str, str], title: str) -> dict[str, str]:
    """Template context for a filtered feed's <link rel="alternate"> in the page head."""
    return {"feed_href": "/rss.xml?" + urlencode(params), "feed_title": title}


def _rss_title(blindspot: str | None, q: str | None, outlet: str | None) -> str:
    title = "newsprism: latest stories"
    if blindspot:
        title += f", blindspots of the {blindspot}"
    if outlet:
        title += f", covered by {outlet}"
    if q and q.strip():
        title += f", matching \u201c{q.strip()}\u201d"
    return title


# -- pages -----------------------------------------------------------------------------------


def _page_router() -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @pages.get("/")
    def home(request: Request, page: int = Query(1, ge=1, le=10_000)) -> Response:
        store = _store(request)
        rows = store.stories(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
        return _page(
            request,
            "home.html",
            {
                "cards": views.story_cards(store, rows[:PAGE_SIZE]),
                "page": page,
                "has_next": len(rows) > PAGE_SIZE,
                "left_spots": views.story_cards(store, store.stories(blindspot="left", limit=3)),
                "right_spots": views.story_cards(store, store.stories(blindspot="right", limit=3)),
                "storylines": store.storylines(limit=6),
                "stats": store.overview(),
            },
        )

    @pages.get("/feeds")
    def feeds(request: Request) -> Response:
        rows = [views.feed_view(f) for f in _store(request).feeds()]
        return _page(request, "feeds.html", {"feeds": rows, "nav": "feeds"})

    @pages.get("/favicon.ico")
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    @pages.get("/stories/{story_id}")
    def story(request: Request, story_id: str) -> Response:
        redirect = _redirect_to_survivor(request, story_id, "/stories")
        if redirect:
            return redirect
        store = _store(request)
        row = store.story(story_id)
        if row is None:
            return _not_found(request, "There is no story with this id.")
        context = views.story_page(store, row, _origin_reader(request))
        cov = context["coverage"]
        context["timeline_svg"] = Markup(
            svg.coverage_timeline(cov.timeline, unit=cov.timeline_unit, height=140)
        )
        return _page(request, "story.html", context)

    @pages.get("/storylines")
    def storylines(request: Request) -> Response:
        return _page(request, "storylines.html", {"storylines": _store(request).storylines()})

    @pages.get("/storylines/{storyline_id}")
    def storyline(request: Request, storyline_id: str) -> Response:
        store = _store(request)
        found = store.storyline(storyline_id)
        if found is None:
            return _not_found(request, "There is no storyline with this id.")
        stories = found["stories"]
        return _page(
            request,
            "storyline.html",
            {
                "storyline": found,
                "cards": views.story_cards(store, stories),
                "claim_events": views.claim_timeline(store, stories),
                "timeline_svg": Markup(svg.storyline_timeline(views.storyline_points(stories))),
            },
        )

    @pages.get("/blindspots")
    def blindspots(request: Request) -> Response:
        store = _store(request)
        return _page(
            request,
            "blindspots.html",
            {
                "left": views.story_cards(store, store.stories(blindspot="left", limit=100)),
                "right": views.story_cards(store, store.stories(blindspot="right", limit=100)),
            },
        )

    @pages.get("/entities/{entity_id}")
    def entity(request: Request, entity_id: int) -> Response:
        store = _store(request)
        found = store.entity(entity_id)
        if found is None:
            return _not_found(request, "There is no entity with this id.")
        mentions: dict[str, int] = found.get("stories") or {}
        stories = store.stories(ids=list(mentions), limit=1000) if mentions else []
        return _page(
            request,
            "entity.html",
            {"entity": found, "cards": views.story_cards(store, stories), "mentions": mentions},
        )

    @pages.get("/search")
    def search(request: Request, q: str = Query("", max_length=500)) -> Response:
        store = _store(request)
        words = q.strip()
        articles = store.search(q, limit=60) if words else []
        outlets = views.outlet_views(store, [a.outlet for a in articles])
        matches = views.article_views(articles, outlets)
        story_ids = list(dict.fromkeys(a.story_id for a in matches if a.story_id))
        stories = {st.id: st for st in store.stories(ids=story_ids, limit=len(story_ids) or 1)}
        groups = [
            (views.story_cards(store, [stories[sid]])[0], [a for a in matches if a.story_id == sid])
            for sid in story_ids
            if sid in stories
        ]
        loose = [a for a in matches if not a.story_id or a.story_id not in stories]
        return _page(
            request,
            "search.html",
            {
                "q": q,
                "groups": groups,
                "loose": loose,
                "count": len(matches),
                **(_feed_link({"q": q.strip()}, f"stories matching {q.strip()}") if words else {}),
            },
        )

    @pages.get("/outlets/{outlet_id:path}")
    def outlet(request: Request, outlet_id: str) -> Response:
        store = _store(request)
        records = store.outlets([outlet_id])
        articles = views.outlet_articles(store, outlet_id, limit=100)
        if not records and not articles:
            return _not_found(request, "No article from this outlet is stored.")
        info = views.outlet_view(outlet_id, records.get(outlet_id))
        outlets = {outlet_id: info, "": views.outlet_view(None, None)}
        return _page(
            request,
            "outlet.html",
            {
                "outlet": info,
                "articles": views.article_views(articles, outlets),
                **_feed_link({"outlet": outlet_id}, f"stories covered by {info.name}"),
            },
        )

    return pages
