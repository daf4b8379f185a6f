"""Cold-start helpers: the collector paused while clients and handler imports are built, running afterwards, and
what the imports built frozen."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

import article_ingest
from article_ingest.coldstart import building_for_good, collector_paused, loading_handler
from article_ingest.local.template import load_template


@pytest.mark.parametrize("building", [loading_handler, building_for_good])
def test_the_collector_is_paused_while_building_and_on_afterwards_with_what_was_built_frozen(
    building: Callable[[], AbstractContextManager[None]],
) -> None:
    assert gc.isenabled()
    try:
        with building():
            assert not gc.isenabled()
            built = [[n] for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(built)
    finally:
        gc.unfreeze()


def test_pausing_the_collector_freezes_nothing_and_restores_it_even_on_error() -> None:
    frozen = gc.get_freeze_count()
    try:
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("client construction failed")
    except RuntimeError:
        pass
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    gc.disable()
    try:
        with loading_handler():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_importing_each_handler_leaves_the_collector_on_and_its_imports_frozen() -> None:
    script = (
        "import gc, importlib, sys; "
        "[importlib.import_module(f'article_ingest.handlers.{name}') for name in ('parse', 'index', 'query')]; "
        "print(gc.isenabled(), gc.get_freeze_count() > 10000)"
    )
    assert _fresh_process_prints(script) == ["True", "True"]


def test_the_cached_clients_are_frozen_so_later_collections_do_not_walk_them() -> None:
    # Built with the collector paused but left unfrozen, the clients' objects would all wait in its youngest
    # generation, and the first event's collections would walk them again (benchmarks/README.md § Cold start).
    script = (
        "import gc; from article_ingest.adapters.aws_clients import clients_for; "
        "before = gc.get_freeze_count(); clients_for({'AWS_REGION': 'eu-west-1'}); "
        "print(gc.isenabled(), gc.get_freeze_count() - before > 10000)"
    )
    assert _fresh_process_prints(script) == ["True", "True"]


def test_the_parse_import_leaves_the_rare_paths_for_the_records_that_take_them() -> None:
    # Refusals, updates and the trafilatura fallback are a few records in a hundred: their models are built, their
    # module imported and their patterns compiled when one comes (benchmarks/README.md § Cold start).
    script = (
        "import sys, article_ingest.handlers.parse; "
        "from article_ingest.domain.article import FoundMetadata; "
        "from article_ingest.domain.events import ArticleReady, ArticleRejected, ArticleUpdated; "
        "from article_ingest.extraction import refusal; from article_ingest.extraction.metadata import language_check; "
        "print(ArticleReady.__pydantic_complete__, FoundMetadata.__pydantic_complete__, "
        "ArticleRejected.__pydantic_complete__, ArticleUpdated.__pydantic_complete__, "
        "'article_ingest.extraction.body.fallback' in sys.modules, "
        "refusal._regex.cache_info().currsize, language_check._script.cache_info().currsize)"
    )
    assert _fresh_process_prints(script) == ["True", "False", "False", "False", "False", "0", "0"]


def test_no_handler_import_loads_the_powertools_parser_models() -> None:
    # powertools' batch module builds its pydantic parser models (SQS, Kinesis, DynamoDB, Kafka) at import when
    # pydantic is already loaded: ~60 ms of CPU. Each handler imports the batch utility before anything imports
    # pydantic, and must keep doing so (benchmarks/README.md § Cold start).
    script = (
        "import importlib, sys; "
        "[importlib.import_module(f'article_ingest.handlers.{name}') for name in ('parse', 'index', 'query')]; "
        "print('aws_lambda_powertools.utilities.parser' in sys.modules)"
    )
    assert _fresh_process_prints(script) == ["False"]


def test_with_the_template_setting_no_handler_import_searches_for_pydantic_plugins() -> None:
    # The search reads every distribution's metadata on sys.path when the first model is built; we ship no plugin,
    # and the template's Globals say so (PYDANTIC_DISABLE_PLUGINS), as a deployment setting rather than an import
    # that writes the environment.
    variables = load_template()["Globals"]["Function"]["Environment"]["Variables"]
    setting = {"PYDANTIC_DISABLE_PLUGINS": variables["PYDANTIC_DISABLE_PLUGINS"]}
    script = "import article_ingest.handlers.parse; from pydantic.plugin import _loader; print(_loader._plugins)"
    assert _fresh_process_prints(script, setting) == ["None"]  # never searched
    assert _fresh_process_prints(script, {}) == ["{}"]  # the check can fail: without the setting, it searches


def _fresh_process_prints(script: str, extra_env: dict[str, str] | None = None) -> list[str]:
    """Run `script` in a new interpreter on this checkout's code (whatever is installed) and split its output."""
    package_root = str(Path(article_ingest.__file__).parents[1])
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"AWS_REGION": "eu-west-1", "PATH": "/usr/bin:/bin", "PYTHONPATH": package_root, **(extra_env or {})},
    )
    return done.stdout.split()
