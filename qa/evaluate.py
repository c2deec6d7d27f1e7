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

from qa.engine import DEFAULT_K, Engine
from qa.errors import UsageError
from qa.lexical import normalize
from qa.types import Answer

_DROP = re.compile(r"[\s\u3000]+")
REQUIRED_FIELDS = {"id": str, "question": str, "answers": list, "sources": list, "answerable": bool, "type": str}
TYPES = ("fact", "number", "date", "list", "paraphrase", "comparison", "unanswerable")


def normalise(text: str) -> str:
    """Fold full-width/half-width forms and case, drop spaces and punctuation, for answer matching."""
    return "".join(ch for ch in _DROP.sub("", normalize(text)) if not unicodedata.category(ch).startswith("P"))


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


def _contains_answer(text: str, record: EvalRecord, source_text: Callable[[str], str | None]) -> bool:
    """The quoted text holds a gold answer; a comparison needs one from each of its sources."""
    quoted = normalise(text)
    if record.type == "comparison" and len(record.sources) > 1:
        return all(
            any(normalise(a) in quoted for a in record.answers if a in (source_text(source) or a))
            for source in record.sources
        )
    return any(normalise(answer) in quoted for answer in record.answers)


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
    correct = None if not record.answerable else (not answer.refused and _contains_answer(quoted, record, source_text))
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
    k: int = DEFAULT_K,
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


# -- reports ---------------------------------------------------------------------------------

_PERCENT_KEYS = ("hit@1", "hit@3", "hit@5", "mrr@10", "answer_accuracy", "citation_validity",
                 "citation_precision", "refusal_recall", "false_refusal_rate")


def cell(value) -> str:
    """A figure as shown in reports: three decimals, or a dash when not applicable."""
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _metrics_table(rows: dict[str, dict]) -> list[str]:
    header = ["group", "n", *_PERCENT_KEYS, "p50 ms", "p95 ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, m in rows.items():
        cells = [name, str(m["questions"]), *(cell(m[k]) for k in _PERCENT_KEYS),
                 cell(m["latency_ms"]["p50"]), cell(m["latency_ms"]["p95"])]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(run: EvalRun, floors: dict | None = None) -> str:
    """The human report: settings, figures overall, by split and by type, floors, failures."""
    lines = ["# Evaluation report", ""]
    lines += [f"- {key}: `{value}`" for key, value in run.settings.items()]
    lines += ["", "## Overall", "", *_metrics_table({"all": run.overall, **{f"split: {k}": v for k, v in run.splits.items()}})]
    lines += ["", "## By question type", "", *_metrics_table(run.types), "", "![metrics by type](metrics_by_type.png)"]
    if floors:
        lines += ["", "## Floors", "", "| metric | floor | measured | |", "|---|---|---|---|"]
        for check in check_floors(run.overall, floors):
            lines.append(f"| {check['metric']} | {check['floor']} | {cell(check['value'])} | {'ok' if check['ok'] else '**below**'} |")
    failures = [o for o in run.outcomes if o.correct is False or (o.correct is None and not o.refused)]
    lines += ["", f"## Failures ({len(failures)})", "",
              "| id | type | question | expected | quoted | gold passage rank |", "|---|---|---|---|---|---|"]
    for o in failures:
        expected = " / ".join(o.record.answers) if o.record.answerable else "(refusal)"
        quoted = "(refused)" if o.refused else o.quoted[:160]
        lines.append(f"| {o.record.id} | {o.record.type} | {_md(o.record.question)} | {_md(expected)} | {_md(quoted)} | {o.gold_rank or '–'} |")
    return "\n".join(lines) + "\n"


def check_floors(overall: dict, floors: dict) -> list[dict]:
    """Compare figures with floors; keys ending in ``_max`` are ceilings (false refusals, latency)."""
    checks = []
    for key, bound in floors.items():
        metric = key[: -len("_max")] if key.endswith("_max") else key
        value = overall["latency_ms"]["p95"] if metric == "latency_p95_ms" else overall.get(metric)
        ok = value is not None and (value <= bound if key.endswith("_max") else value >= bound)
        checks.append({"metric": key, "floor": bound, "value": value, "ok": ok})
    return checks


def plot_by_type(run: EvalRun, path: Path) -> None:
    """A grouped bar chart of the main metrics for each question type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = ("hit@5", "answer_accuracy", "refusal_recall", "false_refusal_rate")
    types = list(run.types)
    figure, axis = plt.subplots(figsize=(max(6, 1.3 * len(types)), 4))
    width = 0.8 / len(keys)
    for number, key in enumerate(keys):
        values = [run.types[t][key] or 0.0 for t in types]
        axis.bar([i + number * width for i in range(len(types))], values, width, label=key)
    axis.set_xticks([i + width * (len(keys) - 1) / 2 for i in range(len(types))], types)
    axis.set_ylim(0, 1.05)
    axis.set_title(f"metrics by question type ({run.settings.get('retriever')}, k={run.settings.get('k')})")
    axis.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(keys), frameon=False)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write_reports(run: EvalRun, out: Path, floors: dict | None = None) -> dict[str, Path]:
    """Write report.md, report.json and metrics_by_type.png into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"markdown": out / "report.md", "json": out / "report.json", "chart": out / "metrics_by_type.png"}
    plot_by_type(run, paths["chart"])
    paths["markdown"].write_text(report_markdown(run, floors), encoding="utf-8")
    data = {
        "settings": run.settings,
        "overall": run.overall,
        "splits": run.splits,
        "by_type": run.types,
        "floors": check_floors(run.overall, floors) if floors else [],
        "outcomes": [outcome_json(o) for o in run.outcomes],
    }
    paths["json"].write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


# -- SQuAD-format import ---------------------------------------------------------------------


def import_squad(path: Path, sources: Path) -> list[EvalRecord]:
    """Turn a SQuAD-format file (CMRC 2018, DRCD, CJRC) into source documents and eval records.

    Each paragraph becomes ``sources/<n>.txt`` (with a Title header); each question an
    eval record whose answers are the answer texts (none: unanswerable).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        articles = data["data"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path} is not a SQuAD-format JSON file (needs a top-level 'data' list); check the file") from exc
    sources.mkdir(parents=True, exist_ok=True)
    records: list[EvalRecord] = []
    number = 0
    for article in articles:
        title = str(article.get("title") or "").strip()
        for paragraph in article.get("paragraphs", []):
            context = str(paragraph.get("context", "")).strip()
            if not context:
                continue
            number += 1
            name = f"p{number:05d}.txt"
            (sources / name).write_text(f"Title: {title or name}\n\n{context}\n", encoding="utf-8")
            for qa_item in paragraph.get("qas", []):
                answers = tuple(dict.fromkeys(a["text"] for a in qa_item.get("answers", []) if a.get("text", "").strip()))
                answerable = bool(answers) and not qa_item.get("is_impossible", False)
                records.append(EvalRecord(str(qa_item.get("id", f"{name}-{len(records)}")), str(qa_item["question"]),
                                          answers if answerable else (), (name,) if answerable else (),
                                          answerable, "squad" if answerable else "unanswerable"))
    if not records:
        raise UsageError(f"{path} holds no questions")
    return records
