"""Claims in, ``Verdict``s out: each checkable number against market data; flags; targets."""
