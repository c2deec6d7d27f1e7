"""Load on the chat server: `qa serve` in a subprocess on 127.0.0.1, driven through gradio_client's
/ask endpoint by many concurrent clients for a while. Zero errors, every answer right for its own
question, server memory stable; prints requests/s, p50/p95 latency and server RSS.

    pytest -m slow tests/test_load.py -s                 # QA_LOAD_SECONDS (default 60), QA_LOAD_CLIENTS (20)
    python tests/test_load.py --seconds 30 --clients 20  # the same figures, without pytest

The server uses FakeEmbedder (offline, deterministic); QA_LOAD_REAL_MODEL=1 uses the real
default embedding model instead. Every loop is bounded in time and in count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import free_port

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SOURCES = ROOT / "sources"
HOST = "127.0.0.1"
MAX_REQUESTS = 200_000  # a bound on the loop besides time

# Five questions, each with a figure only its own answer holds.
QUESTIONS = (
    ("潮州今年要为多少户特殊困难老年人家庭做适老化改造？", "600户"),
    ("江门今年要为多少户特殊困难老年人家庭做适老化改造？", "1400户"),
    ("濠江区1—8月完成工业投资额多少？", "42亿元"),
    ("张槎街道力争2025年GDP达到多少？", "680亿元"),
    ("汕头美丽宜居村占比要达到多少？", "85%"),
)

SERVER_CODE = """
import os, sys
sys.path.insert(0, {tests!r})
if os.environ.get("QA_LOAD_REAL_MODEL") != "1":
    import conftest, qa.engine
    qa.engine.load_embedder = lambda model=None: conftest.FakeEmbedder(model or conftest.FAKE_MODEL)
from qa.cli import main
sys.argv[0] = "qa"
main()
"""




def ui_offers_ask() -> str | None:
    """Why the load test cannot run yet (None when ui.launch and the "ask" endpoint exist)."""
    try:
        import gradio_client  # noqa: F401
        import ui
    except ImportError as exc:
        return f"the chat is not importable yet ({exc})"
    if not callable(getattr(ui, "launch", None)):
        return "ui.launch(sources, index_dir, model, host, port) is not written yet"
    source = Path(ui.__file__).read_text(encoding="utf-8")
    if 'api_name="ask"' not in source and "api_name='ask'" not in source:
        return 'ui.py offers no API endpoint named "ask" yet'
    return None


@contextmanager
def running_server(sources: Path, index_dir: Path, extra_env: dict[str, str] | None = None,
                   host: str | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """`qa serve` on a free port (default host unless ``host``), until the block ends."""
    port = free_port()
    argv = [sys.executable, "-c", SERVER_CODE.format(tests=str(TESTS)), "serve",
            "--sources", str(sources), "--index", str(index_dir), "--port", str(port)]
    if host:
        argv += ["--host", host]
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(extra_env or {})})
    url = f"http://{HOST}:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except urllib.error.HTTPError:
                break  # answering (e.g. 401 behind a login)
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"server did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
        log.close()


def answer_text(result: object) -> tuple[str, dict]:
    """(answer text, record) from the /ask result: a (text, record) pair by the documented interface."""
    if isinstance(result, (list, tuple)) and result:
        record = result[1] if len(result) > 1 and isinstance(result[1], dict) else {}
        return str(result[0]), record
    return str(result), {}


def wrong(question: str, expected: str, text: str, record: dict) -> str | None:
    """Why an answer is wrong for its question (None when right): its figure missing, another
    question's figure present (crossed replies), or the record naming another question."""
    if expected not in text:
        return f"{question!r}: expected {expected!r} in {text[:120]!r}"
    crossed = [figure for _, figure in QUESTIONS if figure != expected and figure in text]
    if crossed:
        return f"{question!r}: answer holds another question's figure {crossed}: {text[:120]!r}"
    asked = record.get("question") or record.get("asked")
    if isinstance(asked, str) and asked != question:
        return f"{question!r}: record is for {asked!r}"
    return None


@dataclass
class LoadReport:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    rss_peak_mb: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def summary(self) -> str:
        return (f"load: {self.clients} clients x {self.seconds:.0f}s: {self.requests} requests, "
                f"{self.requests / self.seconds:.1f} req/s, p50 {self.percentile(0.5) * 1000:.0f} ms, "
                f"p95 {self.percentile(0.95) * 1000:.0f} ms, max {max(self.latencies or [0]) * 1000:.0f} ms, "
                f"errors {len(self.errors)}; server RSS {self.rss_start_mb:.0f} MB at start, "
                f"{self.rss_end_mb:.0f} MB at end, {self.rss_peak_mb:.0f} MB peak")


def run_load(url: str, server_pid: int, seconds: float, clients: int, auth: tuple[str, str] | None = None) -> LoadReport:
    """``clients`` threads, each with its own gradio_client, asking the questions in turn."""
    import psutil
    from gradio_client import Client

    server = psutil.Process(server_pid)
    warm = Client(url, verbose=False, auth=auth, download_files=False)
    for question, expected in QUESTIONS:  # also waits for the first index build
        text, record = answer_text(warm.predict(question, 5, "hybrid", "", api_name="/ask"))
        assert wrong(question, expected, text, record) is None, text
    connections: list = [None] * clients

    def connect(number: int) -> None:
        connections[number] = Client(url, verbose=False, auth=auth, download_files=False)

    openers = [threading.Thread(target=connect, args=(n,)) for n in range(clients)]
    for opener in openers:
        opener.start()
    for opener in openers:
        opener.join(timeout=120)
    assert all(connections), "some clients could not connect"

    report = LoadReport(clients, seconds)
    report.rss_start_mb = report.rss_peak_mb = server.memory_info().rss / 2**20
    lock = threading.Lock()
    began = time.monotonic()
    deadline = began + seconds

    def work(number: int) -> None:
        client = connections[number]
        turn = number
        while time.monotonic() < deadline and report.requests < MAX_REQUESTS:
            question, expected = QUESTIONS[turn % len(QUESTIONS)]
            turn += 1
            tick = time.perf_counter()
            try:
                text, record = answer_text(client.predict(question, 5, "hybrid", "", api_name="/ask"))
                problem = wrong(question, expected, text, record)
            except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                problem = f"{question!r}: {type(exc).__name__}: {str(exc)[:200]}"
            with lock:
                if problem:
                    report.errors.append(problem)
                else:
                    report.latencies.append(time.perf_counter() - tick)

    def sample_memory() -> None:
        while time.monotonic() < deadline:
            report.rss_peak_mb = max(report.rss_peak_mb, server.memory_info().rss / 2**20)
            time.sleep(1.0)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    sampler = threading.Thread(target=sample_memory)
    for thread in [*workers, sampler]:
        thread.start()
    for thread in [*workers, sampler]:
        thread.join(timeout=seconds + 120)
    report.seconds = time.monotonic() - began
    report.rss_end_mb = server.memory_info().rss / 2**20
    report.rss_peak_mb = max(report.rss_peak_mb, report.rss_end_mb)
    return report


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen]]:
    reason = ui_offers_ask()
    if reason:
        pytest.skip(reason)
    index_dir = tmp_path_factory.mktemp("load-index")
    with running_server(SOURCES, index_dir) as server:
        yield server


def test_server_listens_on_loopback_only_by_default(served: tuple[str, subprocess.Popen]) -> None:
    import psutil

    _, process = served
    listening = [c.laddr.ip for c in psutil.Process(process.pid).net_connections(kind="inet") if c.status == "LISTEN"]
    assert listening and set(listening) == {HOST}, listening


def test_concurrent_clients_get_their_own_right_answers(served: tuple[str, subprocess.Popen],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    url, process = served
    seconds = float(os.environ.get("QA_LOAD_SECONDS", "60"))
    clients = int(os.environ.get("QA_LOAD_CLIENTS", "20"))
    report = run_load(url, process.pid, seconds, clients)
    with capsys.disabled():
        print(f"\n{report.summary()}")
    assert report.errors == [], report.errors[:5]
    assert report.requests >= clients  # every client got through at least once
    # Stable memory: no growth with the number of requests served (caches settle early).
    assert report.rss_end_mb <= report.rss_start_mb * 1.25 + 64, report.summary()


def test_login_is_required_when_qa_auth_is_set(tmp_path: Path) -> None:
    reason = ui_offers_ask()
    if reason:
        pytest.skip(reason)
    if "QA_AUTH" not in Path(sys.modules["ui"].__file__).read_text(encoding="utf-8"):
        pytest.skip("ui.py does not read QA_AUTH yet")
    from gradio_client import Client

    with running_server(SOURCES, tmp_path / "index", {"QA_AUTH": "reader:s3cret-pass"}) as (url, _):
        with pytest.raises(Exception):
            Client(url, verbose=False, download_files=False).predict(QUESTIONS[0][0], 5, "hybrid", "", api_name="/ask")
        with pytest.raises(Exception):
            Client(url, verbose=False, auth=("reader", "wrong"), download_files=False)
        client = Client(url, verbose=False, auth=("reader", "s3cret-pass"), download_files=False)
        text, _ = answer_text(client.predict(QUESTIONS[0][0], 5, "hybrid", "", api_name="/ask"))
        assert QUESTIONS[0][1] in text


def main() -> int:
    """Print the load figures without pytest."""
    parser = argparse.ArgumentParser(description="drive `qa serve` with concurrent gradio clients and print the figures")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("QA_LOAD_SECONDS", "60")))
    parser.add_argument("--clients", type=int, default=int(os.environ.get("QA_LOAD_CLIENTS", "20")))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    reason = ui_offers_ask()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as root, running_server(SOURCES, Path(root) / "index") as (url, process):
        report = run_load(url, process.pid, args.seconds, args.clients)
    if args.json:
        print(json.dumps({"clients": report.clients, "seconds": round(report.seconds, 1), "requests": report.requests,
                          "requests_per_second": round(report.requests / report.seconds, 2),
                          "p50_ms": round(report.percentile(0.5) * 1000), "p95_ms": round(report.percentile(0.95) * 1000),
                          "errors": report.errors[:10], "rss_start_mb": round(report.rss_start_mb),
                          "rss_end_mb": round(report.rss_end_mb), "rss_peak_mb": round(report.rss_peak_mb)}))
    else:
        print(report.summary())
        for error in report.errors[:10]:
            print(f"  error: {error}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
