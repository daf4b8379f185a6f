"""`article-ingest up`: a local stack to develop against, all on 127.0.0.1.

moto's server on one port, the template deployed into it, a poller thread delivering the parse and index queues
to the real handlers, and the query API (SigV4-checked) on another port. Every process that talks to it (the
`aws` CLI, `article-ingest put` and `query`, your code) uses the local credentials below: moto accepts any, but the
local query API lets in only these, as API Gateway's IAM authorizer would let in only known principals.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import boto3

from article_ingest.client import ArticleIndexClient
from article_ingest.local.api_server import QueryApiServer, SigV4Verifier, local_caller, query_function
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.quiet import quiet_moto
from article_ingest.local.server import LocalMotoServer
from article_ingest.local.stack import LocalStack
from article_ingest.local.wrapped import quiet_environment, wrap, wrap_mapping

LOCAL_REGION = "us-east-1"
LOCAL_ACCESS_KEY_ID = "testing"
LOCAL_SECRET_ACCESS_KEY = "testing"  # a fixed key for a loopback-only mock, not a secret
_IDLE_POLL_S = 0.2
_log = logging.getLogger(__name__)


def local_session() -> boto3.session.Session:
    return boto3.session.Session(
        region_name=LOCAL_REGION,
        aws_access_key_id=LOCAL_ACCESS_KEY_ID,
        aws_secret_access_key=LOCAL_SECRET_ACCESS_KEY,
    )


def local_environment(endpoint_url: str) -> dict[str, str]:
    """What a shell needs to talk to the local stack."""
    return {
        "AWS_ACCESS_KEY_ID": LOCAL_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": LOCAL_SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION": LOCAL_REGION,
        "AWS_ENDPOINT_URL": endpoint_url,
    }


class QueuePoller:
    """One thread delivering every queue's messages to its function, like Lambda's event source mappings.

    One thread, not one per queue: a local invocation sets the function's variables on `os.environ`.
    """

    def __init__(self, stack: LocalStack) -> None:
        self._stack = stack
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="queue-poller", daemon=True)

    def start(self) -> QueuePoller:
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                delivered = self._stack.deliver_once()
            except Exception:  # noqa: BLE001 - a broken round is logged; the poller must outlive it
                _log.exception("queue delivery failed; retrying")
                delivered = []
            if not delivered:
                self._stop.wait(_IDLE_POLL_S)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


@dataclass(frozen=True)
class Endpoints:
    moto: str
    query_api: str
    raw_bucket: str
    clean_bucket: str
    event_bus: str
    stack_name: str

    def lines(self) -> list[tuple[str, str]]:
        return [
            ("moto endpoint", self.moto),
            ("query API", self.query_api),
            ("region", LOCAL_REGION),
            ("stack", self.stack_name),
            ("raw bucket", self.raw_bucket),
            ("clean bucket", self.clean_bucket),
            ("event bus", self.event_bus),
        ]


class DevStack:
    """Everything `up` runs, started in `__enter__` and stopped (in reverse order) in `__exit__`."""

    def __init__(self, *, port: int, api_port: int, verbose: bool = False) -> None:
        self._port = port
        self._api_port = api_port
        self._verbose = verbose
        self._exit = contextlib.ExitStack()

    def __enter__(self) -> DevStack:
        try:
            self._start()
        except BaseException:
            self._exit.close()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._exit.close()

    def _start(self) -> None:
        if not self._verbose:
            self._exit.enter_context(quiet_moto())
        moto = self._exit.enter_context(LocalMotoServer(self._port))
        self._exit.enter_context(item_level_transaction_rollback())  # else moto slows down as the index grows
        session = local_session()
        deployed = LocalStack.deploy(session, endpoint_url=moto.endpoint_url)
        lock = threading.Lock()  # the poller and the API invoke functions one at a time (see `wrapped`)
        environment = quiet_environment(verbose=self._verbose)
        mappings = [wrap_mapping(m, lock=lock, environment=environment) for m in deployed.mappings]
        self.stack = LocalStack(session, deployed.resources, mappings, endpoint_url=moto.endpoint_url)
        self._exit.callback(QueuePoller(self.stack).start().stop)
        self.api = self._exit.enter_context(self._query_api(lock, environment))
        resources = self.stack.resources
        self.endpoints = Endpoints(
            moto=moto.endpoint_url,
            query_api=self.api.url,
            raw_bucket=resources.raw_bucket,
            clean_bucket=resources.clean_bucket,
            event_bus=resources.event_bus_name,
            stack_name=resources.stack_name,
        )

    def _query_api(self, lock: threading.Lock, environment: Mapping[str, str]) -> QueryApiServer:
        function = wrap(query_function(self.stack), lock=lock, environment=environment)
        runtime = self.stack.runtime_environment()

        def invoke(event: dict[str, Any], _context: Any) -> Any:
            return function.invoke(event, runtime)

        verifier = SigV4Verifier([local_caller(self.stack)], LOCAL_REGION)
        return QueryApiServer(invoke, verifier, port=self._api_port)

    def check_ready(self) -> None:
        """Both endpoints answer: moto lists the raw bucket, the API answers a signed request (404 is an answer)."""
        self.stack.client("s3").head_bucket(Bucket=self.endpoints.raw_bucket)
        client = ArticleIndexClient(self.endpoints.query_api, session=self.stack.session, max_attempts=1)
        client.article("up-ready-check")
