"""The Streamlit front end over :mod:`calculator`.

``streamlit_app.py`` routes to the pages in ``app_pages/``; ``state`` holds the session's one
scenario; ``share`` turns scenarios into links; ``charts`` builds Plotly figures with their data
tables; ``components/`` are the widgets, each owning its session keys.
"""
