"""Article text in, ``Claim``s out: spaCy, instrument linking, numbers, periods, stance."""
