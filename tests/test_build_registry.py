"""scripts/build_registry.py: which rating-set records become one outlet, and the ids a
rebuild retires."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_registry.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_registry", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_registry"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _record(build: ModuleType, source: str, domains: list[str], *names: str) -> object:
    return build.Record(source=source, domains=domains, names=list(names))


def test_a_feed_host_under_the_outlets_own_name_joins_the_outlet(build: ModuleType) -> None:
    drafts = build.merge(
        [
            _record(build, "mbfc", ["gullpost.example"], "Gull Post", "The Gull Post"),
            _record(build, "kagi", ["feeds.gullpost.example"], "The Gull Post"),
            _record(build, "lin2023", ["edition.gullpost.example"]),
            _record(build, "kagi", ["sports.gullpost.example"], "Gull Sports Weekly"),
            _record(build, "mbfc", ["gullpost.example/business"], "Gull Post"),
        ]
    )
    by_domain = {domain: draft for draft in drafts for domain in draft.domains}
    post = by_domain["gullpost.example"]
    same = ["feeds.gullpost.example", "edition.gullpost.example", "gullpost.example/business"]
    for domain in same:
        assert by_domain[domain] is post, domain
    assert by_domain["sports.gullpost.example"] is not post  # a brand of its own


def test_curated_sites_of_one_outlet_are_joined_with_their_source(
    build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts = build.merge(
        [
            _record(build, "mbfc", ["gullpost.example"], "Gull Post"),
            _record(build, "kagi", ["gull.example"], "gull.example"),
            _record(build, "mbfc", ["tern.example"], "Tern Times"),
        ]
    )
    joins = [("gull.example", "gullpost.example", "the Post's about page")]
    monkeypatch.setattr(build, "CURATED_SAME_OUTLET", joins)
    joined = build.join_curated(drafts)
    assert len(joined) == 2
    post = next(d for d in joined if "gullpost.example" in d.domains)
    assert post.domains == ["gullpost.example", "gull.example"]
    assert post.provenance["domain:gull.example"] == "the Post's about page"


def test_a_nameless_path_stays_its_own_outlet(build: ModuleType) -> None:
    drafts = build.merge(
        [
            _record(build, "mbfc", ["social.example"], "Social Example"),
            _record(build, "lin2023", ["social.example/somepage"]),
        ]
    )
    assert len(drafts) == 2


def _rated(build: ModuleType, source: str, domain: str, page: str, *names: str) -> object:
    ref = f"https://mediabiasfactcheck.com/{page}/"
    rating = [source, 0, "high", None, ref, domain, "bias center; fact high"]
    return build.Record(
        source=source, domains=[domain], names=list(names), link=build.mbfc_slug(ref), rating=rating
    )


def test_a_subdomain_rated_on_a_page_of_its_own_stays_its_own_outlet(build: ModuleType) -> None:
    drafts = build.merge(
        [
            _rated(build, "mbfc", "gullmedia.example", "gull-times", "Gull Times"),
            _rated(build, "baly2018", "post.gullmedia.example", "gull-post"),
            _rated(build, "baly2018", "edition.gullmedia.example", "gull-times-bias"),
            _record(build, "lin2023", ["blogs.example"]),
            _rated(build, "baly2018", "jo.blogs.example", "jo-roe-blog"),
            _record(build, "kagi", ["ternherald.example"], "Tern Herald"),
            _rated(build, "baly2018", "www2.ternherald.example", "tern-herald"),
        ]
    )
    by_domain = {domain: draft for draft in drafts for domain in draft.domains}
    media = by_domain["gullmedia.example"]
    assert by_domain["post.gullmedia.example"] is not media  # rated as another outlet
    assert by_domain["edition.gullmedia.example"] is media  # rated on the parent's page
    assert by_domain["jo.blogs.example"] is not by_domain["blogs.example"]  # a hosted blog
    herald = by_domain["ternherald.example"]
    assert by_domain["www2.ternherald.example"] is herald  # its page is named as the parent
    assert [r[0] for r in by_domain["post.gullmedia.example"].ratings] == ["baly2018"]


def test_an_organisations_own_brand_is_one_outlet(build: ModuleType) -> None:
    clusters = build.own_brand_together(
        "The Tidewater Press", ["tp.example", "tpnews.example", "gullsports.example"]
    )
    assert sorted(map(sorted, clusters.values())) == [
        ["gullsports.example"],
        ["tp.example", "tpnews.example"],
    ]
    assert build.is_own_brand("Tidewater Press", "tidewaterpress")
    assert not build.is_own_brand("Tidewater Press", "gullsports")


def test_ids_a_rebuild_merges_stay_resolvable(build: ModuleType, tmp_path: Path) -> None:
    previous = {
        "outlets": [
            {"id": "gull-post", "name": "Gull Post", "domains": ["gullpost.example"]},
            {"id": "feeds-gull", "name": "The Gull Post", "domains": ["feeds.gullpost.example"]},
            {"id": "gone", "name": "Gone", "domains": ["gone.example"]},
        ],
        "moved": {"older-gull": "feeds-gull"},
    }
    path = tmp_path / "registry.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(previous, handle)
    draft = build.Draft(names=["Gull Post"], domains=["gullpost.example", "feeds.gullpost.example"])
    draft.id = "gull-post"
    # the feed host's id and the id it had replaced both lead to today's outlet; an
    # outlet that left the sets is not pointed anywhere
    assert build.moved_ids(path, [draft]) == {"feeds-gull": "gull-post", "older-gull": "gull-post"}
    assert build.moved_ids(tmp_path / "none.json.gz", [draft]) == {}
    previous["moved"] = {"loop-a": "loop-b", "loop-b": "loop-a"}  # a hand-edited file
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(previous, handle)
    assert build.moved_ids(path, [draft]) == {"feeds-gull": "gull-post"}


def test_curated_owners_fill_only_outlets_the_sets_leave_without_one(
    build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "Example page (https://example.org/group): owns the Gull Post and the Tern"
    monkeypatch.setattr(
        build,
        "CURATED_OWNERS",
        [
            (
                "Gull Media (Example Capital)",
                "corporate",
                source,
                ["gullpost.example", "tern.example"],
            )
        ],
    )
    gull = build.Draft(names=["Gull Post"], domains=["gullpost.example"])
    tern = build.Draft(names=["Tern"], domains=["tern.example"])
    tern.set_field("owner", "Tern Family Trust", "kagi")
    assert build.add_curated_owners([gull, tern]) == 1
    assert gull.fields == {"owner": "Gull Media (Example Capital)", "ownership": "corporate"}
    assert gull.provenance["owner"] == gull.provenance["ownership"] == source
    assert tern.fields == {"owner": "Tern Family Trust"}
