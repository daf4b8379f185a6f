"""Local AWS: the SAM template deployed into moto, with Lambda's queue deliveries run in this process."""

from article_ingest.local.lambda_runtime import LocalContext, LocalFunction
from article_ingest.local.queues import BatchResult, QueueMapping
from article_ingest.local.stack import DEFAULT_STACK_NAME, DrainReport, LocalStack, StackResources

__all__ = [
    "DEFAULT_STACK_NAME",
    "BatchResult",
    "DrainReport",
    "LocalContext",
    "LocalFunction",
    "LocalStack",
    "QueueMapping",
    "StackResources",
]
