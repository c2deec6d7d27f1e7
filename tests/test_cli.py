"""The `qa` command line: JSON output, batch answering, clean errors, index freshness."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.cli import main
from qa.engine import Engine

from conftest import FakeEmbedder


@pytest.fixture
def indexed(sources_copy: Path, tmp_path: Path):
    """A sources copy and an index built with the fake embedder, as (sources, index)."""
    index = tmp_path / "index"
    Engine(sources_copy, index, embedder=FakeEmbedder(coverage=0.3)).refresh()
    return sources_copy, index


def test_ask_json_prints_the_documented_object(qa_command, indexed):
    sources, index = indexed
    result = subprocess.run([*qa_command, "ask", "--json", "--sources", str(sources), "--index", str(index),
                             "--model", "test:hashed-bigrams-64", "潮州今年要为多少户特殊困难老年人家庭做适老化改造？"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"question", "answer", "refused", "citations", "passages", "seconds"}
    citation = data["citations"][0]
    assert set(citation) == {"n", "source", "title", "date", "url", "quote", "start", "end"}
    text = (sources / citation["source"]).read_text(encoding="utf-8")
    assert text[citation["start"] : citation["end"]] == citation["quote"] and "600户" in citation["quote"]
    assert citation["date"] == "2024-05-06" and not data["refused"]
    assert all(text_of(sources, p) == p["text"] for p in data["passages"])


def text_of(sources: Path, passage: dict) -> str:
    return (sources / passage["source"]).read_text(encoding="utf-8")[passage["start"] : passage["end"]]


def test_ask_json_reads_questions_from_stdin_in_order(qa_command, indexed):
    sources, index = indexed
    questions = ["江门今年的适老化改造要完成多少户？", "", "广州今年要完成多少户适老化改造？", "濠江区1—8月完成工业投资额多少？"]
    result = subprocess.run([*qa_command, "ask", "--json", "--sources", str(sources), "--index", str(index),
                             "--model", "test:hashed-bigrams-64"], input="\n".join(questions) + "\n",
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == [q for q in questions if q]
    assert "1400户" in rows[0]["answer"] and rows[1]["refused"] and "42亿元" in rows[2]["answer"]


@pytest.mark.parametrize("question", ["", "   ", "问" * 2001])
def test_bad_question_is_one_line_with_exit_2(question, tmp_path):
    result = CliRunner().invoke(main, ["ask", question, "--sources", str(tmp_path), "--index", str(tmp_path / "i")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")


def test_missing_sources_folder_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(main, ["index", "--sources", str(tmp_path / "none"), "--index", str(tmp_path / "i")])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output


def test_index_detects_added_changed_and_removed_sources(sources_copy, tmp_path):
    index = tmp_path / "index"
    embedder = FakeEmbedder(coverage=0.3)
    first = Engine(sources_copy, index, embedder=embedder).refresh()
    assert first is not None and first.embedded == first.chunks
    assert Engine(sources_copy, index, embedder=embedder).refresh() is None  # nothing changed

    (sources_copy / "new.txt").write_text("Title: 测试\n\n梅州今年计划新建乡村公园12个，覆盖所有镇街。\n", encoding="utf-8")
    engine = Engine(sources_copy, index, embedder=embedder)
    added = engine.refresh()
    assert added is not None and added.documents == 6 and added.embedded == 1  # only the new passage
    assert "12个" in engine.ask("梅州今年计划新建多少个乡村公园？").answer

    (sources_copy / "new.txt").unlink()
    removed = Engine(sources_copy, index, embedder=embedder)
    assert removed.refresh().documents == 5 and removed.refresh() is None
    builds = [p for p in index.iterdir() if p.name.startswith("build-")]
    assert len(builds) == 1  # old builds are removed once the new one is in place


def test_same_sources_give_the_same_index(sources_copy, tmp_path):
    embedder = FakeEmbedder(coverage=0.3)
    engines = [Engine(sources_copy, tmp_path / name, embedder=embedder) for name in ("a", "b")]
    for engine in engines:
        engine.refresh()
    a, b = (e.index for e in engines)
    assert [a.chunk(i) for i in range(len(a))] == [b.chunk(i) for i in range(len(b))]
    assert a.manifest["sources"] == b.manifest["sources"]


def test_serve_on_a_busy_port_is_a_clean_error(tmp_path):
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--sources", str(tmp_path), "--index", str(tmp_path / "i"), "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and f"127.0.0.1:{port}" in result.output and "--port" in result.output
