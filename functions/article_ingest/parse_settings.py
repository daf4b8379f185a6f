"""Settings of the parse function: validated once per invocation from the environment the template sets."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, PositiveInt

from article_ingest.settings import ExtractionSettings


class ParseSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    clean_bucket: str = Field(min_length=3)
    event_bus_name: str = Field(min_length=1)
    registry_table: str = Field(min_length=3)
    story_table: str = Field(min_length=3, description="The story index: band key -> first article (issue 12).")
    idempotency_table: str = Field(min_length=3)
    source_stats_table: str | None = Field(None, description="Per-source daily counts; None: not recorded.")
    idempotency_ttl_s: PositiveInt = 24 * 3600
    max_object_bytes: PositiveInt = 10 * 1024 * 1024
    max_claim_attempts: PositiveInt = Field(5, description="Re-reads of the registry after a concurrent claim.")
    max_publish_attempts: PositiveInt = Field(3, description="put_events calls per batch of entries.")

    @property
    def extraction(self) -> ExtractionSettings:
        return ExtractionSettings(max_bytes=self.max_object_bytes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ParseSettings:
        values: dict[str, str] = {
            "clean_bucket": environ.get("CLEAN_BUCKET_NAME", ""),
            "event_bus_name": environ.get("EVENT_BUS_NAME", ""),
            "registry_table": environ.get("REGISTRY_TABLE_NAME", ""),
            "story_table": environ.get("STORY_TABLE_NAME", ""),
            "idempotency_table": environ.get("IDEMPOTENCY_TABLE_NAME", ""),
        }
        optional = {
            "idempotency_ttl_s": "IDEMPOTENCY_TTL_SECONDS",
            "max_object_bytes": "MAX_OBJECT_BYTES",
            "source_stats_table": "SOURCE_STATS_TABLE_NAME",
        }
        for field, variable in optional.items():
            if variable in environ:
                values[field] = environ[variable]
        return cls.model_validate(values)
