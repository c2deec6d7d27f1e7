"""Amounts written with a magnitude (100万元, 百万, 1.5亿) read as numbers, and the thresholds a
question draws a class of things with (集体收入过百万的村, 投资1亿元以上的项目)."""

from __future__ import annotations

import re

import cn2an

_NUMERAL = r"(?:\d[\d,]*(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
# 一百个亿, as people say 一百亿 (not 3个万亩基地: three bases of ten thousand mu)
_SPOKEN_MEASURE = r"(?:个(?=\s*[十百千]?[万亿](?!\s*(?:亩|人|户|株|头|只|平方|公里|公顷|吨|家|个|名|千瓦|立方|套|件|辆))))?"
# An amount: a numeral with a magnitude (万, 亿, 百万…), a unit of money (元), or both.
_AMOUNT = re.compile(rf"({_NUMERAL})\s*{_SPOKEN_MEASURE}\s*((?:[十百千]?万|[十百千]?亿|万亿)?)\s*(元?)")
_ABOVE_OR_BELOW = r"(?:过|超过|超|逾|突破|不足|不到|低于|高于|少于|多于|大于|小于)"
_BOUND_AFTER = r"(?:及?以上|以下|以内|之上)"
_THRESHOLD = re.compile(rf"{_ABOVE_OR_BELOW}\s*((?:{_NUMERAL})?\s*{_SPOKEN_MEASURE}\s*(?:[十百千]?万|[十百千]?亿)\s*元?)"
                        rf"|({_NUMERAL}\s*(?:(?:[十百千]?万|[十百千]?亿)\s*元?|元))\s*{_BOUND_AFTER}")


def amount_value(numeral: str, magnitude: str = "") -> float | None:
    """The number ``numeral`` + ``magnitude`` writes (100 + 万 → 1000000.0; 百 + 万 → 1000000.0),
    or None when it is not a number."""
    digits = numeral.replace(",", "")
    if digits[:1] in "十百千":
        digits = "一" + digits  # 百万 is 一百万
    try:
        return float(cn2an.cn2an(digits + magnitude, "smart"))
    except (ValueError, KeyError):
        return None


def amounts_in(text: str) -> list[float]:
    """The values of the amounts ``text`` writes with a magnitude or in 元 (not bare counts)."""
    values = []
    for found in _AMOUNT.finditer(text):
        numeral, magnitude, currency = found.groups()
        if not (magnitude or currency):
            continue
        value = amount_value(numeral, magnitude)
        if value is not None:
            values.append(value)
    return values


def thresholds_in(question: str) -> tuple[float, ...]:
    """The amounts ``question`` draws a class with (过百万 → 1000000.0; 50万元以上 → 500000.0)."""
    values = []
    for found in _THRESHOLD.finditer(question):
        written = (found.group(1) or found.group(2)).strip()
        amounts = amounts_in("一" + written if written[:1] in "万亿" else written)  # 过亿 is 过一亿
        values.extend(amounts[:1])
    return tuple(dict.fromkeys(values))


def threshold_phrases(question: str) -> list[str]:
    """The words ``question`` draws a class with (突破一百个亿, 50万元以上): they bound a figure, they
    name no topic a passage must repeat."""
    return [found.group() for found in _THRESHOLD.finditer(question)]


def states_amounts(text: str, values: tuple[float, ...]) -> bool:
    """``text`` writes every amount of ``values`` (in any form: 100万元, 一百万元, 百万)."""
    written = amounts_in(text)
    return all(any(abs(found - value) <= 1e-9 * value for found in written) for value in values)
