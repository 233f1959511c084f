"""Streamlit-only helpers shared by pages. The only place outside pages/ that imports streamlit."""
