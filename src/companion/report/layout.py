"""Turns the gathered values into a Document: labelled facts, tables and charts, in nb or en."""

from collections.abc import Callable
from datetime import datetime

from .. import group_notes
from ..event import Event
from ..i18n import CATALOGUE, clock_time, t
from . import charts
from .document import Cell, Chart, Document, Section, Table
from .evaluation import SCALE, EvaluationStats
from .gather import DayNumbers, GroupNumbers, GroupPoint, PanelNumbers, ProgrammeRun, QuestionStat, ReportData, Tally


def _chart(title: str, png: bytes | None) -> tuple[Chart, ...]:
    return (Chart(title, png),) if png else ()


class _Labels:
    def __init__(self, event: Event, lang: str):
        self.event, self.lang = event, lang

    def __call__(self, key: str, **values: object) -> str:
        return t(f"report.{key}", self.lang, **values)

    def theme(self, theme_id: int | None) -> str:
        if theme_id is None:
            return self("no_theme")
        if theme_id == 0:
            return self("general")
        found = self.event.theme(theme_id)
        return f"{theme_id}. {found.title(self.lang)}" if found else str(theme_id)

    def county(self, county: str | None) -> str:
        return county or self("not_given")

    def role(self, role: str) -> str:
        return t(f"role.{role}", self.lang) if f"role.{role}" in CATALOGUE else role

    def question(self, key: str) -> str:
        return self(f"eval.{key}") if f"report.eval.{key}" in CATALOGUE else key


def _tally_table(title: str, first: str, tallies: tuple[Tally, ...], name: Callable[[Tally], str], L: _Labels) -> Table:
    columns = (first, L("registered"), L("arrived"), L("walk_ins"), L("no_shows"))
    return Table(title, columns, tuple((name(x), x.registered, x.arrived, x.walk_ins, x.no_shows) for x in tallies))


def day_section(day: DayNumbers, L: _Labels) -> Section:
    total = day.total
    turnout = round(100 * (total.registered - total.no_shows) / total.registered) if total.registered else None
    facts: tuple[tuple[str, Cell], ...] = (
        (L("registered"), total.registered),
        (L("arrived"), total.arrived),
        (L("walk_ins"), total.walk_ins),
        (L("no_shows"), total.no_shows),
        (L("turnout"), turnout),
    )
    times = [clock_time(at) for at, _ in day.arrivals]
    tables = (
        _tally_table(L("by_county"), L("county"), day.by_county, lambda x: L.county(x.key), L),  # type: ignore[arg-type]
        _tally_table(L("by_theme"), L("theme"), day.by_theme, lambda x: L.theme(x.key), L),  # type: ignore[arg-type]
        _tally_table(L("by_role"), L("role"), day.by_role, lambda x: L.role(str(x.key)), L),
        Table(L("arrivals"), (L("time"), L("checkins")), tuple(zip(times, (n for _, n in day.arrivals), strict=True))),
    )
    counties = [L.county(x.key) for x in day.by_county]  # type: ignore[arg-type]
    chart_rows = (
        (L("arrived"), [x.arrived - x.walk_ins for x in day.by_county]),
        (L("walk_ins"), [x.walk_ins for x in day.by_county]),
        (L("no_shows"), [x.no_shows for x in day.by_county]),
    )
    arrivals = charts.bars(times, [n for _, n in day.arrivals], x_title=L("time"), y_title=L("checkins"))
    by_county = charts.stacked(counties, chart_rows, x_title=L("county"), y_title=L("people_count"))
    return Section("day", L("day"), facts, tables, _chart(L("arrivals"), arrivals) + _chart(L("by_county"), by_county))


def groups_section(groups: GroupNumbers, L: _Labels, personal: bool) -> Section:
    sizes = [g.size for g in groups.groups]
    facts: tuple[tuple[str, Cell], ...] = (
        (L("group_count"), len(groups.groups)),
        (L("placed"), groups.placed),
        (L("unplaced"), groups.unplaced),
        (L("smallest"), min(sizes) if sizes else None),
        (L("largest"), max(sizes) if sizes else None),
    )
    columns = (
        L("group"),
        L("theme"),
        L("room"),
        L("capacity"),
        L("size"),
        L("arrived"),
        L("facilitators"),
        L("county_count"),
        L("county_spread"),
    ) + ((L("member_names"),) if personal else ())
    rows = tuple(
        (
            g.number,
            L.theme(g.theme),
            g.room,
            g.capacity,
            g.size,
            g.arrived,
            g.facilitators,
            len(g.counties),
            ", ".join(f"{L.county(c or None)} {n}" for c, n in g.counties),
        )
        + ((", ".join(g.members),) if personal else ())
        for g in groups.groups
    )
    tables = (Table(L("group_table"), columns, rows),) if rows else ()
    return Section("groups", L("groups"), facts, tables, note="" if rows else L("no_data"))


def _question_rows(questions: tuple[QuestionStat, ...], L: _Labels, personal: bool) -> tuple[tuple[Cell, ...], ...]:
    return tuple(
        (q.votes, q.text, L.theme(q.theme), L(f"status_{q.status}")) + ((q.author or "",) if personal else ())
        for q in questions
    )


def panel_section(panel: PanelNumbers, L: _Labels, personal: bool) -> Section:
    facts: tuple[tuple[str, Cell], ...] = (
        (L("asked"), panel.asked),
        (L("published"), panel.published),
        (L("answered"), panel.answered),
        (L("hidden"), panel.hidden),
        (L("pending"), panel.pending),
        (L("merged"), panel.merged),
        (L("votes"), panel.votes),
        (L("voters"), panel.voters),
    )
    q_columns = (L("votes"), L("question"), L("theme"), L("status")) + ((L("author"),) if personal else ())
    by_theme = Table(
        L("panel_by_theme"),
        (L("theme"), L("asked"), L("published"), L("answered"), L("votes")),
        tuple((L.theme(x.theme), x.asked, x.published, x.answered, x.votes) for x in panel.by_theme),
    )
    top_by_theme = Table(
        L("top_by_theme"),
        q_columns,
        tuple(row for x in panel.by_theme for row in _question_rows(x.top, L, personal)),
    )
    tables = (Table(L("top"), q_columns, _question_rows(panel.top, L, personal)), by_theme, top_by_theme)
    return Section("panel", L("panel"), facts, tables)


def evaluation_section(evaluation: EvaluationStats | None, L: _Labels) -> Section:
    if evaluation is None:
        return Section("evaluation", L("evaluation"), note=L("no_evaluation"))
    scores = Table(
        L("scores"),
        (L("question"),) + tuple(str(s) for s in SCALE) + (L("answers"), L("mean")),
        tuple(
            (L.question(d.question),) + d.counts + (d.answers, round(d.mean, 2) if d.mean is not None else None)
            for d in evaluation.scores
        ),
    )
    texts = Table(
        L("free_text"),
        (L("question"), L("answer")),
        tuple((L.question(f.question), answer) for f in evaluation.texts for answer in f.answers),
    )
    drawn: tuple[Chart, ...] = ()
    for d in evaluation.scores:
        drawn += _chart(
            L.question(d.question),
            charts.bars(
                [str(s) for s in SCALE], d.counts, x_title=L.question(d.question), y_title=L("answers"), height=140
            ),
        )
    facts = tuple((L.question(d.question), round(d.mean, 2) if d.mean is not None else None) for d in evaluation.scores)
    return Section("evaluation", L("evaluation"), facts, (scores, texts), drawn)


def programme_section(run: ProgrammeRun, L: _Labels) -> Section:
    def span(start: datetime, end: datetime) -> str:
        return f"{clock_time(start)}–{clock_time(end)}"

    slots = Table(
        L("slots"),
        (L("slot"), L("planned"), L("actual"), L("delay_minutes"), L("state")),
        tuple(
            (
                s.title_en if L.lang == "en" and s.title_en else s.title_nb,
                span(s.planned_start, s.planned_end),
                span(s.start, s.end),
                s.start_delay_minutes,
                L(f"state_{s.state}"),
            )
            for s in run.slots
            if s.kind != "end"
        ),
    )
    delays = Table(
        L("delays"),
        (L("set_at"), L("change"), L("total_delay")),
        tuple((clock_time(d.at), d.change_minutes, d.total_minutes) for d in run.delays),
    )
    return Section("programme", L("programme"), tables=(slots, delays), note="" if run.delays else L("no_delays"))


def points_section(points: tuple[GroupPoint, ...], L: _Labels) -> Section:
    """Innspill fra gruppene: every group's points, the starred ones marked."""
    if not points:
        return Section("points", L("points"), note=L("no_points"))

    def guiding(p: GroupPoint) -> str:
        questions = group_notes.guiding_questions(L.event, p.theme) if p.theme is not None else ()
        return questions[p.guiding](L.lang) if p.guiding < len(questions) else ""

    rows = tuple((p.group, L.theme(p.theme), p.text, guiding(p), L("yes") if p.starred else "") for p in points)
    table = Table(L("points"), (L("group"), L("theme"), L("point"), L("answers_question"), L("starred")), rows)
    starred = sum(1 for p in points if p.starred)
    return Section("points", L("points"), ((L("points_count"), len(points)), (L("starred"), starred)), (table,))


def people_section(data: ReportData, L: _Labels) -> Section:
    everyone = Table(
        L("everyone"),
        (L("name"), L("email"), L("county"), L("role"), L("theme"), L("group"), L("arrived_at"), L("walk_ins")),
        tuple(
            (
                p.name,
                p.email or "",
                L.county(p.county),
                L.role(p.role),
                L.theme(p.theme),
                p.group,
                clock_time(p.arrived_at) if p.arrived_at else "",
                L("yes") if p.walk_in else "",
            )
            for p in data.people
        ),
    )
    missing = Table(
        L("no_show_names"),
        (L("county"), L("name"), L("email"), L("role")),
        tuple(
            (L.county(p.county), p.name, p.email or "", L.role(p.role))
            for p in data.people
            if p.arrived_at is None and not p.walk_in
        ),
    )
    return Section("people", L("people"), tables=(everyone, missing))


def layout(data: ReportData, event: Event, lang: str = "nb") -> Document:
    L = _Labels(event, lang)
    sections = [
        day_section(data.day, L),
        groups_section(data.groups, L, data.include_personal),
        panel_section(data.panel, L, data.include_personal),
        points_section(data.group_points, L),
        evaluation_section(data.evaluation, L),
        programme_section(data.programme, L),
    ]
    if data.include_personal:
        sections.append(people_section(data, L))
    return Document(
        lang=lang,
        title=L("title", name=event.name(lang)),
        subtitle=L("subtitle", date=event.date.strftime("%d.%m.%Y"), venue=event.venue),
        generated=L("generated", time=data.generated_at.strftime("%d.%m.%Y %H:%M")),
        privacy=L("personal_yes") if data.include_personal else L("personal_no"),
        sections=tuple(sections),
    )
