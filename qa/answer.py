"""Extractive answers: pick the sentences of the retrieved passages that answer the
question, verify each quote against its source, or refuse when the evidence is missing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from qa.amounts import amount_value, states_amounts, threshold_phrases
from qa.clean import FULL_DATE, MARKDOWN_RULE
from qa.index import Index
from qa.lexical import (
    abbreviated_words,
    general_specificity,
    guessed_runs,
    is_guessed,
    is_word,
    normalize,
    nouns,
    official_forms,
    tagged,
    tokenize,
)
from qa.people import (
    POST,
    POST_AND_NAME_LINE,
    held_by_posts,
    introduction,
    only_deputies,
    post_holders,
    spoken_of,
)
from qa.places import (
    GUANGDONG,
    SETTLEMENT_KIND_WORDS,
    canonical,
    city_of,
    find_places,
    kind_of_settlement,
    names_a_settlement,
    place_covers,
    region_within,
    settlement_stem,
)
from qa.question import (
    COUNT_UNITS,
    GENERIC_MEASURES,
    GRADE_WORDS,
    PER_UNIT,
    QuestionInfo,
    does_the_act,
    names_a_measure,
    names_a_person,
    names_an_actor,
    read_question,
    split_comparison,
    trailing_noun_phrase,
)
from qa.tables import (
    TABLE_ROW,
    columns_of_year,
    heads_a_table,
    line_after,
    line_before,
    row_cells,
    row_reading,
    table_above,
    table_heading,
    under_column,
    whole_line_at,
)
from qa.types import Answer, Citation, Document, Hit

_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]?)?")
# A figure in digits or Chinese numerals; not 百千万 (工程), whose rising magnitudes make it a name.
_HAS_NUMBER = re.compile(r"\d|(?<![一二两三四五六七八九十百千万亿半])(?!百千万)[一二两三四五六七八九十百千万亿半]+[个项家所座条户万亿元倍%批期届次场轮年类大成]|百分之")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A numbered heading of a notice: 33.加强深潮对口帮扶协作。 / 一、大抓产业发展 / （三）…
_MARKDOWN_MARK = r"(?:#{1,6}\s*)?"  # a Markdown heading's marks before its number (## 二、…)
_HEADING = re.compile(r"^\s*" + _MARKDOWN_MARK + r"(?:\d{1,3}\s*[.．、]|[一二三四五六七八九十]{1,3}\s*、|[（(][一二三四五六七八九十\d]{1,3}[）)])[^，,。；;]{1,24}[。]?\s*$")
HEADING_PENALTY = 0.15
NAMED_BONUS = 0.15  # the sentence names in quotes the kind of thing whose name is asked
RANK_BONUS = 0.15  # the sentence ranks at the end a ranking question asks about
LIST_BONUS = 0.15  # the sentence names several things in a row, as a list question wants
FIELD_BONUS = 0.3  # the sentence is a field line (联系人：…) of the role a who-question asks about
COLUMN_BONUS = 0.3  # the row has a cell under a column named for what the question asks (创建主题 for 什么主题)
# An official document number: issuer abbreviation, year in 〔〕 or [] brackets, serial number.
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔［\[(（]\s*(?:19|20)\d{2}\s*[〕］\])）]\s*\d{1,4}\s*号")
_CITED_NUMBER = re.compile(r"》\s*[（(][^）)]{1,30}[）)]")  # 《…三年行动方案》（茂府〔2023〕12号）: the cited title's number


def states_own_number(line: str) -> bool:
    """``line`` gives a document number (化府办函〔2025〕19号) that is not a cited document's."""
    return DOCUMENT_NUMBER.search(_CITED_NUMBER.sub("", line)) is not None


def cites_number_of_named(line: str, question: QuestionInfo) -> bool:
    """``line`` gives the number of a document it cites by a title the question names in two words
    or more besides places (那份典型镇村培育若干措施的发文字号: 印发《开平市加快典型镇村培育建设若干措施》
    （开府办〔2024〕23号）)."""
    words = [term for term in question.terms if len(term) >= 2
             and not any(term in place or place in term for place in question.places)]
    for cited in _CITED_TITLE_NUMBER.finditer(line):
        if DOCUMENT_NUMBER.search(cited.group(2)) and sum(word in cited.group(1) for word in words) >= 2:
            return True
    return False


_CITED_TITLE_NUMBER = re.compile(r"《([^《》]+)》\s*[（(]([^）)]{1,30})[）)]")
# 万元 alone is a unit, not a figure; 八百六十多名, 240余个 are figures said roughly
_AMOUNT = r"(?:\d[\d.,]*|[一二两三四五六七八九十半][一二两三四五六七八九十百千万亿半]*|[百千万亿]{2,})\s*(?:[多余]\s*)?"
# A figure of each kind a question may ask for (see QuestionInfo.figure_kind).
_PERSONS = re.compile(_AMOUNT + r"(?:万\s*)?(?:人|名|位)")
FIGURE_OF_KIND = {
    "money": re.compile(_AMOUNT + r"(?:[千万亿]+\s*)?元|[百千万]亿"),
    "area": re.compile(_AMOUNT + r"(?:万\s*)?(?:平方(?:公里|千米|米)|亩|公顷)"),
    # 收入比为1.65, 缩小到1.69:1, 是农村的1.9倍: a figure said as a ratio, not any figure
    "ratio": re.compile(r"比值?(?:为|是|达|达到|缩小到|缩小至|降至|降到|下降到|下降至)?\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*[∶:]\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*倍"),
    "share": re.compile(_AMOUNT + r"(?:[%％]|个?\s*百分点)|百分之|[一二三四五六七八九]成"),
    "frequency": re.compile(r"每(?:个|一)?(?:季度|月|周|星期|半年|年|天|日|旬)|一年[一两二三四]次"),
    # 12个月内, 7天, 3年内: a length of time, not a date (2025年12月20日前)
    "duration": re.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:个(?:月|工作日|小时)|天|周|小时|分钟|(?:年|日)(?:以内|之内|内))"),
    "growth": re.compile(_AMOUNT + r"(?:[%％]|倍|个?\s*百分点)|百分之|[一二三四五六七八九]成"),
    "weight": re.compile(_AMOUNT + r"(?:[万千]\s*)?(?:吨|公斤|千克|斤)"),
    "length": re.compile(_AMOUNT + r"(?:万\s*)?(?:公里|千米|(?<![平立]方)米)"),
    "people": re.compile(_AMOUNT + r"(?:万\s*)?(?:人|名|位)|" + _AMOUNT + r"[%％]"),  # 多少人通过 ← 合格率达80%
    "count": re.compile(_AMOUNT + rf"(?:万\s*)?[{COUNT_UNITS}]|[一二两三四五六七八九十]大(?=[\u4e00-\u9fff])"),  # 五大产业联盟
}
_HAS_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}")
_RELATIVE_YEAR = re.compile(r"今年|本年度|明年|去年|上年度")
_BOOK_TITLE = re.compile(r"《[^》]*(?:》|$)")
_HAS_MONTH_OR_YEAR = re.compile(r"\d{4}\s*年|\d{1,2}\s*月")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_YEAR_NAMED = re.compile(r"((?:19|20)\d{2}\s*年)(以来|至今)?")  # 2023年以来 runs on to the page's year
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—\-–~至到]\s*(?:19|20)\d{2}")  # 2021—2025年 spans the years between
_CJK_BIGRAM_STOP = frozenset("多少 什么 哪些 哪个 请问 是否 今年 怎么 如何 有没 没有 分别 目前 具体".split())

# Evidence below this score is not an answer; calibrated on the eval set (see eval/README.md).
MIN_EVIDENCE = 0.25
MIN_EVIDENCE_CLEAR = 0.15  # ... when the best sentence leads the next by CLEAR_MARGIN
CLEAR_MARGIN = 0.08
# The same question about another place or year matched this much better: the sources state
# the figure for somewhere else (潮州's 食品工业产值 asked of 江门), not for the place asked.
RIVAL_RATIO = 0.6
RIVAL_CLOSE = 0.85  # ... or better, and names every question word this sentence names, and more
# A question word at least this rare in general Chinese (see general_specificity) names what
# the answer is about: a sentence that lacks it answers another question.
SPECIFIC_TERM = 13.0
_RESULT_COMPLEMENTS = frozenset("好完掉成住着过")  # 建好, 修完: the second character says the act is done
COMMON_IN_CORPUS = 0.2  # share of passages above which a word is the corpus' subject, not a question's
DATELINE_WORDS = 8  # characters besides the date on a dateline (a site or paper name)
FOLLOWING_SHARE = 0.75  # the next sentence is quoted too when it scores this share of the best
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
    context_start: int  # start of the sentence before, which often names the topic (a heading)

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


_STOP_CHARS = frozenset("的了是在和与及或等将把被对为以于由从到向中上下里这那其之也又并而且就都还要会能可已个些该此各每我你他她它有没吗呢吧啊么什多少哪几怎样如何请问是否给做分别今年市县区呢？?，,。、“”《》（）()")
TITLE_WEIGHT = 0.3  # a term found only in the document title
_AIMED = re.compile(r"力争|争取|目标|确保|预计|预期|将达到|要达到|到(?:19|20)\d{2}\s*年")  # a target, not a result
PART_PENALTY = 0.05  # a figure of a village or town the question does not name, asked of a larger place
WHOLE_ASKED_PENALTY = 0.15  # ... asked of the whole of it in so many words (全县接待游客多少)
TARGET_PENALTY = 0.2  # a target, for a figure question that asks what was done or does not say
NEIGHBOUR_WEIGHT = 0.5  # a term found only in the sentence before (often a heading)
REGISTER_WEIGHT = 0.6  # an everyday word found only in an official form (see official_forms)


def _is_place_or_year(term: str) -> bool:
    return bool(find_places(term)) or bool(re.fullmatch(r"(19|20)\d{2}", term))


class Scorer:
    """Scores sentences as evidence, weighting the question's topic terms by their rarity.

    Places are not scored here: they are hard constraints (see ``eligible``). Years are
    constraints too, but a sentence that states the year asked also counts it as evidence
    (力争到2027年 for a 2027 target). A topic term must be in the sentence itself to count fully; the heading before it
    and the document title count for less, and the rest of the passage not at all, so a
    passage that mentions the topic next to an unrelated figure does not answer.
    """

    def __init__(self, question: QuestionInfo, index: Index) -> None:
        self.question = question
        self.index = index
        self.named_head = question.named_head
        # 名号 asked, 称号 written: the kinds of name that count as the one asked
        self.named_heads = (self.named_head, *official_forms(self.named_head)) if self.named_head else ()
        # 有哪些, 哪几个 ask for several things (分别 asks one thing of each): a list that names them in a row answers
        self.several_asked = question.kind == "list" and _SEVERAL_ASKED.search(question.text) is not None
        kinds = _KINDS_ASKED.search(question.text) if self.several_asked else None
        self.kinds_asked = kinds.group(1) if kinds else None
        self.weights = {t: index.lexical.idf(t) for t in question.terms if not find_places(t)}
        self.total = sum(self.weights.values()) or 1.0
        topic = normalize(question.text)
        for place in question.places:
            topic = topic.replace(place, " ")
        self.grams = _bigrams(topic) - _CJK_BIGRAM_STOP
        self.chars = {ch for ch in topic if "\u4e00" <= ch <= "\u9fff" and ch not in _STOP_CHARS}
        self.rank_end = ranking_end(question.text) if question.asks_rank else None
        # 前三季度 asked, 1—9月 said: the words of the part of the year count where the sentence names that part
        asked_part = _PART_OF_YEAR.search(question.text)
        self.part = None if asked_part is None else _part_named(asked_part)
        self.part_terms = {t for t in self.weights if asked_part is not None and t in asked_part.group()}

    def score(self, sentence: str, before: str, title: str, people: tuple[str, ...] = (), heading_year: bool = False,
              row: str = "") -> float:
        """Evidence score of ``sentence``: topic coverage plus fit to the kind of answer wanted.
        ``people`` are who it speaks of, as named elsewhere (温湛滨 is 市委书记; 他 is 温湛滨):
        named beside it, as the sentence before is. ``heading_year``: a heading above it gives
        its year. ``row``: the table row ``sentence`` reads, cell by cell under its columns' names."""
        sentence_n, before_n, title_n = normalize(sentence), normalize(" ".join((before, *people))), normalize(title)
        found = 0.0
        shortened = abbreviated_words(sentence_n, self.question.text)
        same_part = self.part is not None and self.part in parts_of_year(sentence)
        for term, weight in self.weights.items():
            if (mentions_term(sentence_n, term, official=False) or any(term in word for word in shortened)
                    or (same_part and term in self.part_terms)):
                found += weight
            elif mentions_term(sentence_n, term):
                found += REGISTER_WEIGHT * weight  # 村子 said 行政村: the same thing, less surely
            elif mentions_term(before_n, term):
                found += NEIGHBOUR_WEIGHT * weight
            elif mentions_term(title_n, term):
                found += TITLE_WEIGHT * weight
        words = found / self.total if self.weights else 0.0
        grams = len(self.grams & _bigrams(sentence_n)) / len(self.grams) if self.grams else 0.0
        chars = len(self.chars & set(sentence_n)) / len(self.chars) if self.chars else 0.0
        score = 0.5 * words + 0.25 * grams + 0.25 * chars
        question = self.question
        if question.wants_date:
            dated = _HAS_MONTH_OR_YEAR.search(sentence) or (question.asks_year and _RELATIVE_YEAR.search(sentence)) or heading_year
            score += 0.2 if _HAS_DAY.search(sentence) else 0.05 if dated else -0.15
            if question.asks_publication_date and is_dateline(sentence):
                score += 0.6  # the date the page itself carries
        elif question.wants_number:
            readable = figure_text(sentence, ordinal=question.asks_ordinal, code_names=question.asks_code_name)
            score += 0.1 if _HAS_NUMBER.search(readable) else -0.2
            if states_a_target(sentence) and question.figure_mood != "aimed":
                score -= TARGET_PENALTY  # 力争…达到55% is not what 去年到了多少 asks, nor likely what 是多少 does
            if question.places and of_a_part(row or sentence, question):
                # 来青溪村…的游客3.5万人次 is the village's, not 深汕's; surely not when 全县 is asked, nor
                # in a table's row (四九镇 | 14210), which is its town's own
                whole = _WHOLE_PLACE.search(question.text) or TABLE_ROW.fullmatch((row or sentence).strip())
                score -= WHOLE_ASKED_PENALTY if whole else PART_PENALTY
        if _HEADING.match(sentence):
            score -= HEADING_PENALTY  # a numbered heading names a topic; the sentences under it answer
        if question.asks_document_number and states_own_number(sentence):
            score += 0.6
        if question.asks_page_fact and PAGE_FACT_LINES[question.asks_page_fact].search(sentence):
            score += 0.6
        if question.asks_rank and _RANKING.search(sentence) and ranking_end(sentence) == self.rank_end:
            score += RANK_BONUS  # 排名后两位的是：… is what 得分最低的是哪个镇 asks, in other words
        if question.asks_meeting_date and MEETING_TIME_LINE.match(sentence):
            score += FIELD_BONUS  # minutes say when their meeting was held in a field of their own
        if question.asks_someone and labels_the_asked(sentence, question.text):
            score += FIELD_BONUS  # 解读人：区农业农村局副局长 梁伟强 is who 解读人是谁 asks
        if any(not _common_name(self.index, name) for head in self.named_heads for name in quoted_names(sentence, head)) or (
            question.asks_coined_name and coined_names(sentence, question.text, self.index, question.asks_saying)
        ):
            score += NAMED_BONUS
        if self.kinds_asked and opens_a_list_of(sentence, self.kinds_asked):
            score += LIST_BONUS  # 将15个镇分为三类…： opens the list of what 分成了哪几类 asks
        elif question.kind == "list" and sentence.count("、") + sentence.count("，") + sentence.count(",") >= 2:
            score += LIST_BONUS if self.several_asked and enumerates(sentence) else 0.05
        return score


_FIELD_NAME = re.compile(r"[：:]\s*(?:[^\s：:，,；;]{2,20}[ \u3000]+)?[\u4e00-\u9fff]{2,3}(?=[，,；;）)\s]|$)")  # 联系人：…组 林振华，
_FIELD_LABEL = re.compile(r"\s*[（(]?([\u4e00-\u9fff]{2,5})\s*[：:]\s*\S.*")
_FIELD_CELL = re.compile(r"\s*([\u4e00-\u9fff]{2,8})\s*\|\s*[^|]+")  # a form's row: 村党组织书记 | 陈国栋


def labels_the_asked(sentence: str, question: str) -> bool:
    """``sentence`` is or ends with a field line, or is a form's two-cell row, whose label names the
    role a who-question asks about (解读人： for 解读人是谁, 联系人： for 找谁联系, 村党组织书记 | … for
    村支书叫什么名字)."""
    asked_forms = {form for word in tokenize(question) for form in official_forms(word)}
    for line in sentence.splitlines():
        label = _FIELD_LABEL.fullmatch(line) or _FIELD_CELL.fullmatch(line)
        role = label.group(1) if label else ""
        if role and (role in question or role in asked_forms or (role.endswith("人") and len(role) >= 3 and role[:-1] in question)):
            return True
    return False


def quoted_names(sentence: str, head: str) -> list[str]:
    """The names ``sentence`` gives in quotes to a kind of thing, ``head`` (“乡贤回归工程”,
    “世界美食之都”称号, “亩均论英雄”的用地理念, 民宿“海湾小筑”): what a question asking for that name wants."""
    kind = re.escape(head)
    pattern = rf"“([^”]{{2,24}})”的?[\u4e00-\u9fff]{{0,2}}{kind}|“([^”]{{0,22}}{kind})”|{kind}“([^”]{{2,24}})”"
    return [before or inside or after for before, inside, after in re.findall(pattern, sentence)]


_COINED = re.compile(r"“([^“”]{2,16})”")
_NUMERAL_CHARS = frozenset("一二两三四五六七八九十百千万亿")  # 一 of 一程多站 says nothing of what is named


_SAYING = re.compile(r"“([^“”]{2,16})”(?=[\u4e00-\u9fff]{0,3}(?:理念|口号|原则|思路|精神|导向|方针|说法|提法|标语))")


def coined_names(sentence: str, question: str, index: Index, any_wording: bool = False) -> list[str]:
    """The names ``sentence`` coins in quotes (“一县一策”, “乡贤回归工程”) for what ``question``
    describes: not names it already says, nor the corpus' own subject (“百千万工程”). A coined name
    abbreviates what it names, so it shares a character with the description (县 of 每个区县…分别施策),
    unless ``any_wording``: a saying asked as such need not, but the page must call it one
    (“亩均论英雄”的用地理念, 以“汾江源、张槎潮”为口号), since a quoted label (“国字号”乡村) is no saying."""
    asked = normalize(question)
    if any_wording:
        return [name for name in _SAYING.findall(sentence) if normalize(name) not in asked and not _common_name(index, name)]
    described = {ch for ch in asked if _CJK.match(ch) and ch not in _STOP_CHARS and ch not in _NUMERAL_CHARS}
    for place in find_places(question):
        described -= set(normalize(place))
    return [
        name
        for name in _COINED.findall(sentence)
        if described & set(normalize(name)) and normalize(name) not in asked and not _common_name(index, name)
    ]


_SEVERAL_ASKED = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|有哪|列举|几大|几项|几个方面")
_ENUMERATION = re.compile(r"(?:[^、，,。；;：:]{1,16}、){2,}|[^、，,。；;：:]{1,16}、[^，,。；;：:]{1,30}等[\d一二两三四五六七八九十]+[个项处家类条座]")


_KINDS_ASKED = re.compile(r"几(类|种|档|级|批|方面)")  # 分成了哪几类: the sorts a thing is divided into


def opens_a_list_of(sentence: str, kind: str) -> bool:
    """``sentence`` counts sorts of ``kind`` and opens their list (将15个镇分为三类，…：)."""
    return sentence.rstrip().endswith(("：", ":")) and re.search(rf"[\d一二两三四五六七八九十]+\s*个?{kind}", sentence) is not None


def enumerates(sentence: str) -> bool:
    """``sentence`` names things in a row (扬尘、泥浆、噪音; 苏家围村、下屯村和…示范片等6个点位), not
    just clauses split by commas (…召开…推进会，全面总结…，部署…)."""
    return bool(_ENUMERATION.search(sentence))


_LISTED = re.compile(r"((?:[\u4e00-\u9fff]{1,10}、)+[\u4e00-\u9fff]{1,10})等[^，,。；;]*?\d")


def totals_a_list_with(sentence: str, asked: str) -> bool:
    """``sentence`` gives a figure for a list of things (风电整机、发电机、齿轮箱等项目10个) of which
    the question names just one: the figure is the whole list's, not that member's."""
    return any(
        sum(1 for member in found.group(1).split("、") if len(member) >= 2 and member in asked) == 1
        for found in _LISTED.finditer(sentence)
    )


NAME_CHARS = 6  # Chinese characters before a kind (景区) that would hold its name


def gives_a_name(sentence: str, kind: str, asked: str) -> bool:
    """``sentence`` may name a thing of the ``kind`` a question asks the name of: it says the kind
    after a quote, a place or words of its own (中国家居服专业采购基地), or not at all (it cannot
    be told); not when only the question's own words stand before it (加快创建国家5A级旅游景区)."""
    text = normalize(sentence)
    if kind not in text or quoted_names(sentence, kind):
        return True
    asked = normalize(asked)
    for found in re.finditer(re.escape(kind), text):
        clause = _CLAUSE.findall(text[: found.start()] + "，")[-1] if found.start() else ""
        if "”" in clause or "’" in clause:
            return True
        nearest = "".join(_CJK.findall(clause)[-NAME_CHARS:])
        # 深圳汕头产业合作园区 is a name, though every word of it is the question's.
        if find_places(nearest) or any(char not in asked for char in nearest):
            return True
    return False


def _common_name(index: Index, name: str) -> bool:
    """``name`` is written in more than one document and a large share of them: the corpus'
    own subject (“百千万工程”), which names nothing a question could be asking for."""
    return index.documents_naming(name) > max(1, COMMON_IN_CORPUS * len(index.documents))


def states_a_date(sentence: str, day: bool = False, titles: bool = False) -> bool:
    """The sentence gives a day (or, unless ``day``, a month or year), not counting
    dates inside a title (《…2024年…》) unless ``titles``."""
    text = sentence if titles else _BOOK_TITLE.sub("", sentence)
    return bool(_HAS_DAY.search(text) or (not day and _HAS_MONTH_OR_YEAR.search(text)))


_QUOTED_NAME = re.compile(r"“[^”]{1,40}”")
# dates and times of day (【10:52】, 上午9:30) say when, not how much
_DATE_NUMERALS = re.compile(r"(?<![\d.])\d{1,2}\s*[:：]\s*\d{2}(?![\d.])|(?<!\d)(?:19|20)\d{2}(?=\s*年)|(?<![\d.])\d{1,2}(?=\s*(?:[—\-~至到]\s*\d{1,2}\s*)?月)|(?<=月)\s*\d{1,2}(?=\s*[日号])")
_THRESHOLD = re.compile(
    rf"(?<=超|逾)(?:过)?\s*(?:\d[\d.,]*|[一二两三四五六七八九十百千万亿]+)\s*[千万亿]*元?(?![\d.,千万亿元{COUNT_UNITS}名位人倍])"
    r"(?=的?[\u4e00-\u9fff])(?!以上|以下|左右)"
)
_INDEFINITE = re.compile(r"一(?=批|些|系列)")
# 表2, 附件1 label a table or an annex at a line's or clause's start: they count nothing (代表2人 does)
_LABEL_NUMERAL = re.compile(r"(?:^|(?<=[\s（(：:，,。；;]))(?:附表|附件|表|图)\s*\d{1,2}(?![\d.%％])")
_ONE_IN_A_WORD = re.compile(r"一(?:次性|体化|站式|揽子)")  # 一次性奖励800万元 counts no times
_ORDINAL_NUMERALS = re.compile(r"(?<=第)\s*[\d一二两三四五六七八九十百零]+")
# A count inside a quoted name (“四个一体化”, “七个一”): a numeral before a measure word or
# closing the name; not 百千万 of “百千万工程”, which is a name's word.
_CHINESE_NUMERAL = re.compile(r"[一二两三四五六七八九十百千万亿]+(?=[个项条大批家所座次类种]|”)")


_CODE_NAME = re.compile(r"“[\d+＋N\s]+”")  # “1310”, “1+6+N”: a programme's name written in digits


def figure_text(sentence: str, exact: bool = False, ordinal: bool = False, code_names: bool = False,
                bounds: bool = False) -> str:
    """``sentence`` with the numerals that count nothing blanked: dates (2024年, 9月26日 say
    when, not how much), ordinals unless an ``ordinal`` is asked (第三批 says which batch, not
    how many; 第几场 is answered by 第八场), those of quoted names (“四个一体化”, “七个一”工程 and
    省委“1310”具体部署 name a programme, unless ``code_names`` are asked: 几加几), thresholds that
    pick a class of things (GDP超百亿镇街12个: the towns are
    counted, no GDP is given) unless the ``bounds`` are asked, the 一 of words such as 一次性, the number
    of a table's label (表2) and, when an ``exact`` number is asked (几条, 多少个), those of 一批, which
    says no number."""
    undated = _DATE_NUMERALS.sub("□", sentence if ordinal else _ORDINAL_NUMERALS.sub("□", sentence))
    def blanked(name: re.Match[str]) -> str:
        quoted = name.group()
        if _CODE_NAME.fullmatch(quoted):
            return quoted if code_names else "□" * len(quoted)
        return _CHINESE_NUMERAL.sub("□", quoted)

    named = _QUOTED_NAME.sub(blanked, undated)
    if not bounds:
        named = _THRESHOLD.sub(lambda found: "□" * len(found.group()), named)
    named = _ONE_IN_A_WORD.sub(lambda found: "□" * len(found.group()), named)
    named = _LABEL_NUMERAL.sub(lambda found: "□" * len(found.group()), named)
    return _INDEFINITE.sub("□", named) if exact else named


def stated_figure(figure: str) -> re.Pattern[str]:
    """The pattern of a figure a question states (200亿, 8个): its number, not inside a longer
    one, then its unit."""
    number, unit = re.match(r"([\d.]+)(.*)", figure).groups()
    return re.compile(rf"(?<![\d.]){re.escape(number)}\s*{re.escape(unit)}")


_NAMES_FOLLOW = re.compile(r"分别|包括|即|[：:]")


def names_the_counted(sentence: str, count: str) -> bool:
    """``sentence`` names the members of ``count`` (8个), not only how many there are: a list
    of names (、, not of figures), a quoted name or a bracket in the count's own clause, or
    分别/包括/： after it."""
    found = stated_figure(count).search(sentence)
    if found is None:
        return False
    clause = next(
        (sentence[start:end] for start, end in (m.span() for m in _CLAUSE.finditer(sentence)) if start <= found.start() < end),
        "",
    )
    listed = [item for item in clause.split("、") if not re.search(r"\d", item)]  # not 12个以上、超50亿镇街27个
    listed_before = bool(listed) and "、" in clause[: clause.find(found.group())]  # a项目、b项目等28个项目
    return (len(listed) >= 2 or listed_before or bool(re.search(r"[“「（(]", clause))
            or bool(_NAMES_FOLLOW.search(sentence, found.end())))


_COUNTED = re.compile(r"(\d+(?:\.\d+)?\s*[个项家所座条批户])[\u4e00-\u9fff]{0,4}$")


_PROGRAMME = "项目|工程|行动|计划|活动|机制|模式|平台|基金"


def only_names_a_programme(sentence: str, members: str) -> bool:
    """``sentence`` says ``members`` only inside the name of a programme named after them (实施第三批
    建筑业央企助力项目 for 哪些央企): it names none of them."""
    if re.fullmatch(_PROGRAMME, members) or members not in sentence:
        return False
    inside = len(re.findall(f"{re.escape(members)}[\u4e00-\u9fff]{{0,4}}?(?:{_PROGRAMME})", sentence))
    return inside == sentence.count(members)


def only_counts(sentence: str, members: str) -> bool:
    """``sentence`` says how many ``members`` there are (不少于25个项目) but names none of them."""
    counts = []
    for found in re.finditer(re.escape(members), sentence):
        count = _COUNTED.search(sentence[max(0, found.start() - 10) : found.start()])
        if count is not None:
            counts.append(re.sub(r"\s+", "", count.group(1)))
    return bool(counts) and not any(names_the_counted(sentence, count) for count in counts)


def page_dateline(document: Document) -> tuple[int, int] | None:
    """The span of the document's own dateline, if its opening lines carry one."""
    lines = header_lines(document, is_dateline)
    return lines[0] if lines else None


def dated_by_page(candidate: Candidate) -> bool:
    """The sentence speaks of 今年/去年 and its page carries a dateline that tells which year."""
    return bool(_RELATIVE_YEAR.search(_BOOK_TITLE.sub("", candidate.text))) and page_dateline(candidate.document) is not None


def is_dateline(sentence: str) -> bool:
    """A line that is mostly a date (with perhaps a site name or time): a page's dateline."""
    for line in sentence.splitlines():
        match = _HAS_DAY.search(line)
        if match and len(_CJK.findall(line[: match.start()] + line[match.end() :])) <= DATELINE_WORDS:
            return True
    return False


_RECENTLY = r"(?:日前|近日|近期|前不久|最近)"


def _reports_recent_issue(document: Document, question: QuestionInfo) -> bool:
    """The page reports that the document asked about was issued "recently" (日前…印发):
    its own dateline is the day of the report, not of the issue."""
    if question.asks_about_report:
        return False  # asked when it appeared in the paper (见报): the dateline says just that
    return any(re.search(_RECENTLY + r"[^。！？]{0,40}" + verb, document.text) for verb in question.issue_verbs)


def _aims_at(sentence: str, measure: tuple[str, ...]) -> bool:
    """The clause of ``sentence`` that names the measure asked (its head word) aims at its figure
    (…推进2个村的管网建设，力争农村生活污水治理率年底前提高10个百分点): only that clause is a target."""
    if not measure:
        return False
    clause = next((part for part in _CLAUSE_SPLIT.split(sentence) if measure[-1] in part), "")
    return bool(_AIMED.search(clause)) and states_a_target(clause)


_CLAUSE_SPLIT = re.compile(r"[，,；;。]")


def states_a_target(sentence: str) -> bool:
    """The sentence's figures are aimed at (力争到2027年…达到200亿元), not reached: a target word
    comes before its first figure (总投资60亿元，预计达产后… is a reached figure, then a forecast)."""
    label = _NUMBERED.match(sentence.lstrip())
    sentence = sentence.lstrip()[label.end() :] if label else sentence  # 2.做强特色产业。力争…: 2 is no figure
    aimed = _AIMED.search(sentence)
    first = re.search(r"\d", _DATE_NUMERALS.sub("□", sentence))  # 2024年…预期目标是：… : a year is no figure
    return aimed is not None and (first is None or first.start() >= aimed.start())


# A task's field on a line of its own, after the task: 牵头单位：市自然资源局, 完成时限：2024年6月底前
# (not a page's 发布时间：…).
_FIELD_LINE = re.compile(r"(?!发布|发表|更新|录入|点击)[\u4e00-\u9fff]{0,4}(?:单位|部门|时限|时间|责任人|联系人)\s*[：:]\s*\S[^\n]{0,60}")
RECORD_LINES = 6  # field lines a task may have


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The short sentence ``text[start:end]`` is a field line (联系人：邝志明) or a heading line of its own
    (二、2024年重点任务), not the tail of the sentence before."""
    line_end = text.find("\n", start)
    line = text[text.rfind("\n", 0, start) + 1 : len(text) if line_end < 0 else line_end].strip()
    return bool(_FIELD_LABEL.fullmatch(line) or (line == text[start:end] and _NUMBERED.match(line)))


def record_start(text: str, start: int) -> int:
    """Where the task a field line belongs to starts (the field line's own start for other lines):
    "1. 完成…规划编制。\n牵头单位：…\n完成时限：2024年6月底前" is quoted whole, so 谁牵头 and 什么时候
    完成 are answered with the task they are about."""
    if not whole_line_at(text, start, _FIELD_LINE):
        return start
    at = start
    for _ in range(RECORD_LINES):
        previous = line_before(text, at)
        if previous is None or not previous[1]:
            return start
        at = previous[0]
        if not _FIELD_LINE.fullmatch(previous[1]):
            return at
    return start


# A task's field in brackets closing its paragraph: …保持在98%以上。（责任单位：市生态环境局、市农业农村局）
_BRACKETED_FIELD = re.compile(r"[ \t\u3000]*[（(][\u4e00-\u9fff]{0,4}(?:单位|部门|责任人)\s*[：:][^（）()\n]{1,80}[）)]")
LEADING_FIELD = re.compile(r"(?:责任|牵头|主责|主办)(?:单位|部门)\s*[：:]")  # whoever it names leads the task


def record_end(text: str, end: int) -> int:
    """Where the field lines after a task that ends at ``end`` end (``end`` itself when none follow):
    a task is quoted with who leads it and by when, even when its passage was cut before them, and
    with the field in brackets that closes its paragraph."""
    bracketed = _BRACKETED_FIELD.match(text, end)
    if bracketed and text[bracketed.end() : bracketed.end() + 1] in ("\n", "\r", ""):
        return bracketed.end()
    if text[end : end + 1] not in ("\n", "\r") and end < len(text):
        return end
    at = end
    for _ in range(RECORD_LINES):
        following = line_after(text, at)
        if following is None or not _FIELD_LINE.fullmatch(following[1]):
            break
        at = following[0]
    return at


def figure_reading(candidate: Candidate) -> str:
    """The sentence as its figures read: a table row with each cell under its column's name and
    unit (tables.row_reading), other sentences as they are."""
    return row_reading(candidate.document.text, candidate.start, candidate.end) or candidate.text


def titled_reading(candidate: Candidate) -> str:
    """``figure_reading``, led by the numbered title the sentence is under (see _item_title):
    （二）封溪绿色建材产业园 / 规划面积3600亩 is that park's area."""
    title = _item_title(candidate)
    reading = figure_reading(candidate)
    return f"{title.strip()}：{reading}" if title else reading


SIGNATURE_LINES = 12  # body lines at a document's end searched for its signature


def signature_dates(document: Document) -> list[tuple[int, int]]:
    """The date a document is signed with: a line that is only a date, right under the line naming the
    body that issued it (中共高州市委农村工作领导小组办公室 / 2024年5月17日), among its last lines, or
    among its first when a notice is signed before the document it issues (…指挥部 / 2024年5月6日 /
    潮州市2024年…工作要点)."""
    found = []
    spans = document.body_spans
    last = spans[-SIGNATURE_LINES:]
    for start, end in [*spans[: min(SIGNATURE_LINES, len(spans) - len(last))], *last]:
        above = line_before(document.text, start)  # the issuer's line may be kept out of the body as a repeat
        if FULL_DATE.fullmatch(document.text[start:end].strip()) and above and _ISSUING_BODY.search(above[1]):
            found.append((start, end))
    return found[-1:]


_ISSUING_BODY = re.compile(r"(?:办公室|人民政府|委员会|指挥部|领导小组|局|厅|委|办|中心|街道办事处|党委|党工委)$")


def header_lines(document: Document, wanted: Callable[[str], object], limit: int = 15) -> list[tuple[int, int]]:
    """Lines among the first body spans of a document that ``wanted`` accepts (its dateline, its number)."""
    return [span for span in document.body_spans[:limit] if wanted(document.text[span[0] : span[1]])]


def page_header_lines(document: Document, wanted: Callable[[str], object], limit: int = 15) -> list[tuple[int, int]]:
    """Lines of the page as fetched, up to the end of its first ``limit`` body spans, that ``wanted``
    accepts: a site's info box (文号： | 电府办函〔2025〕27号) or the issuing line under a title
    (龙川县人民政府办公室　龙府办〔2025〕3号　2025年1月24日印发), which cleaning keeps out of the body. A
    number cited further down is another document's."""
    spans = document.body_spans[:limit]
    end_of_header = spans[-1][1] if spans else 0
    return [(start, end) for start, end in page_lines(document, wanted) if end <= end_of_header]


PAGE_LINE_CHARS = 120  # a longer line is page text, not the page's byline or source line


def page_lines(document: Document, wanted: Callable[[str], object]) -> list[tuple[int, int]]:
    """Lines anywhere in the page as fetched, cleaning aside, that ``wanted`` accepts: a byline
    (（记者 曾小雅 通讯员 梅宣）) or source line (信息来源:南方+) is kept out of the body, but answers
    who wrote the page and where it comes from. The first of each wording only (a page may repeat)."""
    found, seen, offset = [], set(), 0
    for line in document.text.splitlines(keepends=True):
        text = line.strip()
        if text and len(text) <= PAGE_LINE_CHARS and text not in seen and wanted(text):
            start = offset + line.index(text)
            found.append((start, start + len(text)))
            seen.add(text)
        offset += len(line)
    return found


# Lines that say who wrote a page (（记者 曾小雅 通讯员 梅宣）, 记者：谭丽娟), where it comes from
# (来源：梅州日报) or which body issued it (发布机构：…办公室; …办公室关于印发…的通知).
PAGE_FACT_LINES = {
    "byline": re.compile(r"(?:记者|作者|撰稿|执笔)\s*[：:\s]\s*[\u4e00-\u9fff]{2,4}(?=[\s、，,）)]|$)"),
    "source": re.compile(r"来源\s*[：:]\s*\S"),
    # a WeChat article's header line: 原创 青梧镇宣传办 广宁青梧发布 2025-01-10 10:20 发表于广东
    "account": re.compile(r"^\s*原创\s+\S.*发表于|公众号\s*[：:]\s*\S"),
    # 发布机构：…; …办公室关于印发…; the issuing line under a plan's title (龙川县人民政府办公室　龙府办〔2025〕3号)
    "issuer": re.compile(r"(?:发布机构|发文机关|发文单位|发布单位)\s*[：:]\s*\S|^\S{4,40}?关于印发"
                         r"|^[>\s]*[\u4e00-\u9fff]{2,30}?(?:办公室|人民政府|委员会|指挥部)[\s\u3000]+" + DOCUMENT_NUMBER.pattern
                         # the compiler's line of a collection: **中共徐闻县委农村工作办公室　编**
                         + r"|^[>*\s]*[\u4e00-\u9fff]{2,30}?(?:办公室|人民政府|委员会|指挥部|局|中心)[\s\u3000]*(?:编|编印|主编)[*\s]*$"),
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII),
}


# The 时间： field that heads minutes and meeting notices: 时间：2024年5月16日（星期四）下午3:00
MEETING_TIME_LINE = re.compile(r"^\s*(?:会议)?(?:时间|日期)\s*[：:]\s*\d{4}年\d{1,2}月\d{1,2}日")


def page_line_wanted(question: QuestionInfo) -> Callable[[str], object] | None:
    """What a line of the page itself must be to answer: its dateline, its number, its byline,
    source, issuer or e-mail address, or the 时间： field of the meeting it records; None when the
    question asks none of these."""
    if question.asks_publication_date:
        return is_dateline
    if question.asks_document_number:
        return states_own_number
    kind = question.asks_page_fact
    if kind:
        return PAGE_FACT_LINES[kind].search
    return MEETING_TIME_LINE.match if question.asks_meeting_date else None


_NUMBERED = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、]")


def candidates(question: QuestionInfo, hits: Sequence[Hit], index: Index) -> list[Candidate]:
    """Every sentence of the retrieved passages, scored, best first."""
    scorer = Scorer(question, index)
    found: dict[tuple[str, int, int], Candidate] = {}
    for rank, hit in enumerate(hits):
        document = index.documents[index.by_source[hit.chunk.source]]
        ranges = sentences(hit.chunk.text, hit.chunk.start)
        for number, (start, end) in enumerate(ranges):
            if end - start < MIN_SENTENCE_CHARS and number > 0 and not _stands_alone(document.text, start, end):
                start = ranges[number - 1][0]  # joined to the sentence before, unless a field line or a heading line
            record, end = record_start(document.text, start), record_end(document.text, end)
            key = (document.source, record, end)
            if key in found:
                continue
            prior = number - 1
            if record < start:  # a task's field: the sentence before is the one before the task
                start, prior = record, next((n for n in range(number - 1, -1, -1) if ranges[n][1] <= record), -1)
            before = document.text[ranges[prior][0] : ranges[prior][1]] if prior >= 0 else ""
            before = table_heading(document.text, start) or before
            title = f"{document.title} {document.issuer or ''}"
            people = spoken_of(document.text, start, end)
            heading_year = question.wants_date and not question.asks_day and dating_heading(document, start, end) is not None
            # a table row is scored as it reads, each cell under its column's name (村民人均分红 280元)
            score = scorer.score(document.text[start:end], before, title, people, heading_year)
            said = row_reading(document.text, start, end)
            if said is not None:
                score = max(score, scorer.score(said, before, title, people, heading_year, row=document.text[start:end]))
            if scorer.named_head and under_column(document.text, start, end, scorer.named_head):
                score += COLUMN_BONUS
            score -= 0.01 * rank
            context_start = ranges[prior][0] if prior >= 0 else start
            candidate = Candidate(rank, document, start, end, score, hit.chunk.text, context_start)
            if scorer.several_asked and candidate.text.rstrip().endswith(("：", ":")) and _enumerated_paragraphs(candidate):
                candidate = replace(candidate, score=score + LIST_BONUS)  # 附件： / 1. … / 2. …: the items follow it
            found[key] = candidate
    wanted = page_line_wanted(question)
    if wanted is not None:
        # A retrieved document's own dateline, number or byline answers, even if its passage ranked low;
        # so does the 时间： field of the meeting it records.
        for rank, hit in enumerate(hits):
            document = index.documents[index.by_source[hit.chunk.source]]
            if question.asks_page_fact or question.asks_meeting_date:
                lines = page_lines(document, wanted)
            else:
                lines = (question.asks_signed_date and signature_dates(document)) or header_lines(document, wanted)
                if not lines and question.asks_publication_date:  # a notice with no dateline is dated where it is signed
                    lines = signature_dates(document)
                if not lines and question.asks_document_number:
                    lines = page_header_lines(document, wanted)
            for start, end in lines:
                if (document.source, start, end) not in found:
                    score = scorer.score(document.text[start:end], "", f"{document.title} {document.issuer or ''}") - 0.01 * rank
                    found[(document.source, start, end)] = Candidate(rank, document, start, end, score, document.text[start:end], start)
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.hit_rank, c.start))
    # A sentence the page repeats is one candidate (its first, best-scored place).
    unique: dict[str, Candidate] = {}
    for candidate in ranked:
        unique.setdefault(normalize(candidate.text), candidate)
    return list(unique.values())


def names_a_district(sentence: str, question: QuestionInfo) -> bool:
    """``sentence`` names a district or county of a city (湘桥区), other than the places ``question`` names."""
    return any(place not in question.places and city_of(place) != place for place in find_places(sentence))


def _names_settlement(text: str, name: str) -> bool:
    """``text`` names the village or town ``name``: whole (优胜镇), or by a stem rare enough to be
    its own name (凤岭 for 凤岭镇; not 优胜, which 优胜劣汰 holds)."""
    stem = settlement_stem(name)
    return name in text or (stem in text and general_specificity(stem) >= SPECIFIC_TERM)


def _about(candidate: Candidate, place: str, figure_of: str | None = None) -> bool:
    """The sentence (or the one before it) names the place, or the document is about it (its title,
    or the place of the body that issued it: 高州 of 中共高州市委农村工作领导小组办公室).

    A place named elsewhere in the passage does not count: 江门's plan mentions 广州 as a
    source of investment, which says nothing of 广州's own figures. With ``figure_of`` (the
    text of a question asking for a figure), a village or town inside the place counts only
    when that text names it too: 街道GDP达到680亿元 is 张槎街道's figure, not 禅城区's; and a
    sentence of the place's own districts or counties gives theirs, not its own.
    """
    document = candidate.document
    if opened_by_another_place(candidate.text, place):
        return False
    nearby = document.text[candidate.context_start : candidate.end]
    if (place_covers(place, document.region, f"{document.title} {_issuing_place(document.issuer or '')}\n{nearby}")
            or _set_in(candidate, place)):
        return figure_of is None or not (_of_its_parts(candidate.text, place, figure_of)
                                         or _of_a_part_of_the_city(candidate, place, figure_of))
    # A village or town the page places in it (化州市东山镇橘园村) is in it wherever it is named.
    parts = _LOCAL_NAME.findall(nearby)
    if figure_of is not None:
        parts = [local for local in parts if local.rstrip("村镇街道社区") in figure_of]
    return any(_places_within(document.text, place, local) for local in parts)


# A sentence whose subject is a district, county or city (潮阳区要…, 江门市将…), after its number if any
_PLACE_OPENING = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]\s*)?([\u4e00-\u9fff]{2,4}?[区县市])"
                            r"(?=要|将|把|以|在|围绕|聚焦|坚持|着力|全力|加快|推动|持续|重点|积极|大力)")


def opened_by_another_place(sentence: str, place: str) -> bool:
    """``sentence`` speaks of another place as its subject and does not name ``place``: in a city's
    list of tasks by district (濠江区要…；潮阳区要…), 潮阳区's task is not 濠江's. A place within
    the other, either way (汕头 and its 潮阳), is not another."""
    opening = _PLACE_OPENING.match(sentence)
    subjects = find_places(opening.group(1)) if opening else []
    if not subjects or canonical(place) in sentence:
        return False
    subject, asked = subjects[0], canonical(place)
    return subject != asked and city_of(subject) != asked and city_of(asked) != subject


@lru_cache(maxsize=256)
def _issuing_place(issuer: str) -> str:
    """The most particular place the issuing body names (高州 of 中共高州市委…办公室; 张槎 of 禅城区张槎
    街道办事处), or ''."""
    return (find_places(issuer) or [""])[-1]


_SPEAKER_LABEL = re.compile(r"^[^，,。；;：:\n]{2,40}[：:]$")  # 黄志强（新兴县人民政府县长）： on a line of its own
SPEAKER_LOOKBACK = 8  # paragraphs above a sentence searched for the label of the turn it is in


def _speaker_label(candidate: Candidate) -> str:
    """The label of the speaker's turn the sentence is in (黄志强（新兴县人民政府县长）：), or ''."""
    spans = candidate.document.body_spans
    at = _body_span_number(candidate.document, candidate.start)
    if at is None:
        return ""
    for s, e in reversed(spans[max(0, at - SPEAKER_LOOKBACK) : at + 1]):
        line = candidate.document.text[s:e].strip()
        if _SPEAKER_LABEL.match(line):
            return line
    return ""


def _set_in(candidate: Candidate, place: str) -> bool:
    """The paragraph the sentence is in, or the turn of the speaker saying it, is about ``place``
    (2023年，新兴县地区生产总值… / 黄志强（新兴县人民政府县长）：… 全县现有规模以上工业企业186家),
    and the sentence names no place outside it."""
    asked = canonical(place)
    if any(p != asked and city_of(p) != asked for p in find_places(candidate.text)):
        return False
    paragraph = _paragraph_before(candidate)
    named = find_places(paragraph)
    if named and named[-1] == asked:
        return True
    return not named and asked in find_places(_speaker_label(candidate))


_WHOLE_PLACE = re.compile(r"全[市县区省镇]|[市县]域|[我本][市县区省镇]|合作区")
_ABOVE_A_TOWN = re.compile(r"全[市县区省]|[市县]域")  # a whole larger than a town (全镇 is the town's own)
_ASKS_WHICH_PART = re.compile(r"哪[^，,。？?]{0,3}[县区市镇]")  # 哪两个县: the parts are the answer


def _parts_named(text: str, city: str) -> list[str]:
    """The districts, counties and towns of ``city`` that ``text`` names (濠江 of 汕头), not the city itself."""
    return [p for p in find_places(text) if p != city and city_of(p) == city]


def _of_its_parts(sentence: str, place: str, question: str) -> bool:
    """``sentence`` gives figures of districts or counties inside ``place``, one by one (分县看，四会市、
    鼎湖区…已超过85%), not of the whole of it, and the question names none of them. One district named
    is where something is (斗门区围绕白蕉海鲈…), not a breakdown."""
    asked = canonical(place)
    parts = _parts_named(sentence, asked)
    if len(parts) < 2 or asked in sentence or _ASKS_WHICH_PART.search(question) or any(p in question for p in parts):
        return False
    whole = _WHOLE_PLACE.search(sentence)  # 全市…，其中四会市… is the whole first
    return whole is None or whole.start() > sentence.find(parts[0])


_WHOLE_BELOW_A_CITY = re.compile(r"全[区县镇]|[我本该][区县镇]")
_WHOLE_CITY = re.compile(r"全市|市域|[我本]市")


def _asks_a_part_of(question: str, city: str) -> bool:
    """``question`` names a part of ``city``: a district or town it knows (东莞麻涌), or a name after
    the city's (清远北江县)."""
    return (bool(_parts_named(question, city))
            or bool(re.search(re.escape(city) + r"市?[\u4e00-\u9fff]{1,4}(?:县|区|镇|街道|乡)(?!域)", question)))


def _of_a_part_of_the_city(candidate: Candidate, place: str, question: str) -> bool:
    """``place`` is a city, and the sentence gives the figure of one of its parts: of a whole district,
    county or town (全区完成工业投资额42亿元), or, when the question asks the whole city (全市), any
    figure of a page about one of its districts."""
    asked, sentence = canonical(place), candidate.text
    if asked not in GUANGDONG or asked in sentence or _WHOLE_CITY.search(sentence) or _asks_a_part_of(question, asked):
        return False
    if any(settlement_stem(name) in question for name in _LOCAL_NAME.findall(sentence)):
        return False  # 麻涌镇负责人介绍，该镇… answers 东莞麻涌…多长: the town is asked
    if _WHOLE_BELOW_A_CITY.search(sentence):
        return True
    return bool(_WHOLE_CITY.search(question)) and bool(_parts_named(candidate.document.title, asked))


# 硬化村道, 村容村貌: 村 opening another word ends no name
_LOCAL_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}(?:村(?![道容庄貌])|镇|街道|社区)")
# A cell naming a kind of village or town (省级典型村, 中心镇), not one: 台城街道 and 四九镇 are names
_KIND_CELL = re.compile(rf"(?:{SETTLEMENT_KIND_WORDS}|城中)(?:村|镇|乡|街道)$")
_LOCAL_CELL = re.compile(r"(?:^|\|)\s*([\u4e00-\u9fff]{2,4}(?:村|镇|乡|街道))\s*(?=\||$)")
_LOCAL_KIND = re.compile(r"[村镇]+$")  # 典型村, 镇村


def of_a_part(sentence: str, question: QuestionInfo) -> bool:
    """``sentence`` speaks of a village or town the question does not name, and not of the whole
    place the question asks about (全区, 合作区, or the place's name)."""
    local = next((m for m in _LOCAL_NAME.finditer(sentence)
                  if _is_unasked_local(m.group(), ("村", "镇"), question.text) and sentence[m.end() : m.end() + 1] != "街"), None)
    if local is None and TABLE_ROW.fullmatch(sentence.strip()):
        # a row's cell that is a town's name alone (四九镇 | 14210, 台城街道 | 19865), though jieba reads
        # 四九 as a numeral
        local = next((m for m in _LOCAL_CELL.finditer(sentence) if m.group(1) not in question.text
                      and not _KIND_CELL.search(m.group(1))), None)
    if local is None or any(place in sentence for place in question.places):
        return False
    whole = _WHOLE_PLACE.search(sentence)
    return whole is None or whole.start() > local.start()  # 石岗镇…，总量居全县各镇首位 is still 石岗镇's


def of_another_settlement(sentence: str, question: QuestionInfo) -> bool:
    """``sentence`` names a village or town of the kind the question names, but not the one it
    names (溪头村 asked: 斗门村文化广场由…承建 is 斗门村's)."""
    asked = question.settlements
    if not asked or any(settlement_stem(name) in sentence for name in asked):
        return False
    kinds = tuple(dict.fromkeys(name[-1] for name in asked))
    return names_local_places(sentence, kinds, question.text)


def names_local_places(sentence: str, kind: tuple[str, ...], question: str) -> bool:
    """``sentence`` names a village or town of a ``kind`` asked (村: 渔湾村、石角村) that the
    question does not name itself."""
    return any(_is_unasked_local(name, kind, question) for name in _LOCAL_NAME.findall(sentence))


def _names_as_many(paragraph: str, count: str, question: str) -> bool:
    """``paragraph`` names as many villages or towns as the question's ``count`` (3个) counts, of
    the kind it counts (镇 of 3个典型镇), none of them named by the question."""
    counted = re.search(re.escape(count) + r"[\u4e00-\u9fff]{0,4}?([村镇])", question)
    number = re.match(r"\d+", count)
    if counted is None or number is None:
        return False
    names = (_LEADING_WORD.sub("", name) for name in _LOCAL_NAME.findall(paragraph) if name.endswith(counted.group(1)))
    named = {name for name in names if len(name) >= 3 and not kind_of_settlement(name) and name not in question}
    return len(named) == int(number.group())


def _lists_places_below(candidate: Candidate, kind: tuple[str, ...], question: str) -> bool:
    """The paragraphs ``candidate`` opens a list with each name a village or town of the ``kind`` asked
    (现对4个…的镇予以通报表扬。 / 二、先进典型 / （一）青溪镇。… / （四）湖田镇。…)."""
    items = _enumerated_paragraphs(candidate)
    # a list's table rows are named in their first cell (| 新圩村 | 杜步镇 | …)
    return bool(items) and all(names_local_places(item.text, kind, question) or row_cells(item.text)[0].endswith(kind)
                               for item in items)


_LEADING_WORD = re.compile(r"^[将把在对由和与及同到从向为是让使]")  # 将长潭镇打造为…: 将 is no part of the name


def _is_unasked_local(name: str, kind: tuple[str, ...], question: str) -> bool:
    """``name`` is a village's or town's own name (渔湾村), of a ``kind``, that the question does not name;
    not a kind of them (典型村) nor words before one (超百亿镇街)."""
    return name.endswith(kind) and name not in question and names_a_settlement(name)


_BETWEEN_PLACES = re.compile(r"[市县区]?[\u4e00-\u9fff]{0,6}")  # 市东山镇 in 化州市东山镇橘园村


@lru_cache(maxsize=4096)
def _places_within(text: str, place: str, local: str) -> bool:
    """``text`` writes ``local`` as a part of ``place`` (化州市东山镇橘园村)."""
    place = canonical(place)
    at = text.find(local)
    while at >= 0:
        before = text[max(0, at - len(place) - 7) : at]
        if place in before and _BETWEEN_PLACES.fullmatch(before[before.rfind(place) + len(place) :]):
            return True
        at = text.find(local, at + 1)
    return False


_PAST_YEAR = re.compile(r"去年|过去一年|上一年|上年度")
# Headings that open a line, by rank: 一、 (or 第一部分), （一）, 1. The words up to the first 。.
_OUTLINE_HEADING = re.compile(
    r"(?m)^[ \t\u3000]*" + _MARKDOWN_MARK + r"(?:([一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[部章节]分?)"
    r"|([（(][一二三四五六七八九十]{1,3}[）)])|(\d{1,2}\s*[.．、]))[^\n。]{0,40}"
)


def _outline(text: str, start: int) -> list[re.Match[str]]:
    """The headings the text at ``start`` stands under, nearest first: the last of each rank
    above the one after it (一、2023年工作取得阶段性成效 over （四）民生保障不断加强)."""
    above, rank_seen = [], 4
    for match in reversed(list(_OUTLINE_HEADING.finditer(text, 0, start))):
        rank = next(n for n in (1, 2, 3) if match.group(n))
        if rank < rank_seen:
            above.append(match)
            rank_seen = rank
        if rank == 1:
            break
    return above


def dating_heading(document: Document, start: int, end: int) -> int | None:
    """Where the nearest heading that names a year, of those the sentence ``document.text[start:end]``
    stands under, is (an offset inside it): a plan states its targets under （二）到2027年，…
    without repeating the year. None when the sentence dates itself or no heading above it names a year."""
    if states_a_date(document.text[start:end]):
        return None
    dated = (m for m in _outline(document.text, start) if _YEAR.search(m.group()))
    return next((m.end() - 1 for m in dated if not m.start() <= start < m.end()), None)


_BASELINE_YEAR = re.compile(r"(?:由|从|比|较|与|同)\s*(?:19|20)\d{2}\s*年[底末初]?")


def _in_year(candidate: Candidate, year: str) -> bool:
    """The sentence names the year, or the document is from it or about it (its title), or a
    heading it stands under names it (一、2023年工作取得阶段性成效; （一）到2025年，…), or its
    paragraph last named that year before it, or the sentence says 去年 on a page of the year after."""
    document = candidate.document
    text = _TITLED_WORK.sub("《》", candidate.text)  # 按照《…三年行动方案（2023—2025年）》，到2025年…: the plan's years
    if year in text:
        return True
    own_years = _BASELINE_YEAR.sub("", text)  # 由2023年底的52.3%提高到67.8%: 2023 is where it began
    if _YEAR.search(own_years) and not _YEAR_SPAN.search(text):
        return False  # 力争到2025年… on a page of 2023 is of 2025
    headings = [heading.group() for heading in _outline(document.text, candidate.start)]
    if any(year in heading for heading in headings):
        return True
    if any(_YEAR.search(heading) and not _YEAR_SPAN.search(heading) and "以来" not in heading for heading in headings):
        return False  # 一、2023年工作回顾 over it, on a page of 2024: of 2023
    if not _YEAR.search(own_years):
        # A paragraph that opens with its year (2023年，全县实现…；农村居民人均可支配收入31826元) dates
        # the sentences after it, over the page's year.
        named = list(_YEAR_NAMED.finditer(_paragraph_before(candidate)))
        if named and named[-1].group(1).startswith(year):
            return True
        if named and not named[-1].group(2):
            return False
        # 二是特色产业加快壮大。… follows 一是县域经济稳中有进。2023年，…: the points share the first one's year
        first_point_years = _first_point_years(candidate)
        if first_point_years:
            return first_point_years == {year}
    if year in document.title or (document.date or "").startswith(year):
        return True
    page_year = (document.date or "")[:4]
    nearby = document.text[candidate.context_start : candidate.end]
    return page_year.isdigit() and int(page_year) - 1 == int(year) and bool(_PAST_YEAR.search(nearby))


_TITLED_WORK = re.compile(r"《[^《》]*》")
_LATER_POINT = re.compile(r"\s*[二三四五六七八九十]是")
_FIRST_POINT = re.compile(r"\s*一是")


def _first_point_years(candidate: Candidate) -> set[str]:
    """The years the first of a speaker's points (一是…) names, when ``candidate``'s paragraph is a
    later point (二是…) of the same run of paragraphs; else an empty set."""
    document = candidate.document
    number = _body_span_number(document, candidate.start)
    if number is None or not _LATER_POINT.match(document.text[slice(*document.body_spans[number])]):
        return set()
    for earlier in range(number - 1, -1, -1):
        paragraph = document.text[slice(*document.body_spans[earlier])]
        if _FIRST_POINT.match(paragraph):
            return {m.group(1)[:4] for m in _YEAR_NAMED.finditer(paragraph) if not m.group(2)}
        if not _LATER_POINT.match(paragraph):
            return set()
    return set()


def _town_of(candidate: Candidate, city: str, question: QuestionInfo) -> bool:
    """The question names a town or village right after ``city`` (阳江溪尾镇), the sentence's page
    names it, and the page declares a region in that city (广东省阳江市南鹏县): the city only says
    where the town is."""
    document = candidate.document
    return region_within(document.region, city) and any(
        re.search(re.escape(city) + r"[市县区]?" + re.escape(name), question.text) and _names_settlement(document.text, name)
        for name in question.settlements)


def eligible(question: QuestionInfo, ranked: list[Candidate], place: str | None = None) -> list[Candidate]:
    """Candidates that speak of the question's places and years (one place only, when given)."""
    places = (place,) if place else question.places
    figure_of = question.text if question.wants_number else None
    period = part_of_year(question.text)
    relative = question.relative_year
    # 2024年度考核结果是哪天审定的: the year names what was done, which may be dated the year after
    annual = {y for y in question.years if question.wants_date and re.search(y + r"\s*年度", question.text)}
    return [
        c
        for c in ranked
        if all(_about(c, p, figure_of) or _town_of(c, p, question) for p in places)
        # 这份2024年经济运行分析是哪天出的: its year names the page, dated the year after
        and all(_in_year(c, y) or ((y in annual or question.asks_publication_date) and y in f"{c.document.title}{c.text}")
                for y in question.years)
        and (period is None or not (parts := _of_parts_of_year(c)) or period in parts)
        and (relative is None or not _states_another_year(c, relative))
    ]


# A year a sentence is about; not one it compares with (比2022年增长).
_STATED_YEAR = re.compile(r"(?<![比较与同])((?:19|20)\d{2})\s*年")


def _states_another_year(candidate: Candidate, offset: int) -> bool:
    """The sentence names its year outright, and not the one ``offset`` years from its page's year
    (2023年，村集体收入达到86万元 on a page of 2024 does not answer 今年; 到2025年 does not either)."""
    page_year = (candidate.document.date or "")[:4]
    text = _BOOK_TITLE.sub("", candidate.text)
    if not page_year.isdigit() or _YEAR_SPAN.search(text):
        return False
    stated = _STATED_YEAR.findall(text)
    if stated:
        return str(int(page_year) + offset) not in stated
    # A clause that names no year is of the year its sentence opens with (2024年，…；城乡居民收入比…)
    sentence = re.split(r"[。！？!?]", _paragraph_before(candidate))[-1]
    opening = _YEAR_OPENING.match(sentence)
    if opening is None or _RELATIVE_YEAR.search(sentence, opening.end()) or _RELATIVE_YEAR.search(text):
        return False  # 2023年，…；今年1—9月… speaks of this year again
    return opening.group(1) != str(int(page_year) + offset)


_YEAR_OPENING = re.compile(r"\s*((?:19|20)\d{2})\s*年\s*[，,]")


# A part of the year a figure is of (第一季度 is 一季度; 1—8月份 is 1-8月), or the whole year; not one
# a figure is compared with (比一季度提高).
_PART_OF_YEAR = re.compile(
    r"(?<![比较于])(?:第)?(前三季度|[一二三四]季度|[上下]半年|全年|(\d{1,2})\s*[—\-–~～至到]\s*(\d{1,2})\s*月"
    r"|前\s*(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*个\s*月)"  # 前8个月 is 1—8月
)


# A figure given in brackets for the part a figure is compared with: 增速比上半年（3.6%）提高.
_COMPARED_PART = re.compile(r"(?<=[比较于])(?:第)?(前三季度|[一二三四]季度|[上下]半年|全年)(?=[（(]\s*\d)")


def part_of_year(text: str) -> str | None:
    """The part of the year ``text`` speaks of (一季度, 上半年, 前三季度, 1-8月, 全年), else None."""
    found = _PART_OF_YEAR.search(text)
    return None if found is None else _part_named(found)


def _part_named(found: re.Match[str]) -> str:
    if found.group(4):
        months = f"1-{int(amount_value(found.group(4)) or 0)}月"
    elif found.group(2):
        months = f"{int(found.group(2))}-{int(found.group(3))}月"
    else:
        return found.group(1)
    return _MONTHS_AS_PART.get(months, months)


def parts_of_year(text: str) -> set[str]:
    """Every part of the year ``text`` gives a figure of: the parts it speaks of, and those it
    compares with and gives in brackets (比上半年（3.6%）)."""
    return {_part_named(found) for found in _PART_OF_YEAR.finditer(text)} | set(_COMPARED_PART.findall(text))


_MONTHS_AS_PART = {"1-3月": "一季度", "1-6月": "上半年", "1-9月": "前三季度", "1-12月": "全年"}


def _of_parts_of_year(candidate: Candidate) -> set[str]:
    """The parts of the year the sentence's figures are of: said in the sentence, its table's caption
    (表2 一季度县域经济主要指标) or its paragraph's opening (上半年，…); empty when nothing says."""
    document = candidate.document
    for text in (candidate.text, table_heading(document.text, candidate.start), _paragraph_before(candidate)):
        parts = parts_of_year(text)
        if parts:
            return parts
    return set()


_WITH_ASPECT = re.compile(r"[\u4e00-\u9fff]{1,2}[了过着]")  # 建了: a verb with its aspect, no topic
# 镇村 asks for towns and villages, it names none; 镇里 is "among the towns"; 各镇 is "each town"
_PLACE_KINDS = re.compile(r"[县镇乡村]{2,3}|[省市县区镇乡村][里内上中]|各(?:镇|乡镇|街道|镇街)(?!村)")
_COMPARATIVE = re.compile(r"[更最较][\u4e00-\u9fff]")  # 哪个投资更大 asks to compare, 更大 names no topic


def specific_terms(question: QuestionInfo, index: Index) -> list[str]:
    """The question's specific topic words that the corpus knows: an answer must mention them.

    Only whole words are kept (not the sub-words search mode adds), and not numbers,
    places or years (those are checked separately), nor words in a large share of the
    passages (the corpus' own subject, such as 百千万工程 here, which it also writes in full).
    """
    terms = [t for t in question.terms if not any(t != other and t in other for other in question.terms)]
    terms = [t for t in terms if not _is_place_or_year(t) and not re.fullmatch(r"[\d.]+", t) and not _COMPARATIVE.fullmatch(t)
             and not _PLACE_KINDS.fullmatch(t) and not _WITH_ASPECT.fullmatch(t)]
    terms = [t for t in terms if not any(t in either for either in question.alternatives)]
    # 建好, 修完: a verb with its result says how a user asks, not what about
    verbs = {word for word, tag in tagged(question.text) if tag == "v" and len(word) == 2 and word[-1] in _RESULT_COMPLEMENTS}
    kept = [
        t
        for t in terms
        if t not in verbs
        and index.lexical.known(t)
        and general_specificity(t) >= SPECIFIC_TERM
        and index.lexical.document_frequency(t) <= COMMON_IN_CORPUS * len(index)
    ]
    # A new name cut in pieces (白蕉海 + 鲈全) is required whole, not piece by piece.
    for run in guessed_runs(question.text):
        pieces = [t for t in kept if t in run]
        if pieces:
            kept = [t for t in kept if t not in pieces] + [run]
    return kept


# 产、城、人、文、生: one character an item, a name written out (产城人文生 asks of it)
_CHARACTER_LIST = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:、[\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])")


def missing_terms(candidate: Candidate, terms: list[str], sentence_only: bool = False) -> list[str]:
    """Specific terms absent from the sentence, the sentence before it, and the document's title and issuer.

    With ``sentence_only`` (questions asking for a figure) the sentence before does not
    count: the figure must stand next to what it measures.
    """
    start = candidate.start if sentence_only else candidate.context_start
    document = candidate.document
    people = " ".join(spoken_of(document.text, candidate.start, candidate.end))
    table = table_heading(document.text, candidate.start)  # a row's caption says what its figures are
    context = normalize(f"{document.text[start : candidate.end]} {table} {people} {document.title} {document.issuer or ''}")
    context += " " + " ".join(found.group().replace("、", "") for found in _CHARACTER_LIST.finditer(context))
    missing = [t for t in terms if not mentions_term(context, t)]
    if missing:
        # A village or town a paragraph is about is named at its start (黄花坑村是我们的“样板”。
        # …到2023年底，村集体经济收入达到46万元), or in the title of its section (案例一：大埔县青溪湾镇
        # 茶岭村——…): its figures are its own.
        paragraph = normalize(f"{_paragraph_before(candidate)} {_section_title(candidate)}")
        if not _ABOVE_A_TOWN.search(candidate.text):  # …全县村级集体经济收入全部超过10万元 is the county's
            missing = [t for t in missing if not _names_local_place(paragraph, t)]
    if missing:
        # 2024年1—9月，全县实现…；农村居民人均可支配收入16328元: a period opening the sentence holds for
        # every clause of it
        text = document.text
        opening = normalize(text[max(text.rfind("。", 0, candidate.start), text.rfind("\n", 0, candidate.start)) + 1 : candidate.start])
        missing = [t for t in missing if not (t in _PERIOD_MONTHS and mentions_term(opening, t))]
    if missing and sentence_only:
        # 共建黄圃预制菜产业园。产业园一期…上半年实现产值18.4亿元: the sentence names the thing by its
        # head word alone, right after the sentence or the paragraph before named it in full.
        before = normalize(document.text[_paragraph_before_start(candidate) : candidate.start])
        sentence = normalize(candidate.text)
        missing = [t for t in missing if not _named_again_by_head(before, sentence, t) and not _meeting_named_before(before, sentence, t)]
    if missing and sentence_only:
        # 6.做大文旅会展产业。…争取2024年底规上食品工业产值突破160亿元: an item's numbered title
        # says what the sentences under it are about.
        title = normalize(_item_title(candidate))
        missing = [t for t in missing if not mentions_term(title, t)]
    if missing and sentence_only:
        # 邓秀英告诉记者，…她把自家老屋改造成…民宿。民宿开业以来…营业收入达18.6万元: a sentence that names
        # nobody and opens with a thing the sentence before spoke of goes on about that one's thing.
        previous = document.text[candidate.context_start : candidate.start]
        if "\n" not in previous.strip() and not names_a_person(candidate.text) and _opens_with_word_of(candidate.text, previous):
            missing = [t for t in missing if not mentions_term(normalize(previous), t)]
    if missing and sentence_only:
        # “一老一小”问题是最现实的民生问题。《工作要点》提出…适老化改造不少于1400户: a name the paragraph's
        # opening sentence gives in quotes is what the paragraph is about.
        named = _COINED.findall(_first_sentence(_paragraph_before(candidate)))
        missing = [t for t in missing if not any(mentions_term(normalize(name), t) for name in named)]
    if missing and not sentence_only and len(missing) < len(terms):
        # The sentence answers one part of the question (区委书记); the setting the question
        # also names (the 现场会 it spoke at) may be told elsewhere in the same document.
        whole = _normalized(document.text)
        missing = [t for t in missing if not mentions_term(whole, t)]
    return missing


def _opens_with_word_of(sentence: str, previous: str) -> bool:
    """``sentence`` opens with a noun of two characters or more that ``previous`` says (民宿开业以来… after
    …改造成民宿)."""
    first = next(iter(tagged(sentence.strip())), ("", ""))
    return len(first[0]) >= 2 and first[1].startswith("n") and first[0] in previous


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``, or '' when it has none."""
    first = sentences(text)[:1]
    return text[first[0][0] : first[0][1]] if first else ""


def _item_title(candidate: Candidate) -> str:
    """The numbered title its paragraph opens with (6.做大文旅会展产业。), when the sentence is
    not the title itself, or the numbered title on the line above a paragraph the sentence opens
    (（二）封溪绿色建材产业园 / 规划面积3600亩…); else ''."""
    opening = _paragraph_before(candidate)
    title = _first_sentence(opening)
    if title:
        return title if _HEADING.match(title) else ""
    document = candidate.document
    number = _body_span_number(document, candidate.start)
    if not number or opening.strip():
        return ""
    # 项目一：年产5万吨…项目 / 选址：… / 投资估算：3.2亿元: the record's field lines under its title
    for above in range(number - 1, max(-1, number - 1 - RECORD_LINES), -1):
        start, end = document.body_spans[above]
        title = document.text[start:end]
        if _HEADING.match(title) or _ITEM_HEADING.match(title):
            return title
        if not _FIELD_LABEL.fullmatch(title.strip()):
            return ""
    return ""


_ITEM_HEADING = re.compile(r"^\s*(?:项目|案例|专栏)[一二三四五六七八九十\d]{1,3}\s*[：:][^，,。；;]{1,40}$")  # 项目一：…


def _paragraph_before_start(candidate: Candidate) -> int:
    """Where the paragraph before ``candidate``'s own begins (its own, when it is the first)."""
    document = candidate.document
    number = _body_span_number(document, candidate.start)
    if number is None:
        return candidate.context_start
    return document.body_spans[max(0, number - 1)][0]


def _named_again_by_head(before: str, sentence: str, term: str) -> bool:
    """``before`` names ``term`` with a head word after it (预制菜 + 产业园) that ``sentence`` repeats."""
    for match in re.finditer(re.escape(term) + r"([\u4e00-\u9fff]{2,4})", before):
        following = match.group(1)
        if any(following[:n] in sentence and is_word(following[:n]) for n in range(len(following), 1, -1)):
            return True
    return False


# 召开6月份工作调度会…。会议通报了…: the sentence speaks of the meeting the one before named
_THE_MEETING = re.compile(r"^\s*(?:会议|会上|本次会议|此次会议|大会)")


def _meeting_named_before(before: str, sentence: str, term: str) -> bool:
    """``term`` names a meeting (调度会) that ``before`` names and ``sentence``, opening with 会议, reports."""
    return term.endswith("会") and term in before and _THE_MEETING.search(sentence) is not None


_LOCAL_SUFFIX = "(?:村|镇|乡|社区|街道)"
_LOCAL_PLACE = re.compile(rf"[\u4e00-\u9fff]{_LOCAL_SUFFIX}$")  # the end of a village's or town's name


def _names_local_place(paragraph: str, term: str) -> bool:
    """``paragraph`` names the village or town ``term`` (黄花坑村; 坦洲, written 坦洲镇 there)."""
    if _LOCAL_PLACE.search(term):  # a kind of village (典型村) is no place a paragraph is about
        return not kind_of_settlement(term) and mentions_term(paragraph, term)
    return re.search(re.escape(term) + _LOCAL_SUFFIX, paragraph) is not None


SECTION_LOOKBACK = 15  # paragraphs above a sentence searched for the title of its section


def _section_title(candidate: Candidate) -> str:
    """The nearest line above the sentence that names a village or town and is a title, not a
    sentence (案例一：大埔县青溪湾镇茶岭村——“蜜柚+茶旅”双轮驱动), or ''."""
    document = candidate.document
    at = _body_span_number(document, candidate.start)
    if at is None:
        return ""
    for start, end in reversed(document.body_spans[max(0, at - SECTION_LOOKBACK) : at]):
        line = document.text[start:end].strip()
        if "。" in line or _CAPTION_OR_LABEL.match(line):
            continue  # a sentence, a photo caption (▲…), a sub-heading label (【主要做法】)
        return line if _LOCAL_NAME.search(line) else ""
    return ""


_CAPTION_OR_LABEL = re.compile(r"[▲△▼■□●◆]|图[：:\s\d]|【[^】]{1,8}】$")


def _body_span_number(document: Document, offset: int) -> int | None:
    """Which kept body span (a paragraph) of ``document`` holds ``offset``."""
    return next((n for n, (s, e) in enumerate(document.body_spans) if s <= offset < e), None)


def _body_span(document: Document, offset: int) -> tuple[int, int] | None:
    """The kept body span (a paragraph) of ``document`` that holds ``offset``."""
    number = _body_span_number(document, offset)
    return None if number is None else document.body_spans[number]


def _paragraph_of(candidate: Candidate) -> str:
    """The text of ``candidate``'s whole paragraph (its body line)."""
    span = _body_span(candidate.document, candidate.start)
    return candidate.document.text[slice(*span)] if span else candidate.text


def _paragraph_before(candidate: Candidate) -> str:
    """The text of ``candidate``'s paragraph (its body line) up to the sentence."""
    span = _body_span(candidate.document, candidate.start)
    return candidate.document.text[span[0] if span else candidate.start : candidate.start]


def _normalized_page(candidate: Candidate) -> str:
    return _normalized(candidate.document.text)


@lru_cache(maxsize=64)
def _normalized(text: str) -> str:
    """``normalize`` of a whole document, kept: every candidate of a question may need it."""
    return normalize(text)


_SPREAD_BY = "[镇村县区户企]"  # 帮镇扶村, 强镇兴村: a two-character verb spread over where it acts
GENERIC_MODIFIER = 8.5  # general_specificity below which a compound's first word only restates its head
GUESSED_NAME_CHARS = 4  # a guessed word this long may have a neighbour's character at either end
COMPOUND_GAP = 4  # characters a compound's two halves may stand apart (产业园区 in 产业合作园区)


@lru_cache(maxsize=4096)
def _halves(term: str) -> tuple[tuple[str, str], ...]:
    """Ways to read ``term`` as two words of two or more characters each (产业园区 → 产业 + 园区)."""
    return tuple((term[:cut], term[cut:]) for cut in range(2, len(term) - 1) if is_word(term[:cut]) and is_word(term[cut:]))


_BRACKETED_ALTERNATIVE = re.compile(r"(?<=[\u4e00-\u9fff])[(（]([\u4e00-\u9fff])[)）]")  # 每个县(区) names 县区


@lru_cache(maxsize=4096)
def _alternatives_joined(text: str) -> str:
    return _BRACKETED_ALTERNATIVE.sub(r"\1", text)


def mentions_term(text: str, term: str, official: bool = True) -> bool:
    """``text`` names ``term``: verbatim, in an official form of an everyday word (大夫 as 医生,
    unless ``official`` is False), or as a compound whose two words stand a few characters apart
    within one clause (深圳汕头产业合作园区 names an 产业园区; 食品 next to 工业 elsewhere does not)."""
    if term in text or (official and any(form in text for form in official_forms(term))):
        return True
    if ("(" in text or "（" in text) and term in _alternatives_joined(text):
        return True
    if "到" in term and term.replace("到", "至") in text:
        return True  # 桂坑村到王茶村 written 桂坑村至王茶村
    if len(term) >= GUESSED_NAME_CHARS and is_guessed(term) and (term[1:] in text or term[:-1] in text):
        return True  # jieba guesses where a new name ends from its neighbours: 白蕉海鲈全 is 白蕉海鲈
    if len(term) == 2 and re.search(f"{re.escape(term[0])}{_SPREAD_BY}{re.escape(term[1])}{_SPREAD_BY}", text):
        return True  # 帮扶 spread over the places it is done in: 帮镇扶村
    if len(term) == 2 and term[1] in "建造" and re.search(f"{re.escape(term[0])}[（(]?(?:[改扩续迁翻修][、，,]?){{1,2}}[)）]?{re.escape(term[1])}", text):
        return True  # 新建 and 改建 said together as 新改建 (新建、改建、扩建 as 新改扩建, 新(改、扩)建)
    if len(term) == 3 and is_word(term[:2]) and re.search(f"{re.escape(term[:2])}[\u4e00-\u9fff]{re.escape(term[2])}", text):
        return True  # 撂荒地 written 撂荒耕地: a word and its head character, one character between
    if any(re.search(rf"(?<!\d){first}\s*[-—–~～至到]\s*{last}\s*月", text) for first, last in _PERIOD_MONTHS.get(term, ())):
        return True  # 前三季度 written as its months, 1—9月 (三季度 alone may be 7-9月)
    return any(
        re.search(f"{re.escape(head)}[^，,。；;、：:\\s]{{0,{COMPOUND_GAP}}}{re.escape(tail)}", text)
        # 建设项目 is said 项目 too: a modifier as common as 建设 narrows nothing down
        or (tail in text and general_specificity(head) < GENERIC_MODIFIER)
        for head, tail in _halves(term)
    )


# A part of the year and the months that write it: (first month, last month)
_PERIOD_MONTHS = {
    "一季度": ((1, 3),), "二季度": ((4, 6), (1, 6)), "三季度": ((7, 9), (1, 9)), "四季度": ((10, 12),),
    "前三季度": ((1, 9),), "上半年": ((1, 6),), "下半年": ((7, 12),),
}
_CLAUSE = re.compile(r"[^，,；;：:。！？!?]+")
MEASURE_SPECIFICITY = 9.0  # a measure word below this (项目, 计划) says too little to insist on
_COUNTED_CHARS = 15  # characters after a count (13个省级以上现代农业产业园) that name what is counted
RARE_QUALIFIER = 10.0  # a qualifier this rare (固定资产) must be said by the sentence itself


@dataclass(frozen=True)
class FigureContext:
    """The words around one figure of a sentence: its clause before and after it, and the clause before."""

    before: str
    after: str
    previous: str
    figure: str = ""
    earlier: tuple[str, ...] = ()  # the clauses before ``previous``, nearest first


# Items of a list that end with a figure of their own (新增5家、基本标准机构占比85%): the next
# figure measures only what its own item names.
_OWN_ITEM = re.compile(r"^.*\d[^、\d]{0,3}、")


def figure_contexts(sentence: str, figure: re.Pattern[str]) -> list[FigureContext]:
    """Each figure of the kind in ``sentence`` with the words that may say what it measures
    (新增公办基础教育学位超1.4万个: 新增公办基础教育学位超; 7.2平方公里启动区建设: …, 启动区建设)."""
    clauses = [match.span() for match in _CLAUSE.finditer(sentence)]
    contexts = []
    for found in figure.finditer(sentence):
        for number, (start, end) in enumerate(clauses):
            if start <= found.start() < end:
                previous = sentence[clauses[number - 1][0] : clauses[number - 1][1]] if number > 0 else ""
                earlier = tuple(sentence[s:e] for s, e in reversed(clauses[max(0, number - 1 - SUBJECT_CLAUSES) : max(0, number - 1)]))
                before = _OWN_ITEM.sub("", sentence[start : found.start()])
                contexts.append(FigureContext(before, sentence[found.end() : end], previous, found.group(), earlier))
                break
    return contexts


_COUNT_SUFFIX = re.compile(r"(?<=..)[量数值额]$")  # 植树量 is said 植树1万株


def _names_loosely(text: str, word: str) -> bool:
    """``text`` names ``word``, perhaps with a character between (老人 in 老年人) or without
    a counting suffix (植树 for 植树量)."""
    if mentions_term(text, word):
        return True
    word = _COUNT_SUFFIX.sub("", word)
    if mentions_term(text, word):
        return True
    return re.search(".?".join(re.escape(char) for char in word), text) is not None


def measures_other(question: QuestionInfo, sentence: str, figure: re.Pattern[str]) -> bool:
    """Every figure of the kind in ``sentence`` measures something other than what the question asks:
    neither its clause nor the clause before names the question's measure (营收5亿元 for 财政专项资金),
    or its clause names it for another thing (医养结合服务率 38% for 家庭医生签约服务率)."""
    words = question.measure_words
    if not words:
        return False
    head = words[-1]
    modifiers = [w for w in words[:-1] if general_specificity(w) >= MEASURE_SPECIFICITY]
    topic = [w for w in dict.fromkeys(nouns(question.text)) if len(w) >= 2 and general_specificity(w) >= MEASURE_SPECIFICITY]
    text, asked = normalize(sentence), normalize(question.text)
    shortened = abbreviated_words(text, question.text)  # 医学生 for 医学院 + 学生
    if question.figure_kind != "count" and any(
        not _names_loosely(text, modifier) and not any(modifier in word for word in shortened)
        for modifier in modifiers
        if general_specificity(modifier) >= RARE_QUALIFIER
    ):
        # 固定资产投资 asked, 工业投资额 stated: an amount's qualifier says which amount. (A count
        # names what it counts beside it, 28个项目, and the question's qualifier may only describe it.)
        return True
    other = False
    for context in figure_contexts(text, figure):
        own = context.before + context.after
        if not _names_loosely(own, head):
            # Chinese leaves the subject of a figure's clause to the clause before (…改造工作,全年不少于600户)
            bare = not names_a_measure(context.before + context.after)
            if bare and _subject_named_before((context.previous, *context.earlier), head):
                return False
            if question.figure_kind == "count" and any(mentions_term(context.after[:_COUNTED_CHARS], noun) for noun in topic):
                return False  # 多少个园区 in a question about 农业产业园: 13个…现代农业产业园 counts them
            # 多少家企业 is not 1个…产业带: another unit, counting what its own words name.
            unit = question.count_unit
            counts_other = bool(unit and context.after and context.figure[-1:] not in _kindred_units(unit))
            counts_other = counts_other or (question.figure_kind == "count" and _counts_a_thing_not_asked(context.after, asked))
            counts_other = counts_other or _other_side_of_money(asked, context.before)
            # A word as common as 项目 may be left unsaid: this figure neither answers nor rules out.
            other = other or counts_other or general_specificity(head) >= MEASURE_SPECIFICITY
            continue
        at = context.before.rfind(head)
        qualifiers = [word for word in (trailing_noun_phrase(context.before[:at]) if at >= 0 else ())
                      if word not in _STANDS_FOR_THE_SUBJECT]
        if (any(len(word) >= 2 and not mentions_term(asked, word) for word in qualifiers)
                and any(not _names_loosely(own, modifier) for modifier in modifiers)):
            other = True  # the head with a qualifier of its own (平安乡村建设合格率), and not the question's
            continue
        return False
    return other


# Words that take up the subject named before them (…产业园首期开工建设，园区规划占地620亩): no qualifier of their own
_STANDS_FOR_THE_SUBJECT = frozenset(("园区", "该园", "项目", "该项目", "基地", "全镇", "全县", "全区", "全市", "全村", "该镇", "该县", "该村", "该区"))


# Money spent and money earned are never each other's figure: 增收28万元 does not answer 完成投资多少.
_MONEY_SIDES = (
    re.compile(r"投资|投入|资金|奖补|补贴|补助|经费|预算|拨付|融资|贷款"),
    re.compile(r"收入|增收|营收|产值|利润|销售额|税收|分红|创收|营业额"),
)


def _other_side_of_money(asked: str, before: str) -> bool:
    """The words before a figure speak only of the other side of money than the question
    (增收 before the figure, 投资 asked)."""
    return any(own.search(asked) and not own.search(before) and other.search(before) and not other.search(asked)
               for own, other in (_MONEY_SIDES, _MONEY_SIDES[::-1]))


SUBJECT_CLAUSES = 2  # clauses before the one before a figure that may still hold its subject


def _subject_named_before(clauses: Sequence[str], head: str) -> bool:
    """The nearest of ``clauses`` (nearest first) that says what is measured names ``head``:
    全区实现地区生产总值318.56亿元，按不变价格计算，同比增长4.2%: 4.2% is the GDP's growth. A clause
    with no figure (按不变价格计算) or no measure (同比增长4.2%) passes the subject on."""
    for clause in clauses:
        if _names_loosely(clause, head):
            return True
        if _HAS_NUMBER.search(clause) and names_a_measure(clause):
            return False  # a figure of its own thing stands between
    return False


def _counts_a_thing_not_asked(after: str, asked: str) -> bool:
    """The count names right after itself a thing the question does not ask about (7个镇入选… when
    the question counts 项目)."""
    words = tagged(after[:_COUNTED_CHARS])
    if not words:
        return False
    word, tag = words[0]
    return tag.startswith("n") and not mentions_term(asked, word)


# A sentence that states a ranking: 排名前五位的是…, 位居全市第一, 名列榜首.
_RANKING = re.compile(
    r"排名|排在|排行|排序|位居|名列|居[^，,。；;]{0,8}(?:首位|第[一二三四五六七八九十\d]|前列|末位)|第[一二三四五六七八九十\d]+名"
    r"|榜首|[前后][一二两三四五六七八九十\d]+位|[首末]位|依次为|依次是|最[高低多少快慢大小]的"
)
_ONE_HOUSEHOLD = re.compile(r"[她他我你]家(?!庭)|自家|[她他]们家|家里")
_EACH_OF_SEVERAL = re.compile(r"、[^。；;]*每(?:个|一个)?[镇村乡户]")  # 桂山镇、龙溪镇…，每镇安排资金…
_LIST_ITEM = re.compile(r"[^，,；;：:。！？!?、]+")  # a clause, or one item of a 、-list
_BUSINESS = re.compile(r"生产|制造|产品|主营|经营|从事|专注|研发|加工|供应")
_RANK_TOP = re.compile(r"第一|前[一二两三四五六七八九十\d]+(?!季)[位名]?|前列|首位|榜首|靠前|最[高多快大好强]")
_RANK_BOTTOM = re.compile(r"后[一二两三四五六七八九十\d]+[位名]|末位|倒数|靠后|最[后低少慢小差弱]")


def ranking_end(text: str) -> str | None:
    """Which end of a ranking ``text`` speaks of: "top" (排名前五位, 排第一), "bottom" (排名后三位,
    末位), or None (both, or neither)."""
    top, bottom = bool(_RANK_TOP.search(text)), bool(_RANK_BOTTOM.search(text))
    return None if top == bottom else "top" if top else "bottom"


_ORDINAL = re.compile(r"第\s*([一二两三四五六七八九十百零\d]+)\s*([次届批场期轮号])")


# Milestones of a project, each with the words that say it.
_EVENTS = (("开工", "动工", "开建", "奠基", "破土", "启动建设", "开始建设"), ("投产", "投入生产", "投用", "投入使用", "投运", "投入运行", "投入运营"), ("竣工", "完工", "建成", "完成时间", "完成时限"),
           ("开业", "营业"), ("通车", "开通"), ("签约",), ("成立", "挂牌", "揭牌"))


def conflicting_events(question: str, sentence: str) -> bool:
    """The question asks when a milestone happened (开工建设) and the sentence does not say it: it
    dates another (正式投产), or none."""
    asked = {n for n, words in enumerate(_EVENTS) if any(word in question for word in words)}
    stated = {n for n, words in enumerate(_EVENTS) if any(word in sentence for word in words)}
    return bool(asked) and not asked & stated


_MASTHEAD_CHARS = 200  # the opening of a page, where a bulletin prints its issue under its name


def conflicting_ordinals(question: QuestionInfo, candidate: Candidate) -> bool:
    """The question names an ordinal (第十次) where the sentence, or the title of its page (工作简报（第12期）
    for 简报第13期), gives another of the same kind (第九次)."""
    nearby = f"{candidate.document.title} {candidate.document.text[candidate.context_start : candidate.end]}"
    stated = _ordinals(nearby)
    # a bulletin's masthead gives its issue (2024年第9期（总第27期）) for every line of it
    stated |= {(number, unit) for number, unit in _ordinals(candidate.document.text[:_MASTHEAD_CHARS]) if unit == "期"}
    for number, unit in _ordinals(question.text):
        same_kind = {n for n, u in stated if u == unit}
        if same_kind and number not in same_kind:
            return True
    return False


def _ordinals(text: str) -> set[tuple[float | None, str]]:
    """The ordinals ``text`` states, each as its number and its kind (第九次 → (9.0, 次))."""
    return {(amount_value(m.group(1)), m.group(2)) for m in _ORDINAL.finditer(text)}


# 跟哪家公司合作: a partner is brought in (引入…公司统一规划) or joins hands, as often as it 合作s
_ACT_SAID_OTHERWISE = {"合作": ("引入", "携手", "联手", "牵手", "合资", "共建")}
# 区人民政府办公室 2024年4月16日印发: the day the office printed a document (its 版记), not the day it was signed
_PRINTED_ON = re.compile(r"\d{1,2}\s*日\s*印发\s*$")
_LEVEL = re.compile(r"(国家|省|市|县|区|镇|乡|村)级")
_STATED_LEVEL = re.compile(r"(?:国家|省|市|县|区|镇|乡|村|\d\s*A)级")  # what 什么级别 asks: 县级典型村, 5A级景区
# 省里每个村补助多少, 县财政对每个示范村安排…: the level that pays
_PAYING_LEVEL = re.compile(r"(国家|省|市|县|区|镇)(?:财政|里(?=[^，,。；？?]{0,8}?(?:补|奖|拨|给|出|掏|安排|资金|钱)))")


def conflicting_levels(question: QuestionInfo, candidate: Candidate) -> bool:
    """The question names a level of government (省级典型村) where the sentence names only others
    (市级典型村), or a level that pays (省里补助多少) where the sentence names only another (县财政…安排):
    the figure is another level's."""
    for level in (_LEVEL, _PAYING_LEVEL):
        asked, stated = set(level.findall(question.text)), set(level.findall(candidate.text))
        if asked and stated and not asked & stated:
            return True
    return False


_KIND_OF_PLACE = re.compile(r"(典型|示范|中心|专业|特色|样板|重点|精品|先进)(镇|村|街道|社区)")


def conflicting_kinds(question: QuestionInfo, candidate: Candidate) -> bool:
    """The question names a kind of town (典型镇) where the sentence names only the same kind of
    village (典型村), or the other way round: the figure is of the other kind."""
    asked = set(_KIND_OF_PLACE.findall(question.text))
    stated = set(_KIND_OF_PLACE.findall(candidate.text))
    return any((kind, place) not in stated and any(k == kind and p != place for k, p in stated) for kind, place in asked)


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


_TABLE_FIGURE = re.compile(r"(?<![\d.])\d+\.\d+|(?<![\d.])\d{3,}(?![\d.])")  # 218.46, 1350: a figure a sentence may repeat


def _said_in_words(best: Candidate, complete: list[Candidate]) -> Candidate:
    """``best``, or when it is a table row, a sentence among ``complete`` that gives the row's figure
    with its unit (地区生产总值218.46亿元 for the row 地区生产总值 | 亿元 | 218.46): the quote then says
    what and how much in one place."""
    if row_reading(best.document.text, best.start, best.end) is None:
        return best
    figures = _TABLE_FIGURE.findall(best.text)
    return next((c for c in complete[1:] if c.document.source == best.document.source
                 and row_reading(c.document.text, c.start, c.end) is None
                 and any(re.search(rf"(?<![\d.]){re.escape(f)}\s*[万亿千]?(?![年月日号])[\u4e00-\u9fff%％]", c.text) for f in figures)), best)


def _threshold(ranked: list[Candidate]) -> float:
    """The evidence needed: lower when one sentence clearly stands out from the rest."""
    best = ranked[0]
    # Overlapping and neighbouring sentences are the same statement, not a rival to it.
    others = (
        c
        for c in ranked[1:]
        if (c.document.source != best.document.source or c.end <= best.start or c.start >= best.end)
        and not _follows(best, c)
        and not _follows(c, best)
    )
    runner_up = next(others, None)
    runner_up = runner_up.score if runner_up is not None else 0.0
    return MIN_EVIDENCE_CLEAR if ranked[0].score - runner_up >= CLEAR_MARGIN else MIN_EVIDENCE


# Acts a count may be said with in other words: 参会 is said 出席 or 参加会议.
_ATTENDED = ("参会", "参加", "出席", "与会", "到会")
_ACTS_ALIKE = {act: _ATTENDED for act in _ATTENDED}
# Measure words that count the same things: 多少条船 is said 850艘, 几栋楼 is said 3座.
_KINDRED_UNITS = ("条艘只", "座栋幢", "栋间", "台辆部套", "只头")


def _kindred_units(unit: str) -> str:
    """``unit`` and the measure words that may count what it counts."""
    return unit + "".join(group for group in _KINDRED_UNITS if unit in group).replace(unit, "")


def gives_the_figure(question: QuestionInfo, sentence: str) -> bool:
    """``sentence`` gives a figure of the kind asked (亿元 for 投资额, not 三期), of the thing
    asked: a figure question without one has no answer."""
    figure = FIGURE_OF_KIND.get(question.figure_kind or "", _HAS_NUMBER)
    unit = question.count_unit
    if unit and unit != "个":  # 几项改革 is not answered by 2条示范街; 个 may count anything
        figure = re.compile(rf"(?:{figure.pattern})(?<=[{_kindred_units(unit)}])")
    elif unit == "个":  # people too: 几个全科医生 is answered by 2名全科医生
        figure = re.compile(rf"{figure.pattern}|{_PERSONS.pattern}")
    readable = figure_text(sentence, question.asks_exact_number, question.asks_ordinal, question.asks_code_name,
                           question.asks_bound)
    if not figure.search(readable) or measures_other(question, readable, figure):
        return False
    act = question.counted_act  # 多少人参会 is not answered by 带动就业1.5万人: the count's clause says the act
    if act is None:
        return True
    alike = _ACTS_ALIKE.get(act, ())
    return any(does_the_act(clause, act) or any(word in clause for word in alike)
               for clause in (context.before + context.after for context in figure_contexts(readable, figure)))


def _bounds_its_count(sentence: str, values: tuple[float, ...]) -> bool:
    """A clause of ``sentence`` draws the class asked and counts it (10万元以下的村由…126个减少至19个),
    not only names the class (全面消除…10万元以下的村，…超过30万元的村达到400个以上)."""
    return any(states_amounts(clause, values) and re.search(r"\d", "".join(re.split("|".join(map(re.escape, threshold_phrases(clause))) or "$^", clause)))
               for clause in re.split(r"[，,；;。]", sentence))


def _elsewhere(question: QuestionInfo, ranked: list[Candidate], terms: list[str], strict: bool,
               compared: tuple[str, ...] = ()) -> Candidate | None:
    """The best sentence that would answer the question but for its place or year; not one about
    a ``compared`` place, which a comparison asks the same of."""
    if not question.places and not question.years:
        return None
    allowed = {(c.document.source, c.start) for c in eligible(question, ranked)}
    return next(
        (
            c
            for c in ranked
            if (c.document.source, c.start) not in allowed
            and c.document.region not in question.places  # a page about another place, not one silent on it
            and not any(_about(c, place) for place in compared)
            and (not strict or gives_the_figure(question, titled_reading(c)))
            and names_members_asked(c, question)
            and not missing_terms(c, terms, strict)
        ),
        None,
    )


def names_members_asked(candidate: Candidate, question: QuestionInfo) -> bool:
    """``candidate`` names the members a which-question asks, when it asks some: 具体有哪些项目 is
    not answered by 不少于25个项目, 哪几个典型村 by 分赴9个村, 具体是哪些央企 by a programme named after them."""
    members = question.asked_members
    if not members:
        return True
    kind = _LOCAL_KIND.search(members.removesuffix("街"))  # 镇街: towns and 街道
    if kind:  # 哪几个典型村 is answered by names of villages (兴井村、福和村…，另有12个村…)
        kinds = tuple(kind.group())
        if not (names_local_places(candidate.text, kinds, question.text) or _lists_places_below(candidate, kinds, question.text)):
            return False
    elif only_counts(normalize(candidate.text), members):
        return False
    # the members asked close the question (具体是哪些央企？): a programme named after them names none
    closing = re.search(re.escape(members) + r"(?:呢)?[？?，,。]|" + re.escape(members) + "$", question.text)
    return not (closing and only_names_a_programme(candidate.text, members))


def _covers_more(question: QuestionInfo, rival: Candidate, candidate: Candidate) -> bool:
    """``rival`` names every noun of the question that ``candidate`` names, and more
    (食品 of 规上食品工业产值): it measures the very thing asked, ``candidate`` a neighbour."""
    # 任务, 目标 say the figure's role, not what it measures
    words = [w for w in dict.fromkeys(nouns(question.text)) if len(w) >= 2 and not _is_place_or_year(w) and w not in GENERIC_MEASURES]
    rival_text, own_text = normalize(rival.text), normalize(candidate.text)
    rival_has = {w for w in words if mentions_term(rival_text, w)}
    own_has = {w for w in words if mentions_term(own_text, w)}
    return own_has < rival_has


def _select(question: QuestionInfo, hits: Sequence[Hit], index: Index,
            taken: frozenset[tuple[str, int]] = frozenset(), compared: tuple[str, ...] = ()) -> list[Candidate] | str:
    """The best supported sentences for a single (non-comparison) question, or why there are none.
    ``taken`` sentences are already quoted; ``compared`` are the other sides of a comparison."""
    ranked = [c for c in candidates(question, hits, index) if (c.document.source, c.start) not in taken]
    missing_places = [p for p in question.places if not any(_about(c, p) or _town_of(c, p, question) for c in ranked)]
    pages = {c.document.source: c.document.text for c in ranked}.values()
    missing_places += [name for name in question.settlements if not any(_names_settlement(page, name) for page in pages)]
    if missing_places:
        return f"关于“{'、'.join(missing_places)}”的相关内容"
    missing_years = [y for y in question.years if not any(_in_year(c, y) for c in ranked)]
    if missing_years:
        return f"关于{'、'.join(missing_years)}年的相关内容"
    pool = [c for c in eligible(question, ranked)
            if not conflicting_ordinals(question, c) and not conflicting_levels(question, c) and not conflicting_kinds(question, c)]
    # A question on the page (a reporter's, 有什么好的案例？) asks, it does not answer; a 问： line is
    # answered by the 答： under it (see _reply_to).
    pool = [c for c in pool if not _ASKING_SENTENCE.search(c.text) or _ASKED_LINE.match(c.text)]
    pool = [c for c in pool if not of_another_settlement(c.text, question)]
    if question.thresholds:  # 过百万的村有几个 is not answered by 50万元以上的村达到38个
        pool = [c for c in pool if states_amounts(figure_reading(c), question.thresholds)
                and (not question.wants_number or _bounds_its_count(figure_reading(c), question.thresholds))]
    terms = specific_terms(question, index)
    strict = question.wants_number
    if strict:  # 齿轮箱项目的投资额 is not answered by 风电整机、发电机、齿轮箱等项目10个、总投资约80亿元
        pool = [c for c in pool if gives_the_figure(question, titled_reading(c)) and not totals_a_list_with(normalize(c.text), question.text)
                and not heads_a_table(c.document.text, c.start, c.end)]
        if question.figure_mood == "done":  # 实际增长了多少 is not answered by 预期目标是：增长6%左右
            pool = [c for c in pool if not _cannot_report_a_result(c, question)]
        if not _ONE_HOUSEHOLD.search(question.text):  # 她家8亩茶园 is one family's, not the village's
            pool = [c for c in pool if not _ONE_HOUSEHOLD.search(c.text)]
        if question.settlements and not question.asks_per_unit:
            # 桂山镇分到多少 is its own row's figure (桂山镇 | … | 1350), rather than a rule for each of
            # several towns (桂山镇、龙溪镇、凤岗镇3个镇，每镇安排资金不低于900万元)
            own = [c for c in pool if not _EACH_OF_SEVERAL.search(c.text)]
            if any(_names_settlement(c.text, name) for c in own for name in question.settlements):
                pool = own
    if question.asks_publication_date:
        pool = [c for c in pool if not (is_dateline(c.text) and _reports_recent_issue(c.document, question))]
    if question.asks_signed_date:  # 落款日期: the date under the issuer at the end, where a page has one
        signed = {c.document.source: signature_dates(c.document) for c in pool}
        pool = [c for c in pool if (not is_dateline(c.text) or not signed[c.document.source]
                or (c.start, c.end) in signed[c.document.source]) and not _PRINTED_ON.search(c.text)]
    for figure in question.stated_figures:
        if figure in question.counted_items_asked:
            continue  # the members asked are checked below, the count with them
        pattern = stated_figure(figure)
        # 20个中心镇 names the set, 第37号建议 the document: the page states them once, not every sentence
        # …and a figure naming an item (5万吨…加工项目) may be said by its title (项目一：年产5万吨…)
        where = _normalized_page if figure in question.counted_subjects or figure.endswith("号") else (
            lambda c: normalize(f"{_item_title(c)} {c.text}"))
        pool = [c for c in pool if pattern.search(where(c))]
    if question.asks_per_unit:  # 单个项目的总投资 is not answered by 10个项目总投资80亿元
        pool = [c for c in pool if PER_UNIT.search(figure_reading(c))]  # a column may say 人均
    if question.asks_level:  # 按什么级别的典型来培育: a sentence that names one (省级典型镇)
        pool = [c for c in pool if _STATED_LEVEL.search(c.text)] or pool
    if question.asks_rank:  # 排第一的是哪个镇: a sentence that ranks, at the end asked, not one that names the towns
        end = ranking_end(question.text)
        pool = [c for c in pool if _RANKING.search(c.text)]
        if end is not None:
            pool = [c for c in pool if ranking_end(c.text) == end] or [c for c in pool if ranking_end(c.text) is None]
    pool = [c for c in pool if names_members_asked(c, question)]
    for count in question.counted_items_asked:
        # 3个典型镇分别是哪几个: a sentence that names them with their count, or a paragraph that names
        # that many towns one by one (将长潭镇打造为…；将三圳镇…；将新铺镇…)
        pool = [c for c in pool if names_the_counted(normalize(c.text), count)
                or _names_as_many(_paragraph_of(c), count, question.text)]
    role = question.asked_role
    if role:
        # Who holds that post, not another, and somebody named, or the posts that hold it ex officio
        # (由市委书记、市长任总指挥 answers who is 总指挥, not who is 市委书记).
        pool = [c for c in pool if (mentions_term(normalize(c.text), role) and (
            post_holders(c.text) or names_a_person(c.text) or held_by_posts(normalize(c.text), role)))
            or _addresses_the_role(c, role)]
        pool = [c for c in pool if not only_deputies(c.text, role)]  # 副书记 stands in for the 书记
    elif question.asks_post:  # 钟远航担任什么职务: a sentence that gives him his post
        pool = [c for c in pool if any(name in question.text for name in post_holders(c.text))]
    elif (kind := question.asks_name_of) is not None:  # 景区叫什么名字: 创建国家5A级旅游景区 names none
        pool = [c for c in pool if gives_a_name(c.text, kind, question.text)]
    elif question.asks_person_name:
        pool = [c for c in pool if names_a_person(c.text)]  # a name asked: 莲塘村 spoke, but who?
    elif question.asks_who:
        # who, with nobody named: no answer; a field labelled with the role asked, a name in it after its
        # unit (联系人：县百千万办综合组 林振华), names its holder, though jieba may not read the name as one
        pool = [c for c in pool if names_an_actor(c.text) or (labels_the_asked(c.text, question.text) and _FIELD_NAME.search(c.text))]
    if question.asks_grade:  # 评了个啥等级 is answered by 等级为“良”, not by the sentence that says it was graded
        pool = [c for c in pool if re.search(GRADE_WORDS, c.text)]
    bureaus = _bureaus_named(question.text)
    if bureaus:  # 自然资源局的联系人 is not answered by 县住房城乡建设局村镇建设股 吴文杰, nor by the notice's own 联系人： line
        pool = [c for c in pool if not (_bureaus_named(c.text) or labels_the_asked(c.text, question.text))
                or any(mentions_term(normalize(c.text), b) for b in bureaus)]
    firm = question.asks_business_of
    if firm:  # what 金狮新材科技有限公司 makes: a sentence that says it, not one that lists the firm among others
        pool = [c for c in pool if firm in c.text and _BUSINESS.search(_LIST_ITEM.match(c.text, c.text.find(firm)).group())]
    act = question.who_verb
    if act:  # who chaired (主持) is not answered by who reported (作报告); 担任 may be said 任
        # a table row does it under its column: 市文化广电旅游体育局 under 牵头单位
        # and a task's 责任单位 field leads it
        pool = [c for c in pool if does_the_act(c.text, act) or does_the_act(table_heading(c.document.text, c.start), act)
                or any(word in c.text for word in _ACT_SAID_OTHERWISE.get(act, ()) + _ACTS_ALIKE.get(act, ()))
                or (act in ("牵头", "负责") and LEADING_FIELD.search(c.text))]
    if question.wants_date:  # when it started (开工) is not answered by when it began producing (投产)
        pool = [c for c in pool if not conflicting_events(question.text, figure_reading(c))]
        if question.asks_when_done:  # 是哪一年达到的 is not answered by 力争到2025年达到, nor under （一）到2025年，…
            pool = [c for c in pool if not states_a_target(c.text) and not _under_a_target_heading(c)]
    if question.asked_place_kind:  # 在哪个区试点 is answered by a sentence naming a 区 (开展湘桥区供排水一体化改革)
        pool = [c for c in pool if names_a_district(c.text, question)]
    # when the money was allocated is told by a sentence giving its day, rather than by the page's dateline
    if (question.wants_date and not question.asks_publication_date and not question.asks_signed_date
            and any(not is_dateline(c.text) and _HAS_DAY.search(c.text) for c in pool)):
        # a meeting's 时间： field reads as a dateline, but tells the day the meeting was held
        pool = [c for c in pool if not is_dateline(c.text) or (question.asks_meeting_date and MEETING_TIME_LINE.match(c.text))]
    if question.asks_period:  # 公示从哪天到哪天 is not answered by 于12月15日前报送
        pool = [c for c in pool if _DATE_RANGE.search(c.text)]
    if question.wants_date:
        # When, with no date: no answer. Which year, with 今年: the page's dateline tells.
        pool = [
            c
            for c in pool
            if states_a_date(c.text, day=question.asks_day, titles=question.asks_document_year)
            or (question.asks_year and dated_by_page(c))
            or (not question.asks_day and dating_heading(c.document, c.start, c.end) is not None)
        ]
    if question.asks_document_number or question.asks_page_fact in ("byline", "email", "account"):
        # Only its number, or its byline, says this; a source or issuer may be told in a sentence
        # too (指挥部正式印发《工作要点》), so those lines are only added to the candidates.
        wanted = page_line_wanted(question)
        pool = [c for c in pool if wanted is not None and wanted(c.text)
                or question.asks_document_number and cites_number_of_named(c.text, question)]
        terms = []  # the line's own form is the evidence, not the words 文号, 记者
    if question.asks_signed_date:  # the date under the issuer signs the whole page the question describes
        complete = [c for c in pool if all(mentions_term(_normalized_page(c), term) for term in terms)]
    elif question.asks_meeting_date:  # so does the 时间： field of the minutes it heads
        complete = [c for c in pool if not missing_terms(c, terms, strict) or (
            MEETING_TIME_LINE.match(c.text) and all(mentions_term(_normalized_page(c), term) for term in terms))]
    else:
        complete = [c for c in pool if not missing_terms(c, terms, strict)]
    if question.wants_date and pool and not complete:
        complete = _dated_statements(pool, ranked, terms)
    if pool and not complete:
        absent = missing_terms(pool[0], terms, strict)
        return f"同时提到“{'”“'.join(absent)}”的内容" if absent else "能直接回答该问题的内容"
    if not complete or complete[0].score < _threshold(complete):
        return "能直接回答该问题的内容"
    rival = _elsewhere(question, ranked, terms, strict, compared)
    if rival is not None and (complete[0].score < RIVAL_RATIO * rival.score or (
        strict and complete[0].score < RIVAL_CLOSE * rival.score and _covers_more(question, rival, complete[0]))):
        return f"关于“{'、'.join(question.places + question.years)}”的这项内容（资料只给出了其他地区或年份的）"
    best = _said_in_words(complete[0], complete)
    if _ASKED_LINE.match(best.text):  # 问：…有哪些支持？ restates the question; the 答 under it answers
        reply = _reply_to(best)
        if reply is None:
            return "能直接回答该问题的内容"
        best = replace(reply, score=best.score)
    picks = [best]
    if question.kind == "list":
        items = enumerated_after(best)  # 一是“荔枝+加工”。…二是“荔枝+电商”。…三是…: each item's sentence
        picks += items or [c for c in complete[1:3] if c.score >= 0.85 * best.score and c.start != best.start][:1]
    elif question.wants_date and (offset := dating_heading(best.document, best.start, best.end)) is not None:
        heading = _sentence_at(best, offset)  # the year stands in the heading: quote it first
        picks = [heading, best] if heading is not None and heading.start != best.start else picks
    elif question.asks_year and not states_a_date(best.text, titles=question.asks_document_year):
        dateline = page_dateline(best.document)  # the sentence says 今年: the page says which year
        if dateline is not None:
            start, end = dateline
            picks.append(Candidate(best.hit_rank, best.document, start, end, 0.0, best.document.text[start:end], start))
    elif not compared and row_reading(best.document.text, best.start, best.end) is not None and not _LABEL_CELL.search(best.text):
        # a table row is quoted under its header row; a comparison quotes one line a side
        header = _sentence_at(best, table_above(best.document.text, best.start)[2])  # which column is which
        picks = [header, best] if header is not None and header.start != best.start else picks
    elif question.kind == "fact":
        # A statement often runs on in the next sentence (强调…的重要性。他指出，…要放在第一位): quote both.
        picks += [c for c in complete[1:4] if _follows(best, c) and c.score >= FOLLOWING_SHARE * best.score][:1]
    if len(picks) == 1 and (after := _what_became_of(best, question)) is not None:
        picks.append(after)
    return picks


# 曾是远近闻名的“低洼村” tells what a place was; 现在靠什么 asks what it is now
_PAST_STATE = re.compile(r"曾经?是|曾[经被]|过去|以前|昔日|原来是|一度")
_PRESENT_ASKED = re.compile(r"现在|如今|目前|眼下|现今|当下|这几年|近年")
_TAKEN_UP = re.compile(r"\s*(?:该[村镇县区市]|这里|这个村|如今|现在|目前|近年来|后来|此后|(?:19|20)\d{2}年(?:以来|起|开始))")


def _what_became_of(best: Candidate, question: QuestionInfo) -> Candidate | None:
    """The next sentence, when ``best`` only tells what a place was (湖东村曾是…“低洼村”) and the
    question asks what it is now (现在靠什么养殖): the sentence that takes it up (2024年起，该村…) answers."""
    if not _PRESENT_ASKED.search(question.text) or not _PAST_STATE.search(best.text):
        return None
    if _PRESENT_ASKED.search(best.text):
        return None  # the sentence tells the present itself
    span = _body_span(best.document, best.start)
    rest = "" if span is None else best.document.text[best.end : span[1]]
    if not rest.strip():
        return None
    following = _sentence_at(best, best.end + len(rest) - len(rest.lstrip()))
    if following is None or not _TAKEN_UP.match(following.text):
        return None
    return following


# 文号： | 电府办函〔2025〕27号: a row of an info box labels its own cells; the row above is another field
_LABEL_CELL = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[：:]\s*\|")


_BUREAU = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?<![布格大全当开僵时残终败胜结对饭棋赌骗])局(?![长势面限部])")  # not 布局, 格局


def _bureaus_named(text: str) -> list[str]:
    """The government bureaus ``text`` names, by what each is for (自然资源 of 遂溪县自然资源局), without
    the place or level before it."""
    names = []
    for found in _BUREAU.finditer(text):
        name = found.group(1)
        for place in find_places(name):
            name = name.split(place)[-1]
        name = re.split(r"[省县区镇]|市(?!场)", name)[-1]  # 报到县农业农村局: 农业农村, after its level
        if len(name) >= 2:
            names.append(name)
    return names


def _cannot_report_a_result(candidate: Candidate, question: QuestionInfo) -> bool:
    """``candidate`` gives an aimed-at figure, or speaks of a year after its page: it does not say
    what was done (实际增长了多少 is not answered by 预期目标是：增长6%左右)."""
    return (states_a_target(candidate.text) or _aims_at(candidate.text, question.measure_words)
            or _aimed_from_its_opening(candidate) or _aimed_in_its_column(candidate, question.years)
            or _after_the_page(candidate, question.years) or _plan_target(candidate))


_TARGET_YEAR_OPENING = re.compile(r"\s*(?:力争|争取)?到\s*(?:19|20)\d{2}\s*年")


def _aimed_from_its_opening(candidate: Candidate) -> bool:
    """The sentence a clause belongs to opens with the year it aims at (到2025年，…；新增省级典型镇2个，
    省级典型镇累计达到3个；): every clause of it is a target."""
    before = _paragraph_before(candidate)
    opening = re.split(r"[。！？!?]", before)[-1]
    return bool(opening) and _TARGET_YEAR_OPENING.match(opening) is not None


def _aimed_in_its_column(candidate: Candidate, years: tuple[str, ...]) -> bool:
    """A table row gives the year asked only under target columns (2025年目标 of 指标 | 2024年基数 |
    2025年目标): its figure for that year is aimed at."""
    for year in years:
        columns = columns_of_year(candidate.document.text, candidate.start, year)
        if columns and all(_AIMED.search(name) for name in columns):
            return True
    return False


_PLAN_TITLE = re.compile(r"实施方案|工作要点|行动方案|行动计划|建设计划|规划")
_REPORTING_HEADING = re.compile(r"工作基础|发展基础|基本情况|发展现状|现状|工作成效|主要成效|取得的?成效|进展情况|完成情况|工作回顾")
_PAST_WORDS = re.compile(r"去年|上年|过去|截至|截止|已经|已(?!于)|以来|实现了|完成了|达到了")


def _plan_target(candidate: Candidate) -> bool:
    """A sentence of a plan (实施方案, 工作要点, 建设计划) that reports nothing past: its figures are
    what the plan aims at (全县农村生活污水治理率达到78%以上), though it says no 力争 or 目标. A year
    before the page's own (2024年，全县实现地区生产总值236.5亿元) or words such as 截至, 已 report a result."""
    document = candidate.document
    if not _PLAN_TITLE.search(document.title):
        return False
    if any(_REPORTING_HEADING.search(heading.group()) for heading in _outline(document.text, candidate.start)):
        return False  # under 一、工作基础 a plan reports what was done before it
    page_year = int(document.date[:4]) if document.date else None
    if page_year is not None and any(int(year) < page_year for year in _STATED_YEAR.findall(candidate.text)):
        return False
    return not _PAST_WORDS.search(candidate.text)


def _after_the_page(candidate: Candidate, years: tuple[str, ...]) -> bool:
    """A year asked comes after the page's own: what was done then, the page cannot report."""
    date = candidate.document.date
    return bool(date) and any(int(year) > int(date[:4]) for year in years)


def _under_a_target_heading(candidate: Candidate) -> bool:
    """The heading that dates the sentence states a target (（一）到2025年，县域经济明显增强。)."""
    offset = dating_heading(candidate.document, candidate.start, candidate.end)
    heading = _sentence_at(candidate, offset) if offset is not None else None
    return heading is not None and states_a_target(heading.text)


_ENUMERATOR = re.compile(r"(?:^|(?<=[。；;：:]))\s*([一二三四五六七八九十])是")
MAX_ITEMS = 6  # enumerated items quoted after a list's opening sentence


_ASKED_LINE = re.compile(r"\s*(?:\*\*|__)?(?:问|提问)\s*[：:]")  # **问：…** in Markdown
_DATE_RANGE = re.compile(r"\d{1,2}\s*[月日号]\s*(?:[至到—–~\-]|起至)\s*(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*[月日号]")
_ASKING_SENTENCE = re.compile(r"[？?][”」』）)]?\s*$")
_REPLY_LINE = re.compile(r"\s*(?:\*\*|__)?答\s*[：:]")


def _reply_to(asked: Candidate) -> Candidate | None:
    """The first sentence of the 答：… paragraph right under a 问：… line of a Q&A page, or None."""
    document = asked.document
    number = _body_span_number(document, asked.start)
    if number is None or number + 1 >= len(document.body_spans):
        return None
    start, end = document.body_spans[number + 1]
    if not _REPLY_LINE.match(document.text[start:end]):
        return None
    return _sentence_at(asked, start)


def enumerated_after(best: Candidate) -> list[Candidate]:
    """The sentences that go on the enumeration ``best`` opens in its paragraph (…。一是“荔枝+加工”。…二是
    “荔枝+电商”。…三是…): a list question is answered by every item, not only the first."""
    span = _body_span(best.document, best.start)
    if span is None:
        return []
    text = best.document.text
    if "一是" not in text[best.start : span[1]]:
        return _enumerated_paragraphs(best) or _quoted_items_explained(best) or _semicolon_run(best, span)
    items = []
    for found in _ENUMERATOR.finditer(text, best.start, span[1]):
        item = _sentence_at(best, found.start(1))
        if item is not None and item.start >= best.end and all(item.start != other.start for other in items):
            items.append(item)
    return items[:MAX_ITEMS]


def _semicolon_run(best: Candidate, span: tuple[int, int]) -> list[Candidate]:
    """The clauses of the run of ；-separated clauses that ``best`` opens or introduces in its paragraph
    (将长潭镇打造为…；将三圳镇打造为…；将新铺镇打造为…。, after 重点打造典型镇。): each names one item of the list."""
    items: list[Candidate] = []
    last = best.text.rstrip()
    document = best.document
    for start, end in sentences(document.text[best.end : span[1]], best.end):
        text = document.text[start:end]
        opens_a_run = not items and text.rstrip().endswith(("；", ";"))
        if not (last.endswith(("；", ";")) or opens_a_run) or len(items) >= MAX_ITEMS:
            break
        if text.strip():
            items.append(Candidate(best.hit_rank, document, start, end, 0.0, text, start))
            last = text.rstrip()
    return items


# 第一是…, 首先，…, and numbered lines of a label's list (基本原则： / 1. **产业立镇。**… / 2. …)
_ITEM_PARAGRAPH = re.compile(r"\s*(?:第?([一二三四五六七八九十])是|第([一二三四五六七八九十])\s*[，,、]|(首先)[，,]"
                             r"|[-*]?\s*(\d{1,2})\s*[.．、]|[（(]([一二三四五六七八九十])[）)])")


def _enumerated_paragraphs(best: Candidate) -> list[Candidate]:
    """The paragraphs after ``best`` that each open one item of the list it ends its paragraph with
    (…我们主要抓了三件事。 / 第一是… / 第二是…; 基本原则： / 1. … / 2. …), each by its first sentence;
    also under a section heading between them, when the sentence counts as many items as follow
    (现对4个…的镇予以通报表扬。 / 二、先进典型 / （一）青溪镇。… / … / （四）湖田镇。…)."""
    document = best.document
    number = _body_span_number(document, best.end - 1)  # a short label (基本原则：) is quoted with the sentence before
    if number is None or document.text[best.end : document.body_spans[number][1]].strip():
        return []
    first = number + 1
    headed = first < len(document.body_spans) and bool(_SECTION_HEADING.fullmatch(document.text[slice(*document.body_spans[first])]))
    first += headed
    if not headed and best.text.rstrip().endswith(("：", ":")):
        labelled = _labelled_lines(best, first) or _table_rows(best, first)
        if labelled:
            return labelled
    items = []
    for start, _ in document.body_spans[first : first + MAX_ITEMS]:
        opening = _ITEM_PARAGRAPH.match(document.text, start)
        first_item = opening is not None and next(group for group in opening.groups() if group) in ("一", "首先", "1")
        if opening is None or (not items and not first_item):
            break  # the list opens with its first item, and ends where a paragraph opens none
        item = _sentence_at(best, start)
        if item is not None:
            items.append(item)
    return items if not headed or len(items) in _counts_stated(best.text) else []


# 香港鹤山同乡会：负责联络海外乡亲；: one line of a list, a name and what it does
_LABELLED_LINE = re.compile(r"\s*[^：:，,。；;！？\n]{2,30}[：:]\s*\S[^\n]*[；;。]\s*$")


def _labelled_lines(best: Candidate, first: int) -> list[Candidate]:
    """The lines after ``best`` (…主要合作单位如下：, 参会人员：) that each name one item and say what it
    is (广东工业大学建筑与城市规划学院：负责村庄规划编制；) or whom (副县长 苏伟明), by their first sentence,
    up to the first that does not."""
    document = best.document
    items = []
    for start, end in document.body_spans[first : first + MAX_ITEMS]:
        line = document.text[start:end]
        if not (_LABELLED_LINE.match(line) or POST_AND_NAME_LINE.fullmatch(line)):
            break
        item = _sentence_at(best, start)
        if item is not None:
            items.append(item)
    return items if len(items) >= 2 else []


def _table_rows(best: Candidate, first: int) -> list[Candidate]:
    """The rows of the table right after ``best`` (全县6个县级典型村创建进展如下： / 村名 | 所属乡镇 | …
    / 水井村 | 黎埠镇 | …), below its header: each row is one item of the list the label opens."""
    document = best.document
    rows = []
    for start, end in document.body_spans[first : first + MAX_ITEMS + 2]:
        line = document.text[start:end]
        if not TABLE_ROW.fullmatch(line.strip()):
            break
        if MARKDOWN_RULE.fullmatch(line.strip()):
            continue
        rows.append((start, end))
    items = [item for start, _ in rows[1 : MAX_ITEMS + 1] if (item := _sentence_at(best, start)) is not None]
    return items if len(items) >= 2 else []


# 二、先进典型: a section's numbered heading, alone on its line
_SECTION_HEADING = re.compile(r"\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*[\u4e00-\u9fff]{2,12}\s*")
_COUNT = re.compile(r"(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*个")


def _counts_stated(sentence: str) -> set[int]:
    """The counts ``sentence`` states with 个 (4个…镇 → 4)."""
    values = (amount_value(numeral) for numeral in _COUNT.findall(sentence))
    return {int(value) for value in values if value is not None}


_QUOTED_ITEMS = re.compile(r"“([^“”、]{1,12}(?:、[^“”、]{1,12}){1,5})”")  # “一粒米、一罐蜜、一盒菜”


def _quoted_items_explained(best: Candidate) -> list[Candidate]:
    """The sentences after ``best`` that each open on one name of the quoted list it gives
    (…主要靠“一粒米、一罐蜜、一盒菜”。 / “一粒米”，就是佛冈丝苗米。…“一罐蜜”，是…): what each item is."""
    found = _QUOTED_ITEMS.search(best.text)
    number = _body_span_number(best.document, best.start)
    if found is None or number is None:
        return []
    text, items = best.document.text, []
    for start, end in best.document.body_spans[number + 1 : number + 1 + MAX_ITEMS]:
        named = [_sentence_at(best, at) for name in found.group(1).split("、") if (at := text.find(f"“{name}”", start, end)) >= 0]
        if not named:
            break  # the explanations run on from the list, paragraph after paragraph
        items += [item for item in named if item is not None and item.start >= best.end and all(item.start != other.start for other in items)]
    return items[:MAX_ITEMS]


def _dated_statements(dated: list[Candidate], ranked: list[Candidate], terms: list[str]) -> list[Candidate]:
    """Dated sentences whose next sentence tells what the question asks of that date (1月6日，
    …全会召开。温湛滨代表市委常委会作报告。), each joined with it into one quote, best first."""
    joined = []
    for candidate in dated:
        following = next((c for c in ranked if _follows(candidate, c)), None)
        if following is not None and not missing_terms(following, terms):
            score = max(candidate.score, following.score)
            joined.append(replace(candidate, end=following.end, score=score))
    return sorted(joined, key=lambda c: -c.score)


def _introducing(candidate: Candidate) -> Candidate | None:
    """The sentence that names, with the post, whom ``candidate`` calls 他/她, so that the quote
    says who spoke (他在会议中提出… is quoted after 汕头市委书记温湛滨…)."""
    offset = introduction(candidate.document.text, candidate.start, candidate.end)
    return None if offset is None else _sentence_at(candidate, offset)


# 林少华代表： opens a letter to a person; 榕湖镇人民政府镇长　陈建华 heads a speech under its title
_SALUTATION = re.compile(r"^\s*(?:尊敬的)?[\u4e00-\u9fff]{2,4}(?:代表|委员|同志|先生|女士)\s*[：:]\s*$")
_FIRST_PERSON = re.compile(r"我(?![们国省市县区镇村局委办厅])")
_SECOND_PERSON = re.compile(r"您")
HEADER_LINES = 8  # body lines at a page's top searched for the speaker of a speech


def _person_meant(candidate: Candidate) -> Candidate | None:
    """The line that names whom ``candidate`` calls 您 (the salutation of the letter it is in:
    林少华代表：) or who says 我 in it (the speaker's line under a speech's title: …镇长　陈建华),
    when the sentence names nobody; None otherwise."""
    if names_a_person(candidate.text):
        return None
    document = candidate.document
    number = _body_span_number(document, candidate.start)
    if number is None:
        return None
    if _SECOND_PERSON.search(candidate.text):
        wanted, lines = _SALUTATION.match, reversed(document.body_spans[:number])
    elif _FIRST_PERSON.search(candidate.text):
        def wanted(line: str) -> bool:
            return bool(POST.search(line)) and names_a_person(line) and not re.search(r"[。！？；，,]", line)
        lines = iter(document.body_spans[: min(number, HEADER_LINES)])
    else:
        return None
    start = next((start for start, end in lines if wanted(document.text[start:end])), None)
    return None if start is None else _sentence_at(candidate, start)


def _addresses_the_role(candidate: Candidate, role: str) -> bool:
    """``candidate`` speaks to 您, and its letter's salutation names someone of ``role`` (梁丽华委员：
    for 您…提出的提案, asked 哪位政协委员提的)."""
    if not _SECOND_PERSON.search(candidate.text):
        return False
    meant = _person_meant(candidate)
    return meant is not None and role in meant.text


def _sentence_at(candidate: Candidate, offset: int) -> Candidate | None:
    """The body sentence of ``candidate``'s document that holds ``offset``, as a candidate to
    quote beside it; None when the offset lies outside the kept body."""
    document = candidate.document
    span = _body_span(document, offset)
    if span is None:
        return None
    start, end = next((s, e) for s, e in sentences(document.text[span[0] : span[1]], span[0]) if s <= offset < e)
    return Candidate(candidate.hit_rank, document, start, end, 0.0, document.text[start:end], start)


def _follows(first: Candidate, second: Candidate) -> bool:
    """``second`` is the sentence right after ``first`` in the same document."""
    gap = first.document.text[first.end : second.start]
    return second.document.source == first.document.source and second.start >= first.end and len(gap.strip()) == 0


def answer_question(question: QuestionInfo, hits: Sequence[Hit], index: Index) -> Answer:
    """Build the answer from retrieved passages: quotes with [n] markers, or a refusal.

    A comparison is answered side by side: each side's own question, its own quote.
    """
    if not hits:
        return _refusal(question, hits, "与该问题相关的内容")
    picks: list[tuple[str | None, Candidate]] = []
    missing: list[str] = []
    if question.kind == "comparison":
        sides = split_comparison(question)
        # Sides by year (2023年…和2025年…) are one place's reports, not places asked the same of
        by_year = all(label.removesuffix("年") in question.years for label, _ in sides)
        for place, text in sides:
            side = _select(read_question(text, allow_comparison=False), hits, index,
                           frozenset((c.document.source, c.start) for _, c in picks),
                           () if by_year else tuple(other for other, _ in sides if other != place))
            if isinstance(side, str):
                missing.append(place)
            else:
                picks.append((place, side[0]))
        if not picks:
            return _refusal(question, hits, "能直接回答该问题的内容")
    else:
        selected = _select(question, hits, index)
        if isinstance(selected, str):
            return _refusal(question, hits, selected)
        picks = [(None, c) for c in selected]
        named = {(c.document.source, c.start) for _, c in picks}
        for position, (_, candidate) in enumerate(list(picks)):
            intro = _introducing(candidate) or (_person_meant(candidate) if question.asks_who else None)
            if intro is not None and (intro.document.source, intro.start) not in named:
                picks.insert(position, (None, intro))
                break  # one introduction: the quotes are about one speaker

    citations = verified([_citation(n, candidate) for n, (_, candidate) in enumerate(picks, 1)], index)
    if not citations:
        return _refusal(question, hits, "可核对的原文")
    labels = {n: place for n, (place, _) in enumerate(picks, 1)}
    lines = [f"{labels[c.n] + '：' if labels.get(c.n) else ''}「{c.quote}」[{c.n}]" for c in citations]
    lines += [f"{place}：{REFUSAL}相关内容。" for place in missing]
    return Answer(question.text, "\n".join(lines), False, tuple(citations), tuple(hits))
