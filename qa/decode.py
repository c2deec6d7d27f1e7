"""Turn the bytes of a source file into text: encoding detection and format readers."""

from __future__ import annotations

import codecs
import io
import re
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


class UnreadableFile(Exception):
    """A file that holds no text we can use; the message says why."""


@dataclass(frozen=True)
class Extracted:
    """Text taken from a file, with whatever metadata the format itself carries."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


def decode_bytes(raw: bytes) -> str:
    """Decode text bytes: BOM first, then strict UTF-8, then a statistical detector."""
    if not raw.strip():
        raise UnreadableFile("empty file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _checked(raw.decode(encoding, errors="replace"))
    try:
        return _checked(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise UnreadableFile("no text encoding fits (binary file?)")
    encoding = best.encoding.lower().replace("-", "_")
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    return _checked(raw.decode(encoding, errors="replace"))


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
        return Extracted(decode_bytes(raw))
    if suffix in HTML_SUFFIXES:
        return _extract_html(decode_bytes(raw))
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
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UnreadableFile(f"damaged PDF ({exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned?)")
    title = reader.metadata.title if reader.metadata and reader.metadata.title else None
    return Extracted(text, title)


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
