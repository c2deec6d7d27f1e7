"""Find the article text in a scraped page: the spans of the decoded text that are
body, leaving out navigation, menus, comment widgets, footers, link lists and a
repeated copy of the article. Characters are never rewritten: the result is a
list of (start, end) ranges into the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qa.people import POST_AND_NAME_LINE

Span = tuple[int, int]

HEADER_KEYS = ("title", "date", "url", "source", "author")
_HEADER = re.compile(r"^(title|date|url|source|author)\s*:\s*(.*)$", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?；;，,]")
FULL_DATE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_URL = re.compile(r"https?://[!-~]+|www\.[!-~]+")
_BULLETS = re.compile(r"[●•▪◆■]")
_ELLIPSIS_TAIL = re.compile(r"\s*(\.{2,}|…+|。{2,})\s*$")
_LABEL_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,4}\s*[:：]\s*")

# Site chrome that shows up on its own line in scraped pages.
_STRONG_JUNK = re.compile(
    r"版权所有|all rights reserved|copyright|icp备|icp证|公网安备|经营许可证|免责声明|[（(]\s*声明\s*[:：]|未经授权|不得转载|不得复制",
    re.IGNORECASE,
)
_SHORT_JUNK = re.compile(
    r"评论|分享|点赞|收藏|打印|上一篇|下一篇|上一版|下一版|上一期|下一期|版面导航|放大|缩小|人气|浏览量|阅读数|"
    r"阅读量|首页|热线|扫一扫|二维码|责任编辑|编辑\s*[:：]|来源\s*[:：]|关闭窗口|返回顶部|到底|powered|gmt[+-]|"
    r"站点|详细内容|查看内容|概述\s*[:：]|热文|相关阅读|相关新闻|推荐阅读|举报|联系我们|关于我们|手机版|网站地图|"
    r"字号|登录|注册|联系电话|电话\s*[:：]|第\s*[A-Z]?\d+\s*版|图片由|图片来源|供图|摄影\s*[:：]|"
    r"主办单位|承办单位|技术支持|网站标识码|网站识别码",
    re.IGNORECASE,
)
_SHORT_JUNK_MAX = 80
# （联系人：县百千万办综合组 林振华，联系电话：…）: who a notice names to call, not a site's footer
_CONTACT_PERSON = re.compile(r"^[（(]?\s*联系人\s*[：:]\s*[^\s：:，,）)]")
# A sentence of clauses ending in 。 is text, though it says 缩小 or 注册 (城乡居民收入比缩小到1.69:1，…。);
# a widget's line is not (查看更多评论>> | 我要评论 | 请遵守…。)
_STATEMENT = re.compile(r"^[^|｜>]*[\u4e00-\u9fff]{2,}[，,；;][^。！？|｜>]*[\u4e00-\u9fff][^。！？|｜>]*。[”’」）)]?\s*$")
_STRONG_JUNK_MAX = 300
_SHORT_LINE = 24  # a line this short, without sentence punctuation, is a heading or a link
_HEADING_LINE = 40  # a line this short, without a sentence's end, may head a section
_CONTENTS_RUN = 3  # headings in a row that the page repeats below: a table of contents
_STOP = re.compile("[。！？!?；;]")  # a sentence's or clause's end; a heading or a link has none
_LINK_RUN = 4  # that many such lines in a row are a menu or a list of links
_ATTACHMENTS_LABEL = re.compile(r"\s*附\s*件\s*[：:]?\s*$")  # 附件： heads the list of what a notice comes with
# 联系人：梁志强（局长）, 地址：…: a field of a contact block says something; a menu's links do not
_FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,5}\s*[：:]\s*\S")
_PARAGRAPH = 50  # a kept line this long is article text; datelines come before it


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """Read a ``Title:/Date:/URL:`` header block at the top; returns fields and where the body starts."""
    fields: dict[str, str] = {}
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        match = _HEADER.match(stripped)
        if not match:
            if stripped or fields:
                break
            position += len(line)
            continue
        value = match.group(2).strip()
        if value and value.lower() not in {"none", "null", "n/a", "-"}:
            fields[match.group(1).lower()] = value
        position += len(line)
    return (fields, position) if fields else ({}, 0)


def _lines(text: str, start: int) -> Iterator[Span]:
    """Stripped (start, end) of every line from ``start``; empty lines give start == end."""
    position = start
    for line in text[start:].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        left = len(body) - len(body.lstrip(" \t\u3000\xa0"))
        right = len(body.rstrip(" \t\u3000\xa0"))
        if right <= left:
            yield (position, position)
        else:
            yield (position + left, position + right)
        position += len(line)


CLEANER = "lines+repeats+file-links+table-rows+html-blocks+html-widgets+no-crumbs+md-quotes+md-table-headers+unwrapped-lines+row-groups+photo-credits+docx-tables+line-by-line-unwrap+statements-kept+field-lines+record-lines+titled-footers+whole-fields+title-headers+fact-bullets+contents-headings+md-links+attachment-lists+pdf-spaced-cells+people-lists+pdf-two-cell-rows+contact-persons+spanned-html-tables+paged-footers+bracket-heads+paged-table-rows/31"  # a change of what is kept of a page rebuilds the index
_MARKDOWN_LINK_LINE = re.compile(r"(?:[-*+]\s+)?!?\[[^\]]*\]\([^)]*\)[\s\d\-/.:：年月日]*$")
_FILE_LINK = re.compile(r"\.(?:xlsx?|docx?|pdf|wps|et|ofd|zip|rar|7z)\s*$", re.IGNORECASE)


def _is_junk(line: str, mostly_cjk: bool, table_row: bool = False) -> bool:
    if table_row:
        return bool(_STRONG_JUNK.search(line))  # short cells without punctuation are what a row is
    if mostly_cjk and not _CJK.search(_URL.sub("", line)):
        return True
    if len(line) <= _STRONG_JUNK_MAX and _STRONG_JUNK.search(line):
        return True
    if (len(line) <= _SHORT_JUNK_MAX and _SHORT_JUNK.search(line) and not _STATEMENT.search(line)
            and not _CONTACT_PERSON.match(line)):
        return True
    if _MARKDOWN_LINK_LINE.match(line):
        return True  # - [另一篇文章的标题](https://…), ![图片说明](…): a link or a picture, not text
    if _FILE_LINK.search(line):
        return True  # 附件：…一览表.xlsx links a download, it says nothing itself
    if _is_breadcrumb(line) or line.count("|") + line.count("｜") >= 3:
        return True  # breadcrumbs and menus
    if len(_BULLETS.findall(line)) >= 2 or (_BULLETS.match(line) and not re.search("[。！？；;]", line)):
        return True  # lists of links to other articles; a bullet ending in ； is one of a list of facts
    tokens = line.split()
    return len(tokens) >= 3 and all(len(t) <= 8 for t in tokens) and not _SENTENCE_END.search(line)


def _is_breadcrumb(line: str) -> bool:
    """A trail of links (首页 > 新闻 > 本地, › 政务公开); not a Markdown quote (> 以前村里…，现在…。)."""
    if " > " in line or line.startswith(("›", "»")):
        return True
    return line.startswith(">") and not (_SENTENCE_END.search(line) and len(line) >= _SHORT_LINE)


def _is_short(line: str) -> bool:
    return len(line) < _SHORT_LINE and not _STOP.search(line)


def _core(line: str) -> str:
    """A line without a leading label (摘要:) or a trailing ellipsis, for near-duplicate checks."""
    return _ELLIPSIS_TAIL.sub("", _LABEL_HEAD.sub("", line)).strip()


def body_spans(text: str) -> list[Span]:
    """The (start, end) ranges of ``text`` that hold article body, in order."""
    _, body_start = parse_header(text)
    mostly_cjk = len(_CJK.findall(text[:50000])) > 0.2 * max(1, len(text[:50000].strip()))
    lines = [span for span in _lines(text, body_start) if span[1] > span[0]]
    rows = _table_rows(text, lines)
    junk = {span for span in lines if _is_junk(text[span[0] : span[1]], mostly_cjk, span in rows)}
    kept = _drop_link_runs(text, lines, junk, rows)
    kept = _drop_repeats(text, kept)
    kept += [date for span in lines if span in junk and span[0] < _body_start(text, kept) for date in _dates_in(text, span)]
    kept.sort()
    return [piece for span in kept for piece in _without_urls(text, span)]


def _body_start(text: str, kept: list[Span]) -> int:
    """Where the article proper begins: the first kept paragraph of some length."""
    return next((start for start, end in kept if end - start >= _PARAGRAPH), len(text))


def _dates_in(text: str, span: Span) -> list[Span]:
    """Full dates on a line of page chrome (a dateline beside 放大/缩小): worth keeping to quote."""
    return [match.span() for match in FULL_DATE.finditer(text, span[0], span[1])]


# Between two cells of a table's row: a bar (县 | 镇), or the spaces of aligned columns (石角镇    8600).
CELL_BOUNDARY = re.compile(r"\s[|｜]\s|(?<=\S)(?: {2,}|\t|\u3000{2,})(?=\S)")
MARKDOWN_RULE = re.compile(r"\|?(?:\s*:?-{2,}:?\s*\|)+(?:\s*:?-{2,}:?\s*)?")
TABLE_CELLS = 3  # a line split into this many cells or more may be a table's row, or a menu
GROUP_LABEL_CHARS = 30  # a line this short between rows labels a group of them


def _table_rows(text: str, lines: list[Span]) -> set[Span]:
    """Lines that are rows of a table (县 | 镇 | 类型 | 主要特色): two or more lines in a row, each of
    three or more cells, one of them with a figure. A menu (首页 | 新闻 | 政务公开 | 互动) stands alone
    and counts nothing."""
    rows: set[Span] = set()
    run: list[Span] = []
    for span in [*lines, (len(text), len(text))]:
        line = text[span[0] : span[1]]
        if len(CELL_BOUNDARY.findall(line.strip())) + 1 >= TABLE_CELLS:
            run.append(span)
            continue
        if run and MARKDOWN_RULE.fullmatch(line.strip()):
            continue  # |---|---| under a Markdown table's header row: the table goes on
        if run and line and len(line) <= GROUP_LABEL_CHARS and not _SENTENCE_END.search(line):
            continue  # 一、典型镇建设项目（9个） labels the rows under it: the table goes on
        if len(run) >= 2 and any(re.search(r"\d", text[s:e]) for s, e in run):
            rows.update(run)
        run = []
    return rows


def _drop_link_runs(text: str, lines: list[Span], junk: set[Span], rows: set[Span] = frozenset()) -> list[Span]:
    """Lines that are not junk, less runs of short unpunctuated lines (menus, lists of headlines).
    A junk line ends a run; a table's ``rows`` are not links."""
    result: list[Span] = []
    run: list[Span] = []

    def flush() -> None:
        if len(run) < _LINK_RUN or _ATTACHMENTS_LABEL.match(text, run[0][0], run[0][1]) or _names_people(run):
            # 附件： / 1. …名单 / 2. …申报表: what a notice comes with, not a menu; nor is
            # 参会人员： / 副县长 苏伟明 / …, who took part
            result.extend(run)
        run.clear()

    def _names_people(spans: list[Span]) -> bool:  # a menu's links name no 副县长 何倩
        return sum(bool(POST_AND_NAME_LINE.fullmatch(text, start, end)) for start, end in spans) >= 2

    for span in lines:
        if span in junk:
            flush()
            continue
        line = text[span[0] : span[1]]
        if span not in rows and _is_short(line) and not _FIELD_LINE.match(line):
            run.append(span)
        else:
            flush()
            result.append(span)
    flush()
    return result


def _drop_repeats(text: str, kept: list[Span]) -> list[Span]:
    """Drop lines repeated from earlier in the page, and teasers (摘要: …) of later text.

    A heading listed first in a table of contents (本期要目 / 多祝镇：皇思扬古村“活”起来 / 铁涌镇：…)
    is kept where it heads its own new text, not in the list."""
    lines = [text[start:end] for start, end in kept]
    first: dict[str, int] = {}
    for number, line in enumerate(lines):
        first.setdefault(line, number)
    moved = _contents_entries(lines, first)  # a later copy's number -> its entry in the contents
    chosen = [number for number, line in enumerate(lines)
              if (len(line) < 8 or first[line] == number or number in moved) and number not in moved.values()]
    result = [kept[number] for number in chosen]
    teasers = {
        span
        for span in result
        if _core(text[span[0] : span[1]]) != text[span[0] : span[1]]
        and len(_core(text[span[0] : span[1]])) >= 8
        and any(
            other != span and _core(text[span[0] : span[1]]) in text[other[0] : other[1]] for other in result
        )
    }
    return [span for span in result if span not in teasers]


def _contents_entries(lines: list[str], first: dict[str, int]) -> dict[int, int]:
    """The headings a page lists in a table of contents (``_CONTENTS_RUN`` headings in a row or
    more, each repeated below) and repeats below with new text around them: the number of each
    later copy, mapped to the number of its entry in the list."""

    def repeated(number: int) -> bool:
        return len(lines[number]) >= 8 and first[lines[number]] < number

    def heading(number: int) -> bool:  # short, no sentence's end, not a table row
        line = lines[number] if 0 <= number < len(lines) else ""
        return bool(line) and len(line) <= _HEADING_LINE and not _STOP.search(line) and "|" not in line

    later = {line for number, line in enumerate(lines) if repeated(number)}

    def listed_again(number: int) -> bool:
        return heading(number) and lines[number] in later

    def in_contents(number: int) -> bool:
        start = end = number
        while listed_again(start - 1):
            start -= 1
        while listed_again(end + 1):
            end += 1
        return listed_again(number) and end - start + 1 >= _CONTENTS_RUN

    return {
        number: first[line]
        for number, line in enumerate(lines)
        if repeated(number) and heading(number) and in_contents(first[line])
        and number + 1 < len(lines) and not repeated(number + 1)
        and lines[number - 1] != lines[first[line] - 1]  # new text around it, not the list again
    }


def _without_urls(text: str, span: Span) -> Iterator[Span]:
    """Split a line around embedded URLs, keeping only pieces that still hold words."""
    start, end = span
    position = start
    for match in _URL.finditer(text, start, end):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    piece = text[start:end]
    if not (_CJK.search(piece) or FULL_DATE.search(piece) or re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", piece)):
        return
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right > left:
        yield (start + left, start + right)
