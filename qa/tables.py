"""Lines of a document's text, and the tables they form: a row's header and caption say what
its bare cells are (林寨镇 | 22 | 5,150 under 镇名 | 实施项目（个） | 完成投资（万元）)."""

from __future__ import annotations

import re

from qa.clean import CELL_BOUNDARY, GROUP_LABEL_CHARS, MARKDOWN_RULE

_ALIGNED_CELL = r"[^\s|](?:[^\s|]|[ \u3000](?![ \u3000]))*"  # one space inside a cell; two or more part cells
# A table row as the page reader writes it (林寨镇 | 22 | 5,150), as Markdown does (| 河田镇 | 58.27 |), or
# in aligned columns of a PDF's text (1    观山冷链物流中心    石角镇    8600), three cells at least.
TABLE_ROW = re.compile(
    r"(?:\|\s*)?[^\n|]+(?:\s\|\s[^\n|]*)+(?:\s*\|)?"
    rf"|{_ALIGNED_CELL}(?:(?: {{2,}}|\t|\u3000{{2,}}){_ALIGNED_CELL}){{2,}}"
)
_UNIT_LINE = re.compile(r"[（(]?单位\s*[：:]\s*([^\s，,；;）)]{1,6})[)）]?")  # 单位：万元 over a table
TABLE_ROWS = 30  # rows searched above a row for its table's caption
_BRACKETED_UNIT = re.compile(r"[（(]([^（()）]{1,6})[)）]\s*$")
_BARE_FIGURE = re.compile(r"[-+]?\d[\d.,]*")
# A share (54.6%) under a column that names a rate (完成率, 占比): the column says which rate it is
_SHARE_CELL = re.compile(r"[-+]?\d[\d.,]*\s*[%％‰]")
_RATE_COLUMN = re.compile(r"[\u4e00-\u9fff]*(?:率|比例|占比)")
_DATE_CELL = re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?(?:底|初|中|前|底前)?")


def line_before(text: str, start: int) -> tuple[int, str] | None:
    """The start and (stripped) text of the line before the one ``start`` is on; None at the top."""
    end = text.rfind("\n", 0, start)
    if end < 0:
        return None
    begin = text.rfind("\n", 0, end) + 1
    line = text[begin:end]
    return begin + len(line) - len(line.lstrip()), line.strip()


def line_after(text: str, end: int) -> tuple[int, str] | None:
    """The end and (stripped) text of the line after the one ``end`` is on; None at the bottom."""
    newline = text.find("\n", end)
    if newline < 0:
        return None
    stop = text.find("\n", newline + 1)
    line = text[newline + 1 : len(text) if stop < 0 else stop]
    return newline + 1 + len(line.rstrip()), line.strip()


def whole_line_at(text: str, start: int, pattern: re.Pattern[str]) -> bool:
    """The line ``start`` opens (after its indent) is, as a whole, of ``pattern``."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return not text[line_start:start].strip() and bool(pattern.fullmatch(text[start : line_end if line_end >= 0 else len(text)].strip()))


def table_above(text: str, start: int) -> tuple[str, str, int]:
    """The caption and the header row of the table whose row starts at ``start`` ('' when absent),
    and where the header row starts. A Markdown rule (|---|---|) is passed over, and so is one blank
    line between the header and its caption (**表1 …**)."""
    header, header_start, at, blank_crossed = "", start, start, False
    row_end = text.find("\n", start)
    own_row = text[start : row_end if row_end >= 0 else len(text)]
    for _ in range(TABLE_ROWS):
        previous = line_before(text, at)
        if previous is not None and not previous[1] and header and not blank_crossed:
            previous, blank_crossed = line_before(text, previous[0]), True
        if previous is None or not previous[1]:
            break
        at, line = previous
        if MARKDOWN_RULE.fullmatch(line):
            continue
        if not TABLE_ROW.fullmatch(line) and _groups_rows(text, at, line) and re.search(r"\d", header or own_row):
            continue  # over a data row; over a header row (指标 | 数值 | 同比) it is the next table's caption
        if not TABLE_ROW.fullmatch(line):
            above = line_before(text, at) if _UNIT_LINE.fullmatch(line) else None
            if above is not None and above[1] and not TABLE_ROW.fullmatch(above[1]):
                return f"{above[1]} {line}", header, header_start  # the caption, then 单位：万元 under it
            return line, header, header_start
        header, header_start = line, at
    return "", header, header_start


def heads_a_table(text: str, start: int, end: int) -> bool:
    """The line at ``text[start:end]`` is a table's header row: a row with no row above it and a
    row below it (a Markdown rule between them passed over). Its figures name columns (年收入30万元以上村),
    they are no one's figures."""
    if not whole_line_at(text, start, TABLE_ROW) or table_above(text, start)[1]:
        return False
    below = line_after(text, end)
    if below is not None and MARKDOWN_RULE.fullmatch(below[1]):
        below = line_after(text, below[0])
    return below is not None and bool(TABLE_ROW.fullmatch(below[1]))


def _groups_rows(text: str, start: int, line: str) -> bool:
    """The line at ``start`` labels a group of a table's rows (一、典型镇建设项目（9个）): a short line
    with rows of the same table above it."""
    above = line_before(text, start)
    return len(line) <= GROUP_LABEL_CHARS and above is not None and bool(TABLE_ROW.fullmatch(above[1]))


def table_heading(text: str, start: int) -> str:
    """The caption and header row of the table a row (县域规模以上工业增加值 | 148.3亿元 | 6.2%) is in
    (表2 一季度县域经济主要指标 / 指标 | 数值 | 同比): they say what and when its figures are. '' for
    other lines."""
    if not whole_line_at(text, start, TABLE_ROW):
        return ""
    caption, header, _ = table_above(text, start)
    return f"{caption} {header}".strip()


def row_cells(row: str) -> list[str]:
    """The cells of a table row (新圩村 | 杜步镇 | 36.2 → 新圩村, 杜步镇, 36.2), Markdown's outer bars dropped."""
    return [cell.strip() for cell in CELL_BOUNDARY.split(row.strip().strip("|").strip())]


_FIGURE_WITH_UNIT = re.compile(r"[\d.,]+\s*(?:[万亿千]\s*)?(?:[\u4e00-\u9fff]{1,3}|[%％])")


def _matched_row(text: str, start: int, end: int) -> tuple[str, list[str], list[str]] | None:
    """The caption above the table row at ``text[start:end]``, its column names and its cells; None
    for other lines, or when the header does not match the row cell for cell."""
    if not whole_line_at(text, start, TABLE_ROW):
        return None
    caption, header, _ = table_above(text, start)
    names, cells = row_cells(header), row_cells(text[start:end])
    if not header or len(names) != len(cells):
        return None
    return caption, names, cells


def under_column(text: str, start: int, end: int, head: str) -> bool:
    """The table row at ``text[start:end]`` has a cell, after its first, under a column named for
    ``head`` (禅文化旅游 under 创建主题, for 走什么主题): that cell answers a question for it."""
    row = _matched_row(text, start, end)
    return row is not None and any(name.endswith(head) for name in row[1][1:])


def row_reading(text: str, start: int, end: int) -> str | None:
    """A table row's cells each under their column's name and unit, as its figures read
    (林寨镇 | 22 | 5,150 under 镇名 | 实施项目（个） | 完成投资（万元） reads 林寨镇；实施项目 22个；
    完成投资 5,150万元): a bare cell says neither what nor how much. None for other lines, or
    when the header does not match the row cell for cell."""
    row = _matched_row(text, start, end)
    if row is None:
        return None
    caption, names, cells = row
    units = [cell for name, cell in zip(names, cells) if name == "单位"]  # a unit column (| 亿元 |)
    unit_line = _UNIT_LINE.search(caption)
    units += [unit_line.group(1)] if unit_line else []  # 单位：万元 over the whole table
    read = []
    for column, (name, cell) in enumerate(zip(names, cells)):
        unit = _BRACKETED_UNIT.search(name)
        label = name[: unit.start()] if unit else name
        if _DATE_CELL.fullmatch(cell) and column > 0:
            read.append(f"{label} {cell}")  # 2024年7月 under 计划完成时间 says which date it is
        elif column > 0 and _SHARE_CELL.fullmatch(cell) and _RATE_COLUMN.fullmatch(label):
            read.append(f"{label} {cell}")  # 54.6% under 完成率 is the rate achieved
        elif column > 0 and name != "单位" and _FIGURE_WITH_UNIT.fullmatch(cell):
            read.append(f"{label} {cell}")  # 280元 under 村民人均分红 is the dividend per villager
        elif column == 0 or name == "单位" or not _BARE_FIGURE.fullmatch(cell):
            read.append(cell)
        else:
            read.append(f"{label} {cell}{unit.group(1) if unit else (units[0] if units else '')}")
    return "；".join(read)


def columns_of_year(text: str, start: int, year: str) -> list[str]:
    """The names of the columns of the table row at ``start`` that name ``year`` (2025年目标 for
    2025 under 指标 | 2024年基数 | 2025年目标 | 2027年目标); [] for other lines."""
    if not whole_line_at(text, start, TABLE_ROW):
        return []
    _, header, _ = table_above(text, start)
    return [name for name in row_cells(header) if year in name]
