"""Parse function: S3 notifications (in SQS batches) -> clean Articles and article events. Partial batch responses."""

from __future__ import annotations

from article_ingest.coldstart import loading_handler

with loading_handler():
    import logging
    import os
    from collections.abc import Callable
    from typing import Any

    from aws_lambda_powertools import Logger, Metrics
    from aws_lambda_powertools.metrics import MetricUnit
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
    from article_ingest.adapters.dynamodb_stories import DynamoDBStoryIndex
    from article_ingest.adapters.eventbridge import EventBridgePublisher
    from article_ingest.adapters.s3_notifications import raw_objects
    from article_ingest.adapters.s3_objects import S3CleanStore, S3RawStore
    from article_ingest.domain.events import ObjectRef
    from article_ingest.parse_settings import ParseSettings
    from article_ingest.services.parse_service import ParseService

# Powertools' own objects: they read POWERTOOLS_* variables and touch no AWS service when created.
# No powertools Tracer: building it imports the X-Ray SDK and its own botocore client, about one `import boto3` of
# cold start (benchmarks/cold_start.py). The template's `Tracing: Active` still traces each invocation; outcomes
# and article ids are in the structured logs and metrics.
logger = Logger()
metrics = Metrics()


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

    # Keyed on (bucket, key, etag, version) and the parser version: a duplicate notification of the same object
    # version is a no-op, while `article-ingest reprocess` after a parser upgrade really parses again.
    @idempotent_function(  # type: ignore[untyped-decorator]
        data_keyword_argument="raw", persistence_store=persistence, config=config
    )
    def process_raw_object(raw: dict[str, Any]) -> dict[str, Any]:
        outcome = service.process(ObjectRef.model_validate({k: v for k, v in raw.items() if k != "parser_version"}))
        logger.info("raw object processed", extra={"raw": raw, **outcome.as_dict()})
        metrics.add_metric(name=f"Outcome_{outcome.status.value}", unit=MetricUnit.Count, value=1)
        return outcome.as_dict()

    def handle_record(record: SQSRecord) -> None:
        logger.set_correlation_id(record.message_id)
        for raw in raw_objects(record.body):
            logger.append_keys(raw_bucket=raw.bucket, raw_key=raw.key)
            process_raw_object(raw={**raw.model_dump(mode="json"), "parser_version": article_ingest.__version__})

    return handle_record
