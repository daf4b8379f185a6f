"""Deployed functions wrapped for local use: one invocation at a time, and an observer of each batch's result.

`LocalFunction.invoke` sets the function's variables on `os.environ` for the duration of the call, so two
invocations in different threads (the queue poller and the query API) must never overlap: they share `lock`.
"""

from __future__ import annotations

import dataclasses
import threading
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from article_ingest.local.lambda_runtime import LocalFunction
from article_ingest.local.queues import QueueMapping

# (the event, the handler's response, the exception it raised or None)
InvocationObserver = Callable[[dict[str, Any], Any, BaseException | None], None]


@dataclass(frozen=True)
class WrappedFunction(LocalFunction):
    lock: threading.Lock | None = field(default=None, compare=False, repr=False)
    observer: InvocationObserver | None = field(default=None, compare=False, repr=False)

    def invoke(self, event: dict[str, Any], runtime_environment: Mapping[str, str]) -> Any:
        lock = self.lock or threading.Lock()
        with lock, warnings.catch_warnings():
            if self.environment.get("POWERTOOLS_METRICS_DISABLED") == "true":
                warnings.filterwarnings("ignore", message="No application metrics to publish")
            try:
                response = super().invoke(event, runtime_environment)
            except Exception as exc:
                if self.observer is not None:
                    self.observer(event, None, exc)
                raise
        if self.observer is not None:
            self.observer(event, response, None)
        return response


def wrap(
    function: LocalFunction,
    *,
    lock: threading.Lock | None = None,
    observer: InvocationObserver | None = None,
    environment: Mapping[str, str] | None = None,
) -> WrappedFunction:
    """`function` with a shared lock, an observer, and `environment` laid over its own variables."""
    fields = {f.name: getattr(function, f.name) for f in dataclasses.fields(LocalFunction)}
    fields["environment"] = {**function.environment, **(environment or {})}
    return WrappedFunction(**fields, lock=lock, observer=observer)


def wrap_mapping(
    mapping: QueueMapping,
    *,
    lock: threading.Lock | None = None,
    observer: InvocationObserver | None = None,
    environment: Mapping[str, str] | None = None,
) -> QueueMapping:
    function = wrap(mapping.function, lock=lock, observer=observer, environment=environment)
    return dataclasses.replace(mapping, function=function)


def quiet_environment(*, verbose: bool) -> dict[str, str]:
    """For local runs: the functions' INFO logs and metric lines (one per batch) only when asked for."""
    return {} if verbose else {"POWERTOOLS_LOG_LEVEL": "WARNING", "POWERTOOLS_METRICS_DISABLED": "true"}


def failed_record_ids(event: dict[str, Any], response: Any, error: BaseException | None) -> set[str]:
    """The SQS message ids of an event that the response reports as failed (all of them if the call raised)."""
    all_ids = {record["messageId"] for record in event.get("Records", [])}
    if error is not None:
        return all_ids
    if not isinstance(response, Mapping):
        return set()
    failures = response.get("batchItemFailures") or []
    if not isinstance(failures, list):
        return all_ids
    return {str(f.get("itemIdentifier")) for f in failures if isinstance(f, Mapping)} & all_ids
