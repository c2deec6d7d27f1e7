"""Read a folder of sources into Documents: decode, clean, attach metadata."""

from __future__ import annotations

import hashlib
import logging
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from qa import metadata
from qa.clean import body_spans, parse_header
from qa.decode import SUPPORTED_SUFFIXES, UnreadableFile, extract
from qa.errors import MissingExtraError, SourcesError
from qa.places import infer_region
from qa.types import Document

log = logging.getLogger(__name__)

SIDECAR = "metadata.toml"
DEFAULT_MAX_FILE_MB = 50
MAX_FILE_BYTES = DEFAULT_MAX_FILE_MB * 1024 * 1024  # the default; max_file_bytes() reads QA_MAX_FILE_MB
_OVERRIDABLE = ("title", "date", "url", "issuer", "region")


@dataclass(frozen=True)
class SourceFile:
    """A candidate file in the sources folder, before it is read."""

    path: Path
    relative: str
    sha256: str


def sha256_bytes(raw: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(raw).hexdigest()


def max_file_bytes() -> int:
    """The size limit for one source file: QA_MAX_FILE_MB megabytes (default 50), in bytes."""
    value = os.environ.get("QA_MAX_FILE_MB", "").strip() or str(DEFAULT_MAX_FILE_MB)
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = float("nan")
    if not 0 < megabytes < float("inf"):
        raise SourcesError(f"QA_MAX_FILE_MB={value!r} is not a positive number of megabytes; set it to e.g. 50 or unset it")
    return int(megabytes * 1024 * 1024)


def list_sources(sources_dir: Path, warn: Callable[[str], None] = log.warning) -> list[SourceFile]:
    """Supported files under ``sources_dir`` (recursively, sorted), with their hashes.

    Hidden files, the metadata sidecar, and symbolic links that lead outside the
    folder are left out; a warning names each file that is skipped for a reason.
    """
    root = sources_dir.resolve()
    if not root.is_dir():
        raise SourcesError(f"sources folder {sources_dir} does not exist; create it or pass --sources DIR")
    limit = max_file_bytes()
    found: list[SourceFile] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts) or relative == SIDECAR:
            continue
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
            warn(f"skipped {relative}: symbolic link loop; remove or fix the link")
            continue
        # Checked for every path, not only links: a linked folder on the way also leads outside.
        if not _inside(target, root):
            warn(f"skipped {relative}: symbolic link leads outside the sources folder")
            continue
        if not path.is_file():
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            warn(f"skipped {relative}: unsupported file type (use .txt, .md, .html, .pdf or .docx)")
            continue
        try:
            size = path.stat().st_size
            if size > limit:
                warn(f"skipped {relative}: {size / 2**20:.1f} MB is over the {limit / 2**20:g} MB limit "
                     "(raise QA_MAX_FILE_MB to include it)")
                continue
            found.append(SourceFile(path, relative, sha256_bytes(path.read_bytes())))
        except OSError as exc:
            warn(f"skipped {relative}: cannot be read ({exc.strerror or exc}); check its permissions")
    return found


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def load_overrides(sources_dir: Path) -> dict[str, dict[str, str]]:
    """Per-file metadata from ``metadata.toml`` in the sources folder, keyed by relative path."""
    sidecar = sources_dir / SIDECAR
    if not sidecar.is_file():
        return {}
    try:
        table = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{sidecar} is not valid TOML ({exc}); fix or remove it") from exc
    return {
        name: {key: str(value) for key, value in entry.items() if key in _OVERRIDABLE}
        for name, entry in table.items()
        if isinstance(entry, dict)
    }


def read_document(
    source: SourceFile, overrides: dict[str, str] | None = None, notes: list[str] | None = None
) -> Document:
    """Decode, clean and describe one file; raises UnreadableFile when it holds no usable text.

    Damage that was worked around (a truncated last character, a damaged PDF) is appended to ``notes``.
    """
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    extracted = extract(source.path, raw)
    text = extracted.text
    header, _ = parse_header(text)
    spans = tuple(body_spans(text))
    if not spans:
        raise UnreadableFile("no article text left after cleaning")
    lines = [text[start:end] for start, end in spans]
    url = header.get("url") or extracted.url
    title = header.get("title") or extracted.title or metadata.infer_title(lines, Path(source.relative).stem)
    date = (
        metadata.iso_date(header.get("date", "") or extracted.date or "")
        or metadata.date_from_url(url)
        or metadata.first_date(text)
    )
    document = Document(
        source=source.relative,
        text=text,
        sha256=source.sha256,
        title=title,
        date=date,
        url=url,
        issuer=metadata.infer_issuer(text, lines),
        region=infer_region(title, "\n".join(lines)),
        body_spans=spans,
    )
    if overrides:
        fields = dict(overrides)
        if "date" in fields:
            fields["date"] = metadata.iso_date(fields["date"]) or fields["date"]
        document = replace(document, **fields)
    if document.url is not None:
        # Shown as a link later: only http(s), never javascript:, data: or file:.
        document = replace(document, url=metadata.safe_url(document.url))
    if extracted.note and notes is not None:
        notes.append(extracted.note)
    return document


def load_documents(
    sources_dir: Path,
    warn: Callable[[str], None] = log.warning,
    files: list[SourceFile] | None = None,
) -> list[Document]:
    """Every readable document in the folder; unreadable files and duplicates are skipped with a warning."""
    files = list_sources(sources_dir, warn) if files is None else files
    overrides = load_overrides(sources_dir)
    documents: list[Document] = []
    seen_bodies: dict[str, str] = {}
    for source in files:
        notes: list[str] = []
        try:
            document = read_document(source, overrides.get(source.relative), notes)
        except (UnreadableFile, MissingExtraError) as exc:
            warn(f"skipped {source.relative}: {exc}")
            continue
        body_hash = sha256_bytes(document.body().encode("utf-8", "surrogatepass"))
        if body_hash in seen_bodies:
            warn(f"skipped {source.relative}: same text as {seen_bodies[body_hash]}")
            continue
        if notes:
            warn(f"read {source.relative} in part: {'; '.join(notes)}")
        seen_bodies[body_hash] = source.relative
        documents.append(document)
    if not documents:
        raise SourcesError(
            f"no readable documents in {sources_dir}; add .txt, .md, .html, .pdf or .docx files or pass --sources DIR"
        )
    return documents
