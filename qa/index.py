"""Build, update and load the index: documents, passages, BM25 and FAISS, in one folder."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata as package_metadata
from pathlib import Path

import numpy as np

from qa import store
from qa.chunking import DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP, chunk_document
from qa.clean import CLEANER
from qa.embed import MIN_COVERAGE, Embedder
from qa.errors import IndexCorruptError, ModelMismatchError
from qa.ingest import SIDECAR, list_sources, load_documents
from qa.lexical import LexicalIndex, dictionary_digest, index_tokens
from qa.tables import table_heading
from qa.types import Chunk, Document

Progress = Callable[[str, float], None]
# Exact search below this many passages; HNSW graph search above.
EXACT_SEARCH_LIMIT = 50_000
# HNSW search breadth: recall@10 against exact search stays >= 0.95 (see bench/results.md);
# large graphs need a wider search.
EF_SEARCH = 96
EF_SEARCH_LARGE = 512  # above LARGE_GRAPH passages (at 1M: recall@10 0.884 at 96, 0.934 at 256, 0.971 at 512)
LARGE_GRAPH = 300_000
PASSAGE_TEXT = "title+region+table-heading/2"  # a change of what passages are searched by rebuilds the index
# A change of how text is cut to words rebuilds the index: of the rules here, or of the domain dictionary.
ANALYZER = f"jieba-search+userdict+count-words+year-words+new-word-pairs+money-question/5+dict-{dictionary_digest()}"
COVERAGE_SAMPLE = 2000
# Tokenise with this many processes when there are at least PARALLEL_TOKENIZE_MIN passages.
TOKENIZE_PROCESSES = 2
PARALLEL_TOKENIZE_MIN = 20_000


def _no_progress(stage: str, fraction: float) -> None:
    pass


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    documents: int
    chunks: int
    embedded: int  # passages embedded now; the rest were reused from the previous build
    seconds: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


class Index:
    """A loaded build: documents, passages as arrays, BM25, and (lazily) FAISS."""

    def __init__(self, folder: Path, manifest: dict, documents: list[Document], doc_ids: np.ndarray,
                 starts: np.ndarray, ends: np.ndarray, lexical: LexicalIndex) -> None:
        self.folder = folder
        self.manifest = manifest
        self.documents = documents
        self.doc_ids = doc_ids
        self.starts = starts
        self.ends = ends
        self.lexical = lexical
        self._dense = None
        self.by_source = {document.source: number for number, document in enumerate(documents)}
        self._naming: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.doc_ids)

    def documents_naming(self, text: str) -> int:
        """How many documents contain ``text`` verbatim (kept: answers ask of the same names)."""
        if text not in self._naming:
            self._naming[text] = sum(text in document.text for document in self.documents)
        return self._naming[text]

    @functools.cached_property
    def document_columns(self) -> dict[str, np.ndarray]:
        """Every document's source, region and date as arrays, for filtering without a Python loop."""
        dates = [document.date or "" for document in self.documents]
        return {
            "source": np.array([document.source for document in self.documents], dtype=str),
            "region": np.array([document.region or "" for document in self.documents], dtype=str),
            "has_region": np.array([document.region is not None for document in self.documents], dtype=bool),
            "date": np.array(dates, dtype=str),
            "date_length": np.array([len(date) for date in dates], dtype=np.int64),
        }

    def chunk(self, chunk_id: int) -> Chunk:
        """Passage ``chunk_id`` as a record (its text sliced from the document)."""
        document = self.documents[int(self.doc_ids[chunk_id])]
        start, end = int(self.starts[chunk_id]), int(self.ends[chunk_id])
        return Chunk(int(chunk_id), document.source, start, end, document.text[start:end])

    def document_of(self, chunk_id: int) -> Document:
        """The document a passage belongs to."""
        return self.documents[int(self.doc_ids[chunk_id])]

    @property
    def dense_enabled(self) -> bool:
        """Whether dense ranking takes part in hybrid fusion (the model covers the corpus)."""
        return bool(self.manifest["embedding"]["dense_in_fusion"])

    def dense(self):
        """The FAISS index, read on first use (memory-mapped when large)."""
        if self._dense is None:
            import faiss

            path = self.folder / "faiss.index"
            try:
                flags = faiss.IO_FLAG_MMAP if path.stat().st_size > 64 * 2**20 else 0
                self._dense = faiss.read_index(str(path), flags)
            except (OSError, RuntimeError) as exc:  # faiss raises RuntimeError for a damaged file
                raise IndexCorruptError(
                    f"dense index {path} cannot be read ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__}); "
                    "run `qa index --rebuild`"
                ) from exc
            if "HNSW" in self.manifest["embedding"]["faiss_index"]:
                self._dense.hnsw.efSearch = EF_SEARCH if self._dense.ntotal <= LARGE_GRAPH else EF_SEARCH_LARGE
        return self._dense

    def check_model(self, model_id: str, dimension: int | None = None) -> None:
        """Raise ModelMismatchError when the index was built with another embedding model."""
        check_model(self.manifest["embedding"], model_id, dimension)


def check_model(built: dict, model_id: str, dimension: int | None = None) -> None:
    """Raise ModelMismatchError, naming both models, when ``built`` (a manifest's "embedding"
    section) is not ``model_id`` (and ``dimension``, when given)."""
    if built["model"] != model_id or (dimension is not None and built["dimension"] != dimension):
        raise ModelMismatchError(
            f"index was built with embedding model {built['model']!r} (dimension {built['dimension']}), "
            f"but {model_id!r}{f' (dimension {dimension})' if dimension else ''} was asked for; "
            f"ask with --model {built['model']} (or QA_EMBED_MODEL), or run `qa index --rebuild --model {model_id}` "
            "to rebuild the index for the new model"
        )


def built_embedding(index_dir: Path) -> dict | None:
    """The "embedding" section (model, dimension, …) of the active build's manifest; None when there is no index."""
    found = store.current_manifest(index_dir, verify=False)
    if found is None:
        return None
    folder, manifest = found
    try:
        return dict(manifest["embedding"])
    except (KeyError, TypeError) as exc:
        raise IndexCorruptError(f"index manifest in {folder} has no embedding section; run `qa index --rebuild`") from exc


def index_text(document: Document, chunk: Chunk) -> str:
    """What a passage is searched by: its text, led by its document's title and region, and, for a
    passage that starts inside a table, the table's caption and header row (a row of bare figures,
    河口镇 | 14.52 | 4.2, is found by what its columns measure)."""
    region = document.region if document.region and document.region not in document.title else ""
    heading = table_heading(document.text, chunk.start)
    return f"{document.title} {region} {heading}".rstrip() + f"\n{chunk.text}"


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in ("bm25s", "faiss-cpu", "jieba", "sentence-transformers", "langchain-text-splitters", "numpy"):
        try:
            versions[name] = package_metadata.version(name)
        except package_metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _sidecar_hash(sources_dir: Path) -> str | None:
    sidecar = sources_dir / SIDECAR
    return hashlib.sha256(sidecar.read_bytes()).hexdigest() if sidecar.is_file() else None


def stale_reason(sources_dir: Path, index_dir: Path, model_id: str) -> str | None:
    """Why the index must be (re)built for these sources and this model, or None when it is current."""
    found = store.current_manifest(index_dir, verify=False)
    if found is None:
        return "no index yet"
    _, manifest = found
    if manifest["embedding"]["model"] != model_id:
        return f"embedding model changed ({manifest['embedding']['model']} -> {model_id})"
    if manifest.get("analyzer") != ANALYZER:
        return "the word analyzer changed"
    if manifest.get("cleaner") != CLEANER:
        return "the page cleaning rules changed"
    if manifest.get("passage_text") != PASSAGE_TEXT:
        return "what passages are searched by changed"
    if manifest.get("sidecar_sha256") != _sidecar_hash(sources_dir):
        return f"{SIDECAR} changed"
    known = manifest["sources"]
    files = list_sources(sources_dir, warn=lambda message: None)
    current = {source.relative: source.sha256 for source in files}
    if current != {name: entry["sha256"] for name, entry in known.items()}:
        added = len(set(current) - set(known))
        removed = len(set(known) - set(current))
        changed = sum(1 for name in set(current) & set(known) if current[name] != known[name]["sha256"])
        return f"sources changed ({added} added, {changed} changed, {removed} removed)"
    return None


def build_index(
    sources_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    progress: Progress = _no_progress,
    warn: Callable[[str], None] = lambda message: None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    overlap: int = DEFAULT_OVERLAP,
    reuse_vectors: bool = True,
) -> BuildReport:
    """Build the index for ``sources_dir`` beside the active one and swap it in when complete.

    Passages whose text is unchanged reuse their vectors from the active build (when its
    checksums hold), so an update after adding or changing a few files embeds only those;
    ``reuse_vectors=False`` embeds everything afresh (`qa index --rebuild`).
    """
    began = time.perf_counter()
    stages: dict[str, float] = {}
    warnings: list[str] = []

    def note(message: str) -> None:
        warnings.append(message)
        warn(message)

    with store.build_lock(index_dir):
        store.remove_stale_builds(index_dir)
        progress("reading sources", 0.0)
        tick = time.perf_counter()
        files = list_sources(sources_dir, note)
        documents = load_documents(sources_dir, note, files)
        stages["read"] = time.perf_counter() - tick

        tick = time.perf_counter()
        chunks: list[Chunk] = []
        doc_ids: list[int] = []
        for number, document in enumerate(documents):
            pieces = chunk_document(document, len(chunks), chunk_size, overlap)
            chunks.extend(pieces)
            doc_ids.extend([number] * len(pieces))
        texts = [index_text(documents[doc_ids[i]], chunk) for i, chunk in enumerate(chunks)]
        stages["chunk"] = time.perf_counter() - tick

        progress("tokenising", 0.1)
        tick = time.perf_counter()
        token_lists = tokenize_all(texts)
        stages["tokenize"] = time.perf_counter() - tick
        tick = time.perf_counter()
        lexical = LexicalIndex.build(token_lists)
        stages["bm25"] = time.perf_counter() - tick
        del token_lists  # not needed any more; free it before vectors and the FAISS graph are held

        tick = time.perf_counter()
        hashes = [_text_hash(text) for text in texts]
        vectors, embedded = _vectors(texts, hashes, embedder, index_dir, progress, reuse_vectors)
        stages["embed"] = time.perf_counter() - tick
        sample = texts if len(texts) <= COVERAGE_SAMPLE else texts[:: max(1, len(texts) // COVERAGE_SAMPLE)]
        coverage = embedder.coverage(sample)

        progress("writing index", 0.95)
        tick = time.perf_counter()
        folder = store.new_build_folder(index_dir)
        faiss_kind = _write_faiss(folder / "faiss.index", vectors)
        stages["faiss"] = time.perf_counter() - tick
        tick = time.perf_counter()  # "write" is the files below, without the FAISS stage
        np.save(folder / "vectors.npy", vectors)
        np.save(folder / "text_hashes.npy", np.array(hashes, dtype="S32"))
        lexical.save(folder / "bm25")
        _write_documents(folder / "documents.jsonl", documents)
        np.save(folder / "chunk_doc.npy", np.asarray(doc_ids, dtype=np.int32))
        np.save(folder / "chunk_start.npy", np.asarray([c.start for c in chunks], dtype=np.int64))
        np.save(folder / "chunk_end.npy", np.asarray([c.end for c in chunks], dtype=np.int64))
        by_name = {source.relative: source for source in files}
        manifest = {
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "embedding": {
                "model": embedder.model_id,
                "dimension": int(embedder.dimension),
                "coverage": round(float(coverage), 4),
                "unk_share": round(1 - float(coverage), 4),
                "dense_in_fusion": bool(coverage >= MIN_COVERAGE),
                "faiss_index": faiss_kind,
            },
            "analyzer": ANALYZER,
            "cleaner": CLEANER,
            "passage_text": PASSAGE_TEXT,
            "chunking": {"chunk_size": chunk_size, "overlap": overlap},
            "documents": len(documents),
            "chunks": len(chunks),
            "sources": {
                d.source: {"sha256": d.sha256, "bytes": by_name[d.source].path.stat().st_size} for d in documents
            },
            "skipped": sorted(set(by_name) - {d.source for d in documents}),
            "sidecar_sha256": _sidecar_hash(sources_dir),
            "versions": _versions(),
        }
        # Skipped files are listed in the manifest's source hashes too, so that they do not
        # trigger a rebuild on every run; they are marked as skipped.
        for name in manifest["skipped"]:
            manifest["sources"][name] = {"sha256": by_name[name].sha256, "bytes": by_name[name].path.stat().st_size, "skipped": True}
        store.write_manifest(folder, manifest)
        store.publish(index_dir, folder)
        stages["write"] = time.perf_counter() - tick
        progress("done", 1.0)
    return BuildReport(len(documents), len(chunks), embedded, time.perf_counter() - began, stages, tuple(warnings))


def _tokenize_batch(texts: list[str]) -> list[list[str]]:
    # Interned, so that a token repeated across a million passages is stored once.
    return [list(map(sys.intern, index_tokens(text))) for text in texts]


def tokenize_all(texts: list[str], batch: int = 2000) -> list[list[str]]:
    """``index_tokens`` of every text, in order; large corpora are split over a small pool of worker processes."""
    processes = min(TOKENIZE_PROCESSES, os.cpu_count() or 1)
    if processes < 2 or len(texts) < PARALLEL_TOKENIZE_MIN:
        return _tokenize_batch(texts)
    import pickle
    import subprocess

    # Plain child interpreters (not multiprocessing): nothing of the parent is copied (threads of
    # torch or a web server) and the caller's main module is never re-imported.
    package_root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-c", "from qa.index import _tokenize_worker; _tokenize_worker()"]
    batches = [texts[i : i + batch] for i in range(0, len(texts), batch)]
    results: list[list[list[str]]] = []
    workers: list[subprocess.Popen] = []
    try:
        workers = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env) for _ in range(processes)]
        sent = 0
        for worker in workers[: len(batches)]:
            pickle.dump(batches[sent], worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            worker.stdin.flush()
            sent += 1
        for number in range(len(batches)):  # batch n went to worker n % processes
            worker = workers[number % processes]
            part = pickle.load(worker.stdout)
            results.append([list(map(sys.intern, tokens)) for tokens in part])
            if sent < len(batches):
                pickle.dump(batches[sent], worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                worker.stdin.flush()
                sent += 1
    except (OSError, EOFError, pickle.UnpicklingError):
        return _tokenize_batch(texts)
    finally:
        for worker in workers:
            try:
                worker.stdin.close()
            except OSError:
                pass
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
    return [tokens for part in results for tokens in part]


def _tokenize_worker() -> None:
    """Child side of ``tokenize_all``: pickled lists of texts on stdin, their token lists on stdout."""
    import pickle

    output = os.fdopen(os.dup(1), "wb")
    sys.stdout = sys.stderr  # nothing else may write to the result stream
    source = sys.stdin.buffer
    while True:
        try:
            texts = pickle.load(source)
        except EOFError:
            break
        pickle.dump(_tokenize_batch(texts), output, protocol=pickle.HIGHEST_PROTOCOL)
        output.flush()


def _text_hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest().encode()


def _vectors(
    texts: list[str], hashes: list[bytes], embedder: Embedder, index_dir: Path, progress: Progress, reuse: bool = True
) -> tuple[np.ndarray, int]:
    """Vectors for every passage (``hashes`` are the texts' ``_text_hash``), reusing the active
    build's where the text and model are the same."""
    reusable: dict[bytes, np.ndarray] = {}
    if reuse:
        try:
            folder = store.current_build(index_dir)
            if folder is None:
                raise FileNotFoundError(index_dir / store.CURRENT)
            # Checksums verified (up to store.VERIFY_LIMIT_BYTES) so a corrupted build's vectors are not carried over.
            manifest = store.read_manifest(folder)
            if manifest["embedding"]["model"] == embedder.model_id and manifest["embedding"]["dimension"] == embedder.dimension:
                old_vectors = np.load(folder / "vectors.npy", mmap_mode="r")
                old_hashes = np.load(folder / "text_hashes.npy")
                reusable = {bytes(h): old_vectors[i] for i, h in enumerate(old_hashes)}
        except (IndexCorruptError, OSError, ValueError, KeyError):
            reusable = {}
    missing = [i for i, h in enumerate(hashes) if h not in reusable]
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    for i, h in enumerate(hashes):
        if h in reusable:
            vectors[i] = reusable[h]
    batch = 256
    for offset in range(0, len(missing), batch):
        rows = missing[offset : offset + batch]
        vectors[rows] = embedder.embed_documents([texts[i] for i in rows])
        progress(f"embedding passages ({offset + len(rows)}/{len(missing)})", 0.15 + 0.8 * (offset + len(rows)) / len(missing))
    return vectors, len(missing)


def _write_faiss(path: Path, vectors: np.ndarray) -> str:
    import faiss

    dimension = vectors.shape[1]
    if len(vectors) <= EXACT_SEARCH_LIMIT:
        index = faiss.IndexFlatIP(dimension)
    else:
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
    index.add(vectors)
    faiss.write_index(index, str(path))
    return "IndexFlatIP" if len(vectors) <= EXACT_SEARCH_LIMIT else "IndexHNSWFlat(M=32)"


def _write_documents(path: Path, documents: list[Document]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(asdict(document), ensure_ascii=False) + "\n")


def open_index(index_dir: Path) -> Index:
    """Load the active build (without re-tokenising or re-embedding anything)."""
    for attempt in range(3):
        folder = store.current_build(index_dir)
        if folder is None:
            raise IndexCorruptError(f"no index in {index_dir}; run `qa index`")
        try:
            return _open_build(folder)
        except IndexCorruptError:
            # A build published meanwhile removes the folder being read: read the new one.
            if attempt == 2 or store.current_build(index_dir) == folder:
                raise
    raise AssertionError("unreachable")


def _open_build(folder: Path) -> Index:
    manifest = store.read_manifest(folder)
    try:
        documents = []
        with (folder / "documents.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                record["body_spans"] = tuple(tuple(span) for span in record["body_spans"])
                documents.append(Document(**record))
        doc_ids = np.load(folder / "chunk_doc.npy", mmap_mode="r")
        starts = np.load(folder / "chunk_start.npy", mmap_mode="r")
        ends = np.load(folder / "chunk_end.npy", mmap_mode="r")
        lexical = LexicalIndex.load(folder / "bm25")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorruptError(f"index in {folder} cannot be read ({exc}); run `qa index --rebuild`") from exc
    if not (len(doc_ids) == len(starts) == len(ends) == len(lexical)):
        raise IndexCorruptError(f"index in {folder} is inconsistent; run `qa index --rebuild`")
    return Index(folder, manifest, documents, doc_ids, starts, ends, lexical)
