"""What the caller knows about the bytes besides the bytes themselves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ExtractionHints:
    url: str | None = None  # where the page was fetched from (uploader metadata `url`, crawler manifest)
    content_type: str | None = None  # HTTP / S3 Content-Type, may carry a charset
    metadata: Mapping[str, str] = field(default_factory=dict)  # S3 user metadata (x-amz-meta-*)
    fetched_at: datetime | None = None  # when the page was fetched: dates after it are rejected
