"""Present answers outside the terminal: HTML for the chat, Markdown and CSV for
reports, one-line citations to copy, and JSON for the API.

Source text comes from scraped pages and may hold markup (``<script>``, ``onerror=``,
``javascript:`` links), so every piece of it is escaped before it is put in HTML or
Markdown, and only http(s) addresses ever become links. All functions are pure.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.metadata import safe_url
from qa.types import Answer, Citation, Document, Hit

UNKNOWN_DATE = "日期不详"
UNKNOWN_REGION = "地区不详"
RELATED_SHOWN = 3  # passages shown under a refusal
CONTEXT_RADIUS = 150  # characters either side of a quote when no retrieved passage holds it
CSV_COLUMNS = ("question", "answer", "quote", "source title", "date", "URL", "character range", "source file")
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]{}#|~!])")


@dataclass(frozen=True)
class Exchange:
    """One question of a conversation: as the user typed it, and the answer to its standalone form."""

    asked: str
    answer: Answer

    @property
    def standalone(self) -> str:
        """The question that was answered (a follow-up rewritten with its context)."""
        return self.answer.question


# -- small shared pieces ----------------------------------------------------------------


def date_text(date: str | None) -> str:
    """The date as shown, or 日期不详."""
    return date or UNKNOWN_DATE


def char_range(start: int, end: int) -> str:
    """A character range as shown: 3304–3333 (an en dash, so spreadsheets do not read a date)."""
    return f"{start}–{end}"


def locator(source: str, start: int, end: int) -> str:
    """Where a quote sits when there is no link: file name and character range."""
    return f"{source} 字符 {char_range(start, end)}"


def copy_text(citation: Citation) -> str:
    """The citation as one line to paste into a report: 「quote」——title，date，URL."""
    where = safe_url(citation.url) or locator(citation.source, citation.start, citation.end)
    return f"「{citation.quote}」——{citation.title}，{date_text(citation.date)}，{where}"


def citation_record(citation: Citation) -> dict:
    """The citation as a JSON object."""
    return {
        "n": citation.n,
        "quote": citation.quote,
        "title": citation.title,
        "date": citation.date,
        "region": citation.region,
        "url": safe_url(citation.url),
        "source": citation.source,
        "start": citation.start,
        "end": citation.end,
        "copy": copy_text(citation),
    }


def answer_record(answer: Answer, asked: str | None = None) -> dict:
    """The answer as the API returns it: text, refusal flag, citations, and related passages when refused."""
    return {
        "question": asked if asked is not None else answer.question,
        "answered_question": answer.question,
        "refused": answer.refused,
        "answer": answer.answer,
        "citations": [citation_record(c) for c in answer.citations],
        "related": [
            {"source": h.chunk.source, "start": h.chunk.start, "end": h.chunk.end, "text": h.chunk.text}
            for h in (answer.passages[:RELATED_SHOWN] if answer.refused else ())
        ],
        "seconds": round(answer.seconds, 4),
    }


# -- HTML for the chat ------------------------------------------------------------------


def _text(text: str) -> str:
    """Source text as HTML: escaped, line breaks kept as <br>.

    The chat renders messages as Markdown; a message that is one line of HTML stays a
    single HTML block, so nothing in the source text is read as Markdown.
    """
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _link(url: str | None, label: str) -> str | None:
    good = safe_url(url)
    if good is None:
        return None
    return f'<a href="{html.escape(good, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">{_text(label)}</a>'


def _where(url: str | None, source: str, start: int, end: int) -> str:
    """A link to the page when it has an http(s) address, else the file name and range."""
    return _link(url, "原文链接") or f'<span class="qa-loc">{_text(locator(source, start, end))}</span>'


def _meta(title: str, date: str | None, region: str | None, where: str) -> str:
    parts = [f'<span class="qa-title">{_text(title)}</span>', _text(date_text(date)), _text(region or UNKNOWN_REGION), where]
    return '<span class="qa-meta">' + " · ".join(parts) + "</span>"


def context_of(citation: Citation, passages: Sequence[Hit], documents: Mapping[str, Document]) -> tuple[str, str, str]:
    """The text before the quote, the quote, and the text after it, within the retrieved
    passage that holds it (or a window of the document when none does)."""
    for hit in passages:
        chunk = hit.chunk
        if chunk.source == citation.source and chunk.start <= citation.start and citation.end <= chunk.end:
            a, b = citation.start - chunk.start, citation.end - chunk.start
            return chunk.text[:a], chunk.text[a:b], chunk.text[b:]
    document = documents.get(citation.source)
    if document is not None and document.text[citation.start : citation.end] == citation.quote:
        text = document.text
        before = text[max(0, citation.start - CONTEXT_RADIUS) : citation.start]
        after = text[citation.end : citation.end + CONTEXT_RADIUS]
        return before, citation.quote, after
    return "", citation.quote, ""


def citation_html(citation: Citation, passages: Sequence[Hit], documents: Mapping[str, Document]) -> str:
    """One citation: number and quote, its source, a copy button, and the passage with the quote marked."""
    before, quote, after = context_of(citation, passages, documents)
    return (
        f'<div class="qa-cite" id="qa-cite-{citation.n}">'
        f'<div class="qa-quote"><span class="qa-n">[{citation.n}]</span> 「{_text(citation.quote)}」</div>'
        f'<div class="qa-source">{_meta(citation.title, citation.date, citation.region, _where(citation.url, citation.source, citation.start, citation.end))}'
        # The sanitiser of the chat drops data-* attributes, so the text to copy travels
        # in a hidden sibling element that the page's click handler reads.
        f'<span class="qa-copy-text">{_text(copy_text(citation))}</span>'
        f'<button type="button" class="qa-copy" title="复制「引文」——标题，日期，网址">复制引用</button></div>'
        f"<details><summary>查看上下文</summary>"
        f'<div class="qa-passage">{_text(before)}<mark>{_text(quote)}</mark>{_text(after)}</div>'
        f'<div class="qa-loc">{_text(locator(citation.source, citation.start, citation.end))}</div>'
        f"</details></div>"
    )


def related_html(hit: Hit, documents: Mapping[str, Document]) -> str:
    """A passage shown under a refusal, labelled 可能相关."""
    chunk = hit.chunk
    document = documents.get(chunk.source)
    title = document.title if document else chunk.source
    meta = _meta(title, document.date if document else None, document.region if document else None,
                 _where(document.url if document else None, chunk.source, chunk.start, chunk.end))
    preview = chunk.text.replace("\n", " ")
    preview = preview[:60] + ("…" if len(preview) > 60 else "")
    return (
        f'<div class="qa-cite qa-related"><div class="qa-source"><span class="qa-label">可能相关</span>{meta}</div>'
        f"<details><summary>{_text(preview)}</summary>"
        f'<div class="qa-passage">{_text(chunk.text)}</div>'
        f'<div class="qa-loc">{_text(locator(chunk.source, chunk.start, chunk.end))}</div>'
        f"</details></div>"
    )


def _rewrite_note(asked: str | None, answer: Answer) -> str:
    if asked is None or asked.strip() == answer.question.strip():
        return ""
    return f'<div class="qa-rewrite">按上文理解为：{_text(answer.question)}</div>'


def streaming_html(partial: str, asked: str | None = None, question: str | None = None) -> str:
    """The answer while it is being written: the text so far and a cursor."""
    note = ""
    if asked is not None and question is not None and asked.strip() != question.strip():
        note = f'<div class="qa-rewrite">按上文理解为：{_text(question)}</div>'
    return f'<div class="qa-answer qa-streaming">{note}<div class="qa-text">{_text(partial)}<span class="qa-cursor">▍</span></div></div>'


def answer_html(answer: Answer, documents: Mapping[str, Document], asked: str | None = None) -> str:
    """The finished answer: its text with [n] markers, then each citation; or a refusal with related passages."""
    note = _rewrite_note(asked, answer)
    if answer.refused:
        related = "".join(related_html(hit, documents) for hit in answer.passages[:RELATED_SHOWN])
        related_block = f'<div class="qa-cites"><div class="qa-cites-head">可能相关的段落（不是答案，仅供参考）</div>{related}</div>' if related else ""
        return (
            f'<div class="qa-answer qa-refused">{note}<div class="qa-refusal"><span class="qa-refusal-icon">⚠</span> {_text(answer.answer)}</div>'
            f"{related_block}</div>"
        )
    cites = "".join(citation_html(c, answer.passages, documents) for c in answer.citations)
    return (
        f'<div class="qa-answer">{note}<div class="qa-text">{_text(answer.answer)}</div>'
        f'<div class="qa-cites"><div class="qa-cites-head">引用来源</div>{cites}</div></div>'
    )


def stream_pieces(text: str, size: int = 12) -> list[str]:
    """Growing prefixes of ``text`` to show while an answer streams, ending with the whole text.

    Breaks fall after a citation marker or every ``size`` characters, so a marker such
    as [1] never shows half written.
    """
    pieces: list[str] = []
    position = 0
    for match in re.finditer(r"\[\d+\]|[^\[]{1,%d}|\[" % max(1, size), text):
        position = match.end()
        pieces.append(text[:position])
    if not pieces or pieces[-1] != text:
        pieces.append(text)
    return pieces


# -- Markdown and CSV for reports --------------------------------------------------------


def markdown_escape(text: str) -> str:
    """Text safe to put in Markdown: HTML escaped, Markdown punctuation backslashed, one line."""
    text = html.escape(text, quote=False)
    text = _MARKDOWN_ACTIVE.sub(r"\\\1", text)
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def _markdown_where(url: str | None, source: str, start: int, end: int) -> str:
    good = safe_url(url)
    # An autolink cannot be broken out of: safe_url has refused spaces, quotes and <>.
    return f"<{good}>" if good else markdown_escape(locator(source, start, end))


def to_markdown(exchanges: Iterable[Exchange], documents: Mapping[str, Document] | None = None, title: str = "问答记录") -> str:
    """The conversation as a Markdown report: each question, its answer, and its sources."""
    documents = documents or {}
    lines = [f"# {markdown_escape(title)}", ""]
    for number, exchange in enumerate(exchanges, 1):
        answer = exchange.answer
        lines += [f"## {number}. {markdown_escape(exchange.asked)}", ""]
        if exchange.asked.strip() != answer.question.strip():
            lines += [f"*按上文理解为：{markdown_escape(answer.question)}*", ""]
        lines += [f"> {markdown_escape(line)}" for line in answer.answer.splitlines() or [""]]
        lines.append("")
        if answer.refused:
            if answer.passages:
                lines += ["可能相关（不是答案）：", ""]
            for hit in answer.passages[:RELATED_SHOWN]:
                chunk = hit.chunk
                document = documents.get(chunk.source)
                name = document.title if document else chunk.source
                excerpt = chunk.text[:80] + ("…" if len(chunk.text) > 80 else "")
                lines.append(f"- {markdown_escape(name)}（{markdown_escape(locator(chunk.source, chunk.start, chunk.end))}）：{markdown_escape(excerpt)}")
        else:
            lines += ["来源：", ""]
            for c in answer.citations:
                lines.append(
                    f"{c.n}. 「{markdown_escape(c.quote)}」——{markdown_escape(c.title)}，{markdown_escape(date_text(c.date))}，"
                    f"{markdown_escape(c.region or UNKNOWN_REGION)}，{_markdown_where(c.url, c.source, c.start, c.end)}"
                    f"（{markdown_escape(locator(c.source, c.start, c.end))}）"
                )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def csv_cell(value: str | int | None) -> str:
    """A value as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(exchanges: Iterable[Exchange]) -> list[list[str]]:
    """Header and one row per citation (a refusal gets one row with empty source columns)."""
    rows = [list(CSV_COLUMNS)]
    for exchange in exchanges:
        answer = exchange.answer
        if not answer.citations:
            rows.append([csv_cell(v) for v in (exchange.asked, answer.answer, "", "", "", "", "", "")])
            continue
        for c in answer.citations:
            rows.append([
                csv_cell(v)
                for v in (exchange.asked, answer.answer, c.quote, c.title, c.date or "", safe_url(c.url) or "",
                          char_range(c.start, c.end), c.source)
            ])
    return rows


def to_csv(exchanges: Iterable[Exchange]) -> str:
    """The conversation as CSV text (quoting by the csv module)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv_rows(exchanges))
    return buffer.getvalue()


def write_reports(exchanges: Sequence[Exchange], folder: Path, documents: Mapping[str, Document] | None = None,
                  stem: str = "问答记录") -> tuple[Path, Path]:
    """Write the Markdown and CSV reports into ``folder``; CSV in UTF-8 with a BOM so Excel reads the Chinese."""
    folder.mkdir(parents=True, exist_ok=True)
    markdown = folder / f"{stem}.md"
    table = folder / f"{stem}.csv"
    markdown.write_text(to_markdown(exchanges, documents), encoding="utf-8")
    with table.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(csv_rows(exchanges))
    return markdown, table
