"""The one way HTML is made (companion/templating.py): autoescaped, loud about unknown names, data
in a <script> that nothing can end early, CSS and JS files that take no values."""

import json
import re

import pytest
from jinja2 import UndefinedError, meta
from markupsafe import Markup

from companion.templating import TEMPLATES, environment, render, script_json, spliced_json

HOSTILE = "</script><script>alert('x')</script> & <!-- \u2028\u2029 \" é 👍"


def test_text_is_escaped_and_markup_is_kept():
    page = render("lines.html", lines=[("a", "<b>x</b>"), ("b", Markup("<b>y</b>"))])
    assert '<p class="a">&lt;b&gt;x&lt;/b&gt;</p>' in page and '<p class="b"><b>y</b></p>' in page


def test_an_unknown_name_fails_loudly():
    with pytest.raises(UndefinedError):
        render("lines.html")


def test_script_json_reads_back_the_same_and_cannot_end_the_script():
    text = str(script_json({"label": HOSTILE, "n": [1, None]}))
    assert json.loads(text) == {"label": HOSTILE, "n": [1, None]}
    assert not re.search("[<>&'\u2028\u2029]", text)
    assert "é 👍" in text  # the rest stays UTF-8, as compact as JSON goes


def test_tojson_in_a_template_is_the_same_escaping():
    template = environment().from_string("<script>const a = {{ v | tojson }}, b = {{ v | script_json }};</script>")
    page = template.render(v=HOSTILE)
    assert page.count("</script>") == 1 and page.count(str(script_json(HOSTILE))) == 2


def test_spliced_json_is_the_json_of_the_whole():
    part = json.dumps({"list": [1, 2], "text": HOSTILE})
    assert json.loads(spliced_json({"v": "x"}, hall=part, me="[]")) == {"v": "x", "hall": json.loads(part), "me": []}
    assert json.loads(spliced_json({}, view=part)) == {"view": json.loads(part)}
    assert spliced_json({"a": 1}) == '{"a":1}'


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.*")), ids=lambda p: p.name)
def test_every_template_compiles_and_css_and_js_take_no_values(path):
    source = path.read_text(encoding="utf-8")
    parsed = environment().parse(source)
    if path.suffix in (".css", ".js"):
        # Escaping for HTML is wrong inside CSS or JS: data reaches a script only through script_json.
        assert meta.find_undeclared_variables(parsed) == set()
        assert "</" not in source  # nothing in them could end the <style> or <script> they sit in
    environment().get_template(path.name)
