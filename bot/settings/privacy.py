"""The `privacy:` section: how long an idle conversation is kept, how often that is enforced."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# The privacy notice (`welcome` in dialogues/main.yml) states this number in both languages;
# tests/regressions/test_issue_18_retention_notice.py holds the two together.
DEFAULT_RETENTION_DAYS = 90


class PrivacySettings(BaseModel):
    """Conversations idle this long are deleted as /forget deletes them; 0 or null keeps them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    retention_days: int | None = Field(default=DEFAULT_RETENTION_DAYS, ge=0)
    # `serve` looks for idle conversations about this often (each wait jittered by a tenth).
    purge_interval_minutes: float = Field(default=60.0, gt=0)

    @property
    def keeps_forever(self) -> bool:
        return not self.retention_days
