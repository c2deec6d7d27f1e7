"""The chat in the browser: a Gradio page over the qa library.

This module only wires widgets to the library: answering is ``Engine.ask``, follow-ups
are ``qa.followup``, HTML/Markdown/CSV are ``qa.export``, uploads are ``qa.uploads``.
Per-user state lives in ``gr.State``; the one Engine is shared by every session.

Run with ``qa serve`` or ``python ui.py [--sources DIR] [--index DIR] [--host H] [--port P]``.
"""

from __future__ import annotations

import argparse
import atexit
import html
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
import numpy as np

from qa.engine import DEFAULT_K, Engine
from qa.errors import QAError, UsageError
from qa.export import Exchange, answer_html, answer_record, stream_pieces, streaming_html, write_reports
from qa.followup import rewrite_followup
from qa.index import BuildReport, stale_reason
from qa.types import Answer, Document
from qa.retrieve import MODES, Filters
from qa.uploads import ALLOWED_SUFFIXES, UploadError, max_upload_bytes, save_upload

log = logging.getLogger("qa.ui")

TITLE = "政策文件问答"
EXAMPLES = (
    "潮州今年要为多少户特殊困难老年人家庭做适老化改造？",
    "江门的GDP超百亿镇街目标是多少个？",
    "濠江区1—8月完成工业投资额多少？",
)
MODE_LABELS = (("混合检索（BM25 + 向量）", "hybrid"), ("关键词检索（BM25）", "bm25"), ("向量检索", "dense"))
STREAM_DELAY = 0.02  # seconds between streamed pieces: enough for the browser to paint each
READY_WAIT = 600.0  # seconds an API call waits for the first index build
SESSION: tuple[Exchange, ...] = ()

CSS = """
.qa-answer{line-height:1.7}
.qa-text{font-size:1.02em;white-space:normal}
.qa-rewrite{color:#666;font-size:.9em;margin-bottom:.3em}
.qa-cursor{color:#999}
.qa-cites{margin-top:.7em;border-top:1px solid #ddd;padding-top:.4em}
.qa-cites-head{font-weight:600;font-size:.9em;color:#555;margin-bottom:.2em}
.qa-cite{margin:.45em 0;padding:.4em .6em;border-left:3px solid #4a7bd0;background:rgba(74,123,208,.06);border-radius:4px}
.qa-related{border-left-color:#c9a227;background:rgba(201,162,39,.07)}
.qa-n{font-weight:700;color:#4a7bd0}
.qa-meta{font-size:.85em;color:#555}
.qa-title{font-weight:600}
.qa-loc{font-size:.8em;color:#777}
.qa-label{display:inline-block;font-size:.8em;padding:0 .4em;margin-right:.4em;border-radius:3px;background:#c9a227;color:#fff}
.qa-copy-text{display:none}
.qa-copy{margin-left:.6em;font-size:.8em;padding:0 .5em;border:1px solid #aaa;border-radius:3px;background:#fff;cursor:pointer}
.qa-passage{margin:.3em 0;padding:.4em;background:#fff;border:1px solid #e4e4e4;border-radius:3px;font-size:.92em}
.qa-passage mark{background:#ffe066;padding:0 .1em}
.qa-cite summary{cursor:pointer;font-size:.85em;color:#4a7bd0}
.qa-refusal{padding:.4em .6em;border:1px solid #e0a800;background:#fff8e1;border-radius:4px;font-weight:600}
.qa-error{padding:.4em .6em;border:1px solid #d33;background:#fdecea;border-radius:4px}
#qa-status p{margin:0}
"""

# Copy buttons live inside chat messages, whose sanitiser strips inline handlers; one
# delegated listener on the document handles them all. It reads the hidden text next to
# the button and falls back to execCommand where the Clipboard API is unavailable.
HEAD = """
<script>
(function () {
  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('.qa-copy') : null;
    if (!button) return;
    event.preventDefault();
    var holder = button.parentNode ? button.parentNode.querySelector('.qa-copy-text') : null;
    var text = holder ? holder.textContent : '';
    var done = function (ok) {
      button.textContent = ok ? '已复制' : '复制失败';
      setTimeout(function () { button.textContent = '复制引用'; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    } else {
      done(fallbackCopy(text));
    }
  });
})();
</script>
"""


# The library reports build stages in English; the page is in Chinese.
STAGES = {"reading sources": "读取资料", "tokenising": "分词", "embedding passages": "计算段落向量",
          "writing index": "写入索引", "done": "完成"}


def stage_text(stage: str) -> str:
    """A build stage in Chinese, keeping any count: embedding passages (3/100) -> 计算段落向量 (3/100)."""
    for english, chinese in STAGES.items():
        if stage.startswith(english):
            return chinese + stage[len(english):]
    return stage


class AuthConfigError(UsageError):
    """QA_AUTH or QA_AUTH_FILE is malformed."""


# -- index build status, shared by every session ----------------------------------------


class BuildStatus:
    """Where the first index build is, for the console and the page (thread-safe)."""

    def __init__(self, echo: bool = True) -> None:
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self.stage = "正在检查索引"
        self.fraction = 0.0
        self.error: str | None = None
        self.report: BuildReport | None = None
        self._echo = echo
        self._last_echo = (None, -1)

    def progress(self, stage: str, fraction: float) -> None:
        """Progress callback for the engine: remember, and print a line when the stage or tenth changes."""
        with self._lock:
            self.stage, self.fraction = stage, fraction
            key = (stage.split(" (")[0], int(fraction * 10))
            if self._echo and key != self._last_echo:
                self._last_echo = key
                print(f"[qa] 建立索引：{stage_text(stage)} {fraction:.0%}", file=sys.stderr, flush=True)

    def finish(self, report: BuildReport | None) -> None:
        """Mark the index usable."""
        with self._lock:
            self.report, self.fraction, self.stage = report, 1.0, "就绪"
        self._ready.set()

    def fail(self, message: str) -> None:
        """Mark the build failed; questions get ``message``."""
        with self._lock:
            self.error = message
        self._ready.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the build ended (ready or failed); False on timeout."""
        return self._ready.wait(timeout)

    def waiting(self) -> str:
        """What a question shows while it waits for the build."""
        with self._lock:
            return f"正在建立索引：{stage_text(self.stage)}（{self.fraction:.0%}），建好后自动回答……"

    def line(self) -> str:
        """One line for the page (Markdown)."""
        with self._lock:
            if self.error:
                return f"**状态：索引不可用。** {self.error}"
            if not self._ready.is_set():
                return f"**状态：正在建立索引** —— {stage_text(self.stage)}（{self.fraction:.0%}）。可以先输入问题，索引建好后自动回答。"
            if self.report is not None:
                return (f"**状态：就绪。** 索引已建立：{self.report.documents} 份文件，{self.report.chunks} 个段落，"
                        f"用时 {self.report.seconds:.1f} 秒。")
            return "**状态：就绪。** 索引已是最新。"


def prepare(engine: Engine, status: BuildStatus) -> None:
    """Build (if needed) and open the index, reporting to ``status``; runs in a background thread."""
    try:
        # Loading the embedding model comes before the build reports any progress and
        # takes seconds; say so rather than sit at 0%.
        reason = stale_reason(engine.sources, engine.index_dir, engine.model_id)
        if reason is not None:
            status.progress(f"加载嵌入模型（{reason}）", 0.0)
        report = engine.refresh(progress=status.progress)
        _ = engine.index  # open it now, so the first question does not pay for it
        try:
            # Load the tokeniser's dictionary now too (about a second), again so the first
            # user does not wait; BM25 only, so no embedding model is loaded for it.
            engine.ask("百千万工程", k=1, mode="bm25")
        except QAError:
            pass
        status.finish(report)
        if report is not None:
            print(f"[qa] 索引已建立：{report.documents} 份文件，{report.chunks} 个段落，{report.seconds:.1f} 秒", file=sys.stderr, flush=True)
    except QAError as exc:
        status.fail(str(exc))
        print(f"[qa] error: {exc}", file=sys.stderr, flush=True)
    except Exception as exc:  # the page must say something rather than wait forever
        log.exception("index build failed")
        status.fail(f"{type(exc).__name__}: {exc}")


# -- helpers over the engine ------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every handler shares: the engine, the build status, and where exports go."""

    engine: Engine
    status: BuildStatus
    export_dir: Path


def documents_for(engine: Engine, answers: Iterable[Answer]) -> dict[str, Document]:
    """The indexed documents the answers cite or show, keyed by source file name."""
    index = engine.index
    wanted = {c.source for a in answers for c in a.citations} | {h.chunk.source for a in answers for h in a.passages}
    return {source: index.documents[index.by_source[source]] for source in wanted if source in index.by_source}


def source_rows(engine: Engine) -> list[list]:
    """Rows of the sources table: title, date, region, passages, file."""
    index = engine.index
    counts = np.bincount(np.asarray(index.doc_ids), minlength=len(index.documents))
    return [[d.title, d.date or "", d.region or "", int(counts[n]), d.source] for n, d in enumerate(index.documents)]


def source_choices(engine: Engine) -> tuple[list[tuple[str, str]], list[str]]:
    """Choices for the document filter (label, file) and the region filter."""
    documents = engine.index.documents
    docs = [(f"{d.title[:40]}（{d.source}）", d.source) for d in documents]
    regions = sorted({d.region for d in documents if d.region})
    return docs, regions


def model_line(engine: Engine) -> str:
    """One line on the embedding model: the dense notice when dense retrieval is off."""
    notice = engine.dense_notice()
    if notice:
        return f"嵌入模型：{notice}"
    return f"嵌入模型：{engine.model_id}，已参与混合检索。"


def make_filters(sources: list[str] | None, regions: list[str] | None) -> Filters | None:
    """Filters from the two multi-selects, or None when nothing is chosen."""
    filters = Filters(sources=frozenset(sources or ()), regions=frozenset(regions or ()))
    return filters if filters.active() else None


def error_html(message: str) -> str:
    """An error shown in place of an answer."""
    return f'<div class="qa-error">⚠ {html.escape(message)}</div>'


def read_auth(environ: dict[str, str] | None = None) -> list[tuple[str, str]] | None:
    """Credentials from QA_AUTH=user:pass or QA_AUTH_FILE (one user:pass per line), or None."""
    environ = dict(os.environ) if environ is None else environ
    lines: list[str] = []
    if environ.get("QA_AUTH"):
        lines.append(environ["QA_AUTH"])
    if environ.get("QA_AUTH_FILE"):
        path = Path(environ["QA_AUTH_FILE"])
        try:
            lines += path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise AuthConfigError(f"cannot read QA_AUTH_FILE {path} ({exc.strerror}); fix the path or unset it") from exc
    pairs = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user or not password:
            raise AuthConfigError("auth entries must look like user:password (QA_AUTH or a line of QA_AUTH_FILE)")
        pairs.append((user, password))
    return pairs or None


# -- the page ---------------------------------------------------------------------------


def build_app(context: Context) -> gr.Blocks:
    """The Blocks app: chat, citations, export, sources panel, settings, and the /ask API."""
    engine, status = context.engine, context.status

    def refresh_panel():
        """Status line, sources table and filter choices; stops the timer once the build ended."""
        if not status.wait(0):
            return status.line(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.Timer(active=True)
        if status.error:
            return status.line(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.Timer(active=False)
        docs, regions = source_choices(engine)
        return (status.line(), source_rows(engine), gr.Dropdown(choices=docs), gr.Dropdown(choices=regions),
                model_line(engine), gr.Timer(active=False))

    def respond(message: str, history: list, session: tuple[Exchange, ...], k: float, mode: str,
                sources: list[str] | None, regions: list[str] | None) -> Iterator[tuple]:
        """Answer one chat message, streaming the text, then showing its citations."""
        question = (message or "").strip()
        if not question:
            yield history, session, message
            return
        history = list(history or []) + [{"role": "user", "content": html.escape(question)},
                                         {"role": "assistant", "content": streaming_html("")}]
        yield history, session, ""
        while not status.wait(0.5):
            history[-1] = {"role": "assistant", "content": streaming_html(status.waiting())}
            yield history, session, ""
        if status.error:
            history[-1] = {"role": "assistant", "content": error_html(status.line())}
            yield history, session, question
            return
        previous = session[-1].standalone if session else None
        standalone = rewrite_followup(previous, question)
        try:
            answer = engine.ask(standalone, k=int(k), mode=mode, filters=make_filters(sources, regions))
        except QAError as exc:
            history[-1] = {"role": "assistant", "content": error_html(str(exc))}
            yield history, session, question
            return
        for piece in stream_pieces(answer.answer):
            history[-1] = {"role": "assistant", "content": streaming_html(piece, question, standalone)}
            yield history, session, ""
            time.sleep(STREAM_DELAY)
        history[-1] = {"role": "assistant", "content": answer_html(answer, documents_for(engine, [answer]), asked=question)}
        yield history, session + (Exchange(question, answer),), ""

    def clear() -> tuple:
        """A new conversation: empty chat and session."""
        return [], SESSION, gr.File(value=None, visible=False)

    def export(session: tuple[Exchange, ...]) -> list[str] | None:
        """Markdown and CSV of this session's answers, as downloads."""
        if not session:
            gr.Warning("还没有可导出的问答；请先提问。")
            return None
        folder = Path(tempfile.mkdtemp(prefix="export-", dir=context.export_dir))
        stem = "问答记录-" + time.strftime("%Y%m%d-%H%M%S")
        markdown, table = write_reports(session, folder, documents_for(engine, [e.answer for e in session]), stem=stem)
        return [str(markdown), str(table)]

    def upload(files: list[str] | None, overwrite: bool, progress=gr.Progress()) -> tuple:
        """Save uploaded files into the sources folder, then update the index with progress."""
        if not files:
            return "请先选择要上传的文件。", gr.skip(), gr.skip(), gr.skip(), gr.skip()
        if not status.wait(0) or status.error:
            return "索引还在建立，请稍后再上传。", gr.skip(), gr.skip(), gr.skip(), gr.skip()
        messages: list[str] = []
        saved = []
        for file in files:
            path = Path(file)
            try:
                result = save_upload(engine.sources, path, overwrite=bool(overwrite))
            except UploadError as exc:
                messages.append(f"未上传 {path.name}：{exc}")
                continue
            saved.append(result)
            if result.unchanged:
                messages.append(f"{result.name}：资料里已有完全相同的文件，无需重复上传。")
        report = None
        if any(not result.unchanged for result in saved):
            progress(0.0, desc="更新索引")
            try:
                report = engine.refresh(progress=lambda stage, fraction: progress(fraction, desc=f"更新索引：{stage}"))
                indexed = engine.index.by_source
            except QAError as exc:
                messages.append(f"更新索引失败：{exc}")
                indexed = {}
            for result in saved:
                if result.unchanged:
                    continue
                if result.name in indexed:
                    messages.append(f"已加入 {result.name}，下一个问题即可检索到。")
                else:
                    reasons = [w for w in (report.warnings if report else ()) if result.name in w]
                    messages.append(f"{result.name} 已保存但未能索引：{'；'.join(reasons) or '没有可用的正文'}")
        docs, regions = source_choices(engine)
        return ("\n\n".join(html.escape(m) for m in messages), source_rows(engine), gr.Dropdown(choices=docs),
                gr.Dropdown(choices=regions), None)

    def ask(question: str, k: int = DEFAULT_K, mode: str = "hybrid", previous: str = "") -> tuple[str, dict]:
        """Answer a question for programs: the answer text with [n] markers, and a JSON object
        with the citations (quote, title, date, region, url, source, start, end).
        Pass the previous question as ``previous`` to answer a follow-up such as 那江门呢？."""
        if not status.wait(READY_WAIT):
            raise gr.Error("索引仍在建立，请稍后再试。")
        if status.error:
            raise gr.Error(status.line())
        if mode not in MODES:
            raise gr.Error(f"未知的检索方式 {mode!r}；请用 {'、'.join(MODES)} 之一")
        standalone = rewrite_followup(previous or None, question or "")
        try:
            answer = engine.ask(standalone, k=int(k), mode=mode, filters=None)
        except QAError as exc:
            raise gr.Error(str(exc)) from exc
        return answer.answer, answer_record(answer, asked=question)

    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 24 * 3600)) as demo:
        session = gr.State(SESSION)
        gr.Markdown(f"## {TITLE}\n回答只摘录资料原文，并注明出处；资料中没有的内容会明确说明“未找到”。")
        status_line = gr.Markdown(status.line(), elem_id="qa-status")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="对话", height=560, latex_delimiters=[], buttons=[], feedback_options=None,
                                     elem_id="qa-chat", placeholder="在下方输入问题，或点选示例问题。")
                with gr.Row():
                    box = gr.Textbox(placeholder="输入问题，例如：潮州今年要为多少户特殊困难老年人家庭做适老化改造？",
                                     show_label=False, scale=5, elem_id="qa-question", max_length=2000)
                    send = gr.Button("提问", variant="primary", scale=1, elem_id="qa-send")
                gr.Examples([[q] for q in EXAMPLES], inputs=[box], label="示例问题")
                with gr.Row():
                    new_chat = gr.Button("新对话", size="sm")
                    export_button = gr.Button("导出问答（Markdown + CSV）", size="sm", elem_id="qa-export")
                downloads = gr.File(label="下载", file_count="multiple", interactive=False, elem_id="qa-downloads",
                                    visible=False)  # shown once there is something to download
            with gr.Column(scale=2):
                with gr.Accordion("检索设置", open=False):
                    k_slider = gr.Slider(1, 20, value=DEFAULT_K, step=1, label="检索段落数（k）")
                    mode_radio = gr.Radio(list(MODE_LABELS), value="hybrid", label="检索方式")
                    model_status = gr.Markdown("")
                with gr.Accordion("资料来源", open=True):
                    # Choices arrive once the index is loaded; custom values let API callers
                    # filter before their session has loaded them (an unknown name matches nothing).
                    doc_filter = gr.Dropdown([], multiselect=True, allow_custom_value=True, label="只在这些文件中检索（留空为全部）")
                    region_filter = gr.Dropdown([], multiselect=True, allow_custom_value=True, label="只检索这些地区（留空为全部）")
                    table = gr.Dataframe(headers=["标题", "日期", "地区", "段落数", "文件"], value=[], interactive=False,
                                         wrap=True, label="已索引的文件", elem_id="qa-sources",
                                         column_widths=["44%", "19%", "11%", "11%", "15%"], latex_delimiters=[], max_height=420)
                with gr.Accordion("上传资料", open=False):
                    files = gr.File(label=f"上传 {' '.join(sorted(ALLOWED_SUFFIXES))}（每个不超过 {max_upload_bytes() // 2**20} MB）",
                                    file_count="multiple", file_types=sorted(ALLOWED_SUFFIXES), elem_id="qa-upload")
                    overwrite = gr.Checkbox(False, label="覆盖同名文件（确认替换资料中已有的同名文件）")
                    upload_button = gr.Button("上传并更新索引")
                    upload_status = gr.Markdown("")

        timer = gr.Timer(1.0)
        panel = [status_line, table, doc_filter, region_filter, model_status, timer]
        demo.load(refresh_panel, None, panel, api_visibility="private", show_progress="hidden")
        timer.tick(refresh_panel, None, panel, api_visibility="private", show_progress="hidden")

        chat_inputs = [box, chatbot, session, k_slider, mode_radio, doc_filter, region_filter]
        chat_outputs = [chatbot, session, box]
        box.submit(respond, chat_inputs, chat_outputs, api_name="chat", concurrency_limit=16, show_progress="hidden")
        send.click(respond, chat_inputs, chat_outputs, api_visibility="private", concurrency_limit=16, show_progress="hidden")
        new_chat.click(clear, None, [chatbot, session, downloads], api_visibility="private")
        # The export endpoint returns plain file paths (clean for API callers); showing the
        # download box is a separate step.
        export_button.click(export, session, downloads, api_name="export").then(
            lambda files: gr.File(visible=bool(files)), downloads, downloads, api_visibility="private")
        upload_button.click(upload, [files, overwrite], [upload_status, table, doc_filter, region_filter, files],
                            api_visibility="private", concurrency_limit=1)
        gr.api(ask, api_name="ask", concurrency_limit=16)
    return demo


def create(sources: Path | str, index_dir: Path | str, model: str | None = None, echo: bool = True) -> tuple[gr.Blocks, Context]:
    """The app and its shared context; the index build starts in the background."""
    status = BuildStatus(echo=echo)
    engine = Engine(sources, index_dir, model=model, progress=status.progress,
                    warn=lambda message: print(f"[qa] warning: {message}", file=sys.stderr, flush=True))
    export_dir = Path(tempfile.mkdtemp(prefix="qa-exports-"))
    atexit.register(shutil.rmtree, export_dir, True)
    context = Context(engine, status, export_dir)
    threading.Thread(target=prepare, args=(engine, status), name="qa-index", daemon=True).start()
    return build_app(context), context


def launch(sources: Path | str = "sources", index_dir: Path | str = "index", model: str | None = None,
           host: str = "127.0.0.1", port: int = 7860, block: bool = True, quiet: bool = False) -> gr.Blocks:
    """Start the chat at http://host:port; blocks unless ``block`` is False (then returns the app)."""
    auth = read_auth()
    demo, context = create(sources, index_dir, model, echo=not quiet)
    demo.queue(default_concurrency_limit=16)
    if not quiet:
        print(f"[qa] 资料：{Path(sources).resolve()}  索引：{Path(index_dir).resolve()}", file=sys.stderr, flush=True)
    demo.launch(server_name=host, server_port=port, auth=auth, auth_message="请输入账号和密码" if auth else None,
                prevent_thread_lock=not block, quiet=quiet, css=CSS, head=HEAD, ssr_mode=False,
                max_file_size=max_upload_bytes(), footer_links=["api"], show_error=True)
    return demo


def main(argv: list[str] | None = None) -> int:
    """``python ui.py``: parse arguments and serve until interrupted."""
    parser = argparse.ArgumentParser(description=f"{TITLE}：在浏览器中提问")
    parser.add_argument("--sources", type=Path, default=Path(os.environ.get("QA_SOURCES", "sources")), help="资料文件夹（默认 sources/）")
    parser.add_argument("--index", type=Path, default=Path(os.environ.get("QA_INDEX", "index")), help="索引文件夹（默认 index/）")
    parser.add_argument("--model", default=os.environ.get("QA_EMBED_MODEL"), help="嵌入模型名称或路径")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=7860, help="端口（默认 7860）")
    args = parser.parse_args(argv)
    try:
        launch(sources=args.sources, index_dir=args.index, model=args.model, host=args.host, port=args.port)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
