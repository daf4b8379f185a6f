"""Fault injection for the local stack: the functions' AWS calls fail, and handlers crash mid-batch. Seeded.

    injector = FaultInjector(FaultPlan(rate=0.15, seed=7), stack)
    with injector.active():
        stack.drain()
    injector.injected  # Counter of what was injected, by kind

While active, every boto3 client's `_make_api_call` is wrapped, but only calls made inside a deployed function's
invocation can fail: the harness's own uploads, receives and deletes never do. Each such call fails with
probability `rate`, as one of the kinds that fit the call (an S3 read, an S3 write, `put_events`, a DynamoDB call).
An injected error is what the adapter sees once botocore's own retries have given up: a `ClientError` with the
service's real error code.

A crash is an `InjectedCrash`, a `BaseException`: like a killed process or a Lambda timeout, it runs through every
`except Exception` (the batch processor's, the idempotency layer's), so the idempotency record stays in progress
and no partial batch response is returned. The invocation wrapper turns it into an ordinary error for the queue
driver, which then fails the whole batch, as Lambda does.

Time: in the harness's fast mode a failed message comes back at once, while on AWS it comes back after the queue's
visibility timeout (6x the function timeout), by which time a dead invocation's in-progress idempotency record
(which expires with the function timeout) has expired. The injector keeps that order by expiring, after each
invocation, the in-progress records that invocation left behind: with one invocation at a time, nothing else can
legitimately still be in progress.
"""

from __future__ import annotations

import contextvars
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from botocore.client import BaseClient
from botocore.exceptions import ClientError

from article_ingest.local.lambda_runtime import LocalFunction


class FaultKind(StrEnum):
    S3_READ_ERROR = "s3_read_error"  # GetObject: 500 InternalError
    S3_WRITE_ERROR = "s3_write_error"  # PutObject: 503 SlowDown
    PUT_EVENTS_ERROR = "put_events_error"  # the whole put_events call: 500 InternalException
    PUT_EVENTS_ENTRY_FAILURE = "put_events_entry_failure"  # 200 with FailedEntryCount > 0; failed entries not sent
    DYNAMODB_THROTTLE = "dynamodb_throttle"  # any DynamoDB call: ProvisionedThroughputExceededException
    TRANSACTION_CANCELLED = "transaction_cancelled"  # TransactWriteItems: cancelled, TransactionConflict
    CRASH_AFTER_WRITE = "crash_after_write"  # dies right after an S3 PutObject succeeded, before the event
    CRASH_AFTER_EVENT = "crash_after_event"  # dies right after put_events succeeded, before the SQS delete
    CRASH_AFTER_HANDLER = "crash_after_handler"  # the batch is done, but the SQS delete never happens
    TIMEOUT_IN_PROGRESS = "timeout_in_progress"  # times out while reading the raw object: idempotency in progress


ERRORS = frozenset(
    {
        FaultKind.S3_READ_ERROR,
        FaultKind.S3_WRITE_ERROR,
        FaultKind.PUT_EVENTS_ERROR,
        FaultKind.PUT_EVENTS_ENTRY_FAILURE,
        FaultKind.DYNAMODB_THROTTLE,
        FaultKind.TRANSACTION_CANCELLED,
    }
)
CRASHES = frozenset(FaultKind) - ERRORS

# Which kinds can strike which call: (service, operation) -> kinds. "*" matches every operation of a service.
_CALL_FAULTS: Mapping[tuple[str, str], tuple[FaultKind, ...]] = {
    ("s3", "GetObject"): (FaultKind.S3_READ_ERROR, FaultKind.TIMEOUT_IN_PROGRESS),
    ("s3", "PutObject"): (FaultKind.S3_WRITE_ERROR, FaultKind.CRASH_AFTER_WRITE),
    ("events", "PutEvents"): (
        FaultKind.PUT_EVENTS_ERROR,
        FaultKind.PUT_EVENTS_ENTRY_FAILURE,
        FaultKind.CRASH_AFTER_EVENT,
    ),
    ("dynamodb", "TransactWriteItems"): (FaultKind.DYNAMODB_THROTTLE, FaultKind.TRANSACTION_CANCELLED),
    ("dynamodb", "*"): (FaultKind.DYNAMODB_THROTTLE,),
}
# powertools' DynamoDB persistence layer defaults: the attributes of an idempotency record.
_IDEMPOTENCY_KEY = "id"
_IDEMPOTENCY_STATUS = "status"
_IDEMPOTENCY_IN_PROGRESS_EXPIRY = "in_progress_expiration"


class InjectedCrash(BaseException):
    """The function process dies here. Deliberately not an `Exception`: no handler code may catch it."""


class InjectedCrashError(RuntimeError):
    """What the queue driver sees of a crashed invocation: the whole batch failed."""


@dataclass(frozen=True)
class FaultPlan:
    rate: float = 0.15  # probability that one eligible call (or invocation end) fails
    seed: int = 0
    kinds: frozenset[FaultKind] = frozenset(FaultKind)
    functions: frozenset[str] | None = None  # only these deployed functions' calls; None: all of them

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"rate must be within [0, 1], not {self.rate}")


class _Stack(Protocol):
    """What the injector needs of a `LocalStack`."""

    def client(self, service: str) -> Any: ...

    @property
    def resources(self) -> Any: ...


@dataclass
class _Invocation:
    function_name: str
    in_progress_keys: set[str] = field(default_factory=set)
    raw_key: str | None = None  # the raw object the parse function is on (from its last GetObject)
    event_sent: bool = False  # put_events succeeded for it, so a failure now may lead to the event being resent


_CURRENT: contextvars.ContextVar[_Invocation | None] = contextvars.ContextVar("fault_invocation", default=None)
_PATCH_LOCK = threading.Lock()
# Patched while active: every client's one entry point to AWS, and the local Lambda invocation.
_API_CALL = "_make_api_call"
_INVOKE = "invoke"


class FaultInjector:
    def __init__(self, plan: FaultPlan, stack: _Stack) -> None:
        self.plan = plan
        self.injected: Counter[FaultKind] = Counter()
        # Raw keys hit by a fault after their event was put on the bus but before that was recorded: the only
        # place an at-least-once publisher can send an event twice. Tests check duplicates happen nowhere else.
        self.struck_after_send: set[str] = set()
        self._rng = random.Random(plan.seed)
        self._idempotency_table: str = stack.resources.idempotency_table
        self._dynamodb = stack.client("dynamodb")  # the harness's client: never intercepted

    @contextmanager
    def active(self) -> Iterator[FaultInjector]:
        """Intercept the functions' AWS calls and invocations until the block ends."""
        with _PATCH_LOCK:
            real_call = getattr(BaseClient, _API_CALL)
            real_invoke = LocalFunction.invoke
            injector = self

            def make_api_call(client: BaseClient, operation: str, params: dict[str, Any]) -> Any:
                invocation = _CURRENT.get()
                if invocation is None:
                    return real_call(client, operation, params)
                service = client.meta.service_model.service_name
                return injector._intercept(
                    invocation, service, operation, params, lambda p: real_call(client, operation, p)
                )

            def invoke(function: LocalFunction, event: dict[str, Any], runtime_environment: Mapping[str, str]) -> Any:
                return injector._invoke(function, event, runtime_environment, real_invoke)

            setattr(BaseClient, _API_CALL, make_api_call)
            setattr(LocalFunction, _INVOKE, invoke)
        try:
            yield self
        finally:
            with _PATCH_LOCK:
                setattr(BaseClient, _API_CALL, real_call)
                setattr(LocalFunction, _INVOKE, real_invoke)

    # --- invocations ----------------------------------------------------------------------------------------

    def _invoke(
        self,
        function: LocalFunction,
        event: dict[str, Any],
        runtime_environment: Mapping[str, str],
        real_invoke: Callable[[LocalFunction, dict[str, Any], Mapping[str, str]], Any],
    ) -> Any:
        if self.plan.functions is not None and function.name not in self.plan.functions:
            return real_invoke(function, event, runtime_environment)
        invocation = _Invocation(function.name)
        token = _CURRENT.set(invocation)
        try:
            response = real_invoke(function, event, runtime_environment)
            if self._draw((FaultKind.CRASH_AFTER_HANDLER,)) is not None:
                raise InjectedCrash(f"{function.name} died after its handler returned, before the SQS delete")
            return response
        except InjectedCrash as crash:
            raise InjectedCrashError(str(crash)) from None
        finally:
            _CURRENT.reset(token)
            self._expire_in_progress(invocation)

    def _expire_in_progress(self, invocation: _Invocation) -> None:
        """The invocation is over: whatever idempotency record it left in progress belongs to a dead attempt."""
        for key in invocation.in_progress_keys:
            try:
                self._dynamodb.update_item(
                    TableName=self._idempotency_table,
                    Key={_IDEMPOTENCY_KEY: {"S": key}},
                    UpdateExpression="SET #expiry = :past",
                    ConditionExpression="#status = :in_progress",
                    ExpressionAttributeNames={
                        "#expiry": _IDEMPOTENCY_IN_PROGRESS_EXPIRY,
                        "#status": _IDEMPOTENCY_STATUS,
                    },
                    ExpressionAttributeValues={":past": {"N": "1"}, ":in_progress": {"S": "INPROGRESS"}},
                )
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                    raise  # completed or deleted records fail the condition: nothing to expire

    # --- calls ------------------------------------------------------------------------------------------------

    def _intercept(
        self,
        invocation: _Invocation,
        service: str,
        operation: str,
        params: dict[str, Any],
        call: Callable[[dict[str, Any]], Any],
    ) -> Any:
        self._note_in_progress(invocation, service, operation, params)
        if (service, operation) == ("s3", "GetObject"):  # the parse function's first call on a raw object
            invocation.raw_key, invocation.event_sent = params.get("Key"), False
        kinds = _CALL_FAULTS.get((service, operation)) or _CALL_FAULTS.get((service, "*"), ())
        kind = self._draw(kinds)
        if kind is None:
            response = call(params)
            if (service, operation) == ("events", "PutEvents") and not response.get("FailedEntryCount"):
                invocation.event_sent = True
            return response
        if invocation.event_sent and invocation.raw_key is not None:
            self.struck_after_send.add(invocation.raw_key)
        where = f"{invocation.function_name}: {service}.{operation}"
        if kind is FaultKind.S3_READ_ERROR:
            raise _client_error(operation, "InternalError", 500, f"injected at {where}")
        if kind is FaultKind.S3_WRITE_ERROR:
            raise _client_error(operation, "SlowDown", 503, f"injected at {where}")
        if kind is FaultKind.PUT_EVENTS_ERROR:
            raise _client_error(operation, "InternalException", 500, f"injected at {where}")
        if kind is FaultKind.DYNAMODB_THROTTLE:
            raise _client_error(operation, "ProvisionedThroughputExceededException", 400, f"injected at {where}")
        if kind is FaultKind.TRANSACTION_CANCELLED:
            raise _transaction_cancelled(operation, len(params.get("TransactItems", [])), where)
        if kind is FaultKind.PUT_EVENTS_ENTRY_FAILURE:
            return self._partial_put_events(params, call)
        if kind is FaultKind.TIMEOUT_IN_PROGRESS:
            raise InjectedCrash(f"timed out at {where}")
        call(params)  # CRASH_AFTER_WRITE / CRASH_AFTER_EVENT: the call goes through, then the process dies
        if kind is FaultKind.CRASH_AFTER_EVENT and invocation.raw_key is not None:
            self.struck_after_send.add(invocation.raw_key)
        raise InjectedCrash(f"died after {where} succeeded")

    def _draw(self, kinds: tuple[FaultKind, ...]) -> FaultKind | None:
        eligible = [kind for kind in kinds if kind in self.plan.kinds]
        if not eligible or self._rng.random() >= self.plan.rate:
            return None
        kind = self._rng.choice(eligible)
        self.injected[kind] += 1
        return kind

    def _note_in_progress(self, invocation: _Invocation, service: str, operation: str, params: dict[str, Any]) -> None:
        if service != "dynamodb" or operation != "PutItem" or params.get("TableName") != self._idempotency_table:
            return
        item = params.get("Item", {})
        if item.get(_IDEMPOTENCY_STATUS, {}).get("S") == "INPROGRESS":
            invocation.in_progress_keys.add(item[_IDEMPOTENCY_KEY]["S"])

    def _partial_put_events(self, params: dict[str, Any], call: Callable[[dict[str, Any]], Any]) -> Any:
        """Some entries fail (at least one) and are not sent; the others really are, as EventBridge does."""
        entries = params["Entries"]
        failing = {i for i in range(len(entries)) if self._rng.random() < 0.5} or {self._rng.randrange(len(entries))}
        failed_entry = {"ErrorCode": "InternalFailure", "ErrorMessage": "injected entry failure"}
        if len(failing) == len(entries):
            return {"FailedEntryCount": len(entries), "Entries": [dict(failed_entry) for _ in entries]}
        sent = call({**params, "Entries": [entry for i, entry in enumerate(entries) if i not in failing]})
        results = iter(sent["Entries"])
        merged = [dict(failed_entry) if i in failing else next(results) for i in range(len(entries))]
        return {**sent, "FailedEntryCount": sent.get("FailedEntryCount", 0) + len(failing), "Entries": merged}


def _client_error(operation: str, code: str, status: int, message: str, **extra: Any) -> ClientError:
    response: Any = {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}
    response.update(extra)
    return ClientError(response, operation)


def _transaction_cancelled(operation: str, items: int, where: str) -> ClientError:
    reasons = [{"Code": "TransactionConflict", "Message": "injected"} for _ in range(max(items, 1))]
    return _client_error(
        operation, "TransactionCanceledException", 400, f"injected at {where}", CancellationReasons=reasons
    )
