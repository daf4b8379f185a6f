"""Size of the deployment package the template builds, unzipped and zipped, and what takes the space.

    .venv/bin/python benchmarks/package_size.py [--json] [--keep DIR]

Built as `sam build` builds it: `make -f functions/Makefile build-ParseFunction` (`BuildMethod: makefile` in the
template; the three functions share the recipe): the wheels of `functions/requirements.txt` for
manylinux2014_aarch64 / CPython 3.12, the `article_ingest` package, and their bytecode compiled by Python 3.12
(`--invalidation-mode unchecked-hash`). If no Python 3.12 is found, this interpreter compiles it and the report
says so; if the aarch64 wheels cannot be fetched, the local platform is used and the report says so. Zipped with
deflate, as `sam package` does. Sizes are per installed distribution (from each `*.dist-info/RECORD`, bytecode
counted apart), with who pulls it in.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS = ROOT / "functions"
REQUIREMENTS = FUNCTIONS / "requirements.txt"
LAMBDA_LIMIT_UNZIPPED_MB = 250  # function + layers, unzipped (AWS Lambda quotas)
LAMBDA_LIMIT_ZIPPED_DIRECT_MB = 50  # direct upload; larger zips go through S3, as `sam deploy` does anyway


def _python312() -> str | None:
    pyenv = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.12*/bin/python3.12")))
    for candidate in (os.environ.get("PYTHON312"), "python3.12", *pyenv):
        if not candidate:
            continue
        works = subprocess.run([candidate, "-m", "pip", "--version"], capture_output=True, check=False)
        if works.returncode == 0:
            return candidate
    return None


def build(target: Path) -> str:
    """The template's build into `target`; returns the platform and interpreter actually used."""
    python = _python312() or sys.executable
    make = ["make", "--no-print-directory", "-f", str(FUNCTIONS / "Makefile"), "build-ParseFunction"]
    done = subprocess.run(
        [*make, f"ARTIFACTS_DIR={target}", f"PYTHON={python}"], capture_output=True, text=True, check=False
    )
    compiled_by = f"bytecode by {Path(python).name} {'(not the runtime version)' if python == sys.executable else ''}"
    if done.returncode == 0:
        return f"manylinux2014_aarch64 / cp312 (what Lambda arm64 python3.12 runs), {compiled_by.strip()}"
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(
        [*make, f"ARTIFACTS_DIR={target}", f"PYTHON={sys.executable}", "PIP_PLATFORM="],
        check=True,
        capture_output=True,
        text=True,
    )
    return f"LOCAL platform (aarch64 build failed: {done.stderr.strip().splitlines()[-1:]}), {compiled_by.strip()}"


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def zip_directory(source: Path, destination: Path) -> int:
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(source).as_posix())
    return destination.stat().st_size


def _distribution_name(dist_info: Path) -> str:
    for line in (dist_info / "METADATA").read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("Name:"):
            return line.split(":", 1)[1].strip()
    return dist_info.name.split("-")[0]


def _requirers(site: Path) -> dict[str, list[str]]:
    """Distribution (lower-cased) -> the installed distributions that require it."""
    wanted_by: dict[str, list[str]] = defaultdict(list)
    for dist_info in site.glob("*.dist-info"):
        name = _distribution_name(dist_info)
        for line in (dist_info / "METADATA").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("Requires-Dist:"):
                required, _, marker = line.split(":", 1)[1].strip().partition(";")
                for stop in "<>=!~[ (":
                    required = required.split(stop)[0]
                extra = marker.split("extra ==", 1)[1].strip(" '\"") if "extra ==" in marker else None
                wanted_by[required.lower().replace("_", "-")].append(f"{name}[{extra}]" if extra else name)
    return wanted_by


def per_distribution(site: Path) -> list[dict[str, Any]]:
    """Installed size of each distribution, from the files its RECORD lists (compiled caches excluded)."""
    wanted_by = _requirers(site)
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wanted_by[line.split("==")[0].split("[")[0].strip().lower().replace("_", "-")].append("requirements.txt")
    rows = []
    for dist_info in site.glob("*.dist-info"):
        name = _distribution_name(dist_info)
        size = 0
        for line in (dist_info / "RECORD").read_text(encoding="utf-8").splitlines():
            relative = line.rsplit(",", 2)[0]
            path = (site / relative).resolve()
            if path.is_file() and "__pycache__" not in path.parts:
                size += path.stat().st_size
        key = name.lower().replace("_", "-")
        rows.append({"distribution": name, "mb": round(size / 1e6, 1), "required_by": sorted(set(wanted_by[key]))})
    return sorted(rows, key=lambda row: -row["mb"])


def measure(keep: Path | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="article-ingest-package-"))
    try:
        site = work / "package"
        platform = build(site)
        bytecode = sum(p.stat().st_size for p in site.rglob("*.pyc"))
        unzipped = directory_bytes(site)
        zipped = zip_directory(site, work / "package.zip")
        code = directory_bytes(site / "article_ingest")
        if keep:
            shutil.copytree(site, keep, dirs_exist_ok=True)
        return {
            "platform": platform,
            "requirements": str(REQUIREMENTS.relative_to(ROOT)),
            "unzipped_mb": round(unzipped / 1e6, 1),
            "zipped_mb": round(zipped / 1e6, 1),
            "our_code_mb": round(code / 1e6, 2),
            "bytecode_mb": round(bytecode / 1e6, 1),
            "lambda_limit_unzipped_mb": LAMBDA_LIMIT_UNZIPPED_MB,
            "share_of_unzipped_limit": round(unzipped / 1e6 / LAMBDA_LIMIT_UNZIPPED_MB, 2),
            "distributions": per_distribution(site),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="copy the built (unzipped) package here")
    args = parser.parse_args()
    report = measure(args.keep)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"deployment package ({report['platform']})")
    print(
        f"unzipped {report['unzipped_mb']} MB ({report['share_of_unzipped_limit']:.0%} of Lambda's "
        f"{LAMBDA_LIMIT_UNZIPPED_MB} MB), zipped {report['zipped_mb']} MB; our code {report['our_code_mb']} MB; "
        f"bytecode {report['bytecode_mb']} MB of it"
    )
    for row in report["distributions"][:12]:
        print(f"  {row['distribution']:<24} {row['mb']:>6} MB  required by {', '.join(row['required_by']) or '-'}")


if __name__ == "__main__":
    main()
