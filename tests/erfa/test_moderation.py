from django.core import mail
from django.urls import reverse

from cases.models import CasePage
from erfa.models import ExperiencePost
from erfa.wagtail_hooks import case_page_experience_panel

from .conftest import make_post

State = ExperiencePost.State
QUEUE_URL = reverse("erfa_moderation_queue")


def approve_url(post):
    return reverse("erfa_moderation_approve", args=[post.pk])


def reject_url(post):
    return reverse("erfa_moderation_reject", args=[post.pk])


def test_moderator_sees_submitted_posts_in_the_queue(client_moderator, learner):
    make_post(learner, state=State.SUBMITTED, title="Venter på afgørelse")
    make_post(learner, state=State.DRAFT, title="Stadig en kladde")
    response = client_moderator.get(QUEUE_URL)
    assert response.status_code == 200
    assert "Venter på afgørelse" in response.text and "Stadig en kladde" not in response.text


def test_learner_and_editor_cannot_see_the_queue_or_its_menu_item(client, learner, editor, moderator):
    client.force_login(learner)
    # no admin access at all: the admin's no-access page (issue 12), not a redirect loop to sign-in
    assert client.get(QUEUE_URL).status_code == 403
    client.force_login(editor)
    response = client.get(QUEUE_URL)  # Wagtail turns the 403 into a redirect to the dashboard
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert "Erfaringer til godkendelse" not in client.get(reverse("wagtailadmin_home")).text
    client.force_login(moderator)
    assert "Erfaringer til godkendelse" in client.get(reverse("wagtailadmin_home")).text


def test_learner_and_editor_cannot_approve(client, learner, other_learner, editor):
    post = make_post(other_learner, state=State.SUBMITTED)
    # The learner gets the admin's no-access page; the editor Wagtail's redirect to the dashboard.
    for user, refused in ((learner, 403), (editor, 302)):
        client.force_login(user)
        response = client.post(approve_url(post))
        assert response.status_code == refused
        assert refused == 403 or response["Location"] != QUEUE_URL
        post.refresh_from_db()
        assert post.state == State.SUBMITTED


def test_approval_publishes_the_post_and_tells_the_author(
    client_moderator, moderator, learner, case_page, rf, django_capture_on_commit_callbacks
):
    post = make_post(learner, state=State.SUBMITTED, title="Ringe i vandet", case=case_page)
    assert not list(ExperiencePost.objects.search("ringe"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_moderator.post(approve_url(post))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == State.APPROVED and post.decided_by == moderator
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert "godkendt" in mail.outbox[0].subject
    assert [p.title for p in ExperiencePost.objects.search("ringe")] == ["Ringe i vandet"]
    request = rf.get("/")
    request.user = learner
    assert [p.title for p in case_page_experience_panel(request, case_page)["posts"]] == ["Ringe i vandet"]


def test_rejection_needs_a_reason(client_moderator, learner):
    post = make_post(learner, state=State.SUBMITTED)
    response = client_moderator.post(reject_url(post), {"reason": ""})
    assert response.status_code == 400
    assert "Skriv en begrundelse" in response.text
    post.refresh_from_db()
    assert post.state == State.SUBMITTED


def test_withdrawn_approval_removes_the_post_from_search_and_tells_the_author_why(
    client_moderator, learner, django_capture_on_commit_callbacks
):
    post = make_post(learner, title="Kernegrupper deler aktørkredsen")
    assert list(ExperiencePost.objects.search("kernegrupper"))
    with django_capture_on_commit_callbacks(execute=True):
        client_moderator.post(reject_url(post), {"reason": "Nævner en borger ved navn."})
    post.refresh_from_db()
    assert post.state == State.REJECTED and post.rejection_reason == "Nævner en borger ved navn."
    assert not list(ExperiencePost.objects.search("kernegrupper"))
    assert "Nævner en borger ved navn." in mail.outbox[0].body


def test_a_decided_post_cannot_be_approved_again(client_moderator, learner):
    post = make_post(learner, state=State.REJECTED, rejection_reason="Mangler fase")
    client_moderator.post(approve_url(post))
    post.refresh_from_db()
    assert post.state == State.REJECTED


def test_queue_query_count_is_the_same_at_5_and_500(client_moderator, learner):
    from .test_days import count_queries

    def add(n):
        ExperiencePost.objects.bulk_create(
            [
                ExperiencePost(
                    author=learner, title=f"E{i}", text="<p>t</p>", language="da", state=State.SUBMITTED
                )
                for i in range(n)
            ]
        )

    add(5)
    client_moderator.get(QUEUE_URL)
    at_5 = count_queries(client_moderator, QUEUE_URL)
    add(495)
    assert at_5 == count_queries(client_moderator, QUEUE_URL)


# --- An approved post becomes a draft update of its case page -----------------------------------


def test_editor_turns_an_approved_post_into_a_draft_of_the_case_page(
    client_editor, editor, learner, case_page
):
    post = make_post(
        learner, title="Skærm Ankerpersonen", text="Tal med ledelsen i <em>opstarten</em>.", case=case_page
    )
    response = client_editor.post(reverse("erfa:post_to_case_draft", args=[post.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[case_page.pk])
    post.refresh_from_db()
    added = post.case_draft_revision.as_object().body[-1]
    assert added.block_type == "text"
    assert "Skærm Ankerpersonen" in added.value.source and "<i>opstarten</i>" in added.value.source
    assert post.get_absolute_url() in added.value.source, "the draft links back to the post as its source"
    live = CasePage.objects.get(pk=case_page.pk)
    assert len(live.body) == 0 and live.has_unpublished_changes
    assert post.case_draft_revision.user == editor


def test_learner_cannot_turn_a_post_into_a_case_draft(client_learner, learner, case_page):
    post = make_post(learner, case=case_page)
    assert client_learner.post(reverse("erfa:post_to_case_draft", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert post.case_draft_revision is None
