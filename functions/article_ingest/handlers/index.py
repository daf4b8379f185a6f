"""Index function: `ArticleReady` / `ArticleUpdated` events (EventBridge -> SQS) into the index table.

Each SQS record is one EventBridge envelope. A record that fails (bad event, DynamoDB error) is reported as a
batch item failure, so SQS redelivers only that one and, after the queue's max receives, parks it in the DLQ.
"""

from __future__ import annotations

from article_ingest.coldstart import building_for_good, loading_handler

with loading_handler():
    import json
    import logging
    import os
    from datetime import datetime
    from functools import lru_cache, partial
    from typing import Any

    import boto3
    from aws_lambda_powertools import Logger, Metrics
    from aws_lambda_powertools.metrics import MetricUnit
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
    from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
    from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
    from aws_lambda_powertools.utilities.typing import LambdaContext

    from article_ingest.adapters.dynamodb_index import DynamoIndexRepository
    from article_ingest.domain.events import EVENT_SOURCE, ArticleReady, ArticleUpdated
    from article_ingest.index_settings import IndexSettings
    from article_ingest.services.index_service import IndexOutcome, IndexService

logger = Logger()  # service name and level from the environment (POWERTOOLS_*), as the template sets them
metrics = Metrics(namespace="ArticleIngest")  # EMF lines in the log, no API call; same namespace as the template

_DETAIL_MODELS: dict[str, type[ArticleReady]] = {
    ArticleReady.DETAIL_TYPE: ArticleReady,
    ArticleUpdated.DETAIL_TYPE: ArticleUpdated,
}


class UnsupportedEventError(ValueError):
    """The envelope is not an article event of ours."""


def parse_envelope(body: str) -> tuple[ArticleReady, datetime]:
    """The validated detail of one EventBridge envelope, and the event's time.

    The powertools data class, not the parser's `EventBridgeModel`: envelopes delivered by some routes (and moto)
    lack `account`, which the parser model requires and we never use.
    """
    envelope = EventBridgeEvent(json.loads(body))
    model = _DETAIL_MODELS.get(envelope.detail_type)
    if model is None or envelope.source != EVENT_SOURCE:
        raise UnsupportedEventError(f"not an article event: {envelope.source!r} / {envelope.detail_type!r}")
    received_at = datetime.fromisoformat(envelope.time)
    return model.model_validate(envelope.detail), received_at


def handle_record(record: SQSRecord, *, service: IndexService) -> IndexOutcome:
    logger.set_correlation_id(record.message_id)  # a failure's log line is found by the message id on the DLQ
    detail, received_at = parse_envelope(record.body)
    outcome = service.apply(detail, received_at=received_at)
    logger.info(
        "indexed",
        extra={"article_id": detail.id, "version": detail.version, "outcome": outcome.value},
    )
    metrics.add_metric(name=f"Index_{outcome.value}", unit=MetricUnit.Count, value=1)
    return outcome


@lru_cache(maxsize=1)
def _service_for(settings: IndexSettings) -> IndexService:
    with building_for_good():  # kept for the life of the execution environment
        client = boto3.client("dynamodb")
    repository = DynamoIndexRepository(client, settings.table_name)
    return IndexService(repository, settings.limits, max_attempts=settings.max_write_attempts)


def index_service_from_env() -> IndexService:
    """Built on the first invocation of a container, and again only if the configuration changes."""
    return _service_for(IndexSettings.from_env(os.environ))


@metrics.log_metrics
@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    # The standard logger under our powertools Logger: failed records logged, JSON, with their correlation id.
    processor = BatchProcessor(event_type=EventType.SQS, logger=logging.getLogger(logger.name))
    record_handler = partial(handle_record, service=index_service_from_env())
    return process_partial_response(event, record_handler=record_handler, processor=processor, context=context)
