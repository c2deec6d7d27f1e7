"""Shared fixtures: an offline, deterministic embedder and a private copy of the sources.

``FakeEmbedder`` implements the ``qa.embed.Embedder`` protocol with hashed character
bigrams, so tests build and query real indexes in milliseconds without loading a model.
Subprocess tests can run the real ``qa`` command with it through ``qa_command``.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
import urllib.request
import shutil
import stat
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
FAKE_MODEL = "test:hashed-bigrams-64"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the default run fast: tests marked slow run only when a -m expression is given
    (e.g. ``-m slow``) or QA_RUN_SLOW=1 is set."""
    if config.getoption("markexpr") or os.environ.get("QA_RUN_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow (or QA_RUN_SLOW=1)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    """A port nobody listens on right now, on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers 200, or raise TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")
        time.sleep(0.2)


class FakeEmbedder:
    """Hashed character bigrams (and single characters) in ``dimension`` dims, L2-normalised."""

    def __init__(self, model_id: str | None = FAKE_MODEL, dimension: int = 64, coverage: float = 1.0) -> None:
        self.model_id = model_id or FAKE_MODEL
        self.dimension = dimension
        self._coverage = coverage

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        grams = [text[i : i + 2] for i in range(len(text) - 1)] + list(text)
        for gram in grams:
            digest = hashlib.blake2b(gram.encode("utf-8", "surrogatepass"), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dimension] += 1.0
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            vector[0] = 1.0
            return vector
        return vector / norm

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vector(text) for text in texts]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)

    def coverage(self, texts: list[str]) -> float:
        return self._coverage


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    """A fresh FakeEmbedder (model id ``FAKE_MODEL``, 64 dimensions)."""
    return FakeEmbedder()


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's sources folder (with metadata.toml) in tmp_path."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    for path in target.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return target


# Runs `qa` with FakeEmbedder in place of every real model (argv follows the code).
_QA_WITH_FAKE = (
    "import sys; sys.path.insert(0, {tests!r}); import conftest, qa.engine; "
    "qa.engine.load_embedder = lambda model=None: conftest.FakeEmbedder(model or conftest.FAKE_MODEL); "
    "from qa.cli import main; sys.argv[0] = 'qa'; main()"
)


@pytest.fixture
def qa_command() -> list[str]:
    """argv prefix that runs the `qa` command line in a subprocess with FakeEmbedder;
    pass ``--model test:...`` ids freely, each gets a FakeEmbedder of that id."""
    return [sys.executable, "-c", _QA_WITH_FAKE.format(tests=str(Path(__file__).parent))]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """An Engine over a copy of the real sources with FakeEmbedder, index built once per module."""
    from qa.engine import Engine

    root = tmp_path_factory.mktemp("engine")
    shutil.copytree(SOURCES, root / "sources")
    engine = Engine(root / "sources", root / "index", embedder=FakeEmbedder())
    engine.refresh()
    return engine


@pytest.fixture(scope="session")
def real_engine(tmp_path_factory):
    """An Engine over the real sources with the real default embedding model (built once per run)."""
    from qa.engine import Engine

    engine = Engine(SOURCES, tmp_path_factory.mktemp("real-index"), model=None)
    engine.refresh()
    return engine
