"""Claims, verdicts and stances in, the daily consensus ``Digest`` out."""
