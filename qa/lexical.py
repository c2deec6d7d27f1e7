"""Chinese lexical retrieval: a jieba analyzer with a domain dictionary, and BM25 (bm25s)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")
# Function words and question words: they carry no topic, in questions or in passages.
STOPWORDS = frozenset(
    """的 了 是 在 和 与 及 或 等 将 把 被 对 为 以 于 由 从 到 向 中 上 下 里 这 那 其 之 也 又 并 而 且 就 都 还 要 会 能 可 已 已经
    个 些 该 此 各 每 我 我们 你 他 她 它 他们 有 有没有 没有 吗 呢 吧 啊 么 什么 多少 哪些 哪个 哪几 哪几个 哪一个 哪位 哪家 哪 几 几个 怎么 怎样 如何 为什么 是否 请问
    请 一下 给 做 情况 方面 相关 关于 具体 主要 问 一个 是不是 可以 能否 分别 哪里 谁 哪年 哪天 何时 时候 什么时候 多少钱 多久 多长
    两地 两市 各自 各有 各是 各为 哪边 双方 各 定 了""".split()
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


def dictionary_digest() -> str:
    """A short digest of the domain dictionary (``qa/data/userdict.txt``): words it adds change how
    text is cut, so an index records which dictionary cut it."""
    return hashlib.sha256((resources.files("qa") / "data" / "userdict.txt").read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=1)
def _domain_terms() -> frozenset[str]:
    with resources.as_file(resources.files("qa") / "data" / "userdict.txt") as userdict:
        return frozenset(line.split()[0] for line in Path(userdict).read_text(encoding="utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def _register() -> dict[str, tuple[str, ...]]:
    with resources.as_file(resources.files("qa") / "data" / "register.tsv") as path:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    pairs = (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))
    # Read as text is compared: normalised (GDP as gdp).
    return {normalize(everyday): tuple(normalize(form) for form in official.split()) for everyday, official in pairs}


def official_forms(word: str) -> tuple[str, ...]:
    """The words policy documents use for an everyday ``word`` (大夫 → 医生, 医师; 老人 → 老年人,
    长者), from the register list in ``qa/data/register.tsv``; () for other words."""
    return _register().get(word, ())


def official_tokens(text: str) -> list[str]:
    """``index_tokens`` of the official forms of ``text``'s everyday words: searched too, since
    a user writes 大夫 where the page writes 医生."""
    return [token for word in _words(text) for form in official_forms(word) for token in index_tokens(form)]


def general_specificity(term: str) -> float:
    """How rare a word is in general Chinese (log inverse frequency in jieba's dictionary).

    Everyday words (要求, 目标, 比例) score low; specific terms (托位, 冷库) and the
    domain dictionary's terms score high. Independent of the corpus being searched.
    """
    tokenizer = _jieba()
    frequency = 0 if term in _domain_terms() else tokenizer.FREQ.get(term, 0)
    return float(np.log(tokenizer.total / (frequency + 1)))


@lru_cache(maxsize=1)
def _tagger():
    from jieba.posseg import POSTokenizer

    return POSTokenizer(_jieba())


# 多少家乡村民宿 is 多少家 + 乡村民宿, but jieba reads 家乡 + 村民 + 宿: a count's measure word
# ends a word, so the text is cut there first.
_COUNT_WORD_END = re.compile(r"(?:(?<=多少)|(?<=[几每]))[个项家所座条户株次批场处间栋张台辆艘套宗件名位](?=[\u4e00-\u9fff])")
# 2025年定了 is 2025年 + 定了, but jieba reads 年定: a year's 年 ends a word too (not 年底, 年初).
_YEAR_END = re.compile(r"(?<=\d年)(?![底初末内度中前后间])(?=[\u4e00-\u9fff])")


def _pieces(text: str) -> list[str]:
    """``text`` normalised and cut after each count's measure word and each year's 年 (see
    ``_COUNT_WORD_END``, ``_YEAR_END``)."""
    text = normalize(text)
    cuts = sorted(match.end() for pattern in (_COUNT_WORD_END, _YEAR_END) for match in pattern.finditer(text))
    return [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)]) if end > start]


@lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """The words of ``text`` (normalised) with their jieba part-of-speech tags (n, v, ns, m, ...).
    Kept: the same question and sentences are read again for every candidate."""
    return _suffixes_rejoined(tuple((pair.word, pair.flag) for piece in _pieces(text) for pair in _tagger().lcut(piece)))


SETTLEMENT_SUFFIXES = ("村", "镇", "乡")  # what a village's or town's own name ends with


def _suffixes_rejoined(words: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A place name's 村 or 镇 taken back from the word jieba glued it to (青山 + 村种 → 青山村 + 种):
    a place name (ns) before a word that opens with the suffix and goes on with something else."""
    result: list[tuple[str, str]] = []
    for word, flag in words:
        previous = result[-1] if result else ("", "")
        if (previous[1] == "ns" and len(word) == 2 and word[0] in SETTLEMENT_SUFFIXES
                and word[1] not in SETTLEMENT_SUFFIXES and not is_word(word)):
            result[-1] = (previous[0] + word[0], "ns")
            rest = _tagger().lcut(word[1])
            result.append((word[1], rest[0].flag if rest else "x"))
            continue
        result.append((word, flag))
    return tuple(result)


def nouns(text: str) -> list[str]:
    """The nouns of ``text`` (jieba part-of-speech tags n, nz, ng, nt, ...), in order, without places."""
    return [word for word, flag in tagged(text) if flag.startswith("n") and flag != "ns"]


def is_word(text: str) -> bool:
    """``text`` is a word of jieba's dictionary or of the domain dictionary."""
    return text in _domain_terms() or _jieba().FREQ.get(text, 0) > 0


_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def abbreviated_words(text: str, question: str) -> frozenset[str]:
    """The words of ``question`` that ``text`` writes in short form: a word of ``text`` spelt with
    characters taken in order from two or more neighbouring words of the question (城乡居保 for
    城乡居民 + 养老保险, 农房 for 农民 + 住房, 规上 for 规模 + 以上). Policy text abbreviates its
    long names; a question written in full still names the same thing."""
    words = _words(question)
    spelling = set("".join(words))  # a short form has only characters of the question
    short_forms = {
        w
        for w in _words(text)
        if 2 <= len(w) <= 4 and set(w) <= spelling and _CJK_WORD.fullmatch(w) and not any(w in word for word in words)
    }
    return frozenset(word for short in short_forms for word in _abbreviated(short, words))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """jieba's words of ``text`` (normalised), kept: the same sentences are read for every question."""
    return tuple(word for piece in _pieces(text) for word in _jieba().lcut(piece))


def _abbreviated(short: str, words: tuple[str, ...], first: int | None = None) -> list[str]:
    """The neighbouring ``words`` (from ``first``, or from any) that ``short`` abbreviates: two
    or more of them spell it in order, and it is not simply a stretch of their text (汕头市 of
    汕头 + 市委 is a segmentation, not a short form). [] when none."""
    for start in range(len(words)) if first is None else (first,):
        used = _spelt_from(short, words[start : start + 4])
        if used is not None and len(used) >= 2 and short not in "".join(used):
            return used
    return []


def _spelt_from(short: str, words: tuple[str, ...]) -> list[str] | None:
    """The words (in order, each giving at least one character) whose characters spell ``short``
    in order, starting with the first word; None when they do not. A word between two that give
    characters breaks the run: an abbreviation skips characters, not words."""
    used: list[str] = []
    position = 0
    for word in words:
        if not _CJK_WORD.fullmatch(word):
            return None
        taken = 0
        for char in word:
            if position < len(short) and char == short[position]:
                position += 1
                taken += 1
        if taken == 0:
            return None
        used.append(word)
        if position == len(short):
            return used
    return None


def is_guessed(word: str) -> bool:
    """``word`` is two or more Chinese characters that no dictionary knows: jieba guessed it
    from its context (a new name, often cut in the wrong place)."""
    return bool(_CJK_WORD.fullmatch(word)) and not is_word(word)


def guessed_runs(text: str) -> list[str]:
    """Runs of two or more neighbouring words of ``text`` that jieba guessed (no dictionary knows
    them), joined: a new name is often cut in the wrong place (白蕉海鲈全产业链 as 白蕉海 + 鲈全 +
    产业链), so its pieces are looked for together."""
    runs, run = [], []
    for word in (*_words(text), ""):
        # 塘尾村 + 借古村: a village's name ends the run, the next word is no part of it
        if not is_guessed(word) or (run and run[-1].endswith(SETTLEMENT_SUFFIXES)):
            if len(run) >= 2:
                runs.append("".join(run))
            run = []
        if is_guessed(word):
            run.append(word)
    return runs


NEW_WORD_GRAM = "~"  # marks the character pairs of a word jieba guessed, apart from words


def index_tokens(text: str) -> list[str]:
    """The terms BM25 indexes and searches: ``tokenize``'s words, plus the character pairs of each
    word jieba's dictionaries do not know. jieba guesses unknown words (names above all) from
    their context, so the same name is cut 罗春明 in one sentence and 罗春明作 in another; their
    pairs (罗春, 春明) still match."""
    tokens = tokenize(text)
    pairs = [
        f"{NEW_WORD_GRAM}{token[i : i + 2]}"
        for token in tokens
        if len(token) >= 3 and is_guessed(token)
        for i in range(len(token) - 1)
    ]
    return tokens + pairs


def tokenize(text: str) -> list[str]:
    """Search-mode jieba words (whole words plus their sub-words), without stopwords or punctuation."""
    return [
        token
        for piece in _pieces(text)
        for token in _jieba().lcut_for_search(piece)
        if token not in STOPWORDS and _WORDLIKE.search(token)
    ]


def _lucene_matrix(corpus: list[list[str]], k1: float, b: float, dtype: str, int_dtype: str,
                   block: int = 100_000) -> tuple[dict, dict[str, int]]:
    """bm25s's eager BM25 score matrix (method and idf "lucene") as its ``scores`` dict and vocabulary:
    CSC over (passage, token), data float32 scores, indices int32 passage numbers, indptr int64.

    The same values as ``bm25s.BM25.index`` (same operations in the same order; a test checks it),
    computed with whole-array numpy operations instead of its per-passage Python loop, which is
    what keeps indexing above 20,000 passages/s at a million passages. Token ids follow first
    occurrence."""
    import math

    vocab: dict[str, int] = {}
    number = vocab.setdefault
    count = len(corpus)
    lengths = np.fromiter((len(tokens) for tokens in corpus), dtype=np.int64, count=count)
    # Per block of passages: the distinct (token, passage) pairs and their term frequencies.
    cols_parts, rows_parts, tf_parts = [], [], []
    for first in range(0, count, block):
        part = corpus[first : first + block]
        size = int(lengths[first : first + len(part)].sum())
        ids = np.fromiter((number(token, len(vocab)) for tokens in part for token in tokens), dtype=np.int64, count=size)
        key = ids * len(part)
        del ids
        key += np.repeat(np.arange(len(part), dtype=np.int64), lengths[first : first + len(part)])
        key.sort()
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
        tf_parts.append(np.diff(np.append(starts, len(key))).astype(np.float32))
        pairs = key[starts]
        del key, starts
        cols_parts.append((pairs // len(part)).astype(np.int32))
        rows_parts.append((pairs % len(part) + first).astype(np.int32))
        del pairs
    cols = np.concatenate(cols_parts)
    del cols_parts
    n_vocab = len(vocab)
    # CSC order: by token, then passage (a stable sort keeps passages ascending across blocks).
    order = np.argsort(cols, kind="stable")
    doc_freq = np.bincount(cols, minlength=n_vocab)
    del cols
    rows = np.concatenate(rows_parts)[order]
    del rows_parts
    tf = np.concatenate(tf_parts)[order].astype(np.float64)
    del tf_parts
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(doc_freq, out=indptr[1:])
    idf = np.array([math.log(1 + (count - df + 0.5) / (df + 0.5)) for df in doc_freq.tolist()], dtype=dtype)
    average = lengths.mean()
    # As bm25s: tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf), times idf, in float64, stored as float32.
    denominator = k1 * ((1 - b) + b * lengths[rows] / average)
    data = idf[np.repeat(np.arange(n_vocab), doc_freq)] * (tf / (denominator + tf))
    del denominator, tf, order
    if "" not in vocab:
        vocab[""] = n_vocab
    scores = {"data": data.astype(dtype), "indices": rows.astype(int_dtype), "indptr": indptr, "num_docs": count}
    return scores, vocab


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
        corpus = [tokens or [""] for tokens in token_lists]
        if retriever.method == retriever.idf_method == "lucene" and corpus:
            retriever.scores, retriever.vocab_dict = _lucene_matrix(corpus, retriever.k1, retriever.b,
                                                                     retriever.dtype, retriever.int_dtype)
            retriever.nonoccurrence_array = None
            retriever.unique_token_ids_set = set(retriever.vocab_dict.values())
        else:  # another BM25 variant: bm25s builds it
            retriever.index(corpus, show_progress=False)
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

    def short_forms(self, question: str) -> list[str]:
        """Corpus words that abbreviate neighbouring words of ``question`` (城乡居保 for 城乡居民
        养老保险, see ``abbreviated_words``): searched too, as passages may use only the short form."""
        words = _words(question)
        found: list[str] = []
        for first, word in enumerate(words):
            if not _CJK_WORD.fullmatch(word):
                continue
            for short in (short for char in dict.fromkeys(word) for short in self._words_by_first_char.get(char, ())):
                if _abbreviated(short, words, first):
                    found.append(short)
        return list(dict.fromkeys(found))

    @cached_property
    def _words_by_first_char(self) -> dict[str, tuple[str, ...]]:
        """The corpus' words of two to four Chinese characters, by their first character."""
        groups: dict[str, list[str]] = {}
        for token in self._retriever.vocab_dict:
            if isinstance(token, str) and len(token) <= 4 and _CJK_WORD.fullmatch(token):
                groups.setdefault(token[0], []).append(token)
        return {char: tuple(tokens) for char, tokens in groups.items()}

    def known(self, token: str) -> bool:
        """Whether the token occurs in some passage."""
        return token in self._retriever.vocab_dict
