"""S3 event notifications as they arrive in SQS message bodies -> raw object references, keys decoded once."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from article_ingest.domain.events import ObjectRef


class MalformedNotificationError(ValueError):
    """An SQS body that is neither an S3 notification nor S3's test event."""


def raw_objects(body: str) -> list[ObjectRef]:
    """The objects a notification names; [] for `s3:TestEvent`, sent once when a notification is configured.

    S3 URL-encodes keys in notifications (`+` for a space, `%2B` for `+`, `%2F` for `/` on some senders):
    `unquote_plus` here, and nowhere else, turns them back into the real key.
    """
    try:
        document: Any = json.loads(body)
    except json.JSONDecodeError as error:
        raise MalformedNotificationError(f"not JSON: {error}") from error
    if not isinstance(document, dict):
        raise MalformedNotificationError("not a JSON object")
    if document.get("Event") == "s3:TestEvent":
        return []
    records = document.get("Records")
    if not isinstance(records, list):
        raise MalformedNotificationError("no Records")
    refs = []
    for record in records:
        try:
            s3 = record["s3"]
            raw_key = s3["object"]["key"]
            refs.append(
                ObjectRef(
                    bucket=s3["bucket"]["name"],
                    key=unquote_plus(raw_key),
                    etag=s3["object"].get("eTag") or s3["object"].get("etag"),
                    version_id=s3["object"].get("versionId"),
                )
            )
        except (KeyError, TypeError) as error:
            raise MalformedNotificationError(f"record without bucket/key: {error!r}") from error
    return refs
