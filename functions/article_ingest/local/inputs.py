"""Which local files to ingest, and under which raw-bucket key each one goes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


@dataclass(frozen=True)
class InputFile:
    path: Path
    key: str  # the raw-bucket key: the path relative to the folder given, or the file's name

    @property
    def gzipped(self) -> bool:
        return self.path.name.lower().endswith(".gz")


class InputError(ValueError):
    """A path that does not exist, or two inputs that would land on the same key."""


def is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def _walk(folder: Path) -> Iterator[InputFile]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and is_page(path) and not any(part.startswith(".") for part in relative.parts):
            yield InputFile(path, relative.as_posix())


def collect_inputs(paths: Iterable[Path]) -> list[InputFile]:
    """Files are taken as given (any suffix); folders contribute their `.html`/`.html.gz` files, hidden ones skipped.

    Keys must be unique: a second upload under the same key would replace the first before it is parsed.
    """
    inputs: list[InputFile] = []
    seen: dict[str, Path] = {}
    for given in paths:
        if given.is_dir():
            found = list(_walk(given))
        elif given.is_file():
            found = [InputFile(given, given.name)]
        else:
            raise InputError(f"{given}: no such file or folder")
        for item in found:
            if item.key in seen:
                raise InputError(f"{item.path} and {seen[item.key]} would both be uploaded as {item.key!r}")
            seen[item.key] = item.path
            inputs.append(item)
    return inputs


def upload(s3: S3Client, bucket: str, item: InputFile) -> None:
    """One put per file. A `.gz` keeps its bytes (the parser detects gzip by its magic) and says so in its headers.

    The file's modification time goes as the uploader's `fetched-at`: a saved page was fetched when it was written,
    so an older copy of a page uploaded after a newer one is `stale`, as on a deployment whose crawler says so.
    """
    body = item.path.read_bytes()
    fetched_at = datetime.fromtimestamp(item.path.stat().st_mtime, UTC).isoformat()
    metadata = {"fetched-at": fetched_at}
    if item.gzipped:
        s3.put_object(
            Bucket=bucket, Key=item.key, Body=body, ContentType="text/html", ContentEncoding="gzip", Metadata=metadata
        )
    else:
        s3.put_object(Bucket=bucket, Key=item.key, Body=body, ContentType="text/html", Metadata=metadata)
