"""Which story an article version joins: read its band keys, decide, claim the free keys; a lost claim decides again.

Two copies processed at the same moment both read their keys before either wrote. They share the keys that made
them candidates of each other, so both try to claim at least one same free key, and the conditional write lets
only one through; the other reads again, finds the winner, and joins its story.
"""

from __future__ import annotations

from article_ingest.domain.story import (
    BodySignature,
    StoryAssignment,
    StoryMember,
    body_signature,
    decide_story,
    own_story,
)
from article_ingest.ports import RegistryEntry, StoryIndex


class ConcurrentStoryClaimsError(RuntimeError):
    """Other articles kept taking this body's band keys between its read and its claim."""


class StoryService:
    def __init__(self, index: StoryIndex, *, max_attempts: int = 5) -> None:
        self._index = index
        self._max_attempts = max_attempts

    def place(self, body: str, entry: RegistryEntry, previous: RegistryEntry | None) -> RegistryEntry:
        """`entry` (a new version of an article) with the story its body belongs to."""
        signature = body_signature(body)
        assignment = self._assign(entry.article_id, signature, previous)
        return entry._replace(
            story_id=assignment.story_id,
            duplicate_of=assignment.duplicate_of,
            similarity=assignment.similarity,
            body_signature=signature.to_bytes() if signature else None,
        )

    def _assign(
        self, article_id: str, signature: BodySignature | None, previous: RegistryEntry | None
    ) -> StoryAssignment:
        if signature is None:
            return own_story(article_id)  # too short to judge: never indexed, never matched
        kept, kept_signature = _previous_story(previous)
        keys = signature.band_keys()
        for _ in range(self._max_attempts):
            found = self._index.members(keys)
            assignment = decide_story(article_id, signature, found, kept, kept_signature)
            free = [key for key in keys if key not in found]
            if self._index.claim(free, StoryMember(article_id, assignment.story_id, signature)):
                return assignment
        raise ConcurrentStoryClaimsError(f"{article_id}: band keys kept being taken over {self._max_attempts} reads")


def _previous_story(previous: RegistryEntry | None) -> tuple[StoryAssignment | None, BodySignature | None]:
    if previous is None or previous.story_id is None or previous.body_signature is None:
        return None, None
    assignment = StoryAssignment(previous.story_id, previous.duplicate_of, previous.similarity)
    return assignment, BodySignature.from_bytes(previous.body_signature)
