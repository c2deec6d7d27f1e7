"""Text laid out in fixed-width lines (a PDF's text layer, or a .txt saved from one) read back as
paragraphs. A line break inside a sentence is layout, not text: 于202 / 4年9月28日 is one date.
Page numbers (— 3 —) and the running header repeated at each page break are page furniture."""

from __future__ import annotations

import re
from statistics import median

_PAGE_NUMBER = re.compile(
    r"[—－\-–]+\s*\d{1,4}\s*[—－\-–]+(?:\s*[（(]\s*共\s*\d{1,4}\s*页\s*[）)])?|[—－\-–]*\s*第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?\s*[—－\-–]*"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}"
)
_BARE_ITEM_NUMBER = re.compile(r"\d{1,3}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}\s*、")  # 1. alone, its text below
_SENTENCE_END = re.compile(r"[。！？!?；;：:…][”」』）)]*$")  # not a bare ”: “十佳镇村项目” / 10个 runs on
# A line that starts a block of its own: a heading number, a Markdown mark, a list bullet, a 【head】.
_BLOCK_START = re.compile(
    r"[#>|*+•●■◆\-【]|\d{1,3}\s*[.．、](?!\d)|[一二三四五六七八九十]{1,3}\s*、|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]|附件|附表"
)
_CONTINUES = tuple("，,。；;、：:）)”」』%％")  # a line that starts with these goes on from the one before
_COLUMNS = re.compile(r"\S(?: {2,}|\t|\u3000{2,})\S|[|｜]")  # a table's row: aligned columns, or cells
_FIELD = re.compile(r"[\u4e00-\u9fff]{2,8}\s*[：:]")  # 牵头单位：… starts a line of its own
# A record's line: 项目按期完工率：目标值 90% / 实际值 88.5%; the next such line is the next record
_RECORD = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\d.%％（）()]{1,20}\s*[：:]")
# A running footer: the document's title, then its page number (…自评报告　第1页 共2页)
_TITLED_PAGE_NUMBER = re.compile(r"\S.{0,60}?[\s\u3000]+第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?")
_INDENT = (" ", "\u3000", "\t", "\xa0")
MIN_WRAPPED_LINES = 10  # fewer lines broken inside a sentence than this is not a layout
WRAPPED_SHARE = 0.3  # ... nor a smaller share of the long lines
FULL_LINE_SHARE = 0.6  # a line this share of the usual width or longer ran to the margin
FULL_WIDTH_RANK = 0.9  # the share of lines no longer than a line that runs to the margin
FURNITURE_REACH = 3  # lines from a page number within which its running header sits
MIN_HEADER_CHARS = 6  # a running header shorter than this is too short to tell from a heading


def unwrap(text: str) -> str:
    """``text`` with lines joined where a sentence runs on past the line's end and page furniture
    dropped, when ``text`` is laid out in fixed-width lines; otherwise ``text`` unchanged."""
    lines = text.replace("\r\n", "\n").split("\n")
    width = _usual_width(lines)
    if width is None or not _is_laid_out(lines, width):
        return text
    furniture = _furniture(lines)
    full = _full_width(lines)
    result: list[str] = []
    last = ""  # the last line read: whether the next runs on depends on it, not on the paragraph so far
    number = 0
    while number < len(lines):
        line = lines[number]
        if number in furniture or (not line.strip() and _furniture_follows(lines, number, furniture)):
            # A page break: blank lines, a page number, a running header. A sentence may run across it.
            after = number
            while after < len(lines) and (after in furniture or not lines[after].strip()):
                after += 1
            previous = result[-1] if result else ""
            if after < len(lines) and previous.strip() and _runs_on(last, lines[after], width, full):
                result[-1] = _joined(previous, lines[after])
                last = lines[after]
                number = after + 1
            else:
                result.append("")
                number = after
            continue
        previous = result[-1] if result else ""
        if previous.strip() and line.strip() and _runs_on(last, line, width, full):
            result[-1] = _joined(previous, line)
        else:
            result.append(line)
        last = line
        number += 1
    return "\n".join(result)


def _furniture_follows(lines: list[str], number: int, furniture: set[int]) -> bool:
    """Only blank lines lie between line ``number`` and a line of page furniture."""
    after = number
    while after < len(lines) and not lines[after].strip():
        after += 1
    return after in furniture


def _usual_width(lines: list[str]) -> float | None:
    widths = [len(line.strip()) for line in lines if len(line.strip()) >= 10]
    return median(widths) if widths else None


def _full_width(lines: list[str]) -> float:
    """The width of a line that runs to the margin: the longest lines but the few longest."""
    widths = sorted(len(line.strip()) for line in lines if line.strip())
    return float(widths[int(FULL_WIDTH_RANK * (len(widths) - 1))]) if widths else 0.0


def _is_laid_out(lines: list[str], width: float) -> bool:
    """Many long lines end inside a sentence and the next line goes on with it."""
    long_lines = [n for n, line in enumerate(lines) if len(line.strip()) >= FULL_LINE_SHARE * width and len(line.strip()) >= 10]
    wrapped = [n for n in long_lines if n + 1 < len(lines) and _runs_on(lines[n], lines[n + 1], width)]
    return len(wrapped) >= MIN_WRAPPED_LINES and len(wrapped) >= WRAPPED_SHARE * len(long_lines)


def _runs_on(line: str, following: str, width: float, full_width: float | None = None) -> bool:
    """``following`` goes on with the sentence ``line`` ends in. ``width`` is the usual line's,
    ``full_width`` a line's that runs to the margin (``width`` when not given)."""
    full_width = full_width or width
    body, next_body = line.strip(), following.strip()
    if not body or not next_body or _COLUMNS.search(body) or _COLUMNS.search(next_body):
        return False
    if _RECORD.match(body) and _RECORD.match(next_body):
        return False
    if _BARE_ITEM_NUMBER.fullmatch(body):
        return True  # "1." on a line of its own, its item on the next
    if _FIELD.match(body) and len(body) < FULL_LINE_SHARE * full_width:
        return False  # 电话：0751-3826419 is whole, however short the usual line
    if next_body.startswith(_CONTINUES):
        return True
    if body[-1:].isdigit() and next_body[:1].isdigit() and not _BLOCK_START.match(next_body):
        return True  # a figure cut at the line's end: 于202 / 4年9月28日
    return (
        len(body) >= FULL_LINE_SHARE * width
        and not _SENTENCE_END.search(body)
        and not following.startswith(_INDENT)
        and not _BLOCK_START.match(next_body)
        and not _FIELD.match(next_body)
    )


def _furniture(lines: list[str]) -> set[int]:
    """Page numbers, and lines repeated near every page number (a running header or footer)."""
    numbers = {n for n, line in enumerate(lines)
               if line.strip() and (_PAGE_NUMBER.fullmatch(line.strip()) or _TITLED_PAGE_NUMBER.fullmatch(line.strip()))}
    if len(numbers) < 2:
        return set()
    near = {n for page in numbers for n in range(page - FURNITURE_REACH, page + FURNITURE_REACH + 1)}
    occurrences: dict[str, list[int]] = {}
    for n, line in enumerate(lines):
        if line.strip():
            occurrences.setdefault(line.strip(), []).append(n)
    headers = {n for found in occurrences.values() if len(found) >= 2 and all(n in near for n in found) for n in found}
    # A running header that shortens the title the text opens with (…招商引资项目推介 under …推介（2024）…)
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    title = lines[first].strip() if first is not None else ""
    shortened = {n for n in near if 0 <= n < len(lines) and n != first and len(lines[n].strip()) >= MIN_HEADER_CHARS
                 and title.startswith(lines[n].strip())}
    return numbers | headers | shortened


def _joined(line: str, following: str) -> str:
    head, tail = line.rstrip(), following.lstrip()
    # English words wrapped at a space get it back; figures and Chinese were cut where they stand
    space = " " if head[-1:].isascii() and head[-1:].isalpha() and tail[:1].isascii() and tail[:1].isalpha() else ""
    return head + space + tail
