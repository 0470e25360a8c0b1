"""Claims, verdicts and stances in, the daily consensus ``Digest`` out."""

from digest.build import build_digest, default_day
from digest.export import FORMATS, render
from digest.model import Digest

__all__ = ["FORMATS", "Digest", "build_digest", "default_day", "render"]
