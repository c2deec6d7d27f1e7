"""Extractive answers: pick the sentences of the retrieved passages that answer the
question, verify each quote against its source, or refuse when the evidence is missing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.index import Index
from qa.lexical import normalize
from qa.places import place_covers
from qa.question import QuestionInfo
from qa.types import Answer, Citation, Document, Hit

_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]?)?")
_HAS_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+[个项家所座条户万亿元倍%]|百分之")
_HAS_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}")
_HAS_MONTH_OR_YEAR = re.compile(r"\d{4}\s*年|\d{1,2}\s*月")
_CJK_BIGRAM_STOP = frozenset("多少 什么 哪些 哪个 请问 是否 今年 怎么 如何 有没 没有 分别 目前 具体".split())

# Evidence below this score is not an answer; calibrated on the eval set (see eval/README.md).
MIN_EVIDENCE = 0.5
CONTEXT_WEIGHT = 0.6  # a term found in the passage or title, not in the sentence itself
MIN_SENTENCE_CHARS = 12  # shorter sentences are quoted together with the one before
REFUSAL = "在现有资料中未找到"


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, scored as evidence for the question."""

    hit_rank: int
    document: Document
    start: int
    end: int
    score: float
    passage: str

    @property
    def text(self) -> str:
        """The sentence, verbatim."""
        return self.document.text[self.start : self.end]


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` (shifted by ``offset``), without surrounding whitespace."""
    ranges = []
    for match in _SENTENCE.finditer(text):
        piece = match.group()
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            ranges.append((offset + match.start() + left, offset + match.start() + right))
    return ranges


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if "\u4e00" <= text[i] <= "\u9fff" and "\u4e00" <= text[i + 1] <= "\u9fff"}


class Scorer:
    """Scores sentences as evidence, weighting question terms by their rarity in the corpus."""

    def __init__(self, question: QuestionInfo, index: Index) -> None:
        self.question = question
        self.weights = {term: index.lexical.idf(term) for term in question.terms}
        self.total = sum(self.weights.values()) or 1.0
        self.grams = _bigrams(normalize(question.text)) - _CJK_BIGRAM_STOP

    def score(self, sentence: str, context: str) -> float:
        """Share of the question found in the sentence (terms in the passage count partly), plus fit to its kind."""
        sentence_n = normalize(sentence)
        context_n = normalize(context)
        found = 0.0
        for term, weight in self.weights.items():
            if term in sentence_n:
                found += weight
            elif term in context_n:
                found += CONTEXT_WEIGHT * weight
        lexical = found / self.total
        grams = len(self.grams & (_bigrams(sentence_n) | _bigrams(context_n))) / len(self.grams) if self.grams else 0.0
        score = 0.75 * lexical + 0.25 * grams
        question = self.question
        if question.wants_date:
            score += 0.2 if _HAS_DAY.search(sentence) else 0.05 if _HAS_MONTH_OR_YEAR.search(sentence) else -0.15
        elif question.wants_number:
            score += 0.1 if _HAS_NUMBER.search(sentence) else -0.2
        if question.kind == "list" and sentence.count("、") + sentence.count("，") + sentence.count(",") >= 2:
            score += 0.05
        return score


def candidates(question: QuestionInfo, hits: Sequence[Hit], index: Index) -> list[Candidate]:
    """Every sentence of the retrieved passages, scored, best first."""
    scorer = Scorer(question, index)
    found: dict[tuple[str, int, int], Candidate] = {}
    for rank, hit in enumerate(hits):
        document = index.documents[index.by_source[hit.chunk.source]]
        context = f"{document.title} {document.region or ''} {hit.chunk.text}"
        ranges = sentences(hit.chunk.text, hit.chunk.start)
        for number, (start, end) in enumerate(ranges):
            if end - start < MIN_SENTENCE_CHARS and number > 0:
                start = ranges[number - 1][0]
            key = (document.source, start, end)
            if key in found:
                continue
            score = scorer.score(document.text[start:end], context) - 0.01 * rank
            found[key] = Candidate(rank, document, start, end, score, hit.chunk.text)
    return sorted(found.values(), key=lambda c: (-c.score, c.hit_rank, c.start))


def _about(candidate: Candidate, place: str) -> bool:
    return place_covers(place, candidate.document.region, f"{candidate.document.title}\n{candidate.passage}")


def _in_year(candidate: Candidate, year: str) -> bool:
    return year in candidate.passage or year in candidate.document.title or (candidate.document.date or "").startswith(year)


def eligible(question: QuestionInfo, ranked: list[Candidate], place: str | None = None) -> list[Candidate]:
    """Candidates that speak of the question's places and years (one place only, when given)."""
    places = (place,) if place else question.places
    return [
        c
        for c in ranked
        if all(_about(c, p) for p in places) and all(_in_year(c, y) for y in question.years)
    ]


def verified(citations: list[Citation], index: Index) -> list[Citation]:
    """Only citations whose quote is, character for character, the source text at its offsets."""
    good = []
    for citation in citations:
        number = index.by_source.get(citation.source)
        if number is not None and index.documents[number].text[citation.start : citation.end] == citation.quote:
            good.append(citation)
    return good


def _citation(n: int, candidate: Candidate) -> Citation:
    document = candidate.document
    return Citation(n, document.source, document.title, document.date, document.url,
                    candidate.text, candidate.start, candidate.end, document.region)


def _refusal(question: QuestionInfo, hits: Sequence[Hit], reason: str, seconds: float = 0.0) -> Answer:
    return Answer(question.text, f"{REFUSAL}{reason}。以下段落可能相关，仅供参考。", True, (), tuple(hits), seconds)


def answer_question(question: QuestionInfo, hits: Sequence[Hit], index: Index) -> Answer:
    """Build the answer from retrieved passages: quotes with [n] markers, or a refusal."""
    if not hits:
        return _refusal(question, hits, "与该问题相关的内容")
    ranked = candidates(question, hits, index)
    missing_places = [p for p in question.places if not any(_about(c, p) for c in ranked)]
    if question.kind != "comparison" and missing_places:
        return _refusal(question, hits, f"关于“{'、'.join(missing_places)}”的相关内容")
    missing_years = [y for y in question.years if not any(_in_year(c, y) for c in ranked)]
    if missing_years:
        return _refusal(question, hits, f"关于{'、'.join(missing_years)}年的相关内容")

    if question.kind == "comparison":
        picks: list[tuple[str | None, Candidate]] = []
        for place in question.places:
            best = eligible(question, ranked, place)
            best = [c for c in best if all(_in_year(c, y) for y in question.years)]
            if best and best[0].score >= MIN_EVIDENCE:
                picks.append((place, best[0]))
        if not picks:
            return _refusal(question, hits, "能直接回答该问题的内容")
    else:
        pool = eligible(question, ranked)
        if not pool or pool[0].score < MIN_EVIDENCE:
            return _refusal(question, hits, "能直接回答该问题的内容")
        picks = [(None, pool[0])]
        if question.kind == "list":
            picks += [(None, c) for c in pool[1:3] if c.score >= 0.85 * pool[0].score and c.start != pool[0].start][:1]

    citations = verified([_citation(n, candidate) for n, (_, candidate) in enumerate(picks, 1)], index)
    if not citations:
        return _refusal(question, hits, "可核对的原文")
    labels = {n: place for n, (place, _) in enumerate(picks, 1)}
    lines = [f"{labels[c.n] + '：' if labels.get(c.n) else ''}「{c.quote}」[{c.n}]" for c in citations]
    if question.kind == "comparison":
        covered = {place for place, _ in picks}
        lines += [f"{place}：{REFUSAL}相关内容。" for place in question.places if place not in covered]
    return Answer(question.text, "\n".join(lines), False, tuple(citations), tuple(hits))
