"""The registry of claim rules: each reads one phrasing of one kind, under a versioned name.

A rule looks at one quantity in its context (``nlp.claims.Context``) and answers with
``(kind, role)`` when its phrasing matches, ``NO_CLAIM`` when the figure is certainly not a
claim (an inflation rate, a leverage ratio: no later rule may take it), or ``None`` when
the phrasing is not its own. ``nlp.rules.ORDER`` says which rule is asked first; the
name of the rule that answered is recorded on the claim (``Claim.rule``), so a change in a
rule's behaviour bumps its version (``.v2``) and stored claims say which version read them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from nlp.claims import Context

#: "This figure states no claim": stops the search (a rule's veto).
NO_CLAIM: Final = "no claim"
Outcome = tuple[str, str | None] | str | None
RuleFn = Callable[["Context"], Outcome]

#: name -> rule, filled by the ``@rule`` decorators of the kind modules.
REGISTRY: dict[str, RuleFn] = {}
_NAME = re.compile(r"^claims\.[a-z_]+\.[a-z_]+\.v\d+$")


def rule(name: str) -> Callable[[RuleFn], RuleFn]:
    """Register ``fn`` under ``name`` ("claims.<kind>.<phrasing>.v<version>")."""
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} is not claims.<kind>.<phrasing>.v<N>")

    def register(fn: RuleFn) -> RuleFn:
        if name in REGISTRY:
            raise ValueError(f"rule {name!r} registered twice")
        REGISTRY[name] = fn
        return fn

    return register
