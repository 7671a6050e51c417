"""What an uploaded file is called and says: the words that go with a file into a DM."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FileWords:
    """A file's name, its title in Slack, and, if any, the comment it arrives with and the
    description an image has for screen readers."""

    filename: str
    title: str
    comment: str | None = None
    alt_txt: str | None = None

    def upload_args(self) -> dict[str, str]:
        """files.upload v2's arguments for these words (those not given are left out)."""
        args = {"filename": self.filename, "title": self.title}
        if self.comment is not None:
            args["initial_comment"] = self.comment
        if self.alt_txt is not None:
            args["alt_txt"] = self.alt_txt
        return args
