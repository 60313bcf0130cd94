"""Breadcrumbs and pagination: one include each (site/templates/includes/), filled by the tags in
home/templatetags/navigation_tags.py, and no template writes its own."""

import re
from pathlib import Path

from django.core.paginator import Paginator
from django.template import engines
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
INCLUDES = {
    ROOT / "site/templates/includes/breadcrumbs.html",
    ROOT / "site/templates/includes/pagination.html",
}


def render(source, **context):
    return engines["django"].from_string("{% load navigation_tags %}" + source).render(context)


def test_no_template_writes_its_own_breadcrumbs_or_pagination():
    own = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/templates/**/*.html")
        if path not in INCLUDES
        and re.search(r'class="[^"]*\b(breadcrumbs|pagination|erfa-pagination)\b', path.read_text())
    ]
    assert own == []


def test_breadcrumbs_of_title_and_url_pairs_end_in_the_current_page():
    html = render(
        '{% breadcrumbs "Mine initiativer" "/initiativer/" name url current="Mål" %}',
        name="Tryg i natten",
        url="/initiativer/7/",
    )
    assert 'aria-label="Brødkrumme"' in html
    links = re.findall(r'<a href="([^"]+)" class="breadcrumbs__link">([^<]+)</a>', html)
    assert links == [("/initiativer/", "Mine initiativer"), ("/initiativer/7/", "Tryg i natten")]
    assert '<li class="breadcrumbs__list-item" aria-current="page">Mål</li>' in html
    with translation.override("en"):
        assert 'aria-label="Breadcrumb"' in render('{% breadcrumbs "A" "/a/" %}')


def test_pagination_of_a_paginator_page_links_every_page_and_marks_the_current():
    page = Paginator(range(30), 12).get_page(2)
    html = render('{% pagination page label="Sider med kurser" %}', page=page)
    assert '<nav class="pagination" aria-label="Sider med kurser">' in html
    assert re.findall(r'href="\?side=(\d)"', html) == ["1", "1", "2", "3", "3"]  # prev, 1-3, next
    assert 'href="?side=2" aria-current="page"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "Side 2 af 3" in html
    first = render('{% pagination page label="Sider" %}', page=Paginator(range(30), 12).get_page(1))
    assert 'rel="prev"' not in first and 'rel="next"' in first
