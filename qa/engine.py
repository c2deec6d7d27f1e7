"""The one entry point the command line, the chat UI and the eval harness share:
keep the index current for a sources folder, and answer questions from it."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from qa import store
from qa.answer import answer_question
from qa.dialect import as_mandarin
from qa.embed import Embedder, load_embedder, model_from_env
from qa.errors import IndexCorruptError, UsageError
from qa.index import (
    BuildReport,
    Index,
    Progress,
    build_index,
    built_embedding,
    check_model,
    open_index,
    stale_reason,
)
from qa.places import learn_places
from qa.question import read_question, split_comparison
from qa.retrieve import Filters, Mode, Retriever, interleave, load_reranker
from qa.types import Answer

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
DEFAULT_K = 10  # passages retrieved per question (the eval set is measured with this)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")  # terminal colour codes pasted with a question
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # undecodable bytes from a terminal or stdin


def default_sources() -> Path:
    """QA_SOURCES, else ./sources."""
    return Path(os.environ.get("QA_SOURCES", "sources"))


def default_index() -> Path:
    """QA_INDEX, else ./index."""
    return Path(os.environ.get("QA_INDEX", "index"))


def clean_question(question: str) -> str:
    """The question with control characters removed; UsageError when empty or too long."""
    if not isinstance(question, str):
        raise UsageError("the question must be text")
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", _ANSI.sub("", question))).strip()
    if not text:
        raise UsageError("the question is empty; type a question, e.g. 潮州今年要做多少户适老化改造？")
    if len(text) > MAX_QUESTION_CHARS:
        raise UsageError(f"the question has {len(text)} characters; keep it under {MAX_QUESTION_CHARS}")
    return text


class Engine:
    """Answers questions over a sources folder, building or updating its index as needed."""

    def __init__(
        self,
        sources: Path | str | None = None,
        index_dir: Path | str | None = None,
        model: str | None = None,
        embedder: Embedder | Callable[[], Embedder] | None = None,
        reranker: str | None = None,
        progress: Progress | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.sources = Path(sources) if sources is not None else default_sources()
        self.index_dir = Path(index_dir) if index_dir is not None else default_index()
        self.model_id = getattr(embedder, "model_id", None) or model_from_env(model)
        # With no model named (argument, QA_EMBED_MODEL or embedder), the index's own model is used.
        self._model_chosen = bool(embedder is not None or model or os.environ.get("QA_EMBED_MODEL"))
        self._embedder_source = embedder
        self._embedder: Embedder | None = embedder if embedder is not None and not callable(embedder) else None
        self._reranker = load_reranker(reranker)
        self._progress = progress
        self._warn = warn or log.warning
        self._lock = threading.RLock()
        self._retriever: Retriever | None = None
        self.last_build: BuildReport | None = None

    # -- the index -------------------------------------------------------------------------

    def embedder(self) -> Embedder:
        """The embedding model, loaded once on first need."""
        with self._lock:
            if self._embedder is None:
                source = self._embedder_source
                self._embedder = source() if callable(source) and not hasattr(source, "embed_query") else load_embedder(self.model_id)
            return self._embedder

    def refresh(
        self, rebuild: bool = False, progress: Progress | None = None, allow_model_change: bool = False
    ) -> BuildReport | None:
        """Build or update the index when the sources changed (or always, with ``rebuild``).

        An index built with another embedding model than the one chosen raises
        ModelMismatchError naming both, unless ``rebuild`` or ``allow_model_change`` (`qa index`)
        asks to rebuild it for the chosen model. With no model chosen, the index's model is used.
        """
        with self._lock:
            self._settle_model(rebuild or allow_model_change)
            reason = "rebuild requested" if rebuild else stale_reason(self.sources, self.index_dir, self.model_id)
            if reason is None:
                return None
            log.info("building index: %s", reason)
            report = build_index(self.sources, self.index_dir, self.embedder(),
                                 progress=progress or self._progress or (lambda stage, fraction: None), warn=self._warn,
                                 reuse_vectors=not rebuild)
            self.last_build = report
            self._retriever = None
            return report

    def _settle_model(self, may_rebuild: bool) -> None:
        """Take the index's model when none was chosen; refuse a different one unless rebuilding."""
        try:
            built = built_embedding(self.index_dir)
        except IndexCorruptError:
            if may_rebuild:
                return  # the build replaces the damaged index
            raise
        if built is None or built["model"] == self.model_id:
            return
        if not self._model_chosen and self._embedder is None:
            self.model_id = built["model"]
        elif not may_rebuild:
            check_model(built, self.model_id)

    @property
    def index(self) -> Index:
        """The loaded index, built first if there is none or the sources changed."""
        return self.retriever.index

    @property
    def retriever(self) -> Retriever:
        """The retriever over the current index."""
        with self._lock:
            if self._retriever is not None and self._replaced(self._retriever.index):
                self._retriever = None  # another process (`qa index`) published a new build
            if self._retriever is None:
                self.refresh()
                self._retriever = Retriever(open_index(self.index_dir), self.embedder, self._reranker)
                learn_places(document.region for document in self._retriever.index.documents)
            return self._retriever

    def _replaced(self, index: Index) -> bool:
        try:
            return store.current_build(self.index_dir) != index.folder
        except IndexCorruptError:
            return False  # keep answering from the loaded build; `qa index --rebuild` repairs the pointer

    def dense_notice(self) -> str | None:
        """One line saying dense retrieval is off and how to turn it on, or None when it is on."""
        embedding = self.index.manifest["embedding"]
        if embedding["dense_in_fusion"]:
            return None
        return (
            f"稠密检索未参与排序：嵌入模型 {embedding['model']} 只认识语料 {embedding['coverage']:.0%} 的词元，当前只用 BM25。"
            "改用中文模型：设置 QA_EMBED_MODEL=BAAI/bge-small-zh-v1.5（或本地模型路径）后运行 qa index --rebuild"
        )

    # -- answering -------------------------------------------------------------------------

    def ask(self, question: str, k: int = DEFAULT_K, mode: Mode = "hybrid", filters: Filters | None = None) -> Answer:
        """Answer one question: verified quotes with citations, or a refusal with related passages."""
        began = time.perf_counter()
        text = clean_question(question)
        asked = as_mandarin(text)  # the sources are written in Mandarin; so is what is searched for
        retriever = self.retriever
        info = read_question(asked)
        if info.kind == "comparison":
            # Each side is retrieved on its own so that one place's passages cannot crowd out the other's.
            rankings = [retriever.search(side, k=k, mode=mode, filters=filters, hints=read_question(side, allow_comparison=False).unit_hints)
                        for _, side in split_comparison(info)]
            hits = interleave(rankings)
        else:
            hits = retriever.search(asked, k=k, mode=mode, filters=filters, hints=info.unit_hints)
        answer = answer_question(info, hits, retriever.index)
        notice = self.dense_notice() if mode != "bm25" else None
        return Answer(text, answer.answer, answer.refused, answer.citations, answer.passages,
                      time.perf_counter() - began, (notice,) if notice else ())

    def ask_many(self, questions: list[str], **options) -> list[Answer]:
        """Answer several questions in order (single calls are the same path)."""
        return [self.ask(question, **options) for question in questions]
