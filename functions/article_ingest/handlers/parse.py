"""Parse function: S3 notifications (in SQS batches) -> clean Articles and article events. Partial batch responses."""

from __future__ import annotations

from article_ingest.coldstart import loading_handler

with loading_handler():
    import logging
    import os
    from collections.abc import Callable
    from datetime import UTC, datetime
    from typing import Any

    from aws_lambda_powertools import Logger, Metrics
    from aws_lambda_powertools.metrics import MetricUnit, single_metric
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
    from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
    from aws_lambda_powertools.utilities.idempotency import (
        DynamoDBPersistenceLayer,
        IdempotencyConfig,
        idempotent_function,
    )
    from aws_lambda_powertools.utilities.typing import LambdaContext

    import article_ingest
    from article_ingest.adapters.aws_clients import clients_for
    from article_ingest.adapters.dynamodb_registry import DynamoDBArticleRegistry
    from article_ingest.adapters.dynamodb_source_stats import DynamoDBSourceStats
    from article_ingest.adapters.dynamodb_stories import DynamoDBStoryIndex
    from article_ingest.adapters.eventbridge import EventBridgePublisher
    from article_ingest.adapters.s3_notifications import raw_objects
    from article_ingest.adapters.s3_objects import S3CleanStore, S3RawStore
    from article_ingest.domain.events import ObjectRef
    from article_ingest.parse_settings import ParseSettings
    from article_ingest.services.parse_service import ParseOutcome, ParseService
    from article_ingest.services.source_quality import record_source_quality

# Powertools' own objects: they read POWERTOOLS_* variables and touch no AWS service when created.
# No powertools Tracer: building it imports the X-Ray SDK and its own botocore client, about one `import boto3` of
# cold start (benchmarks/cold_start.py). The template's `Tracing: Active` still traces each invocation; outcomes
# and article ids are in the structured logs and metrics.
logger = Logger()
metrics = Metrics(namespace="ArticleIngest")  # as the index handler: a bare import before the env is set cannot lose it


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    record_handler = build_record_handler(ParseSettings.from_env(os.environ), context)
    return process_partial_response(
        event=event, record_handler=record_handler, processor=_batch_processor(), context=context
    )


def _batch_processor() -> BatchProcessor:
    # A batch whose every record failed is still a partial response (all ids listed), not a raised error: the
    # DLQ alarm watches poison records, and the Errors alarm stays for invocations that really crashed.
    # With our logger, each failed record is logged (a warning with its exception) under its correlation id, the
    # SQS message id: what `article-ingest redrive --reasons` finds for a message on the DLQ.
    return BatchProcessor(EventType.SQS, raise_on_entire_batch_failure=False, logger=logging.getLogger(logger.name))


def build_record_handler(settings: ParseSettings, context: LambdaContext) -> Callable[[SQSRecord], None]:
    """Wire the service to its adapters, and make each raw object's processing idempotent."""
    aws = clients_for(os.environ)
    service = ParseService(
        raw=S3RawStore(aws.s3),
        clean=S3CleanStore(aws.s3, settings.clean_bucket),
        registry=DynamoDBArticleRegistry(aws.dynamodb, settings.registry_table),
        stories=DynamoDBStoryIndex(aws.dynamodb, settings.story_table),
        publisher=EventBridgePublisher(aws.events, settings.event_bus_name),
        settings=settings,
    )
    config = IdempotencyConfig(expires_after_seconds=settings.idempotency_ttl_s, lambda_context=context)
    persistence = DynamoDBPersistenceLayer(table_name=settings.idempotency_table, boto3_client=aws.dynamodb)
    source_stats = (
        DynamoDBSourceStats(aws.dynamodb, settings.source_stats_table) if settings.source_stats_table else None
    )

    computed: list[ParseOutcome] = []  # what the current record's processing computed (nothing on a replay)

    # Keyed on (bucket, key, etag, version) and the parser version: a duplicate notification of the same object
    # version is a no-op, while `article-ingest reprocess` after a parser upgrade really parses again.
    @idempotent_function(  # type: ignore[untyped-decorator]
        data_keyword_argument="raw", persistence_store=persistence, config=config
    )
    def process_raw_object(raw: dict[str, Any]) -> dict[str, Any]:
        outcome = service.process(ObjectRef.model_validate({k: v for k, v in raw.items() if k != "parser_version"}))
        # One structured line per record: the per-source views of the saved Logs Insights queries read it.
        logger.info("raw object processed", extra={"raw": raw, **outcome.as_dict()})
        computed.append(outcome)
        return outcome.as_dict()

    def handle_record(record: SQSRecord) -> None:
        logger.set_correlation_id(record.message_id)
        for raw in raw_objects(record.body):
            logger.append_keys(raw_bucket=raw.bucket, raw_key=raw.key)
            computed.clear()
            process_raw_object(raw={**raw.model_dump(mode="json"), "parser_version": article_ingest.__version__})
            # Counted once the idempotency layer has recorded the outcome: a retry after a failure before that point
            # computes it again and is counted then; a replay of a recorded outcome computes nothing and is not.
            for outcome in computed:
                _add_metrics(outcome)
                if source_stats is not None:
                    record_source_quality(source_stats, outcome, datetime.now(UTC))

    return handle_record


def _add_metrics(outcome: ParseOutcome) -> None:
    """Counts without a source dimension (each dimension value is a billed metric: docs/quality.md); the reason
    is a dimension of its own metric, a dozen values at most, so the dashboard finds new reasons by itself."""
    metrics.add_metric(name=f"Outcome_{outcome.status.value}", unit=MetricUnit.Count, value=1)
    if outcome.fields_found is not None:
        metrics.add_metric(name="Articles", unit=MetricUnit.Count, value=1)
        for field, found in outcome.fields_found.items():
            if not found:
                metrics.add_metric(name=f"Missing_{field}", unit=MetricUnit.Count, value=1)
    if outcome.reason is not None and os.environ.get("POWERTOOLS_METRICS_DISABLED", "").lower() != "true":
        # single_metric flushes its own EMF line and, unlike `metrics`, does not read the disabling variable.
        with single_metric(name="Rejected", unit=MetricUnit.Count, value=1) as rejected:
            rejected.add_dimension(name="reason", value=outcome.reason.value)
