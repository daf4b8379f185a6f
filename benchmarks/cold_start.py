"""Cold start of each function, as a ratio to `import boto3` + creating the same clients, measured in one run.

    .venv/bin/python benchmarks/cold_start.py [--runs 10] [--json]

The handlers run from the deployment package the template builds: `make -f functions/Makefile
build-ParseFunction` (what `sam build` runs, `BuildMethod: makefile`), here for this machine's platform and
interpreter, into a temporary folder put first on `PYTHONPATH`. The same folder without its `.pyc` files is what
SAM's default python_pip builder would ship (it unpacks wheels and compiles nothing): measured beside it in the same
rounds, as `no-pyc`. Every child runs with `PYTHONDONTWRITEBYTECODE=1`, as on Lambda, where `/var/task` is
read-only and nothing compiled at import is kept for the next cold start.

Every sample is a fresh Python process (`--child FUNCTION MODE`), started in rounds that interleave all
functions and modes, so that machine load hits every column alike. Medians over `--runs` rounds (after one
warm-up round, discarded: it fills the OS page cache).

- `handler` mode (and `no-pyc`): time `import article_ingest.handlers.<function>` (the import alone, in a pristine
  interpreter), then, untimed, import moto, start `mock_aws` and create what the event needs (buckets, tables,
  bus, secret, the raw object, an index item) with a separate boto3 session, then time `handler(event, context)`
  on the recorded event in `events/` (bucket names and the ETag pointed at the mock's). The handler builds its
  own clients inside that timed call, as on a real cold start.
- `stack` mode: the floor. Time importing only the third-party stack the handler is built on (boto3, the
  powertools utilities it uses, pydantic, lxml; for the query, the resolver created with validation), in the
  handler's own order, from the built package; then, resources created as above, time building the handler's
  clients and making the AWS calls it makes on the recorded event (parse: 11, index: 2, query: 2) with payloads of
  the same size, through plain boto3. What no change to our own code can go below.
- `baseline` mode: time `import boto3` in a pristine interpreter, then, untimed, import moto and start
  `mock_aws` exactly as above, then time creating the clients that function creates (a new session for parse,
  the default session for index and query, as they do). Both modes import moto between their two timed parts,
  so whatever moto preloads helps both alike; the import figures are untouched by it. boto3 comes from the
  virtualenv, compiled by pip (on Lambda it is the runtime's own copy).

Python's own start-up (~20 ms) is in neither figure. Targets (issue 7): query import <= 1.5x `import boto3`;
parse and index import + first event <= 2x their baseline.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
SEED_PAGE = ROOT / "tests" / "fixtures" / "pages" / "seed_devdiscourse.html"
REGION = "eu-west-1"
RECORDED_RAW_BUCKET = "article-ingest-raw-123456789012-eu-west-1"
RESULT_PREFIX = "COLD_START_RESULT "

FUNCTIONS = ("parse", "index", "query")
MODES = ("baseline", "handler", "no-pyc", "stack")
PACKAGE_MODES = ("handler", "no-pyc")
# What each handler creates on its first event: (session kind, services).
CLIENTS = {
    "parse": ("new-session", ("s3", "dynamodb", "events")),
    "index": ("default-session", ("dynamodb",)),
    "query": ("default-session", ("dynamodb", "secretsmanager")),
}
EVENT_FILES = {
    "parse": "sqs-s3-put.json",
    "index": "sqs-eventbridge-article-ready.json",
    "query": "http-api-get-article.json",
}
# The third-party stack each handler is built on (issue 3/4's powertools utilities, pydantic, lxml), imported in
# the handler's own order and nothing of ours: the floor that no change to our code can go below.
STACK_IMPORTS = {
    "parse": (
        "import boto3",
        "from aws_lambda_powertools import Logger, Metrics",
        "from aws_lambda_powertools.utilities.batch import BatchProcessor, process_partial_response",
        "from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, idempotent_function",
        "from pydantic import BaseModel",
        "import lxml.html",
    ),
    "index": (
        "import boto3",
        "from aws_lambda_powertools import Logger, Metrics",
        "from aws_lambda_powertools.utilities.batch import BatchProcessor, process_partial_response",
        "from pydantic import BaseModel",
    ),
    "query": (
        "import boto3",
        "from aws_lambda_powertools import Logger",
        "from aws_lambda_powertools.event_handler import APIGatewayHttpResolver",
        "from aws_lambda_powertools.event_handler.openapi.params import Query",
        "APIGatewayHttpResolver(enable_validation=True)",
        "from pydantic import BaseModel",
    ),
}
TARGETS = {"parse": ("first", 2.0), "index": ("first", 2.0), "query": ("import", 1.5)}

# Names of the resources the mock holds, passed to the handlers as the template would.
NAMES = {
    "RAW_BUCKET": RECORDED_RAW_BUCKET,
    "CLEAN_BUCKET_NAME": "perf-clean",
    "EVENT_BUS_NAME": "perf-articles",
    "REGISTRY_TABLE_NAME": "perf-registry",
    "STORY_TABLE_NAME": "perf-stories",
    "IDEMPOTENCY_TABLE_NAME": "perf-idempotency",
    "INDEX_TABLE_NAME": "perf-index",
    "SOURCE_STATS_TABLE_NAME": "perf-source-stats",  # issue 13's per-source count, set by the template
}


# --- child side: keep stdlib-only until the first timer starts ------------------------------------------------


class _Context:
    function_name = "perf"
    memory_limit_in_mb = 1024
    invoked_function_arn = f"arn:aws:lambda:{REGION}:123456789012:function:perf"
    aws_request_id = "00000000-0000-0000-0000-000000000000"
    function_version = "$LATEST"
    log_group_name = "perf"
    log_stream_name = "perf"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def _lambda_environment(function: str) -> dict[str, str]:
    environment = {
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_LAMBDA_FUNCTION_NAME": f"perf-{function}",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024",
        "POWERTOOLS_SERVICE_NAME": function,
        "POWERTOOLS_LOG_LEVEL": "WARNING",  # the measured work, not the writing of INFO lines to a pipe
        "POWERTOOLS_TRACE_DISABLED": "true",  # no X-Ray daemon here; the SDK is still imported
        "DAY_SHARDS": "4",
        "MAX_OBJECT_BYTES": "10485760",
        "IDEMPOTENCY_TTL_SECONDS": "86400",
    }
    environment.update({k: v for k, v in NAMES.items() if k != "RAW_BUCKET"})
    return environment


def _start_mock() -> Any:
    from moto import mock_aws

    mock = mock_aws()
    mock.start()
    return mock


def _create_resources(function: str) -> dict[str, Any]:
    """What the recorded event needs, created through a session of our own (the handler's stays cold)."""
    import boto3

    session = boto3.session.Session(region_name=REGION)
    event: dict[str, Any] = json.loads((EVENTS / EVENT_FILES[function]).read_text(encoding="utf-8"))
    ddb = session.client("dynamodb")
    if function == "parse":
        s3 = session.client("s3")
        for bucket in (NAMES["RAW_BUCKET"], NAMES["CLEAN_BUCKET_NAME"]):
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})  # type: ignore[typeddict-item]
        tables = (
            (NAMES["REGISTRY_TABLE_NAME"], "article_id"),
            (NAMES["IDEMPOTENCY_TABLE_NAME"], "id"),
            (NAMES["STORY_TABLE_NAME"], "band"),
        )
        for table, key in tables:
            ddb.create_table(
                TableName=table,
                BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
                KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
            )
        ddb.create_table(
            TableName=NAMES["SOURCE_STATS_TABLE_NAME"],
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in ("pk", "sk")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        )
        session.client("events").create_event_bus(Name=NAMES["EVENT_BUS_NAME"])
        notification = json.loads(event["Records"][0]["body"])
        s3_object = notification["Records"][0]["s3"]["object"]
        put = s3.put_object(Bucket=NAMES["RAW_BUCKET"], Key=s3_object["key"], Body=SEED_PAGE.read_bytes())
        s3_object["eTag"] = put["ETag"].strip('"')  # the recorded ETag names another copy of the page
        event["Records"][0]["body"] = json.dumps(notification)
        return event
    ddb.create_table(
        TableName=NAMES["INDEX_TABLE_NAME"],
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    )
    if function == "query":
        secret = session.client("secretsmanager").create_secret(Name="perf-cursor-key", SecretString="k" * 64)
        os.environ["CURSOR_KEY_SECRET_ARN"] = secret["ARN"]
        _seed_index(session)
    return event


def _seed_index(session: Any) -> None:
    """The article the recorded GET asks for, indexed from the recorded ArticleReady (so the GET finds it)."""
    from article_ingest.adapters.dynamodb_index import DynamoIndexRepository
    from article_ingest.handlers.index import parse_envelope
    from article_ingest.index_settings import IndexSettings
    from article_ingest.services.index_service import IndexService

    recorded = json.loads((EVENTS / EVENT_FILES["index"]).read_text(encoding="utf-8"))
    detail, received_at = parse_envelope(recorded["Records"][0]["body"])
    settings = IndexSettings.from_env(os.environ)
    repository = DynamoIndexRepository(session.client("dynamodb"), settings.table_name)
    IndexService(repository, settings.limits).apply(detail, received_at=received_at)


def _stack_calls(function: str, event: dict[str, Any]) -> int:
    """The clients the handler builds and the AWS calls it makes on the recorded event, with payloads of the same
    size, through plain boto3: what the first event costs before any code of ours runs. Returns the call count."""
    import boto3

    kind, services = CLIENTS[function]
    maker: Any = boto3.session.Session() if kind == "new-session" else boto3
    clients = {service: maker.client(service) for service in services}
    ddb = clients["dynamodb"]
    if function == "parse":
        s3, events = clients["s3"], clients["events"]
        raw = json.loads(event["Records"][0]["body"])["Records"][0]["s3"]["object"]
        idempotency, registry = NAMES["IDEMPOTENCY_TABLE_NAME"], NAMES["REGISTRY_TABLE_NAME"]
        ddb.put_item(
            TableName=idempotency,
            Item={"id": {"S": "k"}, "status": {"S": "INPROGRESS"}, "expiration": {"N": "9999999999"}},
            ConditionExpression="attribute_not_exists(id)",
        )
        response = s3.get_object(Bucket=NAMES["RAW_BUCKET"], Key=raw["key"], IfMatch=f'"{raw["eTag"]}"')
        response["Body"].read()
        ddb.get_item(TableName=registry, Key={"article_id": {"S": "u-1"}}, ConsistentRead=True)
        entry = {"article_id": {"S": "u-1"}, "version": {"N": "1"}, "content_hash": {"S": "h" * 64}}
        # The story index (issue 12): the body's 16 band keys in one batch, then a transaction claiming them.
        stories = NAMES["STORY_TABLE_NAME"]
        bands = [{"band": {"S": f"m1#{n:02d}#{n:016x}"}} for n in range(16)]
        ddb.batch_get_item(RequestItems={stories: {"Keys": bands, "ConsistentRead": True}})
        claims: Any = [
            {"Put": {"TableName": stories, "Item": {**band, "signature": {"B": b"s" * 512}}}} for band in bands
        ]
        ddb.transact_write_items(TransactItems=claims)
        ddb.put_item(TableName=registry, Item=entry, ConditionExpression="attribute_not_exists(article_id)")
        s3.put_object(Bucket=NAMES["CLEAN_BUCKET_NAME"], Key="articles/u-1/v1.json", Body=b"{}" * 3400)
        detail = json.dumps({"id": "u-1", "title": "t" * 1000})
        entries = [
            {"Source": "x", "DetailType": "ArticleReady", "Detail": detail, "EventBusName": NAMES["EVENT_BUS_NAME"]}
        ]
        events.put_events(Entries=entries)
        ddb.update_item(
            TableName=registry,
            Key={"article_id": {"S": "u-1"}},
            UpdateExpression="SET event_sent = :t",
            ConditionExpression="version = :v",
            ExpressionAttributeValues={":t": {"BOOL": True}, ":v": {"N": "1"}},
        )
        ddb.update_item(  # the per-source count (issue 13)
            TableName=NAMES["SOURCE_STATS_TABLE_NAME"],
            Key={"pk": {"S": "2026-02-27#3"}, "sk": {"S": "example.com"}},
            UpdateExpression="ADD #c0 :c0, #c1 :c1 SET expires_at = if_not_exists(expires_at, :expires)",
            ExpressionAttributeNames={"#c0": "ready", "#c1": "words"},
            ExpressionAttributeValues={":c0": {"N": "1"}, ":c1": {"N": "600"}, ":expires": {"N": "9999999999"}},
        )
        ddb.update_item(
            TableName=idempotency,
            Key={"id": {"S": "k"}},
            UpdateExpression="SET #s = :s, #d = :d",
            ExpressionAttributeNames={"#s": "status", "#d": "data"},
            ExpressionAttributeValues={":s": {"S": "COMPLETED"}, ":d": {"S": "{}" * 100}},
        )
        return 10
    table = NAMES["INDEX_TABLE_NAME"]
    if function == "index":
        ddb.get_item(TableName=table, Key={"pk": {"S": "A#u-1"}, "sk": {"S": "ARTICLE"}}, ConsistentRead=True)
        items = [
            {"Put": {"TableName": table, "Item": {"pk": {"S": f"P#{n}"}, "sk": {"S": "S"}, "v": {"S": "x" * 1000}}}}
            for n in range(7)
        ]
        ddb.transact_write_items(TransactItems=items)
        return 2
    clients["secretsmanager"].get_secret_value(SecretId=os.environ["CURSOR_KEY_SECRET_ARN"])
    ddb.get_item(TableName=table, Key={"pk": {"S": "A#u-1"}, "sk": {"S": "ARTICLE"}}, ConsistentRead=True)
    return 2


def _source_counted() -> bool:
    import boto3

    ddb = boto3.session.Session(region_name=REGION).client("dynamodb")
    return bool(ddb.scan(TableName=NAMES["SOURCE_STATS_TABLE_NAME"])["Items"])


def _check_response(function: str, response: Any) -> str:
    """The event must have been handled for real: a failed record would make a fast, meaningless figure."""
    if function in ("parse", "index"):
        if response.get("batchItemFailures"):
            raise SystemExit(f"{function}: the recorded event failed: {response}")
        if function == "parse" and not _source_counted():
            raise SystemExit("parse: the per-source count was not written (it is best-effort: a silent miss)")
        return "ok"
    if response.get("statusCode") != 200:
        raise SystemExit(f"query: the recorded GET answered {response.get('statusCode')}: {response.get('body')}")
    return "200"


def child(function: str, mode: str) -> dict[str, Any]:
    os.environ.update(_lambda_environment(function))
    if mode == "baseline":
        started = time.perf_counter()
        import boto3

        import_ms = (time.perf_counter() - started) * 1000
        mock = _start_mock()
        kind, services = CLIENTS[function]
        started = time.perf_counter()
        maker: Any = boto3.session.Session() if kind == "new-session" else boto3
        clients = [maker.client(service) for service in services]
        first_ms = (time.perf_counter() - started) * 1000
        mock.stop()
        return {"import_ms": import_ms, "first_ms": first_ms, "clients": len(clients)}

    if mode == "stack":
        import gc

        started = time.perf_counter()
        gc.disable()  # as our handlers import (article_ingest/coldstart.py), so that the floor stays a floor
        exec("\n".join(STACK_IMPORTS[function]), {})  # the fixed statements above
        gc.freeze()
        gc.enable()
        import_ms = (time.perf_counter() - started) * 1000
        mock = _start_mock()
        event = _create_resources(function)
        started = time.perf_counter()
        calls = _stack_calls(function, event)
        first_ms = (time.perf_counter() - started) * 1000
        mock.stop()
        return {"import_ms": import_ms, "first_ms": first_ms, "calls": calls}

    import importlib

    if not module_is_from_pythonpath():
        raise SystemExit("the handlers must be imported from the built package (PYTHONPATH), not the source tree")

    started = time.perf_counter()
    module = importlib.import_module(f"article_ingest.handlers.{function}")
    import_ms = (time.perf_counter() - started) * 1000
    modules_after_import = len(sys.modules)
    mock = _start_mock()
    event = _create_resources(function)
    started = time.perf_counter()
    response = module.handler(event, _Context())
    first_ms = (time.perf_counter() - started) * 1000
    check = _check_response(function, response)  # inside the mock: it reads what the handler wrote
    mock.stop()
    return {
        "import_ms": import_ms,
        "first_ms": first_ms,
        "check": check,
        "modules_after_import": modules_after_import,
    }


# --- parent side ----------------------------------------------------------------------------------------------


def module_is_from_pythonpath() -> bool:
    import importlib.util

    spec = importlib.util.find_spec("article_ingest")
    origin = spec.origin if spec else None
    return bool(origin and os.environ.get("PYTHONPATH") and origin.startswith(os.environ["PYTHONPATH"]))


def build_packages(workdir: Path) -> dict[str, Path]:
    """The package as the template builds it (with .pyc), and the same without them (SAM's python_pip output)."""
    compiled = workdir / "package"
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-f",
            str(ROOT / "functions" / "Makefile"),
            "build-ParseFunction",
            f"ARTIFACTS_DIR={compiled}",
            f"PYTHON={sys.executable}",
            "PIP_PLATFORM=",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    plain = workdir / "package-no-pyc"
    shutil.copytree(compiled, plain, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return {"handler": compiled, "no-pyc": plain}


@functools.cache  # read once per run, not once per child process
def _template_variables() -> dict[str, str]:
    """The variables the template sets on every function (Globals), as deployed."""
    from article_ingest.local.template import load_template

    variables = load_template()["Globals"]["Function"]["Environment"]["Variables"]
    return {name: str(value) for name, value in variables.items()}


def _child_env(mode: str, packages: dict[str, Path]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(_template_variables())  # the child's own settings (_lambda_environment) then override these
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if mode in PACKAGE_MODES:
        env["PYTHONPATH"] = str(packages[mode])
    elif mode == "stack":
        env["PYTHONPATH"] = str(packages["handler"])  # the dependencies as shipped, with their bytecode
    return env


def _sample(function: str, mode: str, packages: dict[str, Path]) -> dict[str, Any]:
    child_mode = "handler" if mode in PACKAGE_MODES else mode
    completed = subprocess.run(
        [sys.executable, __file__, "--child", function, child_mode],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=_child_env(mode, packages),
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    raise RuntimeError(f"{function}/{mode} child failed ({completed.returncode}):\n{completed.stderr[-3000:]}")


def measure(runs: int) -> dict[str, Any]:
    samples: dict[tuple[str, str], list[dict[str, Any]]] = {(f, m): [] for f in FUNCTIONS for m in MODES}
    with tempfile.TemporaryDirectory(prefix="cold-start-") as workdir:
        packages = build_packages(Path(workdir))
        for round_number in range(runs + 1):
            for function in FUNCTIONS:
                for mode in MODES:
                    result = _sample(function, mode, packages)
                    if round_number:  # round 0 warms the page cache
                        samples[(function, mode)].append(result)
    boto3_import = statistics.median(
        s["import_ms"] for f in FUNCTIONS for s in samples[(f, "baseline")]
    )  # one figure: every baseline process imports the same boto3
    report: dict[str, Any] = {"runs": runs, "boto3_import_ms": round(boto3_import, 1), "functions": {}}
    for function in FUNCTIONS:
        base = samples[(function, "baseline")]
        ours = samples[(function, "handler")]
        plain = samples[(function, "no-pyc")]
        stack = samples[(function, "stack")]
        base_total = statistics.median(s["import_ms"] + s["first_ms"] for s in base)
        ours_import = statistics.median(s["import_ms"] for s in ours)
        ours_total = statistics.median(s["import_ms"] + s["first_ms"] for s in ours)
        measured, limit = TARGETS[function]
        ratio = ours_import / boto3_import if measured == "import" else ours_total / base_total
        report["functions"][function] = {
            "import_ms": round(ours_import, 1),
            "first_event_ms": round(statistics.median(s["first_ms"] for s in ours), 1),
            "import_plus_first_ms": round(ours_total, 1),
            "baseline_clients_ms": round(statistics.median(s["first_ms"] for s in base), 1),
            "baseline_total_ms": round(base_total, 1),
            "import_ratio_to_boto3": round(ours_import / boto3_import, 2),
            "cold_ratio_to_baseline": round(ours_total / base_total, 2),
            "target": f"{'import' if measured == 'import' else 'import + first event'} <= {limit}x",
            "meets_target": ratio <= limit,
            "modules_after_import": ours[0]["modules_after_import"],
            "no_pyc_import_ms": round(statistics.median(s["import_ms"] for s in plain), 1),
            "stack_import_ms": round(statistics.median(s["import_ms"] for s in stack), 1),
            "stack_import_ratio_to_boto3": round(statistics.median(s["import_ms"] for s in stack) / boto3_import, 2),
            "stack_first_event_ms": round(statistics.median(s["first_ms"] for s in stack), 1),
            "stack_cold_ratio_to_baseline": round(
                statistics.median(s["import_ms"] + s["first_ms"] for s in stack) / base_total, 2
            ),
            "no_pyc_import_plus_first_ms": round(statistics.median(s["import_ms"] + s["first_ms"] for s in plain), 1),
        }
    return report


def _print_table(report: dict[str, Any]) -> None:
    print(f"cold start, median of {report['runs']} fresh processes; import boto3 = {report['boto3_import_ms']} ms")
    header = (
        f"{'function':<8} {'import':>8} {'1st event':>10} {'total':>8} {'base':>8} "
        f"{'imp/boto3':>10} {'total/base':>11} {'no-pyc imp':>11} {'no-pyc total':>13} "
        f"{'stack imp':>10} {'stack 1st':>10} {'stack imp/boto3':>16} {'stack total/base':>17}  target"
    )
    print(header)
    for name, row in report["functions"].items():
        verdict = "met" if row["meets_target"] else "MISSED"
        print(
            f"{name:<8} {row['import_ms']:>8} {row['first_event_ms']:>10} {row['import_plus_first_ms']:>8} "
            f"{row['baseline_total_ms']:>8} {row['import_ratio_to_boto3']:>9}x {row['cold_ratio_to_baseline']:>10}x "
            f"{row['no_pyc_import_ms']:>11} {row['no_pyc_import_plus_first_ms']:>13} "
            f"{row['stack_import_ms']:>10} {row['stack_first_event_ms']:>10} {row['stack_import_ratio_to_boto3']:>15}x "
            f"{row['stack_cold_ratio_to_baseline']:>16}x  "
            f"{row['target']}: {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per function and mode (default 10)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--child", nargs=2, metavar=("FUNCTION", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        function, mode = args.child
        result = child(function, mode)
        sys.stdout.flush()
        print(RESULT_PREFIX + json.dumps(result))
        return
    report = measure(args.runs)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_table(report)


if __name__ == "__main__":
    main()
