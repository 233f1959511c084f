"""Personal links cannot be enumerated: no sequential ids in any URL the app generates."""

from urllib.parse import parse_qs, urlsplit

from companion import people


def test_personal_urls_carry_only_a_random_token_never_an_id(conn, at):
    persons = [people.add_participant(conn, name=f"Person {i}", now=at("08:00")) for i in range(50)]
    urls = [people.personal_url("https://verksted.example.no", p.token) for p in persons]
    for person, url in zip(persons, urls, strict=False):
        parts = urlsplit(url)
        assert parts.path == "/"
        params = parse_qs(parts.query)
        assert list(params) == ["t"] and params["t"] == [person.token]
        assert people.looks_like_token(person.token) and not person.token.isdigit()
    tokens = [p.token for p in persons]
    assert len(set(tokens)) == len(tokens)
    # Neighbours share no more than chance would give: no counter hidden inside the token.
    shared_prefixes = [len(_common_prefix(a, b)) for a, b in zip(tokens, tokens[1:], strict=False)]
    assert max(shared_prefixes) < 4


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]
