"""Counts with their nouns, for the sentences the calculator and the app write."""

from __future__ import annotations


def plural(noun: str) -> str:
    """``"team"`` -> ``"teams"``, ``"branch"`` -> ``"branches"``, ``"company"`` ->
    ``"companies"``."""
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if len(noun) > 1 and noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def counted(count: int, noun: str) -> str:
    """``(1, "agent")`` -> ``"1 agent"``, ``(1200, "agent")`` -> ``"1,200 agents"``."""
    return f"{count:,} {noun if count == 1 else plural(noun)}"
