"""A minor fix never changes what the words say: a number, a unit, a negation, a "should".

Before, a draft under the 15-word limit went live with no clinical review however it
changed the meaning: "It does not mean something is wrong for sure." lost its "not"
and was published as a "typo" under the page's last reviewer's name.
"""

from html import unescape

import pytest
from django.test import Client

from education import workflow
from education.meaning import meaning_changes
from education.models import GlossaryTerm, Reference, Status, Topic
from tests.education.admin_forms import browser_form_data, digest_post
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db

SENTENCE = "It does not mean something is wrong for sure."


@pytest.fixture
def editor():
    return client_for(make_user("ed", "Content editors"))


def edit_section(client, topic, old, new):
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(client, url, "topic_form")
    bodies = [name for name in data if name.endswith("-body") and old in data[name]]
    assert bodies, old
    data[bodies[0]] = data[bodies[0]].replace(old, new)
    assert client.post(url, data).status_code == 302


def public_page(topic):
    return unescape(Client().get(f"/learn/{topic.slug}/").content.decode())


def test_a_lost_not_cannot_go_live_as_a_minor_fix(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    edit_section(editor, topic, SENTENCE, "It does mean something is wrong for sure.")
    url = f"/admin/education/topic/{topic.pk}/publish/"
    response = editor.get(url)
    assert response.status_code == 302
    page = unescape(editor.get(response["Location"]).content.decode())
    assert "so it needs a clinical review, not a minor fix: “not” is taken out of" in page
    assert f"“{SENTENCE}”" in page
    assert "Publish a minor fix…" not in page
    assert 'id="no-minor-fix"' in page  # said on the page itself, not only on /publish/
    digest_post(editor, url, {"reason": "typo"})
    assert "It does mean something is wrong for sure" not in public_page(topic)
    assert SENTENCE in public_page(topic)


@pytest.mark.parametrize(
    "old, new, said",
    [
        ("2.4 mg/L", "24 mg/L", "the number “2.4” becomes “24”"),
        ("2.4 mg/L", "2.4 µg/L", "the unit “mg/l” becomes “µg/l”"),
        ("You should see a doctor.", "You must see a doctor.", "“should” becomes “must”"),
        ("Repeat it in 2 weeks.", "Repeat it in 2 months.", "the unit “weeks” becomes “months”"),
        ("It is not cancer.", "It is cancer.", "“not” is taken out of “It is not cancer.”"),
        ("It is cancer.", "It isn't cancer.", "“isn't” is added in “It isn't cancer.”"),
        ("Stop your pills.", "Never stop your pills.", "“never” is added"),
        ("It is not X. It is Y.", "It is X. It is not Y.", "“not” is added in “It is not Y.”"),
        ("Take 2 every 4 hours.", "Take 4 every 2 hours.", "“2” and “4” change places"),
    ],
)
def test_each_kind_of_meaning_word_is_named(old, new, said):
    changes = meaning_changes([(old, new)])
    assert said in "; ".join(change.describe() for change in changes)


@pytest.mark.parametrize(
    "old, new",
    [
        ("Teh test is quick.", "The test is quick."),
        ("[NHS page](https://www.nhs.uk/a/1)", "[NHS page](https://www.nhs.uk/b/22)"),
        ("Your kidnyes clear [[B2M|b2m]].", "Your kidneys clear [[B2M|b2m]]."),
        ("Beta-2 microglobulin is small", "Beta-2 microglobulin is small."),
    ],
)
def test_typos_and_link_addresses_are_not_meaning_changes(old, new):
    assert meaning_changes([(old, new)]) == []


def test_a_term_whose_number_changes_goes_to_review():
    term = GlossaryTerm.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
    term.draft_term, term.draft_also_known_as = term.term, term.also_known_as
    term.draft_definition = term.definition + " Normal is under 2.4 mg/L."
    term.save()
    assert "more than a small correction" not in workflow.GLOSSARY.minor_fix_refusal(term)
    term.draft_definition = term.definition.replace(".", " and 3 more.", 1)
    term.save()
    refusal = workflow.GLOSSARY.minor_fix_refusal(term)
    assert "the number “3” is added in" in refusal
    with pytest.raises(workflow.WorkflowError):
        workflow.GLOSSARY.publish_minor_fix(term, user=make_user("ed"), reason="typo")


def reference_with_draft_url(url):
    reference = Reference.objects.filter(status=Status.PUBLISHED, url__contains="doi.org").first()
    reference.draft_title, reference.draft_publisher = reference.title, reference.publisher
    reference.draft_year = reference.year
    reference.draft_url = url
    reference.save()
    return reference


def test_a_reference_link_with_new_digits_is_still_a_minor_fix():
    reference = reference_with_draft_url("https://doi.org/10.1000/182")
    assert workflow.REFERENCES.minor_fix_refusal(reference) == ""


def test_a_reference_pointed_at_another_site_needs_a_review():
    # A minor fix mends a link; pointing a source at another site swaps the source.
    reference = reference_with_draft_url("https://example.com/10.1000/182")
    refusal = workflow.REFERENCES.minor_fix_refusal(reference)
    assert "links to a site it did not link to before (example.com)" in refusal
    with pytest.raises(workflow.WorkflowError):
        workflow.REFERENCES.publish_minor_fix(reference, user=make_user("ed"), reason="link")


LINK = "(/learn/kidneys-and-b2m/#filtering)"


def test_a_page_link_sent_to_another_site_needs_a_review(editor):
    # 2 words, no number, no "not": it passed every other check and went live as a
    # "broken link" fix pointing patients at a site no reviewer had seen.
    topic = Topic.objects.get(slug="what-is-b2m")
    edit_section(editor, topic, LINK, "(https://www.example.com/kidneys/)")
    refusal = workflow.TOPICS.minor_fix_refusal(Topic.objects.get(pk=topic.pk))
    assert "links to a site it did not link to before (example.com)" in refusal
    digest_post(editor, f"/admin/education/topic/{topic.pk}/publish/", {"reason": "link"})
    assert "example.com" not in public_page(topic)


def test_a_page_link_mended_on_its_own_site_is_still_a_minor_fix(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    edit_section(editor, topic, LINK, "(/learn/kidneys-and-b2m/#how-kidneys-clear-b2m)")
    assert workflow.TOPICS.minor_fix_refusal(Topic.objects.get(pk=topic.pk)) == ""


def test_a_typo_on_a_page_still_goes_live_as_a_minor_fix(editor):
    topic = Topic.objects.get(slug="what-is-b2m")
    edit_section(editor, topic, "for sure.", "for sure!")
    assert workflow.TOPICS.minor_fix_refusal(Topic.objects.get(pk=topic.pk)) == ""
    response = digest_post(
        editor, f"/admin/education/topic/{topic.pk}/publish/", {"reason": "typo"}
    )
    assert response.status_code == 302
    assert "It does not mean something is wrong for sure!" in public_page(topic)


def test_a_get_help_box_turned_into_plain_text_goes_to_review(editor):
    """No word changes, but the box of warning signs would become plain text."""
    topic = Topic.objects.get(slug="kidneys-and-b2m")
    url = f"/admin/education/topic/{topic.pk}/change/"
    data = browser_form_data(editor, url, "topic_form")
    kind = next(
        name for name, value in data.items() if name.endswith("-kind") and value == "get_help"
    )
    data[kind] = "text"
    assert editor.post(url, data).status_code == 302
    refusal = workflow.TOPICS.minor_fix_refusal(Topic.objects.get(pk=topic.pk))
    assert (
        "changes the kind of the section “Get help sooner: kidney warning signs” from “Get help"
        in refusal
    )
    digest_post(editor, f"/admin/education/topic/{topic.pk}/publish/", {"reason": "layout"})
    assert (
        'class="topic-section get-help"' in Client().get("/learn/kidneys-and-b2m/").content.decode()
    )


@pytest.mark.parametrize(
    "old, new",
    [
        ("It is not cancer.", "Stop eating salt. It is not cancer."),  # a short new sentence
        ("Call your doctor if you feel worse. Rest.", "Rest."),  # safety advice taken out
    ],
)
def test_a_whole_sentence_put_in_or_taken_out_goes_to_review(old, new):
    term = GlossaryTerm.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
    term.definition = old
    term.draft_term, term.draft_also_known_as = term.term, term.also_known_as
    term.draft_definition = new
    term.save()
    refusal = workflow.GLOSSARY.minor_fix_refusal(term)
    assert "a sentence put in or taken out is new advice" in refusal
    assert ("adds “Stop eating salt.”" in refusal) or ("takes out “Call your doctor" in refusal)


def test_the_reviewer_is_shown_the_words_that_change_the_meaning(editor, reviewer):
    from tests.pages import text_of

    topic = Topic.objects.get(slug="what-is-b2m")
    edit_section(editor, topic, SENTENCE, "It does mean something is wrong for sure.")
    editor.post(f"/admin/education/topic/{topic.pk}/submit/", {"note": ""})
    page = text_of(client_for(reviewer).get(f"/admin/education/topic/{topic.pk}/approve/"))
    assert "Words that change the meaning" in page
    assert f"“not” is taken out of “{SENTENCE}”" in page

    term = GlossaryTerm.objects.get(slug="glomerulus")
    term.draft_term, term.draft_also_known_as = term.term, term.also_known_as
    term.draft_definition = term.definition.replace(".", " and 3 more.", 1)
    term.save()
    workflow.GLOSSARY.submit(term, user=make_user("ed2", "Content editors"))
    page = text_of(client_for(reviewer).get(f"/admin/education/glossaryterm/{term.pk}/approve/"))
    assert "Words that change the meaning" in page and "the number “3” is added in" in page


def test_no_meaning_box_for_a_typo(editor, reviewer):
    from tests.pages import text_of

    topic = Topic.objects.get(slug="what-is-b2m")
    edit_section(editor, topic, "for sure.", "for certain.")
    editor.post(f"/admin/education/topic/{topic.pk}/submit/", {"note": ""})
    page = text_of(client_for(reviewer).get(f"/admin/education/topic/{topic.pk}/approve/"))
    assert "Words that change the meaning" not in page


def test_a_source_added_to_a_page_or_taken_out_needs_a_review(editor):
    # No word changes, so it passed every other check: a page could lose the source its
    # facts rest on, or gain one no reviewer had read, as a "minor fix".
    topic = Topic.objects.get(slug="what-is-b2m")
    first = topic.references.order_by("title").first()
    topic.references.remove(first)
    refusal = workflow.TOPICS.minor_fix_refusal(topic)
    assert f"This draft takes out the source “{first.title}”, so it needs a clinical review" in (
        refusal
    )
    digest_post(editor, f"/admin/education/topic/{topic.pk}/publish/", {"reason": "tidy"})
    assert first.url in public_page(topic)
    topic.references.add(first)
    assert workflow.TOPICS.minor_fix_refusal(topic) == ""
    other = Reference.objects.filter(status=Status.PUBLISHED).exclude(topics=topic).first()
    topic.references.add(other)
    assert f"adds the source “{other.title}”" in workflow.TOPICS.minor_fix_refusal(topic)
