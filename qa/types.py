"""Core records passed between the stages of the pipeline.

All records are frozen: a stage never mutates what an earlier stage produced.
Offsets are character offsets into ``Document.text``, the decoded text of the
source file (for ``.txt``/``.md`` the file itself; for ``.html``/``.pdf``/``.docx``
the text extracted from it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One source file: its decoded text, metadata, and the spans kept as body text."""

    source: str  # path relative to the sources folder, with forward slashes
    text: str
    sha256: str  # hash of the raw bytes, used to detect changed sources
    title: str
    date: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    url: str | None = None
    issuer: str | None = None
    region: str | None = None
    body_spans: tuple[tuple[int, int], ...] = ()  # kept article text, in order

    def body(self) -> str:
        """The cleaned article text: kept spans joined by newlines."""
        return "\n".join(self.text[start:end] for start, end in self.body_spans)


@dataclass(frozen=True)
class Chunk:
    """A passage of a document; ``document.text[start:end] == text``."""

    id: int
    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the ranks that produced it."""

    chunk: Chunk
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    """A verified quote: ``document.text[start:end] == quote``."""

    n: int
    source: str
    title: str
    date: str | None
    url: str | None
    quote: str
    start: int
    end: int
    region: str | None = None


@dataclass(frozen=True)
class Answer:
    """The reply to one question: quotes with citations, or a refusal."""

    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...]
    passages: tuple[Hit, ...]
    seconds: float = 0.0
    notices: tuple[str, ...] = field(default=())

    def to_json(self) -> dict:
        """The JSON object printed by ``qa ask --json``."""
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [
                {
                    "n": c.n,
                    "source": c.source,
                    "title": c.title,
                    "date": c.date,
                    "url": c.url,
                    "quote": c.quote,
                    "start": c.start,
                    "end": c.end,
                }
                for c in self.citations
            ],
            "passages": [
                {
                    "source": h.chunk.source,
                    "start": h.chunk.start,
                    "end": h.chunk.end,
                    "score": round(float(h.score), 6),
                    "text": h.chunk.text,
                }
                for h in self.passages
            ],
            "seconds": round(self.seconds, 4),
        }
