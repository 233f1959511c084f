"""A small day for the hall's tests: one group per theme with a facilitator and members."""

from companion import db, groups, people


def small_day(conn, event, at) -> dict:
    """Eight people per theme, a facilitator (ministry) each, groups assigned. Returns the people
    of the group the first theme-1 facilitator is in: {"facilitator", "members", "number", "outsider"}."""
    with db.write_tx(conn):
        for theme in (1, 2):
            people.add_participant(conn, name=f"Fasilitator {theme}", role="ministry", theme=theme, now=at("07:00"))
            for i in range(7):
                people.add_participant(conn, name=f"Deltaker {theme}.{i}", theme=theme, now=at("07:00"))
    groups.assign_groups(conn, event, now=at("09:00"), role="organizer")
    overview = groups.groups_overview(conn, event)
    group = next(g for g in overview if g.facilitators and g.theme == 1)
    facilitator = group.facilitators[0]
    members = [m for m in group.members if not m.is_facilitator]
    outsider = next(m for g in overview if g.number != group.number for m in g.members)
    by_id = {p.id: p for p in people.all_participants(conn)}
    return {
        "facilitator": by_id[facilitator.id],
        "members": [by_id[m.id] for m in members],
        "number": group.number,
        "outsider": by_id[outsider.id],
    }
