import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from erfa.models import ExperiencePost
from erfa.wagtail_hooks import case_page_experience_panel, toolbox_page_experience_panel

from .conftest import make_post

State = ExperiencePost.State
NEW_URL = reverse("erfa:post_create")
HOSTILE = (
    '<p onclick="steal()">Kortlægningen tog <strong>fire</strong> måneder.</p>'
    "<script>alert('xss')</script>"
    '<a href="javascript:alert(1)">klik</a> <a href="https://politi.dk" onmouseover="x()">politi.dk</a>'
    '<img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe>'
)


def new_post_data(**overrides):
    data = {
        "title": "Kortlægningen tog fire måneder",
        "text": "Det var det værd.\n\nAlle vidste, hvorfor de var inviteret.",
        "tags": "kortlægning, analyse",
        "action": "submit",
    }
    data.update(overrides)
    return data


# --- Sanitising ---------------------------------------------------------------------------------


def test_script_event_handlers_and_javascript_links_are_removed_on_save(learner):
    post = make_post(learner, text=HOSTILE)
    post.refresh_from_db()
    for executable in (
        "<script",
        "alert(",
        "onclick",
        "onmouseover",
        "onerror",
        "javascript:",
        "<img",
        "<iframe",
    ):
        assert executable not in post.text
    assert "<strong>fire</strong>" in post.text
    assert '<a href="https://politi.dk" rel="noopener noreferrer nofollow">politi.dk</a>' in post.text


def test_hostile_markup_is_never_rendered_even_if_stored_behind_the_models_back(client_learner, learner):
    post = make_post(learner)
    ExperiencePost.objects.filter(pk=post.pk).update(text=HOSTILE)  # bypasses save()
    page = client_learner.get(post.get_absolute_url()).text
    for executable in ("<script>alert", "onclick=", "onerror=", "javascript:alert", "<iframe"):
        assert executable not in page
    assert "<strong>fire</strong>" in page


def test_plain_text_becomes_paragraphs_and_line_breaks(learner):
    post = make_post(learner, text="Første afsnit\nsamme afsnit\n\nAndet afsnit")
    assert post.text == "<p>Første afsnit<br>samme afsnit</p><p>Andet afsnit</p>"


# --- Writing, submitting, limits ----------------------------------------------------------------


def test_learner_submits_a_post_and_moderators_are_emailed(
    client_learner, learner, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_learner.post(NEW_URL, new_post_data())
    post = ExperiencePost.objects.get(author=learner)
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert post.state == State.SUBMITTED and post.language == "da"
    assert sorted(post.tags.names()) == ["analyse", "kortlægning"]
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Kortlægningen tog fire måneder" in mail.outbox[0].subject
    assert "/admin/erfa-moderation/" in mail.outbox[0].body


def test_a_draft_stays_private_and_sends_no_email(client_learner, learner, moderator):
    client_learner.post(NEW_URL, new_post_data(action="draft"))
    assert ExperiencePost.objects.get(author=learner).state == State.DRAFT
    assert mail.outbox == []


def test_post_written_in_english_keeps_its_language(client_learner, learner):
    client_learner.post("/en" + NEW_URL, new_post_data())
    assert ExperiencePost.objects.get(author=learner).language == "en"


def test_empty_post_is_refused_with_the_reason_and_the_title_kept(client_learner, learner):
    response = client_learner.post(NEW_URL, new_post_data(text="<script>alert(1)</script>  "))
    assert response.status_code == 200
    assert "teksten er tom" in response.text
    assert 'value="Kortlægningen tog fire måneder"' in response.text
    assert not ExperiencePost.objects.exists()


def test_oversized_post_is_refused_with_the_reason_and_the_text_kept(client_learner, learner):
    text = "Ankerpersonen skal skærmes. " * 400  # 11,200 characters
    response = client_learner.post(NEW_URL, new_post_data(text=text))
    assert response.status_code == 200
    assert "Teksten er for lang: højst 10000 tegn" in response.text
    assert text.strip()[:200] in response.text
    assert not ExperiencePost.objects.exists()


def test_too_many_posts_too_fast_are_refused_with_a_clear_message(client_learner, learner, settings):
    settings.ERFA_POSTS_PER_WINDOW = 3
    for i in range(3):
        assert client_learner.post(NEW_URL, new_post_data(title=f"Erfaring {i}")).status_code == 302
    response = client_learner.post(NEW_URL, new_post_data(title="Den fjerde", text="Min tekst om aktørerne"))
    assert response.status_code == 429
    assert "højeste antal" in response.text and "Vent lidt" in response.text
    assert "Min tekst om aktørerne" in response.text
    assert ExperiencePost.objects.filter(author=learner).count() == 3


def test_rate_limit_counts_per_user(client, learner, other_learner, settings):
    settings.ERFA_POSTS_PER_WINDOW = 1
    make_post(learner, state=State.SUBMITTED)
    client.force_login(other_learner)
    assert client.post(NEW_URL, new_post_data()).status_code == 302


def test_linking_to_a_page_that_is_not_a_case_is_refused(client_learner, learner, home_page):
    response = client_learner.post(NEW_URL, new_post_data(case=home_page.pk))
    assert response.status_code == 200
    assert "Vælg en af siderne på listen." in response.text
    assert not ExperiencePost.objects.exists()


def test_author_edits_and_resubmits_a_rejected_post(client_learner, learner, moderator):
    post = make_post(learner, state=State.REJECTED, rejection_reason="Skriv hvilken fase det drejer sig om.")
    page = client_learner.get(reverse("erfa:post_edit", args=[post.pk])).text
    assert "Skriv hvilken fase det drejer sig om." in page
    response = client_learner.post(reverse("erfa:post_edit", args=[post.pk]), new_post_data(title="Rettet"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == State.SUBMITTED and post.title == "Rettet" and post.rejection_reason == ""


def test_a_submitted_post_cannot_be_edited_by_its_author(client_learner, learner):
    post = make_post(learner, state=State.SUBMITTED)
    client_learner.post(reverse("erfa:post_edit", args=[post.pk]), new_post_data(title="Ændret"))
    post.refresh_from_db()
    assert post.title != "Ændret"


def test_learner_cannot_edit_another_users_post(client, learner, other_learner):
    post = make_post(other_learner, state=State.DRAFT)
    client.force_login(learner)
    assert client.get(reverse("erfa:post_edit", args=[post.pk])).status_code == 404
    assert (
        client.post(reverse("erfa:post_edit", args=[post.pk]), new_post_data(title="Kapret")).status_code
        == 404
    )
    post.refresh_from_db()
    assert post.title != "Kapret"


def test_my_posts_lists_own_posts_with_their_state(client_learner, learner, other_learner):
    make_post(learner, state=State.REJECTED, title="Min afviste", rejection_reason="For kort")
    make_post(learner, state=State.SUBMITTED, title="Min ventende")
    make_post(other_learner, state=State.APPROVED, title="Kollegaens")
    page = client_learner.get(reverse("erfa:my_posts")).text
    assert "Min afviste" in page and "afvist" in page and "For kort" in page
    assert "Min ventende" in page and "sendt til godkendelse" in page
    assert "Kollegaens" not in page


def test_user_menu_links_to_my_posts(client_learner):
    page = client_learner.get("/").text
    assert f'href="{reverse("erfa:my_posts")}">Mine erfaringer<' in page


# --- Who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED, State.REJECTED])
def test_unapproved_post_is_hidden_from_others_but_not_author_or_moderators(
    client, learner, other_learner, moderator, state
):
    post = make_post(learner, state=state, title="Hemmelig kladde")
    client.force_login(other_learner)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(learner)
    assert "Hemmelig kladde" in client.get(post.get_absolute_url()).text
    client.force_login(moderator)
    assert "Hemmelig kladde" in client.get(post.get_absolute_url()).text


def test_approved_post_is_visible_to_everyone(client, learner, other_learner):
    post = make_post(learner, title="Delt med alle")
    client.force_login(other_learner)
    assert "Delt med alle" in client.get(post.get_absolute_url()).text


def test_only_approved_posts_are_searchable(learner):
    make_post(learner, state=State.SUBMITTED, title="Kernegruppe uden godkendelse")
    make_post(learner, title="Kernegruppe med A og B hold")
    found = [p.title for p in ExperiencePost.objects.search("kernegruppe")]
    assert found == ["Kernegruppe med A og B hold"]
    found_anywhere = [p.title for p in ExperiencePost.objects.all().search("kernegruppe")]
    assert found_anywhere == ["Kernegruppe med A og B hold"], "unapproved posts must not be in the index"


def test_panels_show_only_approved_posts_on_their_page(rf, learner, case_page, phase_page):
    make_post(learner, title="Godkendt om casen", case=case_page)
    make_post(learner, state=State.SUBMITTED, title="Ventende om casen", case=case_page)
    make_post(learner, title="Om fasen", phase=phase_page)
    request = rf.get("/")
    request.user = learner
    case_panel = case_page_experience_panel(request, case_page)
    assert [p.title for p in case_panel["posts"]] == ["Godkendt om casen"]
    assert case_panel["new_post_url"].endswith(f"?case={case_page.pk}")
    phase_panel = toolbox_page_experience_panel(request, phase_page)
    assert [p.title for p in phase_panel["posts"]] == ["Om fasen"]


def test_panel_query_count_is_the_same_at_5_and_500_posts(
    rf, learner, case_page, django_assert_num_queries, django_user_model
):
    request = rf.get("/")
    request.user = learner

    def add_posts(n):
        ExperiencePost.objects.bulk_create(
            [
                ExperiencePost(
                    author=learner,
                    title=f"Erfaring {i}",
                    text="<p>Tekst</p>",
                    language="da",
                    state=State.APPROVED,
                    case=case_page,
                )
                for i in range(n)
            ]
        )

    add_posts(5)
    with django_assert_num_queries(1):
        panel = case_page_experience_panel(request, case_page)
        assert len(panel["posts"]) == 5
    add_posts(495)
    cache.clear()  # bulk_create sends no signals; the site saves posts one by one
    with django_assert_num_queries(1):
        panel = case_page_experience_panel(request, case_page)
        assert len(panel["posts"]) == 10
    with django_assert_num_queries(0):  # then from the cache
        assert case_page_experience_panel(request, case_page)["posts"] == panel["posts"]


def test_an_approved_post_shows_on_its_page_at_once(rf, learner, moderator, case_page):
    request = rf.get("/")
    request.user = learner
    post = make_post(learner, state=ExperiencePost.State.DRAFT, case=case_page)
    post.submit()
    assert case_page_experience_panel(request, case_page)["posts"] == []  # cached: nothing approved

    post.approve(moderator)

    assert [p.pk for p in case_page_experience_panel(request, case_page)["posts"]] == [post.pk]


def test_approved_posts_appear_on_the_erfa_day_page(client, learner, other_learner, erfa_day):
    make_post(learner, title="Fra dagen", erfa_day=erfa_day)
    make_post(learner, state=State.SUBMITTED, title="Endnu ikke godkendt", erfa_day=erfa_day)
    client.force_login(other_learner)
    page = client.get(erfa_day.url).text
    assert "Fra dagen" in page and "Endnu ikke godkendt" not in page


def test_my_posts_query_count_is_the_same_at_5_and_500(client_learner, learner):
    from .test_days import count_queries

    url = reverse("erfa:my_posts")
    ExperiencePost.objects.bulk_create(
        [ExperiencePost(author=learner, title=f"E{i}", text="<p>t</p>", language="da") for i in range(5)]
    )
    client_learner.get(url)
    at_5 = count_queries(client_learner, url)
    ExperiencePost.objects.bulk_create(
        [ExperiencePost(author=learner, title=f"E{i}", text="<p>t</p>", language="da") for i in range(495)]
    )
    assert at_5 == count_queries(client_learner, url) <= 12


def test_the_chosen_erfa_day_stays_chosen_when_the_post_is_refused(client_learner, erfa_index, erfa_day):
    from .test_days import add_days

    add_days(erfa_index, 3)
    response = client_learner.post(NEW_URL, new_post_data(text="", erfa_day=str(erfa_day.pk)))

    assert response.status_code == 200
    assert f'<option selected value="{erfa_day.pk}">{erfa_day.title}</option>' in response.text
    assert response.text.count("<option selected") == 1
    assert not ExperiencePost.objects.exists()


def test_a_new_erfa_day_is_offered_in_the_form_at_once(client_learner, erfa_index, erfa_day):
    from .test_days import add_days

    assert erfa_day.title in client_learner.get(NEW_URL).text  # the options are now cached
    add_days(erfa_index, 1, start=40)
    newest = erfa_index.get_children().live().order_by("-pk").first()

    assert f'<option value="{newest.pk}">{newest.title}</option>' in client_learner.get(NEW_URL).text


def test_post_form_query_count_is_the_same_at_5_and_500_linkable_pages(client_learner, erfa_index):
    from .test_days import add_days, count_queries

    add_days(erfa_index, 5)
    client_learner.get(NEW_URL)
    at_5 = count_queries(client_learner, NEW_URL)
    add_days(erfa_index, 495, start=5)
    assert at_5 == count_queries(client_learner, NEW_URL) <= 12


def test_submitting_a_fresh_draft_does_not_count_against_itself(client_learner, learner, settings):
    settings.ERFA_POSTS_PER_WINDOW = 1
    client_learner.post(NEW_URL, new_post_data(action="draft"))
    post = ExperiencePost.objects.get(author=learner)
    response = client_learner.post(reverse("erfa:post_edit", args=[post.pk]), new_post_data(action="submit"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == State.SUBMITTED
    assert client_learner.post(NEW_URL, new_post_data(title="En til")).status_code == 429


def test_markup_typed_into_a_title_is_removed_not_shown(client_learner, learner):
    client_learner.post(NEW_URL, new_post_data(title="<b>Kortlægningen</b> tog fire måneder"))
    post = ExperiencePost.objects.get(author=learner)
    assert post.title == "Kortlægningen tog fire måneder"
    html = client_learner.get(reverse("erfa:my_posts")).content.decode()
    assert "&lt;b&gt;" not in html and "Kortlægningen tog fire måneder" in html


def test_bold_and_italic_typed_as_b_and_i_are_kept(learner):
    post = make_post(learner, text="<p>Det var <b>fire</b> <i>lange</i> måneder.</p>")
    assert post.text == "<p>Det var <strong>fire</strong> <em>lange</em> måneder.</p>"


def test_excerpt_keeps_paragraphs_apart(client, learner, other_learner, erfa_day):
    post = make_post(learner, text="<p>Det var det værd.</p><p>Alle vidste, hvorfor.</p>", erfa_day=erfa_day)
    assert post.excerpt_paragraphs == ["Det var det værd.", "Alle vidste, hvorfor."]
    assert post.excerpt == "Det var det værd. Alle vidste, hvorfor."
    client.force_login(other_learner)
    html = client.get(erfa_day.url).content.decode()
    assert "<p>Det var det værd.</p><p>Alle vidste, hvorfor.</p>" in html


def test_long_excerpt_stops_at_a_word_within_the_length():
    post = ExperiencePost(text="<p>" + "ord " * 100 + "</p>")
    (only,) = post.excerpt_paragraphs
    assert len(only) <= ExperiencePost.EXCERPT_LENGTH and only.endswith("ord …")


def test_form_says_which_formatting_is_kept(client_learner):
    html = client_learner.get(NEW_URL).content.decode()
    assert "Formatering, der bevares" in html and "&lt;b&gt;" in html
    assert "Almindelig tekst uden formatering." in html
