"""The floor for load tests: a title and a 20-row table, nothing else.

Whatever a real page costs per rerun above this is the app's own doing.
"""

import pandas as pd
import streamlit as st

st.title("Bare page")

# Built on every run, as a real page would build its data.
rows = pd.DataFrame(
    {
        "n": range(1, 21),
        "navn": [f"Deltaker {i}" for i in range(1, 21)],
        "poeng": [(i * 37) % 100 for i in range(1, 21)],
    }
)
st.dataframe(rows, hide_index=True)
