"""Plain-language sentences about a comparison, one fact each, no jargon."""

from __future__ import annotations

from calculator._compare import Comparison
from calculator._models import CountingRule, Plan
from calculator._money import costs_nothing, format_money, format_percent

_PAY_FOR = {
    CountingRule.NAMED_SEAT: ("seat", "seats"),
    CountingRule.CONCURRENT: ("concurrent seat", "concurrent seats"),
    CountingRule.ACTIVE_USER: ("active user", "active users"),
    CountingRule.LOGGED_IN_HOURS: ("logged-in hour", "logged-in hours"),
}
_UNUSED = {
    CountingRule.NAMED_SEAT: "seats nobody used",
    CountingRule.CONCURRENT: "concurrent seats nobody needed",
    CountingRule.ACTIVE_USER: "users who never logged in",
    CountingRule.LOGGED_IN_HOURS: "hours nobody worked",
}


def short_money(cents: int, currency: str) -> str:
    """Money for sentences: ``$5,450`` when there are no cents, ``$5,450.50`` otherwise."""
    text = format_money(cents, currency)
    return text[:-3] if text.endswith(".00") else text


def _count(value: float, rule: CountingRule) -> str:
    singular, plural = _PAY_FOR[rule]
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return f"{number} {singular if value == 1 else plural}"


def _is_flat(comparison: Comparison, plan: str) -> bool:
    lines = comparison.lines
    base = lines[comparison.baseline]
    alt = lines[plan]
    return (
        all(line == base[0] for line in base[1:])
        and all(line == alt[0] for line in alt[1:])
        and all(s == comparison.savings_lines[plan][0] for s in comparison.savings_lines[plan])
    )


def explain_savings(comparison: Comparison, plan: str) -> str:
    """One sentence: what switching from the baseline to ``plan`` saves or costs, and why.

    For a flat curve it speaks per month, e.g. "Paying for 70 active users instead of 100 seats
    saves $5,450 a month (54.5 %): $3,000 from seats nobody used and $2,450 from the lower rate."
    Otherwise it speaks of the whole horizon. When the plan costs more, it says so plainly.
    Two plans that count the same way are told apart by name: "Paying for 100 seats under
    'Offer B' instead of 100 seats under 'Today' saves ...".
    """
    scenario = comparison.scenario
    currency = scenario.currency
    base_plan = scenario.baseline_plan
    alt_plan = scenario.plan(plan)
    split = comparison.savings[plan]
    flat = _is_flat(comparison, plan)
    # "seats instead of seats" says nothing, so two plans that count alike are named.
    alike = alt_plan.rule == base_plan.rule
    alt_under = f" under '{alt_plan.name}'" if alike else ""
    base_under = f" under '{base_plan.name}'" if alike else ""
    if flat:
        saved, volume, rate = comparison.savings_lines[plan][0]
        base_units = comparison.lines[scenario.baseline][0].billable_units
        alt_units = comparison.lines[plan][0].billable_units
        ratio = split.ratio
        period = "a month"
        subject = (
            f"Paying for {_count(float(alt_units), alt_plan.rule)}{alt_under} instead of "
            f"{_count(float(base_units), base_plan.rule)}{base_under}"
        )
    else:
        saved, volume, rate = (
            split.savings_cents,
            split.volume_effect_cents,
            split.rate_effect_cents,
        )
        ratio = split.ratio
        months = scenario.horizon
        period = f"over {months} months" if months != 1 else "in the month"
        steady = _steady_units(comparison, scenario.baseline), _steady_units(comparison, plan)
        if None not in steady:  # the same count every month (a one-time cost made it uneven)
            base_units, alt_units = steady
            subject = (
                f"Paying for {_count(float(alt_units), alt_plan.rule)}{alt_under} instead of "
                f"{_count(float(base_units), base_plan.rule)}{base_under}"
            )
        else:
            base_counted = "" if alike else f" {_PAY_FOR[base_plan.rule][1]}"
            alt_counted = _PAY_FOR[alt_plan.rule][1]
            subject = f"Paying for {alt_counted}{alt_under} instead of{base_counted}{base_under}"
    # Whole dollars read best ("$5,450"), but one amount with cents shows every amount with cents:
    # "$108,000.00 from ... and $39,873.44 from ..." rather than mixing the two.
    whole = all(cents % 100 == 0 for cents in (saved, volume, rate))

    def money(cents: int) -> str:
        return short_money(cents, currency) if whole else format_money(cents, currency)

    if saved > 0:
        head = f"{subject} saves {money(saved)} {period} ({format_percent(ratio)})"
    elif saved == 0:
        return f"{subject} costs the same as today's plan {'every month' if flat else period}."
    elif ratio is None:
        # Today's plan costs nothing: no percentage of it, and the whole cost is the difference.
        return f"{subject} costs {money(-saved)} more {period}; {costs_nothing()}."
    else:
        head = f"{subject} costs {money(-saved)} more {period} ({format_percent(-ratio)} more)"
    # The rate effect holds every term besides the count (one-time costs, yearly rises, minimums,
    # bands, commitments): it is "the lower rate" only between two plans priced by a rate alone.
    rate_words = "rate" if _rate_only(base_plan) and _rate_only(alt_plan) else "rate and terms"
    # A $0 part says nothing, so it is left out.
    parts = [
        f"{money(cents)} {saving}" if cents >= 0 else f"{money(-cents)} {costing}"
        for cents, saving, costing in (
            (
                volume,
                f"from {_unused(base_plan.rule, alt_plan.rule)}",
                "added by billing more units than today",
            ),
            (rate, f"from the lower {rate_words}", f"added by the higher {rate_words}"),
        )
        if cents
    ]
    return f"{head}: {' and '.join(parts)}."


def _steady_units(comparison: Comparison, plan: str) -> float | None:
    """The units ``plan`` bills in every month, when that is one count; else ``None``."""
    counts = {line.billable_units for line in comparison.lines[plan]}
    return counts.pop() if len(counts) == 1 else None


def _unused(base: CountingRule, alt: CountingRule) -> str:
    """What the volume effect saves, in words: the base's units the alternative does not count.

    A concurrent plan counts the peak of agents logged in at once: the seats it saves were
    used, by agents who were never all logged in together, so they are not "seats nobody used".
    """
    if alt is CountingRule.CONCURRENT and base is not CountingRule.CONCURRENT:
        return f"{_PAY_FOR[base][1]} beyond the peak logged in at once"
    return _UNUSED[base]


def _rate_only(plan: Plan) -> bool:
    """Whether ``plan`` is priced by its counting rule and rate alone, with no other term."""
    return plan == Plan(name=plan.name, rule=plan.rule, rate=plan.rate)
