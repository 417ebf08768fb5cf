"""How the numbers are computed: counting rules, every formula, the worked example, defaults."""

import pandas as pd
import streamlit as st

from app.components.markdown import escape_markdown
from calculator import (
    CONCURRENCY_RATIO,
    PRESETS,
    CurveSpec,
    ShiftPattern,
    compare,
    example_scenario,
    explain_savings,
    format_money,
    format_percent,
    format_utilization,
)

st.title("Method")
st.write(
    "How every number in the calculator is computed, so that you (or your finance team) can "
    "check it by hand."
)

st.header("Licensing models are counting rules")
st.write(
    "Vendors use the same words for different things: one vendor's *named user* is anyone who "
    "logged in that month, another's is the highest number of accounts provisioned. So this "
    "calculator defines each model by **what it counts in each billing month**, whatever a "
    "vendor calls it."
)
st.table(
    pd.DataFrame(
        {
            "Model": ["Named seat", "Concurrent", "Active user", "Logged-in hours"],
            "Counts in month m": [
                "P[m]: accounts provisioned (the highest number in the month)",
                "C[m]: the most agents logged in at one instant of the month",
                "A[m]: agents who logged in at least once in the month",
                "H[m]: total logged-in agent-hours, rounded up to a whole hour once a month",
            ],
            "Typical contract": [
                "Seats bought for the year at its peak, so seasonal peaks are paid all year",
                "Seats bought up front cap logins (logins beyond the cap are refused)",
                "No minimum: pay for who logged in",
                "A rate per hour",
            ],
        }
    ),
    hide_index=True,
)
st.write(
    "A staffing month must satisfy P ≥ A ≥ C ≥ 0 and H ≤ A × hours in the month; anything else "
    "is refused with a message naming the month, the field and the value."
)

st.header("Formulas")
st.markdown(
    """
- **A month's charge** for any plan, with *units* the counted quantity:
  `max(minimum monthly charge, committed units × rate + max(0, units − committed units) × overage rate)`.
  With no overage rate given, the overage rate is the plan rate.
- **Named seats that cannot be reduced** within a contract year: every month bills the highest
  provisioned count of its contract year (twelve months from the first month).
- **Concurrent seats bought up front** (a cap): the cap is billed every month; agents above it at
  the peak could not log in, and the calculator warns about each such month.
- **Logged-in hours** are rounded up to a whole hour once a month.
- **One-time costs** (implementation, migration, training) are charged in the first month.
- **Yearly price rise** (escalator): rates are multiplied by `(1 + escalator)` at each contract
  anniversary; the minimum monthly charge does not rise.
- **Savings** = today's cost − the alternative's cost, month by month and in total;
  **savings %** = savings / today's cost.
- **Volume effect** = (units today's plan bills − units the alternative bills) × today's rate:
  what you stop paying for. From named seats to active users: `(P − A) × seat rate`.
- **Rate effect** = savings − volume effect: the price difference on the units still paid for,
  together with contract terms. From named seats to active users: `A × (seat rate − active rate)`.
  The two effects add up to the savings exactly, to the cent.
- **Utilization** = A / P (active users over provisioned accounts); over several months,
  the sum of A over the sum of P.
- **Quick estimate** = (1 − utilization) × today's cost: the rule of thumb people quote. It equals
  the volume effect alone.
- **Break-even utilization** between named seats and active users = seat rate / active rate:
  active-user pricing is cheaper while A / P is below it. Above 100 % it is cheaper at any
  utilization.

**Money is exact.** Amounts are computed in exact decimals and each monthly line is rounded once
to the cent, half away from zero (the spreadsheet ROUND rule). Every total is the sum of the
lines shown, so tables add up. Figures "per month" over a period that varies are averages,
each rounded once.
"""
)

st.header("The worked example")
comparison = compare(example_scenario(months=1))
split = comparison.savings["Active users"]
totals = comparison.totals
(break_even,) = comparison.break_even
st.write(
    "100 provisioned seats at $100 per seat a month, against 70 active users at $65 per active "
    "user a month (the calculator's starting scenario, repeated for twelve months):"
)
st.table(
    pd.DataFrame(
        {
            "Figure": [
                "Named-seat cost a month",
                "Active-user cost a month",
                "Savings a month",
                "Utilization",
                "Quick estimate = volume effect",
                "Rate effect",
                "Break-even utilization",
            ],
            "Value": [
                format_money(totals["Named seats"].cost_cents),
                format_money(totals["Active users"].cost_cents),
                f"{format_money(split.savings_cents)} ({format_percent(split.ratio)})",
                format_utilization(comparison.utilization_overall),
                format_money(comparison.quick_estimate_cents),
                format_money(split.rate_effect_cents),
                f"{format_percent(break_even.utilization)}: active users are cheaper at any "
                "utilization",
            ],
        }
    ),
    hide_index=True,
)
st.info(escape_markdown(explain_savings(comparison, "Active users")), icon=":material/savings:")
st.write(
    "Part-time staff: an agent who works 6 of 12 months costs half as much under active-user "
    "pricing as under named-seat pricing at the same rate."
)

st.header("Which defaults are illustrative")
defaults = CurveSpec()
st.markdown(
    f"""
Every starting number is an example, not a quote or a benchmark. Replace them with your own.

- The worked example's rates ($100 a seat, $65 an active user) and its 50 peak concurrent agents.
- Peak concurrent agents as a share of active agents, by shift pattern:
  one shift {CONCURRENCY_RATIO[ShiftPattern.ONE_SHIFT]:.0%},
  two shifts {CONCURRENCY_RATIO[ShiftPattern.TWO_SHIFTS]:.0%},
  around the clock {CONCURRENCY_RATIO[ShiftPattern.TWENTY_FOUR_SEVEN]:.0%}.
- The staffing generator's defaults: {defaults.base_staff} year-round agents,
  {defaults.hours_per_active_agent:.0f} logged-in hours per active agent a month.
- The seasonal presets: {", ".join(label for label, _ in PRESETS.values())}.
"""
)
