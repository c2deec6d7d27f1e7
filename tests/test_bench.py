"""Smoke test of the scale benchmark: one small size end to end, then the report's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa import bench

ROOT = Path(__file__).resolve().parent.parent


def test_project_codes_are_a_bijection():
    codes = {bench.code_of(n) for n in range(50_000)}
    assert len(codes) == 50_000
    assert all(bench.number_of(bench.code_of(n)) == n for n in (0, 1, 999, 123_456, 999_999))


def _run(tmp_path: Path, embed_sample: int) -> tuple[Path, dict]:
    out = tmp_path / "out"
    code = bench.main(["--sizes", "300", "--out", str(out), "--queries", "30", "--embed-sample", str(embed_sample),
                       "--sources", str(ROOT / "sources"), "--work", str(tmp_path / "work")])
    assert code == 0
    return out, json.loads((out / "results.json").read_text())


def test_bench_smoke(tmp_path: Path):
    """One small size end to end (no embedding model): files, JSON shape, sane values."""
    out, results = _run(tmp_path, embed_sample=0)
    assert {"results.json", "results.md", "latency_memory.png"} <= {p.name for p in out.iterdir()}
    assert (out / "latency_memory.png").stat().st_size > 1000

    assert isinstance(results["machine"], str) and results["machine"]
    assert results["embed_passages_per_second"] == 0.0  # skipped with --embed-sample 0
    (size,) = results["sizes"]
    assert size["passages"] == 300  # one chunk per synthetic paragraph
    assert set(size["build_seconds"]) == {"tokenize", "bm25", "embed", "faiss"}
    assert all(value >= 0 for value in size["build_seconds"].values())
    assert size["index_bytes"] > 100_000
    assert 10 * 2**20 < size["peak_rss_bytes"] < 4 * 2**30
    assert size["faiss_index"] == "IndexFlatIP"
    assert size["ann_recall_at_10"] == pytest.approx(1.0)
    assert size["tokenize_calls_on_load"] == 0
    for block in (size["latency_ms"], size["baseline_latency_ms"]):
        for mode, stats in block.items():
            assert 0 < stats["p50"] <= stats["p95"] < 5000, mode
    assert set(size["latency_ms"]) == {"bm25", "dense", "hybrid_answer"}
    assert set(size["baseline_latency_ms"]) == {"bm25", "dense"}
    # The synthetic queries name a unique project code: retrieval must find the gold passage.
    assert size["gold_hit_at_10"]["bm25"] >= 0.9
    assert size["gold_hit_at_10"]["hybrid"] >= 0.9
    assert "| 300 |" in (out / "results.md").read_text()
    assert not (tmp_path / "work" / "n300").exists()  # scratch removed without --keep


def test_bad_sizes_are_a_usage_error(tmp_path: Path):
    with pytest.raises(SystemExit) as raised:
        bench.main(["--sizes", "ten", "--out", str(tmp_path)])
    assert raised.value.code == 2


@pytest.mark.slow
def test_bench_measures_the_real_model(tmp_path: Path):
    _, results = _run(tmp_path, embed_sample=16)
    assert results["embed_passages_per_second"] > 0
    assert results["embed"]["passages"] == 16


def test_lexical_index_scores_equal_bm25s(tmp_path):
    """The vectorised BM25 build gives bm25s's own scores, and survives bm25s's save/load."""
    import random

    import bm25s
    import numpy as np

    from qa.lexical import LexicalIndex

    rng = random.Random(7)
    words = [f"词{i}" for i in range(400)]
    corpus = [[rng.choice(words) for _ in range(rng.randint(1, 40))] for _ in range(3000)] + [[""]]
    reference = bm25s.BM25(k1=1.2, b=0.75)
    reference.index(corpus, show_progress=False)
    ours = LexicalIndex.build(corpus)
    ours.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25")
    for _ in range(50):
        query = rng.sample(words, 4)
        expected = reference.get_scores(query)
        assert np.allclose(ours.scores(query), expected, rtol=1e-6)
        assert np.allclose(loaded.scores(query), expected, rtol=1e-6)
