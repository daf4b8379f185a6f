"""Deploy `infra/template.yaml` into moto (in-process `mock_aws` or a moto server) and run it like AWS would.

    stack = LocalStack.deploy(boto3.session.Session(region_name="us-east-1"))
    s3.put_object(Bucket=stack.resources.raw_bucket, Key="page.html", Body=html)
    stack.drain()  # parse queue -> parse function -> bus -> index queue -> index function, until idle

Every name comes from the deployed stack. What moto's CloudFormation ignores is applied afterwards through the API,
from the template's own values: bucket notifications, DynamoDB TTL, and the SQS event source mappings (disabled in
moto and driven here by `QueueDriver`s).
"""

from __future__ import annotations

import io
import json
import logging
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config

from article_ingest.local.lambda_runtime import LocalFunction, function_from_configuration
from article_ingest.local.queues import BatchResult, QueueDriver, QueueMapping
from article_ingest.local.template import TEMPLATE_PATH, load_template, to_cloudformation

if TYPE_CHECKING:
    from mypy_boto3_cloudformation import CloudFormationClient
    from mypy_boto3_sqs import SQSClient

DEFAULT_STACK_NAME = "article-ingest-local"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StackResources:
    """Names of everything the stack created: its outputs, and every logical id's physical id."""

    stack_name: str
    region: str
    outputs: Mapping[str, str]
    physical_ids: Mapping[str, str]  # logical id -> physical id, in template order
    resource_types: Mapping[str, str]  # logical id -> CloudFormation type

    def of_type(self, resource_type: str) -> dict[str, str]:
        """Logical id -> physical id of every resource of one type."""
        return {
            logical: physical
            for logical, physical in self.physical_ids.items()
            if self.resource_types.get(logical) == resource_type
        }

    def output(self, name: str) -> str:
        try:
            return self.outputs[name]
        except KeyError:
            raise KeyError(f"stack {self.stack_name} has no output {name!r}") from None

    @property
    def raw_bucket(self) -> str:
        return self.output("RawBucketName")

    @property
    def clean_bucket(self) -> str:
        return self.output("CleanBucketName")

    @property
    def event_bus_name(self) -> str:
        return self.output("EventBusName")

    @property
    def event_bus_arn(self) -> str:
        return self.output("EventBusArn")

    @property
    def parse_queue_url(self) -> str:
        return self.output("ParseQueueUrl")

    @property
    def parse_dead_letter_queue_url(self) -> str:
        return self.output("ParseDeadLetterQueueUrl")

    @property
    def index_queue_url(self) -> str:
        return self.output("IndexQueueUrl")

    @property
    def index_dead_letter_queue_url(self) -> str:
        return self.output("IndexDeadLetterQueueUrl")

    @property
    def index_table(self) -> str:
        return self.output("IndexTableName")

    @property
    def registry_table(self) -> str:
        return self.output("ArticleRegistryTableName")

    @property
    def story_table(self) -> str:
        return self.output("StoryIndexTableName")

    @property
    def idempotency_table(self) -> str:
        return self.output("IdempotencyTableName")

    @property
    def source_stats_table(self) -> str:
        return self.output("SourceStatsTableName")

    @property
    def parse_function(self) -> str:
        return self.output("ParseFunctionName")

    @property
    def index_function(self) -> str:
        return self.output("IndexFunctionName")


@dataclass
class DrainReport:
    batches: list[BatchResult] = field(default_factory=list)

    @property
    def delivered(self) -> int:
        return sum(batch.received for batch in self.batches)

    @property
    def failed(self) -> int:
        return sum(batch.failed for batch in self.batches)

    def by_function(self, name: str) -> list[BatchResult]:
        return [batch for batch in self.batches if batch.function_name == name]


class LocalStack:
    """A deployed stack in moto, with the queue -> function deliveries Lambda would do."""

    def __init__(
        self,
        session: boto3.session.Session,
        resources: StackResources,
        mappings: list[QueueMapping],
        *,
        endpoint_url: str | None = None,
        fast: bool = True,
    ) -> None:
        self.session = session
        self.resources = resources
        self.mappings = mappings
        self.endpoint_url = endpoint_url
        self._clients = _Clients(session, endpoint_url)
        self._sqs: SQSClient = self.client("sqs")
        environment = self.runtime_environment()
        self._drivers = [
            QueueDriver(m, self._sqs, region=resources.region, runtime_environment=environment, fast=fast)
            for m in mappings
        ]

    # --- construction ---------------------------------------------------------------------------------------

    @classmethod
    def deploy(
        cls,
        session: boto3.session.Session,
        *,
        stack_name: str = DEFAULT_STACK_NAME,
        parameters: Mapping[str, str | int] | None = None,
        endpoint_url: str | None = None,
        template_path: Path = TEMPLATE_PATH,
        fast: bool = True,
    ) -> LocalStack:
        """Transform the template, create the stack, apply what moto ignores, and return the running stack."""
        region = _region(session)
        clients = _Clients(session, endpoint_url)
        with _quiet_moto():
            code_uri = _upload_placeholder_code(clients, stack_name, region)
            cloudformation = to_cloudformation(
                load_template(template_path), code_uri=code_uri, region=region, parameters=parameters
            )
            cfn: CloudFormationClient = clients.get("cloudformation")
            cfn.create_stack(
                StackName=stack_name,
                TemplateBody=json.dumps(cloudformation),
                Parameters=[{"ParameterKey": k, "ParameterValue": str(v)} for k, v in (parameters or {}).items()],
                Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
            )
            cfn.get_waiter("stack_create_complete").wait(StackName=stack_name, WaiterConfig={"Delay": 1})
            resources = read_stack(cfn, stack_name, region)
            _apply_ignored_properties(clients, cloudformation, resources)
            mappings = _take_over_event_source_mappings(clients, resources)
        return cls(session, resources, mappings, endpoint_url=endpoint_url, fast=fast)

    @classmethod
    def attach(
        cls,
        session: boto3.session.Session,
        *,
        stack_name: str = DEFAULT_STACK_NAME,
        endpoint_url: str | None = None,
        fast: bool = True,
    ) -> LocalStack:
        """A stack deployed earlier (e.g. into a running moto server) by `deploy`."""
        region = _region(session)
        clients = _Clients(session, endpoint_url)
        with _quiet_moto():
            resources = read_stack(clients.get("cloudformation"), stack_name, region)
            mappings = _read_event_source_mappings(clients, resources)
        return cls(session, resources, mappings, endpoint_url=endpoint_url, fast=fast)

    # --- use ------------------------------------------------------------------------------------------------

    def client(self, service: str) -> Any:
        """A client of the stack's session and endpoint (one per service, reused)."""
        return self._clients.get(service)

    def function(self, name: str) -> LocalFunction:
        for mapping in self.mappings:
            if mapping.function.name == name:
                return mapping.function
        raise KeyError(name)

    def runtime_environment(self) -> dict[str, str]:
        """What the Lambda runtime sets besides the function's own variables: region, credentials, endpoint."""
        environment = {
            "AWS_REGION": self.resources.region,
            "AWS_DEFAULT_REGION": self.resources.region,
            "POWERTOOLS_TRACE_DISABLED": "true",  # no X-Ray daemon here
        }
        credentials = self.session.get_credentials()
        if credentials is not None:
            frozen = credentials.get_frozen_credentials()
            environment["AWS_ACCESS_KEY_ID"] = frozen.access_key or ""
            environment["AWS_SECRET_ACCESS_KEY"] = frozen.secret_key or ""
            if frozen.token:
                environment["AWS_SESSION_TOKEN"] = frozen.token
        if self.endpoint_url:
            environment["AWS_ENDPOINT_URL"] = self.endpoint_url
        return environment

    def deliver_once(self) -> list[BatchResult]:
        """One batch per mapping, in template order (parse before index)."""
        return [result for driver in self._drivers if (result := driver.deliver_once()) is not None]

    def drain(self, *, until_idle: bool = True, max_batches: int = 10_000) -> DrainReport:
        """Deliver messages until no mapping has a visible message (or one round when `until_idle` is False)."""
        report = DrainReport()
        while len(report.batches) < max_batches:
            round_results = self.deliver_once()
            report.batches.extend(round_results)
            if not round_results or not until_idle:
                return report
        raise RuntimeError(f"queues still busy after {max_batches} batches")


# --- helpers ------------------------------------------------------------------------------------------------------

# In-process moto warns about every resource type its CloudFormation skips (policies, alarms, HTTP API), on each
# describe; the SAM translator warns about its own unpublished metrics. Known and harmless here: hushed meanwhile.
_NOISY_LOGGERS = ("moto", "samtranslator.metrics.metrics")


@contextmanager
def _quiet_moto() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    levels = [logger.level for logger in loggers]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*not supported by moto's CloudFormation.*")
        for logger in loggers:
            logger.setLevel(logging.ERROR)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)


class _Clients:
    def __init__(self, session: boto3.session.Session, endpoint_url: str | None) -> None:
        self._session = session
        self._endpoint_url = endpoint_url
        self._made: dict[str, Any] = {}

    def get(self, service: str) -> Any:
        if service not in self._made:
            self._made[service] = self._session.client(
                service,  # type: ignore[call-overload]
                endpoint_url=self._endpoint_url,
                config=Config(retries={"max_attempts": 2, "mode": "standard"}),
            )
        return self._made[service]


def _region(session: boto3.session.Session) -> str:
    if not session.region_name:
        raise ValueError("the boto3 session needs a region")
    return session.region_name


def _upload_placeholder_code(clients: _Clients, stack_name: str, region: str) -> str:
    """moto's Lambda needs the code object to exist; the handlers themselves run from this process."""
    s3 = clients.get("s3")
    account = clients.get("sts").get_caller_identity()["Account"]
    bucket = f"{stack_name}-artifacts-{account}-{region}".lower()
    create: dict[str, Any] = {"Bucket": bucket}
    if region != "us-east-1":
        create["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**create)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("README.txt", "handlers run in-process from the article_ingest package\n")
    s3.put_object(Bucket=bucket, Key="functions.zip", Body=archive.getvalue())
    return f"s3://{bucket}/functions.zip"


def read_stack(cfn: CloudFormationClient, stack_name: str, region: str) -> StackResources:
    stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    if stack["StackStatus"] not in {"CREATE_COMPLETE", "UPDATE_COMPLETE"}:
        raise RuntimeError(f"stack {stack_name} is {stack['StackStatus']}: {stack.get('StackStatusReason', '')}")
    outputs = {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}
    physical: dict[str, str] = {}
    types: dict[str, str] = {}
    for page in cfn.get_paginator("list_stack_resources").paginate(StackName=stack_name):
        for summary in page["StackResourceSummaries"]:
            if summary.get("PhysicalResourceId"):
                physical[summary["LogicalResourceId"]] = summary["PhysicalResourceId"]
                types[summary["LogicalResourceId"]] = summary["ResourceType"]
    return StackResources(
        stack_name=stack_name, region=region, outputs=outputs, physical_ids=physical, resource_types=types
    )


class _Resolver:
    """Resolves the few intrinsics the ignored properties use: `Ref` and `Fn::GetAtt <queue>.Arn`."""

    def __init__(self, clients: _Clients, template: Mapping[str, Any], resources: StackResources) -> None:
        self._sqs = clients.get("sqs")
        self._template = template
        self._resources = resources

    def __call__(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping) and "Ref" in value:
            return self._resources.physical_ids[value["Ref"]]
        if isinstance(value, Mapping) and "Fn::GetAtt" in value:
            logical, attribute = value["Fn::GetAtt"]
            kind = self._template["Resources"][logical]["Type"]
            if kind == "AWS::SQS::Queue" and attribute == "Arn":
                url = self._resources.physical_ids[logical]
                arn: str = self._sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
                    "QueueArn"
                ]
                return arn
        raise ValueError(f"cannot resolve {value!r} locally")


def _apply_ignored_properties(clients: _Clients, template: Mapping[str, Any], resources: StackResources) -> None:
    resolve = _Resolver(clients, template, resources)
    for logical, resource in template["Resources"].items():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::S3::Bucket" and "NotificationConfiguration" in properties:
            _apply_bucket_notification(clients, resources.physical_ids[logical], properties, resolve)
        if resource["Type"] == "AWS::DynamoDB::Table" and "TimeToLiveSpecification" in properties:
            ttl = properties["TimeToLiveSpecification"]
            clients.get("dynamodb").update_time_to_live(
                TableName=resources.physical_ids[logical],
                TimeToLiveSpecification={"AttributeName": ttl["AttributeName"], "Enabled": bool(ttl["Enabled"])},
            )


def _apply_bucket_notification(
    clients: _Clients, bucket: str, properties: Mapping[str, Any], resolve: _Resolver
) -> None:
    notification = properties["NotificationConfiguration"]
    queues = []
    for entry in notification.get("QueueConfigurations", []):
        queue: dict[str, Any] = {"QueueArn": resolve(entry["Queue"]), "Events": [entry["Event"]]}
        rules = entry.get("Filter", {}).get("S3Key", {}).get("Rules", [])
        if rules:
            queue["Filter"] = {"Key": {"FilterRules": [{"Name": r["Name"], "Value": r["Value"]} for r in rules]}}
        queues.append(queue)
    if notification.keys() - {"QueueConfigurations"}:
        raise ValueError(f"{bucket}: only queue notifications are applied locally")
    clients.get("s3").put_bucket_notification_configuration(
        Bucket=bucket, NotificationConfiguration={"QueueConfigurations": queues}
    )


def _take_over_event_source_mappings(clients: _Clients, resources: StackResources) -> list[QueueMapping]:
    """Disable moto's mappings (they would swallow the messages) and return them for the local drivers."""
    lambda_client = clients.get("lambda")
    mappings = _read_event_source_mappings(clients, resources)
    for mapping in mappings:
        lambda_client.update_event_source_mapping(UUID=mapping.uuid, Enabled=False)
    return mappings


def _read_event_source_mappings(clients: _Clients, resources: StackResources) -> list[QueueMapping]:
    lambda_client = clients.get("lambda")
    sqs = clients.get("sqs")
    queue_urls = {
        sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]: url
        for url in resources.of_type("AWS::SQS::Queue").values()
    }
    ours = resources.of_type("AWS::Lambda::EventSourceMapping")
    mappings = []
    for summary in lambda_client.list_event_source_mappings()["EventSourceMappings"]:
        if summary["UUID"] not in ours.values():
            continue  # another stack's mapping
        queue_url = queue_urls[summary["EventSourceArn"]]
        attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])["Attributes"]
        redrive = json.loads(attributes.get("RedrivePolicy", "{}"))
        function = function_from_configuration(
            lambda_client.get_function_configuration(FunctionName=summary["FunctionArn"])
        )
        mappings.append(
            QueueMapping(
                uuid=summary["UUID"],
                function=function,
                queue_arn=summary["EventSourceArn"],
                queue_url=queue_url,
                batch_size=int(summary.get("BatchSize", 10)),
                report_batch_item_failures="ReportBatchItemFailures" in summary.get("FunctionResponseTypes", []),
                visibility_timeout_s=int(attributes.get("VisibilityTimeout", 30)),
                max_receive_count=int(redrive["maxReceiveCount"]) if redrive else None,
                dead_letter_queue_arn=redrive.get("deadLetterTargetArn"),
            )
        )
    template_order = list(ours.values())
    return sorted(mappings, key=lambda m: template_order.index(m.uuid))
