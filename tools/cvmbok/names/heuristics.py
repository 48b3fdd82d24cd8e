"""Leaks that no registry lists: e-mail addresses, phone numbers and URLs here; organizations
(`organizations`), people (`persons`), re-identifying detail (`reidentify`) and
registered companies' stock tickers in ticker context (`tickers`) in their own modules. `all_flags` runs them all.

Each function takes the original text and yields `Flag`s with original offsets.
Patterns are single-level and bounded, so every heuristic is linear in the text.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..findings import Severity
from .flags import Flag
from .namedata import is_english_word
from .organizations import organizations
from .persons import Authors, personal_names
from .registry import Registry
from .reidentify import reidentifying
from .share_numbers import numeric_tickers
from .tickers import tickers

__all__ = ["Flag", "all_flags", "emails", "handles", "phones", "urls"]


EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net", "example", "test", "invalid", "localhost")

# ------------------------------------------------------------------ e-mail

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@((?:[\w-]+\.)+[A-Za-z]{2,})(?![\w-])")


def _host_allowed(host: str, allowed: frozenset[str]) -> bool:
    """Is `host`, or a domain it is under, in `allowed` (lowercase)? One set look-up per label,
    so a page of 20,000 links against 5,000 company hosts stays linear."""
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    return any(".".join(labels[i:]) in allowed for i in range(len(labels)))


_EXAMPLE_HOSTS = frozenset(EXAMPLE_DOMAINS)


def emails(text: str) -> Iterator[Flag]:
    if "@" not in text:
        return
    for m in EMAIL_RE.finditer(text):
        if _host_allowed(m.group(1), _EXAMPLE_HOSTS):
            continue
        yield Flag(m.start(), m.end(), "leak.email", Severity.WARNING,
                   f"e-mail address '{m.group()}' can identify a person or a company",
                   "remove it, or use an address at example.com")


HANDLE_RE = re.compile(r"(?<![\w.+@/-])@([A-Za-z][A-Za-z0-9._-]{2,38})(?![\w@-])")
"""A chat or social-media handle ("cc @kwatanabe", "@ayse.k"): not an e-mail address, which has
letters before the "@" (`EMAIL_RE`), and not a domain."""


HANDLE_NOT_TLDS = frozenset("com org net io co info biz app dev ai edu gov".split())
"""Endings that make "@something.com" a domain rather than a handle."""


def handles(text: str) -> Iterator[Flag]:
    """User handles, which name a person as surely as an e-mail address does. A handle that is
    an English word ("@here", "@channel", "@everyone") is a chat command."""
    if "@" not in text:
        return
    for m in HANDLE_RE.finditer(text):
        handle = m.group(1).rstrip("._-")
        if handle.rsplit(".", 1)[-1].lower() in HANDLE_NOT_TLDS and "." in handle:
            continue  # "@example.com" on its own is a domain
        if handle.isalpha() and is_english_word(handle.lower()):
            continue
        end = m.start(1) + len(handle)
        yield Flag(m.start(), end, "leak.person-name", Severity.WARNING,
                   f"'{text[m.start():end]}' looks like a person's user handle",
                   "remove the handle; name a role instead ('a campaign analyst')")


# ------------------------------------------------------------------ phone numbers

PHONE_RE = re.compile(
    r"(?:"
    r"\+\d{1,3}[ .-]?(?:\(0?\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){1,4}"  # +44 20 7946 0958
    r"|\(0\d{1,4}\)[ .-]?\d{3,4}[ .-]?\d{3,4}"  # (020) 7946 0958
    r"|0\d{2,4}[ /-]\d{3,4}[ -]\d{3,4}"  # 030 1234 5678
    r"|tel:\+?[\d-]{6,}"
    r")(?![\w-])"
)
_NOT_BEFORE_PHONE = set("+/.-_")


def phones(text: str) -> Iterator[Flag]:
    for m in PHONE_RE.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if before and (before.isalnum() or before in _NOT_BEFORE_PHONE):
            continue
        digits = sum(c.isdigit() for c in m.group())
        if not 8 <= digits <= 15:
            continue
        yield Flag(m.start(), m.end(), "leak.phone", Severity.WARNING,
                   f"'{m.group()}' looks like a phone number",
                   "remove it; contributions never carry contact details")


# ------------------------------------------------------------------ URLs

URL_RE = re.compile(r"(?:\bhttps?://|(?<![\w./@-])www\.)([\w.-]+)[^\s<>()\[\]\"'`]*", re.IGNORECASE)


_BARE_DOMAIN_RE = re.compile(
    r"(?<![\w@/.:-])((?:[a-z0-9][a-z0-9-]{2,}\.)+(?:com|net|org|io|co|app|shop|store|online|biz|info|bank|"
    r"(?!(?:py|rs|pl|sh|md|ps|cc|so|do|is|it|in|at|me|to|am|tv|ai|ml|gl|ly|la|fm|st|re|id|ms|js|ts|db|gz)\b)[a-z]{2}))"
    r"(?:/[\w./%-]*)?(?![\w@-])")
"""A host written without "https://" ("bazaria.my", "shop.kestrel.co.uk"): common file extensions
and short words that are also country domains ("model.py", "go.to") are left out."""


def bare_domains(text: str, allowed: Iterable[str], company_hosts: Iterable[str] = ()) -> Iterator[Flag]:
    """Web hosts written without a scheme: a company's shop or site by its own address."""
    if "." not in text:
        return
    allowed_hosts: frozenset[str] | None = None  # built at the first address: most texts have none
    for m in _BARE_DOMAIN_RE.finditer(text):
        host = m.group(1)
        if allowed_hosts is None:
            allowed_hosts = (frozenset(a.lower() for a in allowed) | _EXAMPLE_HOSTS
                             | frozenset(h.lower() for h in company_hosts))
        if _host_allowed(host, allowed_hosts) or "://" in text[max(0, m.start() - 3) : m.start()]:
            continue
        found = m.group().rstrip(".,;:/")
        yield Flag(m.start(), m.start() + len(found), "leak.url", Severity.WARNING,
                   f"'{found}' is a web address: a site's own address can point at the source company",
                   "remove it, or name the kind of site ('a regional marketplace')")


def urls(text: str, allowed: Iterable[str], company_hosts: Iterable[str] = ()) -> Iterator[Flag]:
    """Links to hosts outside the allowlist. A registered company's own host is never advised onto it."""
    if "://" not in text and "www." not in text.lower():
        return
    allowed_hosts = frozenset(a.lower() for a in allowed) | _EXAMPLE_HOSTS
    companies = frozenset(h.lower() for h in company_hosts)
    for m in URL_RE.finditer(text):
        host = m.group(1)
        if _host_allowed(host, allowed_hosts):
            continue
        url = m.group().rstrip(".,;:")
        if _host_allowed(host, companies):
            yield Flag(m.start(), m.start() + len(url), "leak.url", Severity.WARNING,
                       f"link to '{host}', a registered company's own site: it points at the source company",
                       "remove the link; if the fact is public, cite the public source in section 8 instead")
            continue
        yield Flag(m.start(), m.start() + len(url), "leak.url", Severity.WARNING,
                   f"link to '{host}', which is not on the allowlist: a link can point at the source company",
                   "remove the link or cite the public source in section 8; if the host is a neutral public "
                   "source (a standard, a statistics office), an editor may add it to styles/names/allowlist.yml")


def all_flags(text: str, url_allowlist: Iterable[str], *, authors: Authors | None = None,
              registry: Registry | None = None, company_hosts: Iterable[str] = ()) -> list[Flag]:
    flags: list[Flag] = []
    for found in (emails(text), handles(text), phones(text), urls(text, url_allowlist, company_hosts),
                  bare_domains(text, url_allowlist, company_hosts), organizations(text, authors),
                  personal_names(text, authors), reidentifying(text, registry), tickers(text, registry),
                  numeric_tickers(text, registry)):
        flags.extend(found)
    return flags
