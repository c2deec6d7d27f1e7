"""Questions typed in written Cantonese (粤语口语), read as the Mandarin the sources are written in.

Guangdong's users often type as they speak: 潮州同江门今年各要做几多户？边个多啲？ asks
潮州和江门今年各要做多少户？哪个多一些？  Only words that are Cantonese and nothing else are rewritten
everywhere; words Mandarin also uses in another sense (同 as 和, 系 as 是, 几大 as 多大) are rewritten
only in a question that has already shown itself to be Cantonese.
"""

from __future__ import annotations

import re

# Words only Cantonese uses, each with its Mandarin form; longer words first so 乜嘢 wins over 乜.
_CANTONESE_ONLY = (
    ("系唔系", "是不是"), ("係唔係", "是不是"), ("有冇", "有没有"), ("使唔使", "用不用"),
    ("乜嘢", "什么"), ("乜野", "什么"), ("咩嘢", "什么"), ("乜", "什么"), ("咩", "什么"),
    ("边度", "哪里"), ("边处", "哪里"), ("边位", "哪位"), ("边间", "哪间"), ("边啲", "哪些"),
    ("几多", "多少"), ("几耐", "多久"),
    ("点样", "怎样"), ("点解", "为什么"),
    ("佢哋", "他们"), ("我哋", "我们"), ("你哋", "你们"), ("佢", "他"),
    ("嗰啲", "那些"), ("呢啲", "这些"), ("嗰个", "那个"), ("嗰", "那"),
    ("而家", "现在"), ("琴日", "昨天"), ("听日", "明天"),
    ("嘅", "的"), ("咗", "了"), ("喺", "在"), ("冇", "没有"), ("唔", "不"),
    ("啲", "一些"), ("睇", "看"), ("揾", "找"), ("畀", "给"), ("咁", "这么"), ("嚟", "来"),
    ("啱", "对"), ("嘢", "东西"),
)
# 边个 is 哪个 unless 边 ends a word (周边个体户, 身边个人)
_WHICH_ONE = re.compile(r"(?<![周旁两身沿那这左右东西南北上下前后里外海江河路岸无半一])边个")
_CANTONESE_MARK = re.compile("|".join(re.escape(word) for word, _ in _CANTONESE_ONLY) + "|" + _WHICH_ONE.pattern)

# Words Mandarin writes too, in another sense or register, rewritten only in a Cantonese question
# (係 is also traditional Chinese's 关係)
_ALSO_MANDARIN = (("几时", "什么时候"), ("今日", "今天"), ("係", "是"))
# In a Cantonese question: 同 joins two things (潮州同江门), 系 is 是, 几大 at a clause's end is 多大
_AND = re.compile(r"同(?![比期时步等类样一意志行事学级业质频])")
_IS = re.compile(r"(?<![体关派联统谱世直水星父母旁维院科])系(?![统列数谱])")
_HOW_BIG = re.compile(r"几(?=[大高长远][？?，,。！!\s]|[大高长远]$)")


def is_cantonese(text: str) -> bool:
    """True when ``text`` uses a word only written Cantonese uses (嘅, 咗, 几多, 边个…)."""
    return _CANTONESE_MARK.search(text) is not None


def as_mandarin(text: str) -> str:
    """``text`` with its written-Cantonese words in their Mandarin forms; other text unchanged."""
    if not is_cantonese(text):
        return text
    text = _WHICH_ONE.sub("哪个", text)
    for cantonese, mandarin in _CANTONESE_ONLY:
        text = text.replace(cantonese, mandarin)
    for word, mandarin in _ALSO_MANDARIN:
        text = text.replace(word, mandarin)
    text = _AND.sub("和", text)
    text = _IS.sub("是", text)
    return _HOW_BIG.sub("多", text)
