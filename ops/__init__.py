"""Daily operations: the one scheduled run over every stage, the watchlist's alerts and
their delivery, the schedule. It sits above ``digest`` (it may import every stage) and
below ``ui`` (the CLI and the app only call it)."""
