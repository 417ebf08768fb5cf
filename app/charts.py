"""The chart view type under its earlier address, for the login-log charts (:mod:`app.usage_charts`).

Every chart builder lives in :mod:`app.views`.
"""

from app.views.conventions import ChartView

__all__ = ["ChartView"]
