"""Follow-up questions: turn a short reply such as 「那江门呢？」 into a question that
stands on its own, by carrying the previous question over to the new place or year.

Retrieval and answering see one question at a time, so the conversation's context
has to be folded into the text of the question itself. Everything here is pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.places import find_places

# A year as written in a question: 2024, 2024年.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?(?!\d)")
# In a previous question only a year written with 年 counts, so 2000户 stays a number.
_YEAR_WITH_NIAN = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年")
# Years named relative to today; a follow-up may swap one for another (今年 -> 去年).
_RELATIVE_YEARS = ("今年", "去年", "明年", "前年", "后年", "本年度", "上年度")
_RELATIVE_YEAR = re.compile("|".join(_RELATIVE_YEARS))
_PLACE_SUFFIX = r"(?:市|区|县|镇|街道)?"
# What is left of a follow-up once its places and years are removed: words that carry
# no question of their own. Anything else means the reply is a new, standalone question.
_FILLER = re.compile(
    r"那么|那|呢|吗|么|又|还有|的话|的|情况|怎么样|怎样|如何|也是|也|是|呀|啊|换成|改成|换到|放到|关于|至于|对于|请问|再问|"
    r"多少|和|在|里|方面|这边|那边|这个|同样|同一|问题|一下|看看|[\s,，.。?？!！、:：~～]"
)
MAX_FOLLOWUP_CHARS = 20  # longer replies are read as questions in their own right


@dataclass(frozen=True)
class Rewrite:
    """A question as asked and as it will be answered."""

    asked: str
    standalone: str

    @property
    def rewritten(self) -> bool:
        """Whether the conversation changed the question."""
        return self.asked != self.standalone


def _years(text: str) -> list[str]:
    """Years named in ``text``: four-digit years (with 年) and relative ones, in order."""
    found = [match.group(1) + "年" for match in _YEAR.finditer(text)]
    found += [match.group() for match in _RELATIVE_YEAR.finditer(text)]
    return list(dict.fromkeys(found))


def _as_written(text: str, place: str) -> str:
    """The place as ``text`` spells it, keeping a suffix such as 区 (濠江 -> 濠江区)."""
    match = re.search(re.escape(place) + _PLACE_SUFFIX, text)
    return match.group() if match else place


def is_followup(question: str) -> bool:
    """Whether ``question`` only names a new place or year (「那江门呢？」, 「2023年呢」)."""
    text = question.strip()
    if not text or len(text) > MAX_FOLLOWUP_CHARS:
        return False
    places = find_places(text)
    years = _years(text)
    if not places and not years:
        return False
    rest = text
    for place in places:
        rest = re.sub(re.escape(place) + _PLACE_SUFFIX, "", rest)
    rest = _YEAR.sub("", rest)
    rest = _RELATIVE_YEAR.sub("", rest)
    return not _FILLER.sub("", rest)


def _swap_places(previous: str, new_places: list[str], followup: str) -> str:
    """``previous`` with its first place replaced by the follow-up's, or the new place put in front."""
    old_places = find_places(previous)
    replacement = "、".join(_as_written(followup, place) for place in new_places)
    if not old_places:
        return replacement + previous
    # Replace the first place the previous question names, with whatever suffix it was
    # written with, so 濠江区 becomes 江门 rather than 江门区.
    return re.sub(re.escape(old_places[0]) + _PLACE_SUFFIX, replacement, previous)


def _swap_years(previous: str, new_years: list[str], anchor: list[str]) -> str:
    """``previous`` with its year replaced by the follow-up's, or the year put after the place."""
    new_year = new_years[0]
    if _YEAR_WITH_NIAN.search(previous):
        return _YEAR_WITH_NIAN.sub(new_year, previous, count=1)
    if _RELATIVE_YEAR.search(previous):
        return _RELATIVE_YEAR.sub(new_year, previous, count=1)
    # No year to replace: put it right after the place the question is about.
    for place in anchor:
        match = re.search(re.escape(place) + _PLACE_SUFFIX, previous)
        if match:
            return previous[: match.end()] + new_year + previous[match.end() :]
    return new_year + previous


def rewrite_followup(previous: str | None, question: str) -> str:
    """The standalone form of ``question`` given the previous (standalone) question.

    「那江门呢？」 after 「潮州今年要做多少户适老化改造？」 becomes 「江门今年要做多少户适老化改造？」;
    「2023年呢？」 replaces the year. A question that says more than a place or year,
    or one with nothing before it, is returned unchanged.
    """
    if not previous or not previous.strip() or not is_followup(question):
        return question
    new_places = find_places(question)
    new_years = _years(question)
    standalone = previous.strip()
    if new_places:
        standalone = _swap_places(standalone, new_places, question)
    if new_years:
        standalone = _swap_years(standalone, new_years, find_places(standalone))
    return standalone


def resolve(previous: str | None, question: str) -> Rewrite:
    """The question as asked together with the question that will be answered."""
    return Rewrite(question, rewrite_followup(previous, question))
