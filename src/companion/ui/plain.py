"""Text people type, placed where Streamlit reads Markdown (st.markdown, captions, alerts, button
labels), shown as the characters it is: never a link, an image, emphasis, a list or an icon."""

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all also
# stops autolinks (http://, www., e-mail), Streamlit's :icon: and :colour[...] codes, and $ maths.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain(text: object) -> str:
    """`text` escaped for a Markdown string; line breaks become spaces (no lists, no headings)."""
    flat = " ".join(str(text or "").split())
    return _PUNCTUATION.sub(r"\\\1", flat)
