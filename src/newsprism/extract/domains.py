"""Domains and URLs: registrable domain (offline Public Suffix List), normalisation."""

from __future__ import annotations

import contextlib
import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList

# Query parameters that only track the reader or the campaign; they never change
# which article a URL points to.
_TRACKING_EXACT = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "igsh", "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl", "_hsenc", "_hsmi",
        "oly_enc_id", "oly_anon_id", "vero_id", "wickedid", "rb_clickid", "s_cid",
        "cmpid", "ocid", "smid", "sr_share", "ito", "guccounter", "guce_referrer",
        "guce_referrer_sig", "__twitter_impression", "ref_src", "ref_url",
        "fb_action_ids", "fb_action_types", "fb_source", "fb_ref", "spm", "soc_src",
        "soc_trk", "ncid",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "ga_", "_hs")
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


@lru_cache(maxsize=1)
def _suffix_list() -> PublicSuffixList:
    return PublicSuffixList()  # bundled list: no network


def _host(url_or_host: str) -> str:
    value = url_or_host.strip()
    if not _SCHEME.match(value):
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def registrable_domain(url_or_host: str) -> str | None:
    """`https://www.bbc.co.uk/news/x` -> `bbc.co.uk`; None for IPs, bare suffixes, junk.

    Private suffixes count (`someone.blogspot.com` stays distinct from other blogs).
    """
    host = _host(url_or_host)
    if not host or _is_ip(host):
        return None
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    domain = _suffix_list().privatesuffix(host)
    return domain or None


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


# "https://web.archive.org/web/20251201103000/https://example.com/story" (the timestamp
# may carry a flag such as "id_"; the archived address may lack its scheme).
_WAYBACK = re.compile(
    r"^https?://(?:web\.)?archive\.org/web/\d{1,14}(?:[a-z]{2}_)?/(?P<original>.+)$", re.I
)


# Google's AMP cache: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a"
# ("/c/" for a cached page, "/v/" for the viewer, "s/" when the original is https).
_AMP_CACHE = re.compile(
    r"^https?://[^/]+\.cdn\.ampproject\.org/[cv]/(?P<secure>s/)?(?P<original>[^/?#]+\.[^/?#]+.*)$",
    re.I,
)


def archived_original(url: str | None) -> str | None:
    """The address a copy-serving URL stands for (a Wayback Machine snapshot, Google's
    AMP cache); None for any other URL. The article is the original site's: its
    outlet, its id, its URL's date."""
    if not url:
        return None
    if wayback := _WAYBACK.match(url.strip()):
        original = wayback["original"]
        if not _SCHEME.match(original):
            original = "http://" + original.lstrip("/")
    elif amp := _AMP_CACHE.match(url.strip()):
        original = ("https://" if amp["secure"] else "http://") + amp["original"]
    else:
        return None
    return original if _absolute_http(original) else None


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking params;
    a Wayback Machine snapshot or AMP-cache address stands for the page it copies.

    The path and the remaining query keep their case and order. Anything that does
    not parse as an absolute http(s) URL comes back stripped but otherwise unchanged.
    """
    value = (archived_original(url) or url).strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return value
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return value
    host = parts.hostname.rstrip(".").lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not _is_tracking(k)]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query, doseq=True), ""))


def _absolute_http(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_front_page(url: str) -> bool:
    return urlsplit(url).path in ("", "/") and not urlsplit(url).query


def preferred_url(canonical: str | None, fetched: str | None) -> str | None:
    """The URL to record for an article, normalised.

    The page's declared canonical URL wins when it is an absolute http(s) URL on the
    same registrable domain as the address it was read from and not the site's front
    page (a common template mistake). A canonical on another domain usually points a
    syndicated copy at the original; the copy keeps its own address so that its
    outlet stays the one that published it (near-duplicate detection links the two).
    """
    canonical = archived_original(canonical) or canonical
    fetched = archived_original(fetched) or fetched
    fetched_ok = _absolute_http(fetched)
    if _absolute_http(canonical):
        assert canonical is not None
        same_site = not fetched_ok or registrable_domain(canonical) == registrable_domain(
            fetched or ""
        )
        if same_site and not (_is_front_page(canonical) and fetched_ok):
            return normalize_url(canonical)
    if fetched_ok:
        assert fetched is not None
        return normalize_url(fetched)
    return None
