"""Claims, verdicts and stances in, the daily consensus ``Digest`` out."""

from thesisdesk.digest.build import build_digest, default_day
from thesisdesk.digest.export import FORMATS, render
from thesisdesk.digest.model import Digest

__all__ = ["FORMATS", "Digest", "build_digest", "default_day", "render"]
