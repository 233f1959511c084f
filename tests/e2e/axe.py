"""axe-core (pinned: it ships inside axe-playwright-python) run over a page and every frame in it.

The script goes into each frame first, so the run in the top document reaches into the iframes
(Streamlit's srcdoc frames, ours too) and reports what is wrong inside them as well.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_AXE = Axe()


def violations(page) -> list[dict]:
    """Every WCAG 2.0/2.1 A and AA violation on the page as it is now, iframes included."""
    for frame in page.frames:
        if frame is not page.main_frame:
            try:
                frame.evaluate(_AXE.axe_script)
            except Exception:  # a frame that went away while we looked
                pass
    page.evaluate(_AXE.axe_script)
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"], "iframes": True}
    result = page.evaluate("options => axe.run(document, options)", options)
    return result["violations"]


def report(found: list[dict]) -> str:
    """One line per offending element: rule, impact, where and what axe says to fix."""
    lines = []
    for v in found:
        for node in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {node['target']} — {node['failureSummary'][:300]}")
    return "\n".join(lines)
