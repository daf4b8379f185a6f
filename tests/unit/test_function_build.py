"""The deployment package the template builds (`functions/Makefile`) ships compiled bytecode that Python really uses."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from article_ingest.local.template import load_template

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = ROOT / "functions" / "Makefile"
UNCHECKED_HASH_FLAGS = 0b01  # PEP 552: hash-based, source not checked


@pytest.fixture(scope="module")
def built_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("artifacts")
    subprocess.run(
        ["make", "--no-print-directory", "-f", str(MAKEFILE), "package-code", f"ARTIFACTS_DIR={target}",
         f"PYTHON={sys.executable}"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return target


def test_every_function_is_built_by_a_makefile_target() -> None:
    functions = {
        name: resource
        for name, resource in load_template()["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }
    rules = re.findall(r"^([A-Za-z][\w -]*):(?!=)", MAKEFILE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    targets = {name for rule in rules for name in rule.split()}
    assert functions
    for name, resource in functions.items():
        assert resource.get("Metadata", {}).get("BuildMethod") == "makefile", name
        assert f"build-{name}" in targets, name


def test_every_module_ships_with_unchecked_hash_bytecode(built_code: Path) -> None:
    sources = sorted((built_code / "article_ingest").rglob("*.py"))
    assert len(sources) > 50
    for source in sources:
        compiled = Path(importlib.util.cache_from_source(str(source)))
        assert compiled.exists(), source
        flags = int.from_bytes(compiled.read_bytes()[4:8], "little")
        assert flags == UNCHECKED_HASH_FLAGS, source


def test_the_package_carries_no_bytecode_of_the_working_tree(built_code: Path) -> None:
    tag = sys.implementation.cache_tag
    strays = [p for p in (built_code / "article_ingest").rglob("*.pyc") if f".{tag}." not in p.name]
    assert strays == []
    assert (built_code / "article_ingest" / "samples").is_dir()  # package data travels with the code


def test_python_imports_the_shipped_bytecode_not_the_source(built_code: Path) -> None:
    # Break a shipped source file: the import still works only if Python takes the .pyc without reading the source.
    init = built_code / "article_ingest" / "__init__.py"
    original = init.read_text(encoding="utf-8")
    init.write_text(original + "\nraise RuntimeError('source was compiled at import')\n", encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-c", "import article_ingest; print(article_ingest.__file__)"],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(built_code), "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"},
            check=False,
        )
    finally:
        init.write_text(original, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(built_code))
