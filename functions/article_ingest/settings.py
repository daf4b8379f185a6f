"""Settings: one validated object per concern, built once per cold start from the environment."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, PositiveInt


class ExtractionSettings(BaseModel):
    """Limits for the pure extractor. Past any of them the input is refused with a typed reason."""

    model_config = ConfigDict(frozen=True)

    max_bytes: PositiveInt = Field(10 * 1024 * 1024, description="Raw (compressed) object size limit.")
    max_decompressed_bytes: PositiveInt = Field(20 * 1024 * 1024, description="Limit after gunzip.")
    max_nodes: PositiveInt = Field(200_000, description="Element count limit of the parsed tree.")
    max_depth: PositiveInt = Field(512, description="Nesting depth limit of the parsed tree.")
    time_budget_s: PositiveFloat = Field(10.0, description="Wall-clock budget for one page.")
    min_body_words: PositiveInt = Field(25, description="Below this, a page has no article.")
    min_declared_article_words: PositiveInt = Field(
        10, description="The same for a page that declares itself an article (og:type, JSON-LD): a short post."
    )
    # Caps on what one page can put into an Article (and so into every event and index item built from it).
    max_authors: PositiveInt = Field(20, description="Authors kept, in page order.")
    max_tags: PositiveInt = Field(50, description="Tags kept, in page order.")
    max_field_chars: PositiveInt = Field(2000, description="Longest title, description, caption, ... kept.")
    max_body_chars: PositiveInt = Field(1_000_000, description="Longest body kept (cut at a paragraph).")
