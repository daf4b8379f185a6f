"""Settings of the index and query functions: validated once per cold start from the environment."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, model_validator

from article_ingest.domain.index import IndexLimits

# DynamoDB's TransactWriteItems limit. A version writes at most summary + URL pointer + site + day + tags + authors
# items, and deletes what the previous version had and this one lacks: both together must fit in one transaction.
TRANSACTION_ITEMS = 100
_FIXED_ITEMS = 5  # summary, URL pointer, site, day shard, story


class IndexSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    table_name: str = Field(min_length=3)
    day_shards: PositiveInt = Field(4, le=100, description="Partitions one day's articles are spread over.")
    max_tags: PositiveInt = Field(30, description="Tags beyond this are kept in the summary but not listed.")
    max_authors: PositiveInt = Field(15, description="Authors beyond this are kept in the summary but not listed.")
    max_description_chars: PositiveInt = Field(1000, ge=16)
    max_write_attempts: PositiveInt = Field(4, description="Retries when a concurrent write moved the version.")

    @model_validator(mode="after")
    def _fits_one_transaction(self) -> IndexSettings:
        per_version = _FIXED_ITEMS + self.max_tags + self.max_authors
        # The summary and URL pointer are shared by both versions, the rest may all change.
        if 2 * per_version - 2 > TRANSACTION_ITEMS:
            raise ValueError(
                f"max_tags + max_authors too large: a version change could need over {TRANSACTION_ITEMS} items"
            )
        return self

    @property
    def limits(self) -> IndexLimits:
        return IndexLimits(
            day_shards=self.day_shards,
            max_tags=self.max_tags,
            max_authors=self.max_authors,
            max_description_chars=self.max_description_chars,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> IndexSettings:
        values: dict[str, str] = {"table_name": environ.get("INDEX_TABLE_NAME", "")}
        if "DAY_SHARDS" in environ:
            values["day_shards"] = environ["DAY_SHARDS"]
        return cls.model_validate(values)


class QuerySettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    table_name: str = Field(min_length=3)
    clean_bucket: str = Field(min_length=3)
    cursor_secret_arn: str = Field(min_length=1, description="Secrets Manager secret holding the cursor HMAC key.")
    day_shards: PositiveInt = Field(4, le=100)
    cursor_ttl_s: PositiveInt = Field(24 * 3600, description="Cursors older than this are refused as stale.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> QuerySettings:
        values = {
            "table_name": environ.get("INDEX_TABLE_NAME", ""),
            "clean_bucket": environ.get("CLEAN_BUCKET_NAME", ""),
            "cursor_secret_arn": environ.get("CURSOR_KEY_SECRET_ARN", ""),
        }
        if "DAY_SHARDS" in environ:
            values["day_shards"] = environ["DAY_SHARDS"]
        if "CURSOR_TTL_S" in environ:
            values["cursor_ttl_s"] = environ["CURSOR_TTL_S"]
        return cls.model_validate(values)
