"""Turn the bytes of a source file into text: encoding detection and format readers."""

from __future__ import annotations

import codecs
import io
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from qa.errors import MissingExtraError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Chinese encodings a detector may name for GB text; GB18030 decodes all of them.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "cp936"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_CJK = re.compile(r"[\u3400-\u9fff]")
# A file that is text except for this many bad byte sequences (per 5,000 characters, at least 4: one damaged spot)
# is read with them replaced by U+FFFD rather than skipped.
_BAD_PER_5000 = 1
TRUNCATED_NOTE = "ends in the middle of a character (truncated file?); the incomplete character was dropped"


class UnreadableFile(Exception):
    """A file that holds no text we can use; the message says why."""


@dataclass(frozen=True)
class Extracted:
    """Text taken from a file, with whatever metadata the format itself carries."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    note: str | None = None  # damage that was worked around (truncated, a few bad bytes), for one warning


def decode_bytes(raw: bytes) -> str:
    """Decode text bytes: BOM first, then strict UTF-8, then a statistical detector."""
    return decode_text(raw)[0]


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Decode text bytes and say what damage was worked around (None when the bytes were clean).

    BOM first, then UTF-8, then a statistical detector, then GB18030. A file cut off in the
    middle of a character loses that character; a handful of invalid byte sequences become
    U+FFFD. Anything worse raises UnreadableFile.
    """
    if not raw.strip():
        raise UnreadableFile("empty file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text, cut, bad = _decode(raw, encoding)
            return _checked(text), _note(cut, bad)
    text, cut, bad = _decode(raw, "utf-8")
    if bad == 0 or (bad <= _bad_allowed(text) and len(text) - len(text.encode("ascii", "ignore")) - bad >= 20 * bad):
        return _checked(text), _note(cut, bad)
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding is not None:
        encoding = best.encoding.lower().replace("-", "_")
        if encoding in _GB_FAMILY:
            encoding = "gb18030"
        text, cut, bad = _decode(raw, encoding)
        return _checked(text), _note(cut, bad)
    # The detector gives up on Chinese text cut off mid-character or with a stray byte.
    text, cut, bad = _decode(raw, "gb18030")
    cjk = len(_CJK.findall(text[:20000]))
    if bad <= _bad_allowed(text) and cjk >= 0.3 * max(1, len("".join(text[:20000].split()))):
        return _checked(text), _note(cut, bad)
    raise UnreadableFile("no text encoding fits (binary file?)")


_replaced = threading.local()


def _replace_counting(error: UnicodeError) -> tuple[str, int]:
    """Like errors="replace", counting replacements (a U+FFFD already in the text is not an error)."""
    _replaced.count += 1
    return "\ufffd", error.end  # type: ignore[attr-defined]


codecs.register_error("qa-replace-counting", _replace_counting)


def _decode(raw: bytes, encoding: str) -> tuple[str, bool, int]:
    """(text, whether an incomplete last character was dropped, how many bad sequences were replaced)."""
    _replaced.count = 0
    decoder = codecs.getincrementaldecoder(encoding)(errors="qa-replace-counting")
    text = decoder.decode(raw, final=False)
    cut = bool(decoder.getstate()[0])
    return text, cut, _replaced.count


def _bad_allowed(text: str) -> int:
    return max(4, _BAD_PER_5000 * len(text) // 5000)


def _note(cut: bool, bad: int) -> str | None:
    notes = ([TRUNCATED_NOTE] if cut else []) + ([f"{bad} invalid byte sequence(s) shown as \ufffd"] if bad else [])
    return "; ".join(notes) or None


def _checked(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableFile("no text in file")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > 0.02 * len(sample):
        raise UnreadableFile("looks binary (control characters)")
    return text


def extract(path: Path, raw: bytes) -> Extracted:
    """The text of a file by its type; raises UnreadableFile or MissingExtraError."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text, note = decode_text(raw)
        return Extracted(text, note=note)
    if suffix in HTML_SUFFIXES:
        html, note = decode_text(raw)
        extracted = _extract_html(html)
        return Extracted(extracted.text, extracted.title, extracted.date, extracted.url, note)
    if suffix == ".pdf":
        return _extract_pdf(raw)
    if suffix == ".docx":
        return _extract_docx(raw)
    raise UnreadableFile(f"unsupported file type {suffix or '(none)'}")


def _extract_html(html: str) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = _meta(soup, "og:title") or (soup.title.get_text(strip=True) if soup.title else None)
    date = _meta(soup, "article:published_time") or _meta(soup, "pubdate") or _meta(soup, "PubDate")
    url = _meta(soup, "og:url")
    canonical = soup.find("link", rel="canonical")
    if not url and canonical is not None and canonical.get("href"):
        url = str(canonical["href"])
    for tag in soup(["script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside", "form", "iframe"]):
        tag.decompose()
    text = soup.get_text("\n")
    if not text.strip():
        raise UnreadableFile("no text in HTML")
    return Extracted(text, title or None, date, url)


def _meta(soup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    if tag is None or not tag.get("content"):
        return None
    return str(tag["content"]).strip() or None


def _extract_pdf(raw: bytes) -> Extracted:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:
        raise MissingExtraError("reading .pdf needs pypdf: pip install 'policy-qa[formats]'") from exc
    with _collected_log("pypdf") as complaints:
        try:
            reader = PdfReader(io.BytesIO(raw))
            pages = [page.extract_text() or "" for page in reader.pages]
            title = reader.metadata.title if reader.metadata and reader.metadata.title else None
        except PdfReadError as exc:
            raise UnreadableFile(f"damaged PDF ({exc})") from exc
        except Exception as exc:  # pypdf raises many unrelated types on a damaged file
            raise UnreadableFile(f"damaged PDF ({type(exc).__name__}: {str(exc)[:120]})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned?)")
    note = f"damaged PDF ({complaints[0]}); read the text that could be read" if complaints else None
    return Extracted(text, str(title) if title else None, note=note)


@contextmanager
def _collected_log(name: str) -> Iterator[list[str]]:
    """Collect a library's warnings instead of letting them reach stderr (they become one note)."""
    logger = logging.getLogger(name)
    messages: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = _Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _extract_docx(raw: bytes) -> Extracted:
    try:
        import docx
    except ImportError as exc:
        raise MissingExtraError("reading .docx needs python-docx: pip install 'policy-qa[formats]'") from exc
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several unrelated types for a bad zip
        raise UnreadableFile(f"damaged DOCX ({type(exc).__name__})") from exc
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not text.strip():
        raise UnreadableFile("DOCX has no text")
    title = document.core_properties.title or None
    return Extracted(text, title)
