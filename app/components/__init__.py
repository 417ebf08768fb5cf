"""Streamlit components: functions that own their widget keys and return typed values."""
