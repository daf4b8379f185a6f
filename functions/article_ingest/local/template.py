"""Read `infra/template.yaml` and turn it into plain CloudFormation offline, as `sam package` + the SAM transform do."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import boto3
import yaml
from samtranslator.parser.parser import Parser
from samtranslator.translator.arn_generator import ArnGenerator
from samtranslator.translator.translator import Translator
from samtranslator.utils.py27hash_fix import to_py27_compatible_template, undo_mark_unicode_str_in_template

TEMPLATE_PATH = Path(__file__).resolve().parents[3] / "infra" / "template.yaml"

_SHORT_TAGS = {
    "Ref": "Ref",
    "Condition": "Condition",
    **{
        name: f"Fn::{name}"
        for name in (
            "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "GetAtt", "If", "ImportValue", "Join", "Not",
            "Or", "Select", "Split", "Sub", "Transform",
        )
    },
}  # fmt: skip


# libyaml's loader when PyYAML was built with it: ~10x faster than the pure-Python one on this template.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CfnLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader that reads CloudFormation's short tags (`!Ref`, `!GetAtt a.b`, `!Sub`, ...) as intrinsics."""


def _construct_intrinsic(loader: _CfnLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = _SHORT_TAGS.get(tag_suffix)
    if name is None:
        raise yaml.constructor.ConstructorError(None, None, f"unknown tag !{tag_suffix}", node.start_mark)
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_CfnLoader.add_multi_constructor("!", _construct_intrinsic)


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(document, dict):
        raise ValueError(f"{path}: not a template")
    return document


def _no_managed_policies() -> dict[str, str]:
    """The transform asks IAM for AWS managed policy ARNs only when a function lists them by name; ours don't."""
    return {}


def to_cloudformation(
    sam_template: Mapping[str, Any],
    *,
    code_uri: str,
    region: str,
    parameters: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Transform the SAM template offline, with every function's local `CodeUri` replaced by `code_uri` (s3://)."""
    template = copy.deepcopy(dict(sam_template))
    globals_function = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in globals_function:
        globals_function["CodeUri"] = code_uri
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in resource.get("Properties", {}):
            resource["Properties"]["CodeUri"] = code_uri
    values = dict(parameters or {})
    to_py27_compatible_template(template, values)
    # The region comes from a session made here, never from the caller's environment or an AWS call.
    translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=region))
    previous_region = ArnGenerator.BOTO_SESSION_REGION_NAME
    ArnGenerator.BOTO_SESSION_REGION_NAME = region
    try:
        result = translator.translate(template, parameter_values=values, get_managed_policy_map=_no_managed_policies)
    finally:
        ArnGenerator.BOTO_SESSION_REGION_NAME = previous_region
    cloudformation: dict[str, Any] = undo_mark_unicode_str_in_template(result)
    return cloudformation
