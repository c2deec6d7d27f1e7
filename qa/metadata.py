"""Document metadata inferred from the text: title, publication date, URL, issuing body."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from qa.clean import FULL_DATE

_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[-_/]?(\d{2})[-_/]?(\d{2})/")
_ISO_LIKE = re.compile(r"(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})")
_YEAR_MONTH = re.compile(r"(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?$")
_YEAR = re.compile(r"^(\d{4})\s*年?$")
_SOURCE_LABEL = re.compile(r"(?:信息)?来源\s*[:：]\s*([^\s|｜:：]{2,30})")
_NEWSPAPER = re.compile(r"([\u4e00-\u9fff]{2,6}(?:日报|晚报|时报|商报))")
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff“”\"（）()]{2,40}(?:指挥部|人民政府|办公厅|办公室|委员会|办事处|工作领导小组|局|厅)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that never belong in a link we show: whitespace, controls, and those that end an
# HTML attribute or a Markdown link (a real URL percent-encodes them).
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\s\"'<>\\`()\[\]{}|^]")


def iso_date(text: str) -> str | None:
    """Normalise a date written in any common Chinese or ISO form to YYYY-MM-DD (or YYYY-MM, YYYY)."""
    text = text.strip()
    match = _ISO_LIKE.search(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    match = _YEAR_MONTH.search(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
    match = _YEAR.match(text)
    return match.group(1) if match else None


def date_from_url(url: str | None) -> str | None:
    """A date in a URL path such as /a/202501/06/ or /2024/05/06/."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def first_date(text: str) -> str | None:
    """The first complete date in the text (the dateline of most pages and notices)."""
    for match in FULL_DATE.finditer(text):
        date = iso_date(match.group())
        if date:
            return date
    return None


def infer_title(body_lines: list[str], fallback: str) -> str:
    """The first body line that reads like a headline, else ``fallback``."""
    for line in body_lines[:8]:
        if 6 <= len(line) <= 80 and len(_CJK.findall(line)) >= 4 and not FULL_DATE.fullmatch(line):
            return line
    return fallback


def infer_issuer(text: str, body_lines: list[str]) -> str | None:
    """The issuing body or newspaper: a signature line, a 来源 label, or a newspaper name."""
    for line in body_lines[:12] + body_lines[-6:]:
        if _ISSUER_LINE.match(line):
            return line
    match = _SOURCE_LABEL.search(text)
    if match:
        return match.group(1)
    match = _NEWSPAPER.search(text)
    return match.group(1) if match else None


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) link to a host, else None (javascript:, data:, file:, …).

    Sources are untrusted: a header line ``URL: javascript:…`` must never become a clickable link.
    """
    if not url:
        return None
    url = url.strip()
    if len(url) > 2048 or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:  # e.g. a malformed IPv6 host or port
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url
