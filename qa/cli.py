"""The `qa` command line: a thin caller of the library."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from qa.engine import DEFAULT_K
from qa.errors import QAError, UsageError

SOURCE_HELP = "folder of documents (env QA_SOURCES, default ./sources)"
INDEX_HELP = "index folder (env QA_INDEX, default ./index)"
MODEL_HELP = "sentence-transformers model name or path (env QA_EMBED_MODEL)"


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _clean_errors(command):
    """Turn the library's errors into one line on stderr and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except QAError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


def _engine_options(command):
    command = click.option("--model", envvar="QA_EMBED_MODEL", default=None, help=MODEL_HELP)(command)
    command = click.option("--index", "index_dir", envvar="QA_INDEX", default="index", type=click.Path(path_type=Path), help=INDEX_HELP)(command)
    command = click.option("--sources", envvar="QA_SOURCES", default="sources", type=click.Path(path_type=Path), help=SOURCE_HELP)(command)
    return command


def make_engine(sources: Path, index_dir: Path, model: str | None, progress: bool = True):
    """An Engine whose index builds show a progress bar on stderr."""
    from qa.engine import Engine

    return Engine(sources, index_dir, model=model, progress=_progress_bar() if progress else None, warn=_warn)


def _progress_bar():
    from tqdm import tqdm

    bar: dict[str, tqdm] = {}

    def update(stage: str, fraction: float) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=100, desc="building index", unit="%", file=sys.stderr, leave=False,
                              bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}")
        bar["bar"].set_postfix_str(stage)
        bar["bar"].n = int(fraction * 100)
        bar["bar"].refresh()
        if fraction >= 1.0:
            bar.pop("bar").close()

    return update


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Ask questions about policy documents; answers quote the sources verbatim."""


@main.command("index")
@_engine_options
@click.option("--rebuild", is_flag=True, help="rebuild from scratch even if the sources did not change")
@_clean_errors
def index_command(sources: Path, index_dir: Path, model: str | None, rebuild: bool) -> None:
    """Build or update the index for the sources folder."""
    engine = make_engine(sources, index_dir, model)
    report = engine.refresh(rebuild=rebuild, allow_model_change=True)  # `qa index --model NEW` rebuilds for NEW
    if report is None:
        click.echo(f"index in {index_dir} is up to date ({len(engine.index.documents)} documents, {len(engine.index)} passages)")
    else:
        stages = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in report.stage_seconds.items())
        click.echo(f"indexed {report.documents} documents into {report.chunks} passages "
                   f"({report.embedded} embedded) in {report.seconds:.1f}s [{stages}]")
    notice = engine.dense_notice()
    if notice:
        click.echo(notice, err=True)


def _filters(source: tuple[str, ...], region: tuple[str, ...], date_from: str | None, date_to: str | None):
    from qa.metadata import iso_date
    from qa.retrieve import Filters

    for value in (date_from, date_to):
        if value and not iso_date(value):
            raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
    return Filters(frozenset(source), frozenset(region), iso_date(date_from) if date_from else None,
                   iso_date(date_to) if date_to else None)


def format_answer(answer) -> str:
    """The answer as a person reads it in a terminal: quotes, then numbered sources."""
    lines = [answer.answer, ""]
    if answer.citations:
        for c in answer.citations:
            where = c.url or c.source
            lines.append(f"[{c.n}] {c.title} · {c.date or '日期不详'} · {where} · 字符 {c.start}–{c.end}")
    else:
        lines.append("可能相关的段落：")
        for rank, hit in enumerate(answer.passages[:3], 1):
            text = hit.chunk.text.replace("\n", " ")
            lines.append(f"  ({rank}) {hit.chunk.source} 字符 {hit.chunk.start}–{hit.chunk.end}：{text[:80]}…")
    return "\n".join(lines)


@main.command("ask")
@click.argument("question", required=False)
@_engine_options
@click.option("--json", "as_json", is_flag=True, help="print JSON; with no QUESTION, read one question per line from stdin")
@click.option("-k", type=click.IntRange(1, 100), default=DEFAULT_K, show_default=True, help="passages to retrieve")
@click.option("--retriever", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid", show_default=True)
@click.option("--source", multiple=True, help="only this document (repeatable)")
@click.option("--region", multiple=True, help="only documents about this region, e.g. 潮州 (repeatable)")
@click.option("--from", "date_from", default=None, help="only documents dated on or after (YYYY-MM-DD)")
@click.option("--to", "date_to", default=None, help="only documents dated on or before (YYYY-MM-DD)")
@_clean_errors
def ask_command(question, sources, index_dir, model, as_json, k, retriever, source, region, date_from, date_to) -> None:
    """Answer QUESTION with verified quotes from the sources."""
    from qa.engine import clean_question

    filters = _filters(source, region, date_from, date_to)
    if question is None and not as_json:
        raise click.UsageError("give a question, or use --json to read questions from stdin")
    if question is not None:
        clean_question(question)  # reject a bad question before any index work
    engine = make_engine(sources, index_dir, model)
    if question is not None:
        answer = engine.ask(question, k=k, mode=retriever, filters=filters)
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            click.echo(format_answer(answer))
            for notice in answer.notices:
                click.echo(notice, err=True)
        return
    notices: set[str] = set()
    # Bytes, decoded here: a line that is not UTF-8 gets U+FFFD, not a crash of the whole batch.
    stdin = getattr(sys.stdin, "buffer", None)
    lines = (raw.decode("utf-8", errors="replace") for raw in stdin) if stdin is not None else iter(sys.stdin)
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        try:
            answer = engine.ask(line, k=k, mode=retriever, filters=filters)
        except QAError as exc:
            if exc.exit_code != 2:
                raise
            click.echo(json.dumps({"question": line[:200], "error": str(exc)}, ensure_ascii=False))
            continue
        notices.update(answer.notices)
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    for notice in notices:
        click.echo(notice, err=True)


@main.command("eval")
@click.option("--questions", type=click.Path(path_type=Path), default=Path("eval/questions.jsonl"), show_default=True,
              help="JSONL question set")
@click.option("--squad", type=click.Path(path_type=Path), default=None, help="evaluate a SQuAD-format file instead (CMRC 2018, DRCD, CJRC)")
@click.option("--sources", type=click.Path(path_type=Path), default=None, help=SOURCE_HELP + "; with --squad, where its paragraphs are written")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), default=None, help=INDEX_HELP)
@click.option("--model", envvar="QA_EMBED_MODEL", default=None, help=MODEL_HELP)
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval/reports/latest"), show_default=True)
@click.option("--retriever", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid", show_default=True)
@click.option("-k", type=click.IntRange(1, 100), default=DEFAULT_K, show_default=True, help="passages per question")
@click.option("--split", type=click.Choice(["all", "tune", "check"]), default="all", show_default=True,
              help="evaluate the tuning part, the held-out part, or everything")
@click.option("--floors", type=click.Path(path_type=Path), default=None, help="JSON of metric floors; exit 1 when a figure is below")
@_clean_errors
def eval_command(questions, squad, sources, index_dir, model, out, retriever, k, split, floors) -> None:
    """Evaluate answers on a question set and write report.md, report.json and a chart."""
    from tqdm import tqdm

    from qa import evaluate
    from qa.engine import default_index, default_sources

    if squad is not None:
        sources = sources or out / "squad" / "sources"
        index_dir = index_dir or out / "squad" / "index"
        records = evaluate.import_squad(squad, sources)
    else:
        records = evaluate.load_questions(questions)
    if split != "all":
        records = [r for r in records if r.split() == split]
    engine = make_engine(sources or default_sources(), index_dir or default_index(), model)
    engine.refresh()
    limits = json.loads(floors.read_text(encoding="utf-8")) if floors else None
    run = evaluate.run_eval(engine, records, k=k, mode=retriever,
                            progress=lambda items: tqdm(items, desc="evaluating", unit="q", file=sys.stderr))
    paths = evaluate.write_reports(run, out, limits)
    m = run.overall
    click.echo(f"{m['questions']} questions: hit@5 {evaluate.cell(m['hit@5'])}, answer accuracy {evaluate.cell(m['answer_accuracy'])}, "
               f"citation validity {evaluate.cell(m['citation_validity'])}, refusal recall {evaluate.cell(m['refusal_recall'])}, "
               f"false refusals {evaluate.cell(m['false_refusal_rate'])}, p95 {m['latency_ms']['p95']} ms")
    click.echo(f"report: {paths['markdown']}")
    if limits:
        below = [c for c in evaluate.check_floors(m, limits) if not c["ok"]]
        for check in below:
            click.echo(f"below floor: {check['metric']} = {check['value']} (floor {check['floor']})", err=True)
        if below:
            sys.exit(1)


@main.command("bench", context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []})
@click.pass_context
def bench_command(context: click.Context) -> None:
    """Benchmark index build and query speed from 1k to 1M passages (see `qa bench --help`)."""
    from qa import bench

    sys.exit(bench.main(list(context.args)))


def _check_port_free(host: str, port: int) -> None:
    """Raise a one-line UsageError when ``host:port`` cannot be bound (another server holds it)."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(
                f"cannot serve on {host}:{port} ({exc.strerror or exc}); stop the server using it or pass --port N"
            ) from exc


@main.command("serve")
@_engine_options
@click.option("--host", default="127.0.0.1", show_default=True, help="address to bind; 0.0.0.0 exposes the chat to the network")
@click.option("--port", default=7860, show_default=True, type=int)
@_clean_errors
def serve_command(sources: Path, index_dir: Path, model: str | None, host: str, port: int) -> None:
    """Open the chat in a browser at http://HOST:PORT."""
    _check_port_free(host, port)  # before the index is loaded: a busy port is known at once
    try:
        import ui
    except ImportError as exc:
        raise click.ClickException(f"the chat needs Gradio: pip install 'policy-qa[ui]' ({exc})") from exc
    ui.launch(sources=sources, index_dir=index_dir, model=model, host=host, port=port)


if __name__ == "__main__":
    main()
