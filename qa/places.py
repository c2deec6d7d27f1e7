"""Place names: Guangdong's cities with their districts and counties, and other
Chinese places a question may name. Used to infer a document's region and to
check that an answer comes from the place a question asks about."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from qa.lexical import SETTLEMENT_SUFFIXES, general_specificity, is_word, tagged

# City -> districts, county-level cities and counties (names without the 区/县/市 suffix).
GUANGDONG: dict[str, tuple[str, ...]] = {
    "广州": ("越秀", "海珠", "荔湾", "天河", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城"),
    "深圳": ("福田", "罗湖", "南山", "盐田", "宝安", "龙岗", "龙华", "坪山", "光明", "大鹏", "前海", "深汕"),  # 深汕特别合作区
    "珠海": ("香洲", "金湾", "斗门", "横琴"),
    "汕头": ("金平", "龙湖", "澄海", "濠江", "潮阳", "潮南", "南澳"),
    "佛山": ("禅城", "南海", "顺德", "三水", "高明", "张槎"),
    "韶关": ("武江", "浈江", "曲江", "乐昌", "南雄", "仁化", "始兴", "翁源", "新丰", "乳源"),
    "河源": ("源城", "东源", "和平", "龙川", "紫金", "连平"),
    "梅州": ("梅江", "梅县", "兴宁", "平远", "蕉岭", "大埔", "丰顺", "五华"),
    "惠州": ("惠城", "惠阳", "博罗", "惠东", "龙门", "大亚湾", "仲恺"),
    "汕尾": ("海丰", "陆丰", "陆河"),
    "东莞": ("松山湖", "虎门", "长安"),
    "中山": ("石岐", "小榄"),
    "江门": ("蓬江", "江海", "新会", "台山", "开平", "鹤山", "恩平"),
    "阳江": ("江城", "阳东", "阳春", "阳西"),
    "湛江": ("霞山", "坡头", "麻章", "雷州", "廉江", "吴川", "遂溪", "徐闻"),
    "茂名": ("茂南", "电白", "高州", "化州", "信宜"),
    "肇庆": ("端州", "鼎湖", "高要", "四会", "广宁", "怀集", "封开", "德庆"),
    "清远": ("清城", "清新", "英德", "连州", "佛冈", "阳山", "连山", "连南"),
    "潮州": ("湘桥", "潮安", "饶平"),
    "揭阳": ("榕城", "揭东", "普宁", "揭西", "惠来"),
    "云浮": ("云城", "云安", "罗定", "新兴", "郁南"),
}

# Districts whose bare name is also an everyday word or another place's name:
# they count only with their 区/县/市 suffix.
_SUFFIX_ONLY = frozenset({"南山", "光明", "和平", "紫金", "龙门", "江城", "新兴", "江海", "长安", "南海", "高明", "龙湖", "白云", "黄埔", "阳山", "连山", "大鹏"})

OTHER_PLACES: tuple[str, ...] = (
    "北京", "上海", "天津", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广西", "海南", "四川", "贵州", "云南",
    "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾", "杭州", "南京", "苏州",
    "成都", "武汉", "西安", "长沙", "福州", "厦门", "南宁", "海口", "三亚", "郑州", "济南", "青岛",
    "宁波", "温州", "合肥", "南昌", "昆明", "贵阳", "兰州", "沈阳", "大连", "长春", "哈尔滨", "石家庄",
    "太原", "呼和浩特", "乌鲁木齐", "拉萨", "西宁", "银川", "桂林", "泉州", "漳州", "赣州", "无锡",
)

_SUFFIXES = ("区", "县", "市", "镇", "街道")
# Names that are a place only when not the first half of a longer name: 深汕 is 深汕特别合作区, but
# 深汕合作园区 and 深汕产业合作 name a park and a partnership of 深圳 and 汕头; 新增城镇就业 and 新增城乡
# name no 增城.
_NOT_BEFORE = {"深汕": "(?!合作园|产业|两地|协作|对口)", "增城": "(?![镇乡])"}


# Districts, counties and towns the gazetteer lacks, learnt from the regions documents declare (see learn_places).
_LEARNT: dict[str, str] = {}
_DECLARED_BARE: set[str] = set()  # names read only with a suffix (紫金县) that a document declares its region
# 广东省梅州市平川县: a county-level place (平川) of a city (梅州); 广东省东莞市榕湖镇: a town right
# under its city (东莞 has no counties), as the gazetteer keeps 虎门
_AUTONOMOUS_SUFFIX = r"(?=(?:[\u4e00-\u9fff]{1,2}族){1,3}自治县)"
_DECLARED_REGION = re.compile(r"(?:广东省?)?([\u4e00-\u9fff]{2,3}?)市([\u4e00-\u9fff]{2,4}?)(?:(?:[\u4e00-\u9fff]{1,2}族){1,3}自治)?"
                              r"(?:区|县|市|镇|街道)$")
# A bare name as rare as this in general Chinese is a name, not a word (平川 is; 光明 is not)
_NAME_SPECIFICITY = 11.0


def learn_places(regions: Iterable[str | None]) -> None:
    """Add to the gazetteer the districts and counties (and towns right under a city without
    counties) that documents declare as their region and the gazetteer lacks (广东省梅州市平川县 adds
    平川 of 梅州): a question naming them is then held to them, as to any other place."""
    known = _district_to_city()
    found = [match for region in regions if region and (match := _DECLARED_REGION.search(region.strip()))]
    new = {match.group(2): match.group(1) for match in found
           if match.group(1) in GUANGDONG and match.group(2) not in known and match.group(2) not in GUANGDONG}
    # 紫金 alone is a word (purple gold) until a document declares 紫金县 its region: then it is the county
    bare = {match.group(2) for match in found if match.group(2) in _SUFFIX_ONLY and known.get(match.group(2)) == match.group(1)}
    if new or bare - _DECLARED_BARE:
        _LEARNT.update(new)
        _DECLARED_BARE.update(bare)
        _district_to_city.cache_clear()
        _place_pattern.cache_clear()


@lru_cache(maxsize=1)
def _district_to_city() -> dict[str, str]:
    return {district: city for city, districts in GUANGDONG.items() for district in districts} | _LEARNT


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    names: list[str] = list(GUANGDONG) + list(OTHER_PLACES) + ["广东"]
    for district in _district_to_city():
        if (district in _SUFFIX_ONLY and district not in _DECLARED_BARE) or (district in _LEARNT and general_specificity(district) < _NAME_SPECIFICITY):
            names.extend(district + suffix for suffix in _SUFFIXES)
        else:
            names.append(district)
    names.sort(key=len, reverse=True)  # longest first so 呼和浩特 wins over shorter overlaps
    # 连山壮族瑶族自治县 is 连山县 in full: the name then stands before the peoples it is named for
    autonomous = [re.escape(district) + _AUTONOMOUS_SUFFIX for district in _district_to_city()]
    return re.compile("|".join(autonomous + [re.escape(name) + _NOT_BEFORE.get(name, "") for name in names]))


def canonical(place: str) -> str:
    """Strip an administrative suffix: 濠江区 -> 濠江, 汕头市 -> 汕头."""
    for suffix in _SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place


def find_places(text: str) -> list[str]:
    """Known place names in ``text``, canonical and in order of first appearance."""
    seen: dict[str, None] = {}
    for match in _place_pattern().finditer(text):
        seen.setdefault(canonical(match.group()), None)
    return list(seen)


# A kind of village or town, not the name of one (乡村, 行政村, 典型村, 中心镇, 全镇), or words before one
# that only a phrase has (的镇, 个村).
SETTLEMENT_KIND_WORDS = "行政|自然|典型|示范|中心|专业|重点|样板|特色|先进|薄弱|贫困|美丽|和美|试点|建制"  # 典型 of 典型村
_KIND_OF_SETTLEMENT = re.compile(
    rf"(?:[乡农全各该本每一两几多城中和与及的个在到赴名强小圩集古]|{SETTLEMENT_KIND_WORDS})(?:村|镇|乡|街道|社区)$"
)
_SETTLEMENT_SUFFIX = re.compile(r"(?:村|镇|乡|街道|社区)$")
_NOT_IN_A_NAME = frozenset("vpmurtdcq")  # verbs, prepositions, numerals, particles, pronouns…: 提出把镇, 超百亿镇


# A name jieba reads as a verb or adjective (优胜 + 镇) is still a name when 镇 stands cut off after it;
# a place word before it (城区 + 镇) is not.
_NOT_BEFORE_A_SUFFIX = (_NOT_IN_A_NAME - {"v"}) | {"f"}
# 街道 cut off after a word is more often a street than a name (提出街道); whole, it may end one
_SETTLEMENT_ENDINGS = (*SETTLEMENT_SUFFIXES, "街道")


def settlement_stem(name: str) -> str:
    """``name`` without its 村, 镇, 乡, 街道 or 社区 (优胜 of 优胜镇)."""
    return _SETTLEMENT_SUFFIX.sub("", name)


def settlements_named(words: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The villages and towns tagged ``words`` name by their own names (优胜镇, 石岗村), whether jieba
    keeps a name whole or cuts off its suffix (优胜 + 镇); not kinds of them (典型村)."""
    cut = [word + following for (word, tag), (following, _) in zip(words, [*words[1:], ("", "")])
           if following in SETTLEMENT_SUFFIXES and len(word) >= 2 and tag[:1] not in _NOT_BEFORE_A_SUFFIX
           and not (following == "乡" and is_word(word[-1] + following))  # 回家 + 乡 is 回 + 家乡 (going home)
           and not word.endswith(_SETTLEMENT_ENDINGS)]  # nor 乡镇 + 街道
    # 桐林 + 镇石寨村: jieba joins a town's suffix to the village after it; the two are two names
    joined = [(previous + word[0], word[1:]) for (previous, tag), (word, _) in itertools.pairwise(words)
              if word[:1] in ("镇", "乡") and len(word) >= 4 and word.endswith("村") and len(previous) >= 2
              and tag[:1] not in _NOT_BEFORE_A_SUFFIX]
    whole = [word for word, _ in words if len(word) >= 3 and word.endswith(_SETTLEMENT_ENDINGS) and names_a_settlement(word)
             and not any(word == town[-1] + village for town, village in joined)]
    whole += [name for pair in joined for name in pair]
    # 棉 + 湖镇: jieba gives the suffix a character of the name; after a joiner the two are one name,
    # and after a place's own name (徐闻 迈 + 陈镇) whatever jieba reads the first character as
    split = [first + second for (previous, before), (first, tag), (second, _) in zip([("", "x"), *words], words, [*words[1:], ("", "")])
             if len(first) == 1 and len(second) == 2 and second.endswith(SETTLEMENT_SUFFIXES) and not kind_of_settlement(first + second)
             and ((before[:1] in ("c", "x", "w") and tag[:1] not in _NOT_IN_A_NAME and names_a_settlement(first + second))
                  or (find_places(previous) == [canonical(previous)] and tag[:1] not in _NOT_IN_A_NAME - {"v"}))]
    return tuple(dict.fromkeys(name for name in cut + whole + split if not kind_of_settlement(name)))


def kind_of_settlement(name: str) -> bool:
    """``name`` names a kind of village or town (典型村, 行政村, 中心镇), not one of them."""
    return _KIND_OF_SETTLEMENT.search(name) is not None


def names_a_settlement(name: str) -> bool:
    """``name`` is a village's or town's own name (渔湾村, 白沙湾镇), not a kind of them (典型村, 行政村,
    乡村) nor other words that happen to end in 镇 or 村 (提出把镇, 超百亿镇)."""
    stem = settlement_stem(name)
    return (bool(stem) and stem != name and not kind_of_settlement(name)
            and not any(tag[:1] in _NOT_IN_A_NAME for _, tag in tagged(stem)))


def city_of(place: str) -> str | None:
    """The Guangdong city a place belongs to (a city maps to itself), else None."""
    place = canonical(place)
    if place in GUANGDONG:
        return place
    return _district_to_city().get(place)


def infer_region(title: str, body: str) -> str | None:
    """The Guangdong city a document is mostly about, weighting its title."""
    votes: Counter[str] = Counter()
    for weight, text in ((5, title), (1, body)):
        for match in _place_pattern().finditer(text):
            city = city_of(match.group())
            if city:
                votes[city] += weight
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def place_covers(asked: str, region: str | None, text: str) -> bool:
    """Whether a passage from a document about ``region`` speaks of the place ``asked``."""
    asked = canonical(asked)
    if asked in text:
        return True
    if region is None:
        return False
    # a declared region (广东省梅州市平川县) is about its most particular place, not all of its city
    declared = find_places(region)
    return asked == region or (len(declared) > 1 and asked == declared[-1]) or (asked == "广东" and region in GUANGDONG)


def region_within(region: str | None, city: str) -> bool:
    """A declared region lies in ``city`` (广东省阳江市南鹏县 in 阳江)."""
    return region is not None and canonical(city) in find_places(region)
