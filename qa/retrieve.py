"""Hybrid retrieval: BM25 and dense rankings fused by reciprocal rank, with filters,
near-duplicate collapsing and an optional cross-encoder reranker."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qa.embed import Embedder
from qa.errors import UsageError
from qa.index import Index
from qa.lexical import index_tokens, normalize, official_tokens
from qa.types import Hit

Mode = Literal["hybrid", "bm25", "dense"]
MODES: tuple[str, ...] = ("hybrid", "bm25", "dense")
RRF_K = 60
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 1.0
CANDIDATES = 50
NEAR_DUPLICATE = 0.8


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some documents, regions, or a publication date range (inclusive, ISO)."""

    sources: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    date_from: str | None = None
    date_to: str | None = None

    def active(self) -> bool:
        """Whether any restriction is set."""
        return bool(self.sources or self.regions or self.date_from or self.date_to)


def filter_mask(index: Index, filters: Filters) -> np.ndarray:
    """1.0 for passages the filters allow, 0.0 for the rest (array operations, no loop over documents).

    A date matches at its own precision: 2024-05 is within a range from 2024-05-20, and 2024 within one to 2024-03."""
    columns = index.document_columns
    allowed_docs = np.ones(len(index.documents), dtype=bool)
    if filters.sources:
        allowed_docs &= np.isin(columns["source"], np.array(sorted(filters.sources), dtype=str))
    if filters.regions:
        allowed_docs &= columns["has_region"] & np.isin(columns["region"], np.array(sorted(filters.regions), dtype=str))
    dates, lengths = columns["date"], columns["date_length"]
    if filters.date_from:  # undated documents are left out; a date is compared at its own precision
        allowed_docs &= lengths > 0
        for length in np.unique(lengths[lengths > 0]).tolist():
            same = lengths == length
            allowed_docs[same] &= ~(dates[same] < filters.date_from[:length])
    if filters.date_to:  # casting to a shorter string type truncates: date[: len(date_to)]
        allowed_docs &= (lengths > 0) & ~(dates.astype(f"<U{len(filters.date_to)}") > filters.date_to)
    return allowed_docs[np.asarray(index.doc_ids)].astype(np.float32)


def _top(scores: np.ndarray, count: int, mask: np.ndarray | None) -> list[int]:
    """Indices of the best positive scores, best first, without sorting the whole array."""
    if mask is not None:
        scores = np.where(mask > 0, scores, 0.0)
    count = min(count, len(scores))
    if count == 0:
        return []
    candidates = np.argpartition(-scores, count - 1)[:count]
    candidates = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [int(i) for i in candidates if scores[i] > 0]


def _bigrams(text: str) -> set[str]:
    text = normalize(text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def collapse_near_duplicates(hits: list[Hit], threshold: float = NEAR_DUPLICATE, limit: int | None = None) -> list[Hit]:
    """Drop hits whose text mostly repeats a better hit (same passage reprinted, or overlap). A hit
    that holds a better one and much more besides (a paragraph below a short signature line) is kept.

    With ``limit``, stop once that many hits are kept: the kept hits are the same first
    ``limit`` as without it (each is compared only with better hits), at a fraction of the cost."""
    kept: list[Hit] = []
    kept_grams: list[set[str]] = []
    for hit in hits:
        if limit is not None and len(kept) >= limit:
            break
        grams = _bigrams(hit.chunk.text)
        duplicate = any(
            grams and len(grams & other) / len(grams) >= threshold for other in kept_grams
        )
        if not duplicate:
            kept.append(hit)
            kept_grams.append(grams)
    return kept


def interleave(rankings: list[list[Hit]]) -> list[Hit]:
    """Merge rankings round-robin (first of each, then second of each, …), without repeats."""
    merged: list[Hit] = []
    seen: set[int] = set()
    for rank in range(max((len(r) for r in rankings), default=0)):
        for ranking in rankings:
            if rank < len(ranking) and ranking[rank].chunk.id not in seen:
                seen.add(ranking[rank].chunk.id)
                merged.append(ranking[rank])
    return merged


class Retriever:
    """Ranks an index's passages for a question."""

    def __init__(
        self,
        index: Index,
        embedder: Callable[[], Embedder] | None = None,
        reranker: Callable[[], object] | None = None,
    ) -> None:
        self.index = index
        self._embedder_factory = embedder
        self._embedder: Embedder | None = None
        self._reranker_factory = reranker
        self._reranker = None

    def embedder(self) -> Embedder:
        """The query embedder, loaded on first dense search and checked against the index."""
        if self._embedder is None:
            if self._embedder_factory is None:
                raise UsageError("dense retrieval needs an embedding model; pass one or use --retriever bm25")
            embedder = self._embedder_factory()
            self.index.check_model(embedder.model_id, embedder.dimension)
            self._embedder = embedder
        return self._embedder

    def uses_dense(self, mode: Mode) -> bool:
        """Whether a search in ``mode`` consults the dense index."""
        return mode == "dense" or (mode == "hybrid" and self.index.dense_enabled)

    def search(self, question: str, k: int = 8, mode: Mode = "hybrid", filters: Filters | None = None,
               hints: Sequence[str] = ()) -> list[Hit]:
        """The ``k`` best passages for ``question``, best first. ``hints`` are words searched for
        besides the question's own, by BM25 only (公里 for a length asked)."""
        if mode not in MODES:
            raise UsageError(f"unknown retriever {mode!r}; use one of {', '.join(MODES)}")
        if k < 1:
            raise UsageError("k must be at least 1")
        mask = filter_mask(self.index, filters) if filters is not None and filters.active() else None
        pool = max(CANDIDATES, 3 * k)
        lexical: list[int] = []
        lexical_scores = None
        if mode != "dense":
            lexical_scores = self.index.lexical.scores(index_tokens(question) + official_tokens(question) + self.index.lexical.short_forms(question) + index_tokens(" ".join(hints)))
            lexical = _top(lexical_scores, pool, mask)
        dense: list[int] = []
        dense_scores: dict[int, float] = {}
        if self.uses_dense(mode):
            dense, dense_scores = self._dense(question, pool, mask)
        if mode == "bm25" or (mode == "hybrid" and not dense):
            hits = [Hit(self.index.chunk(i), float(lexical_scores[i]), rank, None) for rank, i in enumerate(lexical, 1)]
        elif mode == "dense":
            hits = [Hit(self.index.chunk(i), dense_scores[i], None, rank) for rank, i in enumerate(dense, 1)]
        else:
            hits = self._fuse(lexical, dense)
        hits = collapse_near_duplicates(hits, limit=max(20, k) if self._reranker_factory is not None else k)
        if self._reranker_factory is not None and hits:
            hits = self._rerank(question, hits[: max(20, k)])
        return hits[:k]

    def _dense(self, question: str, pool: int, mask: np.ndarray | None) -> tuple[list[int], dict[int, float]]:
        import faiss

        vector = self.embedder().embed_query(question).reshape(1, -1)
        dense_index = self.index.dense()
        params = None
        if mask is not None:
            # A bitmap of allowed passages: O(passages / 8) to build, where IDSelectorBatch hashes every allowed id.
            bitmap = np.packbits(mask > 0, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bitmap))
            params = faiss.SearchParametersHNSW(sel=selector) if hasattr(dense_index, "hnsw") else faiss.SearchParameters(sel=selector)
        # One query vector: FAISS parallelises over queries, so extra OpenMP threads only add wake-ups and
        # barrier waits (milliseconds when the cores are busy). The setting is this thread's own.
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, ids = dense_index.search(vector, min(pool, len(self.index)), params=params)
        finally:
            faiss.omp_set_num_threads(threads)
        ranked = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        return [i for i, _ in ranked], dict(ranked)

    def _fuse(self, lexical: list[int], dense: list[int]) -> list[Hit]:
        fused: dict[int, float] = {}
        lexical_rank = {i: rank for rank, i in enumerate(lexical, 1)}
        dense_rank = {i: rank for rank, i in enumerate(dense, 1)}
        for i, rank in lexical_rank.items():
            fused[i] = fused.get(i, 0.0) + LEXICAL_WEIGHT / (RRF_K + rank)
        for i, rank in dense_rank.items():
            fused[i] = fused.get(i, 0.0) + DENSE_WEIGHT / (RRF_K + rank)
        order = sorted(fused, key=lambda i: (-fused[i], i))
        return [Hit(self.index.chunk(i), fused[i], lexical_rank.get(i), dense_rank.get(i)) for i in order]

    def _rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        if self._reranker is None:
            self._reranker = self._reranker_factory()
        scores = self._reranker.predict([(question, hit.chunk.text) for hit in hits])
        order = np.argsort(-np.asarray(scores), kind="stable")
        return [Hit(hits[i].chunk, float(scores[i]), hits[i].lexical_rank, hits[i].dense_rank) for i in order]


def load_reranker(model: str | None = None) -> Callable[[], object] | None:
    """A loader for the cross-encoder named by ``model`` or QA_RERANK_MODEL, or None when unset."""
    name = model or os.environ.get("QA_RERANK_MODEL")
    if not name:
        return None

    def load():
        from sentence_transformers import CrossEncoder

        from qa.embed import resolve_model_path
        from qa.errors import ModelLoadError

        try:
            return CrossEncoder(resolve_model_path(name), device="cpu")
        except Exception as exc:  # loaders raise many unrelated types
            raise ModelLoadError(f"could not load reranker {name!r} ({type(exc).__name__}); set QA_RERANK_MODEL to a local cross-encoder") from exc

    return load
