"""`ArticleBodies` on the clean bucket: the full Article JSON behind a summary (the API's `include=body`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from article_ingest.domain.index import CleanRef

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client


class S3ArticleBodies:
    def __init__(self, client: S3Client, clean_bucket: str) -> None:
        self._client = client
        self._bucket = clean_bucket

    def get(self, ref: CleanRef) -> dict[str, Any]:
        # The index only ever points into the clean bucket; refuse anything else rather than follow it.
        if ref.bucket != self._bucket:
            raise ValueError(f"article location {ref.bucket!r} is not the clean bucket")
        body = self._client.get_object(Bucket=ref.bucket, Key=ref.key)["Body"].read()
        document: dict[str, Any] = json.loads(body)
        return document
