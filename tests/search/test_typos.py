"""Typos forgiven and compounds split, against the vocabulary of what everyone may find
(search/vocabulary.py). The catalogue's own misspellings are in test_findability_generated.py."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from search import vocabulary
from search.models import VocabularyWord

pytestmark = pytest.mark.django_db


def outcome_of(client, q):
    return client.get(reverse("search"), {"q": q}).context["outcome"]


def test_a_misspelt_word_finds_what_the_right_spelling_finds_and_says_so(
    client_learner, page_type, make_page
):
    make_page("Et trygt natteliv", intro="<p>Nattelivet i midtbyen skal være trygt for alle.</p>")
    make_page("Borgermøde", intro="<p>Et møde om parkering.</p>")
    vocabulary.rebuild()

    outcome = outcome_of(client_learner, "natteliiv")

    assert [hit.title for hit in outcome.hits] == ["Et trygt natteliv"]
    assert outcome.corrected_query == "natteliv"
    html = client_learner.get(reverse("search"), {"q": "natteliiv"}).content.decode()
    assert "Mente du:" in html
    assert f'href="{reverse("search")}?q=natteliv"' in html
    api = client_learner.get(reverse("search_api"), {"q": "natteliiv"}).json()
    assert api["corrected_query"] == "natteliv"
    assert [result["title"] for result in api["results"]] == ["Et trygt natteliv"]


def test_a_word_spelt_right_is_not_corrected(client_learner, page_type, make_page):
    make_page("Et trygt natteliv", intro="<p>Nattelivet i midtbyen.</p>")
    vocabulary.rebuild()

    outcome = outcome_of(client_learner, "natteliv")

    assert outcome.corrected_query == ""
    assert [hit.title for hit in outcome.hits] == ["Et trygt natteliv"]


def test_short_words_and_words_three_letters_away_are_not_guessed(client_learner, page_type, make_page):
    make_page("Tovholder", intro="<p>Tovholderen samler trådene.</p>")
    vocabulary.rebuild()

    assert outcome_of(client_learner, "tovhxxxr").count == 0  # three letters wrong
    assert vocabulary.correction("tovh", "da") is None  # under five letters


def test_a_compound_finds_the_content_its_first_part_stands_in(client_learner, page_type, make_page):
    make_page("Et trygt natteliv", intro="<p>Politiet og værtshusene om nattelivet.</p>")
    vocabulary.rebuild()

    outcome = outcome_of(client_learner, "nattelivsindsats")

    assert [hit.title for hit in outcome.hits] == ["Et trygt natteliv"]
    assert outcome.corrected_query == ""  # split, not corrected


def test_a_long_word_finds_the_compounds_and_inflections_it_starts(client_learner, page_type, make_page):
    make_page("Vandringer", intro="<p>Tryghedsvandringerne gik gennem boligområdet.</p>")

    assert [hit.title for hit in outcome_of(client_learner, "tryghedsvandring").hits] == ["Vandringer"]
    assert [hit.title for hit in outcome_of(client_learner, "boligområde").hits] == ["Vandringer"]


def test_a_published_page_adds_its_words_to_the_vocabulary(
    client_learner, page_type, make_page, django_capture_on_commit_callbacks
):
    vocabulary.rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        make_page("Kærshovedgård", intro="<p>Udrejsecentret i Ikast-Brande.</p>")

    assert VocabularyWord.objects.filter(language="da", word="udrejsecentret").exists()
    assert outcome_of(client_learner, "udrejsecentert").corrected_query == "udrejsecentret"


def test_words_of_a_restricted_page_are_never_suggested(client_learner, page_type, make_page):
    secret = make_page("Fortrolig indsats", intro="<p>Rockerborgen i Hvidovre.</p>")
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Redaktører"))
    vocabulary.rebuild()

    assert not VocabularyWord.objects.filter(word="rockerborgen").exists()
    outcome = outcome_of(client_learner, "rockerborgenn")
    assert outcome.count == 0
    assert outcome.corrected_query == ""
    assert "rockerborgen" not in outcome.suggestions
