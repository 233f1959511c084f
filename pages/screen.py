"""screen page."""
import streamlit as st
from companion.ui.context import app_context
ctx = app_context()
st.write('screen')
