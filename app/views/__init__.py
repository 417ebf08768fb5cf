"""Chart builders: Plotly figures with their tables and summary sentences, never calling Streamlit.

``conventions`` holds what every chart shares (:class:`ChartView`, the layout, label and money
helpers); each page has one module of its charts: ``calculator`` (also the presenter view and the
reports), ``budget`` and ``side_by_side``; ``presenter`` holds the presenter view's figures and its
what-if. The numbers come from :mod:`calculator`; a builder only arranges and formats them.
"""

from app.views.conventions import PLOTLY_CONFIG, ChartView

__all__ = ["PLOTLY_CONFIG", "ChartView"]
