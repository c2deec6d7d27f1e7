"""The curated eval set, the harness, SQuAD import, and the regression gate."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa import evaluate
from qa.cli import main
from qa.decode import decode_text, extract

from conftest import ROOT, SOURCES, FakeEmbedder

QUESTIONS = ROOT / "eval" / "questions.jsonl"
FLOORS = ROOT / "eval" / "floors.json"


def test_curated_set_is_well_formed_and_grounded():
    records = evaluate.load_questions(QUESTIONS)
    assert len(records) >= 120
    types = Counter(r.type for r in records)
    assert set(types) == set(evaluate.TYPES) and min(types.values()) >= 10
    assert types["unanswerable"] >= 0.15 * len(records)
    covered = Counter(source for r in records for source in r.sources)
    assert set(covered) == {p.name for p in SOURCES.glob("*.txt")}


def _source_text(path):
    """A source file's text as the writers read it: a text or HTML file decoded (a GB18030 page
    too), a Word document's paragraphs and table rows."""
    raw = path.read_bytes()
    return extract(path, raw).text if path.suffix in (".docx", ".pdf") else decode_text(raw)[0]


@pytest.mark.parametrize(
    ("name", "sources"),
    [(f"{name}.jsonl", SOURCES) for name in ("questions", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6",
                                             "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19", "holdout20", "holdout21", "holdout22", "holdout23", "holdout24", "holdout25", "holdout26", "holdout27", "holdout28", "holdout29", "holdout30", "holdout31", "holdout32", "holdout33", "holdout34", "holdout35", "holdout36")]
    + [(f"{corpus}/questions.jsonl", ROOT / "eval" / corpus / "sources") for corpus in ("corpus_b", "corpus_c", "corpus_d", "corpus_e", "corpus_f", "corpus_g", "corpus_h", "corpus_i", "corpus_j", "corpus_k", "corpus_l", "corpus_m", "corpus_n", "corpus_o", "corpus_p", "corpus_q", "corpus_r", "corpus_s", "corpus_t", "corpus_u", "corpus_v", "corpus_w", "corpus_x")]
    + [("corpus_e/comparisons.jsonl", ROOT / "eval" / "corpus_e" / "sources")],
)
def test_every_question_set_is_grounded_in_its_sources(name, sources):
    records = evaluate.load_questions(ROOT / "eval" / name)
    assert records and len({r.id for r in records}) == len(records)
    for record in records:
        if not record.answerable:
            assert record.answers == () and record.sources == (), record.id
            continue
        assert record.answers and record.sources, record.id
        texts = [_source_text(sources / source) for source in record.sources]
        for answer in record.answers:
            assert any(answer in text for text in texts), (record.id, answer)


def test_answer_matching_ignores_width_spaces_and_punctuation():
    assert evaluate.normalise("不少于６００户。") == evaluate.normalise("不少于 600 户")
    assert evaluate.normalise("（以下简称）") == evaluate.normalise("(以下简称)")


def _squad_file(path: Path) -> Path:
    data = {"version": "test", "data": [{"title": "县域发展", "paragraphs": [
        {"context": "梅州市计划在2025年前建成乡村振兴示范带8条，并新建农村公路300公里。",
         "qas": [{"id": "a1", "question": "梅州计划建成多少条乡村振兴示范带？", "answers": [{"text": "8条", "answer_start": 20}]},
                 {"id": "a2", "question": "梅州计划新建多少公里农村公路？", "answers": [{"text": "300公里", "answer_start": 30}]}]},
        {"context": "韶关市今年将改造老旧小区45个，惠及居民1.2万户。",
         "qas": [{"id": "b1", "question": "韶关今年改造多少个老旧小区？", "answers": [{"text": "45个", "answer_start": 12}]},
                 {"id": "b2", "question": "韶关的地铁线路有几条？", "answers": [], "is_impossible": True}]}]}]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_squad_import_makes_sources_and_records(tmp_path):
    records = evaluate.import_squad(_squad_file(tmp_path / "s.json"), tmp_path / "src")
    assert [r.answerable for r in records] == [True, True, True, False]
    assert sorted(p.name for p in (tmp_path / "src").iterdir()) == ["p00001.txt", "p00002.txt"]
    assert records[2].sources == ("p00002.txt",) and records[3].type == "unanswerable"


def test_eval_on_squad_file_writes_reports(tmp_path, monkeypatch):
    import qa.engine

    monkeypatch.setattr(qa.engine, "load_embedder", lambda model=None: FakeEmbedder(model, coverage=0.3))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["eval", "--squad", str(_squad_file(tmp_path / "s.json")), "--out", str(out),
                                       "--model", "test:fake"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["overall"]["questions"] == 4
    assert report["overall"]["answer_accuracy"] == 1.0 and report["overall"]["refusal_recall"] == 1.0
    assert report["overall"]["citation_validity"] == 1.0
    assert (out / "metrics_by_type.png").stat().st_size > 5000
    assert "# Evaluation report" in (out / "report.md").read_text(encoding="utf-8")


def test_floors_flag_failures():
    overall = {"hit@5": 0.9, "false_refusal_rate": 0.1, "latency_ms": {"p95": 10.0}}
    checks = {c["metric"]: c["ok"] for c in evaluate.check_floors(overall, {"hit@5": 0.95, "false_refusal_rate_max": 0.05, "latency_p95_ms_max": 50})}
    assert checks == {"hit@5": False, "false_refusal_rate_max": False, "latency_p95_ms_max": True}


def test_regression_gate_on_the_curated_set(real_engine, tmp_path):
    """The curated set, through the same path as `qa ask`, must stay at or above the committed floors."""
    run = evaluate.run_eval(real_engine, evaluate.load_questions(QUESTIONS))
    evaluate.write_reports(run, tmp_path, json.loads(FLOORS.read_text()))
    failed = [c for c in evaluate.check_floors(run.overall, json.loads(FLOORS.read_text())) if not c["ok"]]
    assert not failed, failed
    assert run.overall["citation_validity"] == 1.0
