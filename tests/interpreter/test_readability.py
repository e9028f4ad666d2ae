"""The interpreter's pages read at grade 8 or lower too: the form and every result level."""

import pytest
import textstat

from tests.education.test_readability import MAX_GRADE, _MainTextExtractor, main_text

pytestmark = pytest.mark.django_db

RESULTS = {
    "within_range": {"serum_value": "1.9", "serum_upper_limit": "2.4"},
    "mildly_elevated": {"serum_value": "3.0", "serum_upper_limit": "2.4",
                        "context": ["recent_exercise"]},
    "elevated": {"serum_value": "3.1", "serum_upper_limit": "2.4", "egfr": "55",
                 "test_date": "2026-11-01", "history-0-date": "2026-10-01",
                 "history-0-serum_value": "2.9"},
    "markedly_elevated": {"serum_value": "7.5", "urine_value": "900", "urine_unit": "ug/L",
                          "egfr": "95", "context": ["blood_cancer"]},
}  # fmt: skip


class _BlockExtractor(_MainTextExtractor):
    """Like main_text, but each block (label, hint, option, paragraph) is its own
    sentence: a form's labels carry no full stops, yet a reader takes them apart."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        if tag not in self.INLINE:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag not in self.INLINE:
            self.parts.append("\n")


def sentences_text(html):
    parser = _BlockExtractor()
    parser.feed(html)
    blocks = [" ".join(b.split()) for b in "".join(parser.parts).split("\n")]
    return " ".join(b if b[-1] in ".?!:" else b + "." for b in blocks if b)


def test_blocks_become_sentences():
    html = "<main><label>Blood result</label><p>Type the number.</p></main>"
    assert sentences_text(html) == "Blood result. Type the number."


@pytest.mark.parametrize("path", ["/", "/learn/", "/interpret/"])
def test_short_pages_read_at_grade_8_or_lower(client, path):
    text = sentences_text(client.get(path, follow=True).content.decode())
    assert len(text.split()) > 40, path
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, path


@pytest.mark.parametrize("level", RESULTS)
def test_each_result_level_reads_at_grade_8_or_lower(client, level):
    response = client.post("/interpret/", RESULTS[level], follow=True)
    html = response.content.decode()
    assert f"result-level--{level}" in html
    text = main_text(html.split('<details class="clinician-details">')[0])
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{level} result reads at grade {grade}"
