"""Evaluate the engine on a question set: retrieval, answer accuracy, citations,
refusals and latency, overall and per question type."""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from qa.engine import Engine
from qa.errors import UsageError
from qa.types import Answer

_DROP = re.compile(r"[\s\u3000]+")
REQUIRED_FIELDS = {"id": str, "question": str, "answers": list, "sources": list, "answerable": bool, "type": str}
TYPES = ("fact", "number", "date", "list", "paraphrase", "comparison", "unanswerable")


def normalise(text: str) -> str:
    """Fold full-width/half-width forms and case, drop spaces and punctuation, for answer matching."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in _DROP.sub("", text) if not unicodedata.category(ch).startswith("P"))


@dataclass(frozen=True)
class EvalRecord:
    """One question of an eval set."""

    id: str
    question: str
    answers: tuple[str, ...]
    sources: tuple[str, ...]
    answerable: bool
    type: str

    def split(self) -> str:
        """A stable tune/check split by id (about one third held out for checking)."""
        return "check" if zlib.crc32(self.id.encode("utf-8")) % 3 == 0 else "tune"


def load_questions(path: Path) -> list[EvalRecord]:
    """Read a JSONL question set, with a one-line error naming the first bad line."""
    if not path.is_file():
        raise UsageError(f"question file {path} not found; pass --questions FILE")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except ValueError as exc:
            raise UsageError(f"{path}:{number} is not JSON ({exc.msg}); fix that line") from exc
        for key, kind in REQUIRED_FIELDS.items():
            if not isinstance(raw.get(key), kind):
                raise UsageError(f"{path}:{number} needs {key!r} as {kind.__name__}; fix that line")
        records.append(EvalRecord(raw["id"], raw["question"], tuple(raw["answers"]), tuple(raw["sources"]),
                                  raw["answerable"], raw["type"]))
    if not records:
        raise UsageError(f"{path} holds no questions")
    return records


@dataclass(frozen=True)
class Outcome:
    """How the engine did on one record."""

    record: EvalRecord
    refused: bool
    quoted: str
    correct: bool | None  # None for unanswerable records
    gold_rank: int | None  # rank of the first passage holding a gold answer, 1-based
    citations_valid: int
    citations_total: int
    citations_gold: int
    seconds: float
    cited_sources: tuple[str, ...] = ()


def _contains_answer(text: str, record: EvalRecord) -> bool:
    """The quoted text holds a gold answer; a comparison needs one from each of its sources."""
    quoted = normalise(text)
    if record.type == "comparison" and len(record.sources) > 1:
        return all(
            any(normalise(a) in quoted for a in record.answers if _answer_in(a, source, record)) for source in record.sources
        )
    return any(normalise(answer) in quoted for answer in record.answers)


_SOURCE_TEXT: dict[tuple[str, str], str] = {}


def _answer_in(answer: str, source: str, record: EvalRecord) -> bool:
    text = _SOURCE_TEXT.get(("", source))
    return True if text is None else answer in text


def gold_rank(answer: Answer, record: EvalRecord) -> int | None:
    """Rank of the first passage from a gold source holding a gold answer (source alone when no answers)."""
    for rank, hit in enumerate(answer.passages, 1):
        if hit.chunk.source not in record.sources:
            continue
        if not record.answers or any(normalise(a) in normalise(hit.chunk.text) for a in record.answers):
            return rank
    return None


def judge(record: EvalRecord, answer: Answer, source_text: Callable[[str], str | None]) -> Outcome:
    """Score one answer against its record; citations are checked against the source files themselves."""
    quoted = "\n".join(c.quote for c in answer.citations)
    valid = sum(1 for c in answer.citations if (source_text(c.source) or "")[c.start : c.end] == c.quote)
    gold = sum(1 for c in answer.citations if c.source in record.sources)
    correct = None if not record.answerable else (not answer.refused and _contains_answer(quoted, record))
    return Outcome(record, answer.refused, quoted, correct, gold_rank(answer, record) if record.answerable else None,
                   valid, len(answer.citations), gold, answer.seconds, tuple(c.source for c in answer.citations))


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def metrics(outcomes: list[Outcome]) -> dict:
    """Retrieval, answer, citation, refusal and latency figures for a group of outcomes."""
    answerable = [o for o in outcomes if o.record.answerable]
    unanswerable = [o for o in outcomes if not o.record.answerable]
    ranks = [o.gold_rank for o in answerable]
    latencies = sorted(o.seconds * 1000 for o in outcomes)
    citations = sum(o.citations_total for o in outcomes)
    answered = [o for o in answerable if not o.refused]
    return {
        "questions": len(outcomes),
        "answerable": len(answerable),
        "hit@1": _ratio(sum(1 for r in ranks if r and r <= 1), len(ranks)),
        "hit@3": _ratio(sum(1 for r in ranks if r and r <= 3), len(ranks)),
        "hit@5": _ratio(sum(1 for r in ranks if r and r <= 5), len(ranks)),
        "mrr@10": _ratio(sum(1 / r for r in ranks if r and r <= 10), len(ranks)),
        "answer_accuracy": _ratio(sum(1 for o in answerable if o.correct), len(answerable)),
        "citation_validity": _ratio(sum(o.citations_valid for o in outcomes), citations) if citations else 1.0,
        "citation_precision": _ratio(sum(o.citations_gold for o in answered), sum(o.citations_total for o in answered)),
        "refusal_recall": _ratio(sum(1 for o in unanswerable if o.refused), len(unanswerable)),
        "false_refusal_rate": _ratio(sum(1 for o in answerable if o.refused), len(answerable)),
        "latency_ms": {
            "p50": round(statistics.median(latencies), 2) if latencies else None,
            "p95": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 2) if latencies else None,
            "max": round(latencies[-1], 2) if latencies else None,
        },
    }


def by_type(outcomes: list[Outcome]) -> dict[str, dict]:
    """Metrics for each question type, in a fixed order."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.record.type].append(outcome)
    order = [t for t in TYPES if t in groups] + sorted(set(groups) - set(TYPES))
    return {t: metrics(groups[t]) for t in order}


@dataclass
class EvalRun:
    """The outcome of evaluating a question set."""

    outcomes: list[Outcome]
    overall: dict
    types: dict[str, dict]
    settings: dict = field(default_factory=dict)
    splits: dict[str, dict] = field(default_factory=dict)


def run_eval(
    engine: Engine,
    records: Iterable[EvalRecord],
    k: int = 10,
    mode: str = "hybrid",
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> EvalRun:
    """Ask every question through ``Engine.ask`` (one warm-up first) and score the answers."""
    records = list(records)
    texts: dict[str, str | None] = {}

    def source_text(name: str) -> str | None:
        if name not in texts:
            from qa.decode import UnreadableFile, extract

            path = engine.sources / name
            try:
                texts[name] = extract(path, path.read_bytes()).text if path.is_file() else None
            except (UnreadableFile, OSError):
                texts[name] = None
        return texts[name]

    for record in records:
        for name in record.sources:
            _SOURCE_TEXT[("", name)] = source_text(name) or ""
    if records:
        engine.ask(records[0].question, k=k, mode=mode)  # warm-up: load the index and the tokenizer
    outcomes = [judge(r, engine.ask(r.question, k=k, mode=mode), source_text) for r in progress(records)]
    splits = {
        name: metrics([o for o in outcomes if o.record.split() == name]) for name in ("tune", "check")
    }
    settings = {"k": k, "retriever": mode, "model": engine.model_id, "sources": str(engine.sources)}
    return EvalRun(outcomes, metrics(outcomes), by_type(outcomes), settings, splits)


def outcome_json(outcome: Outcome) -> dict:
    """One outcome as a JSON-ready dict."""
    data = asdict(outcome)
    data["record"] = asdict(outcome.record)
    return data
