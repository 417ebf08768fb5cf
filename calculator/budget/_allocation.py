"""Largest-remainder allocation: split whole cents so the parts add up exactly to the total.

Method: ``docs/budget.md#programs-and-funding``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction


def allocate_cents(
    total: int,
    weights: Sequence[Decimal | Fraction | int],
    ahead: Sequence[Fraction] | None = None,
) -> list[int]:
    """Split ``total`` [cents] in proportion to ``weights`` into whole cents that sum to ``total``.

    Notes
    -----
    Largest-remainder (Hamilton) method, in exact rational arithmetic: each part's exact quota is
    ``total * weight / sum(weights)``; every part first gets its quota rounded toward zero, then
    the cents still missing go one each to the parts with the largest remainders. Equal remainders
    go to the part least ``ahead`` (how far each part already got more than its exact quota in
    earlier splits, in cents: so equal shares split year after year get equal sums), then to the
    earlier part. A negative total is split like its absolute value, then negated.

    Each part differs from its exact quota by less than one cent, and ``sum(parts) == total``.

    >>> allocate_cents(100, [1, 1, 1])
    [34, 33, 33]
    >>> allocate_cents(1001, [Decimal("0.75"), Decimal("0.25")])
    [751, 250]
    >>> allocate_cents(100, [1, 1, 1], ahead=[Fraction(2, 3), Fraction(-1, 3), Fraction(-1, 3)])
    [33, 34, 33]

    Raises ``ValueError`` when a weight is negative, or all are zero while the total is not.
    """
    exact = [Fraction(weight) for weight in weights]
    if any(weight < 0 for weight in exact):
        raise ValueError(f"weights must be >= 0, got {[str(weight) for weight in weights]}")
    weight_sum = sum(exact, Fraction(0))
    if total == 0:
        return [0] * len(exact)
    if weight_sum == 0:
        raise ValueError(f"cannot split {total} cents by weights that are all zero")
    sign = -1 if total < 0 else 1
    amount = abs(total)
    quotas = [amount * weight / weight_sum for weight in exact]
    parts = [int(quota) for quota in quotas]  # int() of a non-negative Fraction floors it
    missing = amount - sum(parts)
    before = [Fraction(0)] * len(quotas) if ahead is None else [sign * lead for lead in ahead]
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), before[i], i))
    for index in by_remainder[:missing]:
        parts[index] += 1
    return [sign * part for part in parts]
