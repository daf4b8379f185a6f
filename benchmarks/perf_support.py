"""What the performance benchmarks share: the dev pages (read at run time) and the parse service on in-memory ports.

The in-memory ports stand for S3, DynamoDB and EventBridge once the raw bytes are in memory: they keep the
parse function's own work (extraction, version decision, JSON of the Article and of its event) and leave out
the network, which these benchmarks do not try to model.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from article_ingest.domain.events import ObjectRef
from article_ingest.parse_settings import ParseSettings
from article_ingest.ports import OutgoingEvent, RawObject, RawObjectHead
from article_ingest.services.parse_service import ParseOutcome, ParseService
from bench_data import BENCH_ROOT, REPO

sys.path.insert(0, str(REPO))  # the in-memory registry is the unit tests' own fake
from tests.unit.pipeline.fakes import FakeRegistry, FakeStoryIndex

SCRAPINGHUB_DEV = BENCH_ROOT / "scrapinghub-dev"
METADATA_DEV = BENCH_ROOT / "metadata-dev"
TEMPLATE_MAX_OBJECT_BYTES = 10 * 1024 * 1024  # infra/template.yaml MaxObjectBytes default
RAW_BUCKET = "raw"


@dataclass(frozen=True)
class DevPage:
    name: str  # "<set>/<id>"
    url: str | None
    html: bytes  # the page bytes as the crawler stored them (gunzipped from the bench file)


def iter_dev_pages() -> Iterator[DevPage]:
    """Both dev sets, in a stable order. Read from the bench folder (bench_data) at run time; never copied."""
    truth = json.loads((SCRAPINGHUB_DEV / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        data = gzip.decompress((SCRAPINGHUB_DEV / f"{page_id}.html.gz").read_bytes())
        yield DevPage(f"scrapinghub-dev/{page_id}", truth[page_id].get("url"), data)
    metadata = json.loads((METADATA_DEV / "ground_truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(metadata):
        path = METADATA_DEV / "html" / f"{page_id}.html.gz"
        if path.exists():
            yield DevPage(f"metadata-dev/{page_id}", metadata[page_id].get("url"), gzip.decompress(path.read_bytes()))


def dev_pages(limit: int | None = None) -> list[DevPage]:
    pages = list(iter_dev_pages())
    return pages[:limit] if limit else pages


def largest_dev_page() -> DevPage:
    """Found without holding every page at once (that would inflate a memory figure)."""
    largest: DevPage | None = None
    for page in iter_dev_pages():
        if largest is None or len(page.html) > len(largest.html):
            largest = page
    if largest is None:
        raise FileNotFoundError(f"no dev pages under {BENCH_ROOT}")
    return largest


# --- in-memory ports ------------------------------------------------------------------------------------------


@dataclass
class MemoryRawStore:
    """One object at a time: the bytes a `get_object` would have returned."""

    data: bytes = b""
    metadata: dict[str, str] = field(default_factory=dict)

    def read(self, ref: ObjectRef, max_bytes: int) -> RawObject:
        head = RawObjectHead(ref=ref, size=len(self.data), content_type="text/html", metadata=self.metadata)
        return RawObject(head, self.data if head.size <= max_bytes else None)


@dataclass
class MemoryCleanStore:
    bytes_written: int = 0

    def put_json(self, key: str, document: bytes) -> ObjectRef:
        self.bytes_written += len(document)
        return ObjectRef(bucket="clean", key=key, etag=hashlib.md5(document, usedforsecurity=False).hexdigest())


@dataclass
class MemoryPublisher:
    sent: int = 0
    detail_bytes: int = 0

    def publish(self, events: Sequence[OutgoingEvent]) -> list[str | None]:
        ids: list[str | None] = []
        for event in events:
            self.sent += 1
            self.detail_bytes += len(event.detail)
            ids.append(f"event-{self.sent}")
        return ids


@dataclass
class InMemoryParse:
    """`ParseService` as the parse function wires it, on in-memory ports; `process(page)` parses one page."""

    raw: MemoryRawStore = field(default_factory=MemoryRawStore)
    clean: MemoryCleanStore = field(default_factory=MemoryCleanStore)
    registry: FakeRegistry = field(default_factory=FakeRegistry)
    stories: FakeStoryIndex = field(default_factory=FakeStoryIndex)
    publisher: MemoryPublisher = field(default_factory=MemoryPublisher)

    def __post_init__(self) -> None:
        settings = ParseSettings(
            clean_bucket="clean",
            event_bus_name="bus",
            registry_table="registry",
            story_table="stories",
            idempotency_table="idempotency",
            max_object_bytes=TEMPLATE_MAX_OBJECT_BYTES,
        )
        self.service = ParseService(
            raw=self.raw,
            clean=self.clean,
            registry=self.registry,
            stories=self.stories,
            publisher=self.publisher,
            settings=settings,
        )

    def process(self, key: str, data: bytes, url: str | None = None, *, fresh_registry: bool = True) -> ParseOutcome:
        """Every page is new to the registry unless `fresh_registry` is False (then repeats are `unchanged`)."""
        if fresh_registry:
            self.registry.entries.clear()
            self.stories.bands.clear()
        self.raw.data = data
        self.raw.metadata = {"url": url} if url else {}
        etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
        return self.service.process(ObjectRef(bucket=RAW_BUCKET, key=key, etag=etag))
