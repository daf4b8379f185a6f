"""`functions/requirements.txt` (what `sam build` packages) stays in step with pyproject's runtime dependencies."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROVIDED_BY_THE_LAMBDA_RUNTIME = {"boto3"}


def _pins(lines: list[str]) -> set[str]:
    return {line.split("#", 1)[0].strip().lower() for line in lines if line.split("#", 1)[0].strip()}


def test_requirements_match_the_runtime_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {
        pin.lower() for pin in project["dependencies"] if pin.split("==")[0] not in PROVIDED_BY_THE_LAMBDA_RUNTIME
    }
    packaged = _pins((ROOT / "functions" / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert packaged == runtime


def test_every_function_code_uri_is_the_package_folder() -> None:
    template = (ROOT / "infra" / "template.yaml").read_text(encoding="utf-8")
    assert "CodeUri: ../functions" in template
    assert (ROOT / "infra" / "../functions/requirements.txt").resolve().exists()
