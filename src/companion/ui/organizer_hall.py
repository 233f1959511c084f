"""The organizer's "Salen" tab: live polls (data/polls.toml or made here), messages to the phones,
and the groups' points side by side (ui/notes_overview.py, which the moderator shares)."""

import streamlit as st

from .. import groups, hall_messages, polls, spreadsheet
from ..errors import CompanionError
from ..i18n import error_text, t
from .context import AppContext
from .notes_overview import notes_overview
from .plain import plain
from .staff import station

_KIND_LABELS = {"single": "poll.single", "multiple": "poll.multiple", "scale": "poll.scale", "words": "poll.words"}
_STATUS_LABELS = {"ready": "poll.is_ready", "open": "poll.is_open", "closed": "poll.is_closed"}


def _act(lang: str, action) -> bool:
    """Run one staff action; show its error in the reader's language. True when it went through."""
    try:
        action()
    except CompanionError as exc:
        st.error(error_text(exc.code, lang, **exc.details))
        return False
    return True


def _new_poll(ctx: AppContext, lang: str, role: str) -> None:
    with st.expander(t("poll.new_heading", lang)):
        with st.form("new_poll", clear_on_submit=True):
            kind = st.radio(
                t("poll.kind_label", lang), polls.KINDS, horizontal=True, format_func=lambda k: t(_KIND_LABELS[k], lang)
            )
            question_nb = st.text_input(t("poll.question_nb", lang), max_chars=polls.MAX_QUESTION)
            question_en = st.text_input(t("poll.question_en", lang), max_chars=polls.MAX_QUESTION)
            options = st.text_area(t("poll.options_label", lang))
            options_en = st.text_area(t("poll.options_en_label", lang))
            if st.form_submit_button(t("poll.create", lang), type="primary"):
                choices = tuple(line for line in options.splitlines() if line.strip())
                choices_en = tuple(line for line in options_en.splitlines() if line.strip())
                spec = polls.PollSpec(kind, question_nb, question_en, choices, None, choices_en)

                def create() -> None:
                    with ctx.connect() as conn:
                        polls.create(conn, spec, now=ctx.now(), role=role, desk=station())

                _act(lang, create)
        if st.button(t("poll.load", lang), key="polls_load"):

            def load() -> None:
                specs = polls.load_file(ctx.settings.data_dir / "polls.toml")
                with ctx.connect() as conn:
                    added = polls.load_into(conn, specs, now=ctx.now(), role=role)
                st.success(t("poll.loaded", lang, count=added))

            _act(lang, load)


def _polls(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("poll.org_heading", lang))
    _new_poll(ctx, lang, role)
    with ctx.connect() as conn:
        found = polls.all_polls(conn)
        columns, rows = polls.export_rows(conn)
    if not found:
        st.caption(t("poll.none", lang))
        return
    for poll in found:
        words, *buttons = st.columns([5, 1, 1, 1], vertical_alignment="center")
        status = t(_STATUS_LABELS[poll.status], lang) + (" · 📺" if poll.on_screen else "")
        words.markdown(f"**{plain(poll.question(lang))}**  \n{t(_KIND_LABELS[poll.kind], lang)} · {status}")
        actions = (
            [("open", "poll.open"), ("close", "poll.close")] if poll.status != "closed" else [("open", "poll.open")]
        )
        if poll.status == "open":
            actions = [("close", "poll.close")]
        actions.append(("hide", "hall.hide") if poll.on_screen else ("show", "hall.show"))
        for column, (action, label) in zip(buttons, actions, strict=False):
            if column.button(t(label, lang), key=f"poll_{action}_{poll.id}"):
                if _act(lang, lambda a=action, p=poll.id: _poll_state(ctx, p, a, role)):
                    st.rerun()
    left, right = st.columns(2)
    left.download_button(
        t("poll.export_csv", lang), spreadsheet.csv_bytes(columns, rows), "polls.csv", "text/csv", key="polls_csv"
    )
    right.download_button(
        t("poll.export_xlsx", lang),
        spreadsheet.xlsx_bytes(columns, rows, sheet="Polls"),
        "polls.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="polls_xlsx",
    )


def _poll_state(ctx: AppContext, poll_id: int, action: str, role: str) -> None:
    with ctx.connect() as conn:
        polls.set_state(conn, poll_id, action, now=ctx.now(), role=role, desk=station())


def _messages(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("msg.org_heading", lang))
    with ctx.connect() as conn:
        numbers = [g.number for g in groups.groups_overview(conn, ctx.event)]
    targets: list[tuple[str, int | None]] = [("all", None)]
    targets += [("theme", theme.id) for theme in ctx.event.themes]
    targets += [("group", n) for n in numbers]

    def label(target: tuple[str, int | None]) -> str:
        scope, value = target
        if scope == "theme":
            return t("msg.to_theme", lang, id=value)
        if scope == "group":
            return t("notes.group", lang, number=value)
        return t("msg.to_all", lang)

    with st.form("hall_message", clear_on_submit=True):
        text = st.text_input(
            t("msg.label", lang, max=hall_messages.MAX_CHARS), max_chars=hall_messages.MAX_CHARS, key="msg_text"
        )
        target = st.selectbox(t("msg.to", lang), targets, format_func=label)
        if st.form_submit_button(t("msg.send", lang), type="primary"):

            def send() -> None:
                with ctx.connect() as conn:
                    hall_messages.send(
                        conn,
                        ctx.event,
                        text,
                        scope=target[0],
                        target=target[1],
                        now=ctx.now(),
                        role=role,
                        desk=station(),
                    )
                st.success(t("msg.sent", lang))

            _act(lang, send)
    with ctx.connect() as conn:
        sent = hall_messages.all_messages(conn)
    for message in sent:
        words, button = st.columns([5, 1], vertical_alignment="center")
        stamp = message.created_at[11:16]
        who = label((message.scope, message.target))
        gone = f" · *{t('msg.withdrawn', lang)}*" if message.withdrawn else ""
        words.markdown(f"{stamp} · {who}{gone}  \n{plain(message.text)}")
        if not message.withdrawn and button.button(t("msg.withdraw", lang), key=f"msg_withdraw_{message.id}"):

            def withdraw(mid: int = message.id) -> None:
                with ctx.connect() as conn:
                    hall_messages.withdraw(conn, mid, now=ctx.now(), role=role, desk=station())

            if _act(lang, withdraw):
                st.rerun()


def render(ctx: AppContext, lang: str, role: str) -> None:
    _messages(ctx, lang, role)
    st.divider()
    _polls(ctx, lang, role)
    st.divider()
    notes_overview(ctx, lang, role)
