"""Chinese lexical retrieval: a jieba analyzer with a domain dictionary, and BM25 (bm25s)."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")
# Function words and question words: they carry no topic, in questions or in passages.
STOPWORDS = frozenset(
    """的 了 是 在 和 与 及 或 等 将 把 被 对 为 以 于 由 从 到 向 中 上 下 里 这 那 其 之 也 又 并 而 且 就 都 还 要 会 能 可 已 已经
    个 些 该 此 各 每 我 我们 你 他 她 它 他们 有 有没有 没有 吗 呢 吧 啊 么 什么 多少 哪些 哪个 哪 几 几个 怎么 怎样 如何 为什么 是否 请问
    请 一下 给 做 情况 方面 相关 关于 具体 主要 问 一个 是不是 可以 能否 分别 哪里 谁 哪年 哪天 何时 时候 什么时候
    两地 两市 各自 双方 各 定 了""".split()
)


def normalize(text: str) -> str:
    """Fold full-width forms and case so that ２０２４ matches 2024 and ＧＤＰ matches gdp."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with resources.as_file(resources.files("qa") / "data" / "userdict.txt") as userdict:
        tokenizer.load_userdict(str(userdict))
    return tokenizer


@lru_cache(maxsize=1)
def _domain_terms() -> frozenset[str]:
    with resources.as_file(resources.files("qa") / "data" / "userdict.txt") as userdict:
        return frozenset(line.split()[0] for line in Path(userdict).read_text(encoding="utf-8").splitlines() if line.strip())


def general_specificity(term: str) -> float:
    """How rare a word is in general Chinese (log inverse frequency in jieba's dictionary).

    Everyday words (要求, 目标, 比例) score low; specific terms (托位, 冷库) and the
    domain dictionary's terms score high. Independent of the corpus being searched.
    """
    tokenizer = _jieba()
    frequency = 0 if term in _domain_terms() else tokenizer.FREQ.get(term, 0)
    return float(np.log(tokenizer.total / (frequency + 1)))


def tokenize(text: str) -> list[str]:
    """Search-mode jieba words (whole words plus their sub-words), without stopwords or punctuation."""
    return [
        token
        for token in _jieba().lcut_for_search(normalize(text))
        if token not in STOPWORDS and _WORDLIKE.search(token)
    ]


class LexicalIndex:
    """BM25 over analyzed passages, saved as a folder of plain files (bm25s's own layout)."""

    def __init__(self, retriever) -> None:
        self._retriever = retriever
        indptr = np.asarray(retriever.scores["indptr"])
        self._doc_freq = np.diff(indptr)
        self._num_docs = int(retriever.scores["num_docs"])

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> LexicalIndex:
        """Index passages given as token lists (passages with no tokens are allowed)."""
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([tokens or [""] for tokens in token_lists], show_progress=False)
        return cls(retriever)

    def save(self, folder: Path) -> None:
        """Write the index files into ``folder``."""
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, mmap: bool = True) -> LexicalIndex:
        """Load a saved index, memory-mapping its arrays."""
        import bm25s

        if not (folder / "params.index.json").is_file():
            raise FileNotFoundError(folder / "params.index.json")
        json.loads((folder / "params.index.json").read_text())  # fail early on a truncated file
        return cls(bm25s.BM25.load(str(folder), mmap=mmap, show_progress=False, verbosity=0))

    def __len__(self) -> int:
        return self._num_docs

    def scores(self, query_tokens: list[str], weight_mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every passage for the query (zeros when no query token is known)."""
        ids = self._retriever.get_tokens_ids(query_tokens)
        if not ids:
            return np.zeros(self._num_docs, dtype=np.float32)
        return self._retriever.get_scores_from_ids(ids, weight_mask=weight_mask)

    def idf(self, token: str) -> float:
        """Inverse document frequency of a token (high for tokens absent from the corpus)."""
        freq = self.document_frequency(token)
        return float(np.log(1 + (self._num_docs - freq + 0.5) / (freq + 0.5)))

    def document_frequency(self, token: str) -> int:
        """How many passages contain the token."""
        token_id = self._retriever.vocab_dict.get(token)
        return 0 if token_id is None or token_id >= len(self._doc_freq) else int(self._doc_freq[token_id])

    def known(self, token: str) -> bool:
        """Whether the token occurs in some passage."""
        return token in self._retriever.vocab_dict
