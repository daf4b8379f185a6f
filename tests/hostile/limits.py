"""The parse function's memory and timeout, read from the SAM template: the bounds hostile input must stay under."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
# Lambda's own defaults would be 128 MB / 3 s; before the template names its values we assume a generous function.
ASSUMED_MEMORY_MB = 1024
ASSUMED_TIMEOUT_S = 60


@dataclass(frozen=True)
class FunctionLimits:
    memory_mb: int
    timeout_s: int


class _CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation short-form tags (!Ref, !Sub, ...) as plain values; only literals matter here."""


def _any_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_CfnLoader.add_multi_constructor("!", _any_tag)


def _literal_int(value: object, default: int) -> int:
    return value if isinstance(value, int) else default


def parse_function_limits(template: Path = TEMPLATE) -> FunctionLimits:
    if not template.exists():
        return FunctionLimits(ASSUMED_MEMORY_MB, ASSUMED_TIMEOUT_S)
    document = yaml.load(template.read_text(encoding="utf-8"), Loader=_CfnLoader)
    defaults = (document.get("Globals") or {}).get("Function") or {}
    memory = _literal_int(defaults.get("MemorySize"), ASSUMED_MEMORY_MB)
    timeout = _literal_int(defaults.get("Timeout"), ASSUMED_TIMEOUT_S)
    for name, resource in (document.get("Resources") or {}).items():
        if resource.get("Type") == "AWS::Serverless::Function" and "parse" in name.lower():
            properties = resource.get("Properties") or {}
            memory = _literal_int(properties.get("MemorySize"), memory)
            timeout = _literal_int(properties.get("Timeout"), timeout)
    return FunctionLimits(memory, timeout)
