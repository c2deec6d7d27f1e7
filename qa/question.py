"""What a question asks: its content terms, the kind of answer it wants, and the
places and years it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from qa.lexical import tokenize
from qa.places import find_places

Kind = Literal["number", "date", "list", "comparison", "fact"]

_NUMBER = re.compile(r"多少|几[个项家所座条户万千百亿倍年月]?|比例|百分|占比|[^一-龥]?率|规模|金额|面积|数量|多大|多高|多长|多远|多久|产值|总值|达到|目标值|增长|投资额|人数|户数|个数|平方")
_DATE = re.compile(r"什么时候|何时|哪天|哪一天|几月|几号|日期|哪年|哪一年|什么时间|时间是|哪个月|何日|发布时间|召开时间|发布时间|时间")
# Asking when the document itself appeared: its dateline answers.
_PUBLISHED = re.compile(r"(发布|刊发|刊登|出版|印发|见报|发表|发文|报道|刊载|登载|出台).{0,12}(什么时候|何时|哪天|哪一天|日期|时间|几号)|(什么时候|何时|哪天|哪一天).{0,6}(发布|刊发|刊登|出版|印发|见报|发表)")
_LIST = re.compile(r"哪些|哪几|包括|包含|分别|有哪|列举|几大|几个方面|几项|哪几类|什么产业|哪些方面")
_COMPARE = re.compile(r"相比|对比|比较|区别|差别|分别|哪个更|谁更|两地|两市|和.+各|与.+各|各是|各为|各自")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*年)?(?!\d)")


@dataclass(frozen=True)
class QuestionInfo:
    """A question, read for what kind of answer would satisfy it."""

    text: str
    terms: tuple[str, ...]
    kind: Kind
    places: tuple[str, ...]
    years: tuple[str, ...]

    @property
    def wants_number(self) -> bool:
        """The question asks for a figure (a count, amount, share, or target)."""
        return bool(_NUMBER.search(self.text)) and not self.wants_date

    @property
    def asks_publication_date(self) -> bool:
        """The question asks when the document was published or issued."""
        return bool(_PUBLISHED.search(self.text))

    @property
    def wants_date(self) -> bool:
        """The question asks when."""
        return bool(_DATE.search(self.text))


def read_question(text: str) -> QuestionInfo:
    """Analyse a question (no retrieval involved)."""
    places = tuple(find_places(text))
    years = tuple(dict.fromkeys(_YEAR.findall(text)))
    terms = tuple(dict.fromkeys(tokenize(text)))
    if len(places) >= 2 and (_COMPARE.search(text) or re.search(r"[和与及跟、]", text)):
        kind: Kind = "comparison"
    elif _DATE.search(text):
        kind = "date"
    elif _LIST.search(text):
        kind = "list"
    elif _NUMBER.search(text):
        kind = "number"
    else:
        kind = "fact"
    return QuestionInfo(text, terms, kind, places, years)
