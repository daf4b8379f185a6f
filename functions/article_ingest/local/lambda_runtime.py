"""Run a deployed function's handler in this process, with the environment Lambda would give it.

moto creates the functions from the template but cannot run them (no container runtime here). The handler named in
the deployed configuration is imported and called with the configuration's resolved environment variables, plus
what the Lambda runtime itself sets (region, function name, credentials).
"""

from __future__ import annotations

import importlib
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

Handler = Callable[[dict[str, Any], Any], Any]


@dataclass
class LocalContext:
    """The attributes of Lambda's context object that our handlers and powertools read."""

    function_name: str
    memory_limit_in_mb: int
    invoked_function_arn: str
    timeout_s: int
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = ""
    log_stream_name: str = "local"
    _deadline: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self._deadline = time.monotonic() + self.timeout_s

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


@dataclass(frozen=True)
class LocalFunction:
    name: str
    arn: str
    handler: str  # "package.module.function"
    environment: Mapping[str, str]
    timeout_s: int
    memory_mb: int
    log_group: str = ""

    def load_handler(self) -> Handler:
        module_name, _, attribute = self.handler.rpartition(".")
        handler: Handler = getattr(importlib.import_module(module_name), attribute)
        return handler

    def invoke(self, event: dict[str, Any], runtime_environment: Mapping[str, str]) -> Any:
        """Call the handler once, with the function's environment set for the duration of the call."""
        context = LocalContext(
            function_name=self.name,
            memory_limit_in_mb=self.memory_mb,
            invoked_function_arn=self.arn,
            timeout_s=self.timeout_s,
            log_group_name=self.log_group,
        )
        environment = {
            **runtime_environment,
            "AWS_LAMBDA_FUNCTION_NAME": self.name,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(self.memory_mb),
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            **self.environment,
        }
        with _environment(environment):
            handler = self.load_handler()
            return handler(event, context)


@contextmanager
def _environment(overlay: Mapping[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in overlay}
    os.environ.update(overlay)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def function_from_configuration(configuration: Mapping[str, Any]) -> LocalFunction:
    variables = configuration.get("Environment", {}).get("Variables", {})
    return LocalFunction(
        name=configuration["FunctionName"],
        arn=configuration["FunctionArn"],
        handler=configuration["Handler"],
        # Lambda hands every variable over as a string; moto keeps CloudFormation's numbers as numbers.
        environment={name: str(value) for name, value in variables.items()},
        timeout_s=int(configuration.get("Timeout", 3)),
        memory_mb=int(configuration.get("MemorySize", 128)),
        log_group=configuration.get("LoggingConfig", {}).get("LogGroup", ""),
    )
