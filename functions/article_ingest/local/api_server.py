"""The query function behind a local HTTP endpoint, as API Gateway's HTTP API with IAM auth would run it.

Each request is checked like API Gateway's IAM authorizer does (a SigV4 signature for service `execute-api`, from
a known access key, within the clock skew) and turned into an HTTP API payload v2.0 event for the handler. Loopback
addresses only: this is for tests and the local stack, not a server to expose.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from article_ingest.local.lambda_runtime import LocalFunction, function_from_configuration

if TYPE_CHECKING:
    from article_ingest.local.stack import LocalStack

Handler = Callable[[dict[str, Any], Any], Any]
LOOPBACK = "127.0.0.1"
SERVICE = "execute-api"
MAX_SKEW = timedelta(minutes=5)
_log = logging.getLogger(__name__)
_AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<akid>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request,"
    r"\s*SignedHeaders=(?P<signed>[a-z0-9;-]+),\s*Signature=(?P<signature>[0-9a-f]{64})$"
)


class AuthError(Exception):
    """The request is refused before it reaches the function: 403 with API Gateway's message."""


@dataclass(frozen=True)
class Caller:
    """The IAM identity API Gateway passes to the function in `requestContext.authorizer.iam`."""

    access_key: str
    secret_key: str
    token: str | None
    account_id: str
    user_arn: str


class SigV4Verifier:
    """Checks a request's SigV4 signature against the credentials of the callers it knows."""

    def __init__(self, callers: list[Caller], region: str, clock: Callable[[], datetime] | None = None) -> None:
        self._callers = {caller.access_key: caller for caller in callers}
        self._region = region
        self._clock = clock or (lambda: datetime.now(UTC))

    def verify(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Caller:
        """`target` is the request line's path and query, as sent; `headers` have lower-case names."""
        authorization = headers.get("authorization")
        if not authorization:
            raise AuthError("Forbidden")
        match = _AUTH_RE.match(authorization.strip())
        if not match:
            raise AuthError("Authorization header is not a valid AWS4-HMAC-SHA256 signature")
        if match["service"] != SERVICE or match["region"] != self._region:
            raise AuthError(f"Credential should be scoped to region {self._region!r} and service {SERVICE!r}")
        caller = self._callers.get(match["akid"])
        if caller is None:
            raise AuthError("The security token included in the request is invalid.")
        signed = match["signed"].split(";")
        if "host" not in signed or "x-amz-date" not in signed or any(name not in headers for name in signed):
            raise AuthError("Signed headers must include host and x-amz-date, and be present")
        try:
            signed_at = datetime.strptime(headers["x-amz-date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            raise AuthError("X-Amz-Date is not a valid date") from None
        if abs(self._clock() - signed_at) > MAX_SKEW or signed_at.strftime("%Y%m%d") != match["date"]:
            raise AuthError("Signature expired or not yet valid (X-Amz-Date out of range)")
        if caller.token is not None and headers.get("x-amz-security-token") != caller.token:
            raise AuthError("The security token included in the request is invalid.")
        expected = self._signature(caller, method, target, {name: headers[name] for name in signed}, body)
        if not hmac.compare_digest(expected, match["signature"]):
            raise AuthError(
                "The request signature we calculated does not match the signature you provided. "
                "Check your AWS Secret Access Key and signing method."
            )
        return caller

    def _signature(
        self, caller: Caller, method: str, target: str, signed_headers: Mapping[str, str], body: bytes
    ) -> str:
        request = AWSRequest(
            method=method, url=f"http://{signed_headers['host']}{target}", headers=dict(signed_headers), data=body
        )
        request.context["timestamp"] = signed_headers["x-amz-date"]
        signer = SigV4Auth(Credentials(caller.access_key, caller.secret_key, caller.token), SERVICE, self._region)
        canonical = signer.canonical_request(request)
        return str(signer.signature(signer.string_to_sign(request, canonical), request))


def http_api_event(
    method: str, target: str, headers: Mapping[str, str], body: bytes, *, caller: Caller, source_ip: str
) -> dict[str, Any]:
    """An API Gateway HTTP API (payload format 2.0) event for one request."""
    parts = urlsplit(target)
    query: dict[str, str] = {}
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        query[name] = f"{query[name]},{value}" if name in query else value  # API Gateway joins repeats with ","
    now = datetime.now(UTC)
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": parts.path,
        "rawQueryString": parts.query,
        "headers": dict(headers),
        "requestContext": {
            "accountId": caller.account_id,
            "apiId": "local",
            "authorizer": {
                "iam": {
                    "accessKey": caller.access_key,
                    "accountId": caller.account_id,
                    "callerId": caller.access_key,
                    "principalOrgId": None,
                    "userArn": caller.user_arn,
                    "userId": caller.access_key,
                }
            },
            "domainName": headers.get("host", LOOPBACK),
            "domainPrefix": "local",
            "http": {
                "method": method,
                "path": parts.path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": headers.get("user-agent", ""),
            },
            "requestId": str(uuid.uuid4()),
            "routeKey": "$default",
            "stage": "$default",
            "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(now.timestamp() * 1000),
        },
        "isBase64Encoded": False,
    }
    if query:
        event["queryStringParameters"] = query
    if body:
        event["body"] = body.decode("utf-8", errors="replace")
    return event


class QueryApiServer:
    """A threaded HTTP server on 127.0.0.1 that authenticates requests and hands them to the query handler."""

    def __init__(self, handler: Handler, verifier: SigV4Verifier, *, port: int = 0) -> None:
        self._handler = handler
        self._verifier = verifier
        self._lock = threading.Lock()  # one invocation at a time, like one Lambda instance
        self._httpd = ThreadingHTTPServer((LOOPBACK, port), self._request_handler_class())
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> QueryApiServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="query-api", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> QueryApiServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def respond(self, method: str, target: str, headers: Mapping[str, str], body: bytes, source_ip: str) -> _Reply:
        """What API Gateway would answer: 403 before the function when unauthenticated, else its response."""
        try:
            caller = self._verifier.verify(method, target, headers, body)
        except AuthError as refused:
            return _Reply(403, {"content-type": "application/json"}, json.dumps({"message": str(refused)}).encode())
        event = http_api_event(method, target, headers, body, caller=caller, source_ip=source_ip)
        try:
            with self._lock:
                result = self._handler(event, None)
        except Exception:  # noqa: BLE001 - API Gateway turns any crashed invocation into a bare 500
            _log.exception("query handler failed")
            return _Reply(500, {"content-type": "application/json"}, b'{"message":"Internal Server Error"}')
        response_headers = {k.lower(): str(v) for k, v in (result.get("headers") or {}).items()}
        payload = result.get("body") or ""
        return _Reply(int(result.get("statusCode", 200)), response_headers, str(payload).encode("utf-8"))

    def _request_handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {name.lower(): value for name, value in self.headers.items()}
                reply = server.respond(self.command, self.path, headers, body, self.client_address[0])
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    if name not in {"content-length", "connection"}:
                        self.send_header(name, value)
                self.send_header("content-length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = _serve  # noqa: N815 - the names http.server dispatches on
            do_POST = _serve  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:
                _log.debug("%s - %s", self.address_string(), format % args)

        return _RequestHandler


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: dict[str, str]
    body: bytes


# --- wiring to a deployed local stack -------------------------------------------------------------------------------


def local_caller(stack: LocalStack) -> Caller:
    """The local credentials (the stack's session) as the one caller the API lets in."""
    credentials = stack.session.get_credentials()
    if credentials is None:
        raise RuntimeError("the stack's session has no credentials to sign requests with")
    frozen = credentials.get_frozen_credentials()
    if not frozen.access_key or not frozen.secret_key:
        raise RuntimeError("the stack's session has incomplete credentials")
    identity = stack.client("sts").get_caller_identity()
    return Caller(frozen.access_key, frozen.secret_key, frozen.token, identity["Account"], identity["Arn"])


def ensure_cursor_key_secret(stack: LocalStack) -> str:
    """The cursor key secret moto's CloudFormation does not create: made here like `GenerateSecretString` would."""
    arn = stack.resources.outputs.get("CursorKeySecretArn")
    if arn:
        return arn
    name = f"{stack.resources.stack_name}-cursor-key"
    client = stack.client("secretsmanager")
    try:
        return str(client.describe_secret(SecretId=name)["ARN"])
    except client.exceptions.ResourceNotFoundException:
        created = client.create_secret(Name=name, SecretString=secrets.token_urlsafe(48))
        return str(created["ARN"])


def query_function(stack: LocalStack) -> LocalFunction:
    """The deployed query function, with the environment moto's CloudFormation dropped filled back in."""
    configuration = stack.client("lambda").get_function_configuration(
        FunctionName=stack.resources.output("QueryFunctionName")
    )
    function = function_from_configuration(configuration)
    environment = dict(function.environment)
    environment.setdefault("CURSOR_KEY_SECRET_ARN", ensure_cursor_key_secret(stack))
    return replace(function, environment=environment)


def serve_stack_query_api(stack: LocalStack, *, port: int = 0) -> QueryApiServer:
    """The stack's query API on 127.0.0.1 (`port` 0 picks a free one); call `.start()` or use `with`."""
    function = query_function(stack)
    runtime = stack.runtime_environment()

    def invoke(event: dict[str, Any], _context: Any) -> Any:
        return function.invoke(event, runtime)

    verifier = SigV4Verifier([local_caller(stack)], stack.resources.region)
    return QueryApiServer(invoke, verifier, port=port)
