"""Turn the bytes of a source file into text: encoding detection and format readers."""

from __future__ import annotations

import codecs
import io
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from qa.errors import MissingExtraError
from qa.reflow import unwrap

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Chinese encodings a detector may name for GB text; GB18030 decodes all of them.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "cp936"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# Ideographs and the punctuation of Chinese text (“”‘’—…, 、。《》, full-width forms).
_CHINESE = re.compile(r"[\u2010-\u2027\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
# The most frequent Chinese characters (general use, then policy writing).
_COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多"
    "定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由"
    "其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意"
    "建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统"
    "接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导"
    "器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示"
    "议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布"
    "复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选"
    "标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
    "推村镇城乡域协项投亿户街"
)
# A file that is text except for this many bad byte sequences (per 5,000 characters, at least 4: one damaged spot)
# is read with them replaced by U+FFFD rather than skipped.
_BAD_PER_5000 = 1
TRUNCATED_NOTE = "ends in the middle of a character (truncated file?); the incomplete character was dropped"


class UnreadableFile(Exception):
    """A file that holds no text we can use; the message says why."""


@dataclass(frozen=True)
class Extracted:
    """Text taken from a file, with whatever metadata the format itself carries."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    note: str | None = None  # damage that was worked around (truncated, a few bad bytes), for one warning


def decode_bytes(raw: bytes) -> str:
    """Decode text bytes: BOM first, then strict UTF-8, then a statistical detector."""
    return decode_text(raw)[0]


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Decode text bytes and say what damage was worked around (None when the bytes were clean).

    BOM first, then UTF-8, then a statistical detector, then GB18030. A file cut off in the
    middle of a character loses that character; a handful of invalid byte sequences become
    U+FFFD. Anything worse raises UnreadableFile.
    """
    if not raw.strip():
        raise UnreadableFile("empty file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text, cut, bad = _decode(raw, encoding)
            return _checked(text), _note(cut, bad)
    limit = max(4, _BAD_PER_5000 * len(raw) // 5000)  # characters <= bytes: a first, loose bound
    decoded = _decode(raw, "utf-8", limit)
    if decoded is not None and decoded[2] == 0:
        return _checked(decoded[0]), _note(decoded[1], 0)
    if decoded is not None:
        text, cut, bad = decoded
        if bad <= _bad_allowed(text) and len(text) - len(text.encode("ascii", "ignore")) - bad >= 20 * bad:
            try:  # UTF-8 with a damaged spot; else fall through to the detector
                return _checked(text), _note(cut, bad)
            except UnreadableFile:
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    encoding = best.encoding.lower().replace("-", "_") if best is not None and best.encoding else None
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    # The detector often gives up on, or guesses UTF-16, Korean, Japanese or a Western code page
    # for, short or damaged GB text. These are Chinese documents: GB18030 wins when it reads as
    # Chinese (largely the common characters) at least as well as the guess does.
    decoded = _decode(raw, "gb18030", 0 if encoding else limit)
    if decoded is not None and decoded[2] <= _bad_allowed(decoded[0]):
        if encoding is None or encoding == "gb18030":
            chosen = _looks_chinese(decoded[0])
        else:
            guess = _decode(raw, encoding, 0)
            share = _common_share(decoded[0])
            chosen = share >= 0.3 and (guess is None or share >= _common_share(guess[0]))
        if chosen:
            text, cut, bad = decoded
            return _checked(text), _note(cut, bad)
    if encoding is not None:
        text, cut, bad = _decode(raw, encoding)
        return _checked(text), _note(cut, bad)
    raise UnreadableFile("no text encoding fits (binary file?)")


def _looks_chinese(text: str) -> bool:
    """Mostly Chinese characters, and largely the usual ones (not another code page read as GB).
    ASCII (a link, an English word) reads the same in every code page, so it is not counted."""
    sample = "".join(ch for ch in text[:20000] if not ch.isascii())
    if len(_CHINESE.findall(sample)) < 0.5 * max(1, len(sample)):
        return False
    return len(_IDEOGRAPH.findall(sample)) < 8 or _common_share(sample) >= 0.3


def _common_share(text: str) -> float:
    """Share of the ideographs in ``text`` that are among the most common Chinese characters
    (about 0.8 in the sources; under 0.2 for Korean or Japanese bytes read as GB18030)."""
    ideographs = _IDEOGRAPH.findall(text[:20000])
    return sum(1 for c in ideographs if c in _COMMON_HANZI) / len(ideographs) if ideographs else 0.0


_replaced = threading.local()


class _TooManyErrors(Exception):
    pass


def _replace_counting(error: UnicodeError) -> tuple[str, int]:
    """Like errors="replace", counting replacements (a U+FFFD already in the text is not an error);
    gives up past the limit, so a wrong guess at a large file's encoding fails fast."""
    _replaced.count += 1
    if _replaced.limit is not None and _replaced.count > _replaced.limit:
        raise _TooManyErrors
    return "\ufffd", error.end  # type: ignore[attr-defined]


codecs.register_error("qa-replace-counting", _replace_counting)


@overload
def _decode(raw: bytes, encoding: str) -> tuple[str, bool, int]: ...
@overload
def _decode(raw: bytes, encoding: str, limit: int) -> tuple[str, bool, int] | None: ...
def _decode(raw: bytes, encoding: str, limit: int | None = None) -> tuple[str, bool, int] | None:
    """(text, whether an incomplete last character was dropped, how many bad sequences were replaced);
    None when there are more than ``limit`` bad sequences."""
    _replaced.count = 0
    _replaced.limit = limit
    decoder = codecs.getincrementaldecoder(encoding)(errors="qa-replace-counting")
    try:
        text = decoder.decode(raw, final=False)
    except _TooManyErrors:
        return None
    cut = bool(decoder.getstate()[0])
    return text, cut, _replaced.count


def _bad_allowed(text: str) -> int:
    return max(4, _BAD_PER_5000 * len(text) // 5000)


def _note(cut: bool, bad: int) -> str | None:
    notes = ([TRUNCATED_NOTE] if cut else []) + ([f"{bad} invalid byte sequence(s) shown as \ufffd"] if bad else [])
    return "; ".join(notes) or None


def _checked(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableFile("no text in file")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > 0.02 * len(sample):
        raise UnreadableFile("looks binary (control characters)")
    return text


def extract(path: Path, raw: bytes) -> Extracted:
    """The text of a file by its type; raises UnreadableFile or MissingExtraError."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text, note = decode_text(raw)
        return Extracted(unwrap(text), note=note)
    if suffix in HTML_SUFFIXES:
        html, note = decode_text(raw)
        extracted = _extract_html(html)
        return Extracted(extracted.text, extracted.title, extracted.date, extracted.url, note)
    if suffix == ".pdf":
        return _extract_pdf(raw)
    if suffix == ".docx":
        return _extract_docx(raw)
    raise UnreadableFile(f"unsupported file type {suffix or '(none)'}")


def _extract_html(html: str) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = _meta(soup, "og:title") or (soup.title.get_text(strip=True) if soup.title else None)
    date = _meta(soup, "article:published_time") or _meta(soup, "pubdate") or _meta(soup, "PubDate")
    url = _meta(soup, "og:url")
    canonical = soup.find("link", rel="canonical")
    if not url and canonical is not None and canonical.get("href"):
        url = str(canonical["href"])
    for tag in soup(["script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside", "form", "iframe"]):
        tag.decompose()
    for tag in soup.find_all(_is_page_chrome):
        if not tag.decomposed:
            tag.decompose()
    text = html_text(soup)
    if not text.strip():
        raise UnreadableFile("no text in HTML")
    return Extracted(text, title or None, date, url)


# Elements that break a line: a paragraph's inline markup (<strong>11名</strong>) does not.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "tfoot",
    "thead", "title", "tr", "ul",
})
CELL_SEPARATOR = " | "  # how a table row's cells are written on its line
_DATA_CELL_CHARS = 200  # a longer cell is page layout, not data


def html_text(root) -> str:
    """The text of parsed HTML as a reader sees it: a line per paragraph, heading or list item,
    inline markup and source line breaks inside a paragraph run together, and a data table's
    row on one line with its cells split by `` | `` (the caption and header row above)."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    parts.append(re.sub(r"\s+", " ", str(child)))
            elif child.name == "table" and (lines := spanned_table_lines(child)):
                parts.append("\n" + "\n".join(lines) + "\n")
            elif child.name == "tr" and _is_data_row(child):
                cells = (" ".join(cell.get_text(" ").split()) for cell in child.find_all(["td", "th"], recursive=False))
                parts.append("\n" + CELL_SEPARATOR.join(cells) + "\n")
            elif child.name in _BLOCK_TAGS:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)

    walk(root)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# Class or id names of a page's widgets (comment boxes, share bars, related links), as boilerplate
# removers such as Readability read them; a name that also says content is the article's.
_CHROME_NAME = re.compile(r"comment|share|related|recommend|breadcrumb|crumb|pagination|pager|sidebar|toolbar|login|social|"
                          r"footer|header|menu|navbar|banner|advert", re.IGNORECASE)
_CONTENT_NAME = re.compile(r"article|content|main|body|text|detail|zoom", re.IGNORECASE)


def _is_page_chrome(tag) -> bool:
    """An element the page's own markup names as a widget, not as its content."""
    names = " ".join([*tag.get("class", []), tag.get("id", "") or ""])
    return bool(names) and tag.name not in ("html", "body") and bool(_CHROME_NAME.search(names)) and not _CONTENT_NAME.search(names)


_MAX_SPAN = 50  # a larger rowspan or colspan is a mistake in the page, not a table that big


def _span(cell, attribute: str) -> int:
    value = str(cell.get(attribute) or "1").strip()
    return min(int(value), _MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def spanned_table_lines(table) -> list[str]:
    """A data table whose cells span rows or columns, a line per row with every column filled:
    a cell spanning rows is repeated in each, and header rows stacked under a spanning cell
    (农房风貌提升 over 完成率（%）) are read as one header row (农房风貌提升 完成率（%）), so that each
    figure below keeps its column's full name. [] for a table without spans, or one that lays out
    a page rather than holding data."""
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    cells = [row.find_all(["td", "th"], recursive=False) for row in rows]
    if not rows or not all(_is_data_row(row) or len(row_cells) == 1 for row, row_cells in zip(rows, cells)):
        return []
    if not any(_span(cell, "rowspan") > 1 or _span(cell, "colspan") > 1 for row_cells in cells for cell in row_cells):
        return []
    grid: list[list[str]] = []
    carried: dict[int, tuple[str, int]] = {}  # column → (text, rows still to fill) of a cell spanning rows
    for row_cells in cells:
        line: list[str] = []
        pending = iter(row_cells)
        while True:
            if len(line) in carried:
                text, left = carried.pop(len(line))
                if left > 1:
                    carried[len(line)] = (text, left - 1)
                line.append(text)
                continue
            cell = next(pending, None)
            if cell is None:
                break
            text = " ".join(cell.get_text(" ").split())
            for _ in range(_span(cell, "colspan")):
                if _span(cell, "rowspan") > 1:
                    carried[len(line)] = (text, _span(cell, "rowspan") - 1)
                line.append(text)
        grid.append(line)
    first = cells[0]
    header_rows = max(_span(cell, "rowspan") for cell in first) if any(_span(cell, "colspan") > 1 for cell in first) else 1
    if header_rows > 1:
        width = max(len(line) for line in grid[:header_rows])
        header = [" ".join(dict.fromkeys(line[column] for line in grid[:header_rows] if column < len(line) and line[column]))
                  for column in range(width)]
        grid = [header, *grid[header_rows:]]
    caption = table.find("caption")
    lines = [" ".join(caption.get_text(" ").split())] if caption is not None and caption.get_text(strip=True) else []
    return lines + [CELL_SEPARATOR.join(line) for line in grid]


def _is_data_row(row) -> bool:
    """A table row of data (two or more short cells), not a page laid out in a table."""
    cells = row.find_all(["td", "th"], recursive=False)
    return len(cells) >= 2 and all(
        cell.find("table") is None and len(cell.get_text(strip=True)) <= _DATA_CELL_CHARS for cell in cells
    )


def _meta(soup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    if tag is None or not tag.get("content"):
        return None
    return str(tag["content"]).strip() or None


def _extract_pdf(raw: bytes) -> Extracted:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:
        raise MissingExtraError("reading .pdf needs pypdf: pip install 'policy-qa[formats]'") from exc
    with _collected_log("pypdf") as complaints:
        try:
            reader = PdfReader(io.BytesIO(raw))
            pages = [page.extract_text() or "" for page in reader.pages]
            title = reader.metadata.title if reader.metadata and reader.metadata.title else None
        except PdfReadError as exc:
            raise UnreadableFile(f"damaged PDF ({exc})") from exc
        except Exception as exc:  # pypdf raises many unrelated types on a damaged file
            raise UnreadableFile(f"damaged PDF ({type(exc).__name__}: {str(exc)[:120]})") from exc
    text = unwrap(spaced_cells_split("\n\n".join(pages)))
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned?)")
    note = f"damaged PDF ({complaints[0]}); read the text that could be read" if complaints else None
    return Extracted(text, str(title) if title else None, note=note)


# A cell of a table row a PDF gives with single spaces (泗纶镇 95.1% 93.8 2): short, no sentence in it
_SPACED_CELL = re.compile(r"[^\s，。；：,;:！？|｜]{1,24}")
_FIGURE_CELL = re.compile(r"[\d.]+[%％\u4e00-\u9fff]{0,3}")
_DIGIT = re.compile(r"\d")
SPACED_TABLE_ROWS = 3  # rows with a figure, of as many cells, that make a table and not a line of names


def spaced_cells_split(text: str) -> str:
    """``text`` with the rows of a table its PDF gives cell by cell with single spaces (镇（街道） 指标完成率
    得分 排名 / 罗镜镇 96.4% 95.6 1 / …) written as other tables' rows are, cells split by ``CELL_SEPARATOR``:
    a run of lines of three or more short cells each, as many on every line, ``SPACED_TABLE_ROWS`` of them
    with a figure; or of two, a name and its figure (农村生活污水治理率 80%), ``SPACED_TABLE_ROWS`` of them."""
    lines = text.split("\n")

    def cells(line: str) -> list[str] | None:
        parts = line.strip().split(" ")
        return parts if len(parts) >= 2 and all(_SPACED_CELL.fullmatch(part) for part in parts) else None

    def has_figure(row: list[str]) -> bool:
        if len(row) == 2:  # two words and a space are no table, unless a name and then its figure
            return not _DIGIT.search(row[0]) and bool(_DIGIT.search(row[1]))
        return any(_FIGURE_CELL.fullmatch(cell) for cell in row)

    number, width = 0, 0
    while number < len(lines):
        rows: list[list[str]] = []
        while number + len(rows) < len(lines):
            row = cells(lines[number + len(rows)])
            if row is None or (rows and len(row) != len(rows[0])):
                break
            rows.append(row)
        if sum(1 for row in rows if has_figure(row)) >= SPACED_TABLE_ROWS:
            width = len(rows[0])
        elif not (width > 2 and rows and all(len(row) <= width and has_figure(row) for row in rows)
                  and _goes_on_from_a_table(lines, number, width)):
            # a table goes on after a page break under its header repeated, a blank cell
            # (南山镇 61.5 9.7 1 2) leaving a row short: its rows, though only a full one can be read
            number += max(len(rows), 1)
            continue
        lines[number : number + len(rows)] = [CELL_SEPARATOR.join(row) for row in rows]
        number += len(rows) - _header_joined(lines, number, width)
    return "\n".join(lines)


# A column's name or unit wrapped onto lines of its own under a PDF table's header row
# (集体收入50万元以上村 / (个)): short, one piece, no sentence in it
_WRAPPED_NAME = re.compile(r"[^\s，。；：,;:！？|｜]{1,12}")
_WRAPPED_LINES = 2
# A PDF header row's column names: split at spaces, and after a bracketed unit that runs into the
# next name (绿美示范点(个)集体收入50万元以上村)
_HEADER_BREAK = re.compile(r" +|(?<=[)）])(?=[\u4e00-\u9fff])")


def _header_above(lines: list[str], number: int) -> tuple[int, list[str]] | None:
    """The line of the header row above the rows starting at line ``number``, with its column
    names (those wrapped onto lines of their own read with it); None when a row or a blank line
    stands above."""
    above, wrapped = number - 1, []
    while above >= 1 and len(wrapped) < _WRAPPED_LINES and _WRAPPED_NAME.fullmatch(lines[above].strip()):
        wrapped.insert(0, lines[above].strip())
        above -= 1
    if above < 0 or CELL_SEPARATOR in lines[above] or " " not in lines[above].strip():
        return None
    names = [name for name in _HEADER_BREAK.split(lines[above].strip()) if name]
    if any(re.search(r"[，。；：,;:]", name) for name in names[1:]):
        return None
    for piece in wrapped:  # a unit goes with the name above it; a name after a unit is a column of its own
        if names[-1].endswith((")", "）")) and not piece.startswith(("(", "（")):
            names.append(piece)
        else:
            names[-1] += piece
    return above, names


def _goes_on_from_a_table(lines: list[str], number: int, width: int) -> bool:
    """The rows at line ``number`` go on from a table ``width`` columns wide: right under one of its
    rows, or under its header row repeated."""
    if number and CELL_SEPARATOR in lines[number - 1]:
        return True
    header = _header_above(lines, number)
    return header is not None and len(header[1]) == width


def _header_joined(lines: list[str], number: int, width: int) -> int:
    """Write the header row above the table rows at line ``number`` as a row, cells split by
    ``CELL_SEPARATOR``, when its column names are as many as the rows' cells, the names wrapped
    onto lines of their own joined to it; the number of lines that joining removed."""
    header = _header_above(lines, number)
    if header is None or len(header[1]) != width:
        return 0
    at, names = header
    lines[at : number] = [CELL_SEPARATOR.join(names)]
    return number - at - 1


@contextmanager
def _collected_log(name: str) -> Iterator[list[str]]:
    """Collect a library's warnings instead of letting them reach stderr (they become one note)."""
    logger = logging.getLogger(name)
    messages: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = _Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _extract_docx(raw: bytes) -> Extracted:
    try:
        import docx
    except ImportError as exc:
        raise MissingExtraError("reading .docx needs python-docx: pip install 'policy-qa[formats]'") from exc
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several unrelated types for a bad zip
        raise UnreadableFile(f"damaged DOCX ({type(exc).__name__})") from exc
    text = "\n".join(_docx_lines(document))
    if not text.strip():
        raise UnreadableFile("DOCX has no text")
    title = document.core_properties.title or None
    return Extracted(text, title)


def _docx_lines(document) -> Iterator[str]:
    """The body of a Word document in reading order: each paragraph, and each table row as its
    cells joined by ``CELL_SEPARATOR`` (a task list's 牵头单位 stands in a table, not a paragraph)."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            yield block.text
            continue
        for row in block.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue  # a merged cell is listed once per column it spans
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
            yield CELL_SEPARATOR.join(cells)
