"""`article-ingest run`: inputs, rendering and exit codes, with the pipeline replaced by a scripted fake."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import pytest

from article_ingest.cli import main
from article_ingest.local import embedded
from article_ingest.local.embedded import ProgressCallback, RunReport
from article_ingest.local.inputs import InputError, InputFile, collect_inputs
from article_ingest.local.outcomes import Outcome, Status, outcome_from_event
from article_ingest.local.progress import ProgressBar


def _write(path: Path, text: str = "<html></html>") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_contribute_their_pages_recursively_keyed_by_relative_path(tmp_path: Path) -> None:
    _write(tmp_path / "site" / "a.html")
    _write(tmp_path / "site" / "2026" / "b.html.gz")
    _write(tmp_path / "site" / "notes.txt")
    _write(tmp_path / "site" / ".cache" / "c.html")
    single = _write(tmp_path / "loose.bin")

    inputs = collect_inputs([tmp_path / "site", single])

    assert [item.key for item in inputs] == ["2026/b.html.gz", "a.html", "loose.bin"]
    assert [item.gzipped for item in inputs] == [True, False, False]


def test_two_inputs_on_one_key_are_refused_before_anything_is_uploaded(tmp_path: Path) -> None:
    first = _write(tmp_path / "one" / "page.html")
    second = _write(tmp_path / "two" / "page.html")
    with pytest.raises(InputError, match=r"page\.html"):
        collect_inputs([first, second])


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect_inputs([tmp_path / "absent.html"])


def test_outcomes_are_read_from_our_events_only() -> None:
    rejected = {
        "id": "e-1",
        "source": "article-ingest",
        "detail-type": "ArticleRejected",
        "detail": {"bucket": "raw", "key": "dir/a b.html", "reason": "not_html", "message": "PNG"},
    }
    assert outcome_from_event(rejected) == Outcome("dir/a b.html", Status.REJECTED, reason="not_html", event_id="e-1")
    assert outcome_from_event({**rejected, "source": "someone-else"}) is None
    assert outcome_from_event({**rejected, "detail-type": "SomethingElse"}) is None


class _ScriptedPipeline:
    """Stands in for `EmbeddedPipeline`: answers with the statuses it was given, in input order."""

    statuses: Sequence[Status] = ()

    def __init__(self, *, verbose: bool = False) -> None:
        self.verbose = verbose

    def __enter__(self) -> _ScriptedPipeline:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        return None

    def ingest(self, inputs: Sequence[InputFile], progress: ProgressCallback | None = None) -> RunReport:
        outcomes = []
        for item, status in zip(inputs, self.statuses, strict=True):
            if status is Status.READY:  # the first ready article starts story u-1, the next ones are its copies
                number = sum(1 for o in outcomes if o.status is Status.READY) + 1
                copy_of = "u-1" if number > 1 else None
                article = f"u-{number}"
                outcomes.append(
                    Outcome(
                        item.key, status, article, title="A title", event_id="e-1", story_id="u-1", duplicate_of=copy_of
                    )
                )
            else:
                outcomes.append(Outcome(item.key, status, reason="not_html" if status is Status.REJECTED else "lost"))
            if progress is not None:
                progress(len(outcomes), Counter(o.status for o in outcomes))
        return RunReport(outcomes, seconds=2.0, deploy_seconds=1.0)


@pytest.fixture
def two_pages(tmp_path: Path) -> Path:
    _write(tmp_path / "a.html")
    _write(tmp_path / "b.html")
    return tmp_path


def _script(monkeypatch: pytest.MonkeyPatch, *statuses: Status) -> None:
    monkeypatch.setattr(_ScriptedPipeline, "statuses", statuses)
    monkeypatch.setattr(embedded, "EmbeddedPipeline", _ScriptedPipeline)


def test_json_lines_have_the_contract_fields_and_the_summary_comes_last(
    two_pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _script(monkeypatch, Status.READY, Status.REJECTED)

    assert main(["run", "--json", str(two_pages)]) == 0

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    fields = {"key", "status", "article_id", "reason", "title", "event_id", "story_id", "duplicate_of"}
    assert [set(line) for line in lines[:-1]] == [fields] * 2
    assert (lines[0]["story_id"], lines[0]["duplicate_of"]) == ("u-1", None)
    assert [(line["key"], line["status"]) for line in lines[:-1]] == [("a.html", "ready"), ("b.html", "rejected")]
    assert lines[-1]["summary"]["inputs"] == 2
    assert lines[-1]["summary"]["ready"] == 1
    assert lines[-1]["summary"]["rejected"] == 1
    assert lines[-1]["summary"]["articles_per_s"] == 1.0


def test_text_output_has_one_line_per_input_then_the_counts(
    two_pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _script(monkeypatch, Status.READY, Status.REJECTED)

    assert main(["run", str(two_pages)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["a.html", "ready", "u-1", "A", "title"]
    assert out[1].split() == ["b.html", "rejected", "not_html"]
    assert out[3].startswith("2 input(s): 1 ready, 1 rejected, 0 undelivered in 2.00 s (1.0 articles/s")


def test_the_text_report_shows_the_story_under_a_copy(
    two_pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _script(monkeypatch, Status.READY, Status.READY)

    assert main(["run", str(two_pages)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["a.html", "ready", "u-1", "A", "title"]  # the first copy: nothing more
    assert out[1].split() == ["b.html", "ready", "u-2", "A", "title"]
    assert out[2].split() == ["copy", "of", "u-1,", "story", "u-1"]
    assert out[4].startswith("2 input(s): 2 ready")


def test_exit_status_is_1_when_any_input_was_left_undelivered(
    two_pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _script(monkeypatch, Status.READY, Status.UNDELIVERED)
    assert main(["run", str(two_pages)]) == 1
    assert "1 undelivered" in capsys.readouterr().out


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    two_pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _script(monkeypatch, Status.READY, Status.READY)
    main(["run", str(two_pages)])
    assert capsys.readouterr().err == ""


def test_a_folder_without_pages_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "readme.txt")
    assert main(["run", str(tmp_path)]) == 2
    assert "no .html" in capsys.readouterr().err


def test_the_progress_bar_draws_in_place_and_erases_itself() -> None:
    stream = io.StringIO()
    bar = ProgressBar(4, stream, enabled=True)
    bar.update(2, "2 ready", force=True)
    bar.close()
    assert stream.getvalue().startswith("\r[" + "#" * 15 + "." * 15 + "] 2/4 2 ready")
    assert stream.getvalue().endswith("\r\x1b[K")
