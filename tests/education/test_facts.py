"""Every fact of the source article must stay on the public site.

The content is rewritten in plain words, so each fact is checked by a few
case-insensitive patterns that must all match the visible text of the public
pages (topic list, every topic page and the glossary), as a visitor sees it.
If an editor rewords a page, update the patterns here, not the other way round:
a failing id names the fact that went missing.
"""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

TOPIC_SECTIONS = {
    "what-is-b2m": ["key-points", "what-it-is", "why-doctors-test-it", "no-symptoms"],
    "kidneys-and-b2m": [
        "key-points",
        "filtering",
        "high-blood-level",
        "high-urine-level",
        "get-help-kidneys",
    ],
    "causes-of-high-b2m": [
        "key-points",
        "kidney-tubule-conditions",
        "get-help-kidneys",
        "blood-cancers",
        "get-help-blood",
        "other-causes",
        "short-term-causes",
        "get-help-illness",
    ],
    "understanding-your-result": [
        "key-points",
        "what-raised-means",
        "at-a-glance",
        "when-to-act",
        "what-to-do-next",
        "what-to-bring",
        "dont-panic",
    ],
    "next-steps": [
        "key-points",
        "your-next-steps",
        "follow-up-tests",
        "early-detection",
        "questions-to-ask",
    ],
    "getting-ready-for-a-repeat-test": [
        "key-points",
        "why-repeat",
        "how-to-prepare",
        "urine-test",
        "after-the-repeat",
        "get-help-before-the-test",
    ],
    "living-with-myeloma-or-kidney-disease": [
        "key-points",
        "blood-cancer",
        "get-help-blood-cancer",
        "kidney-disease",
        "get-help-kidney-disease",
        "dialysis",
        "get-help-dialysis",
        "questions-for-your-team",
    ],
}

PUBLIC_PATHS = ["/learn/", *(f"/learn/{slug}/" for slug in TOPIC_SECTIONS), "/glossary/"]

FACTS = [
    # What B2M is
    ("b2m-is-a-small-protein", [r"beta-2 microglobulin", r"small protein"]),
    ("b2m-low-molecular-weight", [r"low-molecular-weight"]),
    ("on-cells-that-have-a-nucleus", [r"almost every cell", r"nucleus"]),
    ("lymphocytes-and-monocytes", [r"lymphocytes", r"monocytes", r"white blood cells?"]),
    ("part-of-mhc-class-i", [r"\bMHC\b.{0,5}class I\b", r"immune system"]),
    (
        "sensitive-marker-kidney-inflammation-blood-cancer",
        [r"biomarker", r"sensitive", r"your kidneys\.", r"inflammation\.", r"blood cancers\."],
    ),
    # The kidneys
    ("passes-freely-through-glomeruli", [r"glomerulus", r"glomeruli", r"slips through"]),
    (
        "proximal-tubule-takes-back-and-breaks-down",
        [r"proximal tubule", r"take back almost all", r"reabsorption", r"break the B2M down"],
    ),
    (
        "high-serum-means-lower-gfr",
        [r"serum B2M is high", r"filtering more slowly", r"glomerular filtration rate"],
    ),
    (
        "lower-gfr-ckd-aki-older-age",
        [
            r"chronic kidney disease \(CKD\)",
            r"acute kidney injury \(AKI\)",
            r"older age",
        ],
    ),
    ("high-urine-points-to-proximal-tubule", [r"problem in the proximal tubule"]),
    ("tubular-leak", [r"tubular leak", r"takes it back is damaged"]),
    (
        "tubule-harm-toxins-inflammation-genetic",
        [r"toxins", r"inflammation in the kidney", r"inherited or genetic"],
    ),
    # Causes: kidney tubule conditions
    ("tubulointerstitial-conditions", [r"tubulointerstitial"]),
    (
        "interstitial-nephritis-often-from-a-medicine",
        [r"acute interstitial nephritis", r"often (caused by|a reaction to) a medicine"],
    ),
    ("heavy-metals-cadmium-mercury-lead", [r"cadmium", r"mercury", r"mercury,? or lead"]),
    (
        "wilsons-disease-copper-liver-kidneys",
        [r"Wilson['’]s disease", r"rare condition", r"copper builds up", r"liver and the kidneys"],
    ),
    (
        "urine-b2m-rises-before-creatinine",
        [r"raise urine B2M first", r"before .{0,40}serum creatinine"],
    ),
    ("early-warning-of-subclinical-injury", [r"early warning", r"subclinical", r"hidden"]),
    # Causes: blood cancers
    (
        "blood-cancers-myeloma-cll-lymphoma",
        [
            r"multiple myeloma",
            r"chronic lymphocytic leukemia \(CLL\)",
            r"non-Hodgkin lymphoma",
        ],
    ),
    ("faster-cell-turnover", [r"grow and die faster", r"turnover"]),
    (
        # A diagnostic aid (source article), never used on its own to diagnose
        # (MedlinePlus): issue 9, item 8.
        "serum-b2m-aids-but-does-not-make-the-diagnosis",
        [r"add to the picture when doctors look for these cancers", r"not used on its own to"],
    ),
    (
        "higher-levels-poorer-outlook",
        [r"prognosis", r"higher levels go with", r"faster-growing disease", r"shorter survival"],
    ),
    ("outlook-said-gently-ask-care-team", [r"care team", r"what your own level means for you"]),
    ("high-b2m-is-not-cancer", [r"does not mean you have cancer"]),
    # Causes: outside the kidneys
    (
        "autoimmune-lupus",
        [r"autoimmune conditions", r"lupus \(systemic lupus erythematosus\)"],
    ),
    (
        "chronic-infections-hiv-hepatitis",
        [r"chronic\) infections", r"\bHIV\b", r"hepatitis B", r"hepatitis C"],
    ),
    ("severe-inflammation", [r"severe inflammation"]),
    (
        "independent-of-kidney-function-needs-full-check-up",
        [r"even when your kidneys work well", r"full check-up"],
    ),
    # Understanding a result
    (
        "rarely-causes-symptoms",
        [r"almost never causes symptoms", r"not feel any different", r"quiet signal"],
    ),
    (
        "short-harmless-rises",
        [r"hard exercise", r"dehydrated", r"sick with a fever", r"short rises are harmless"],
    ),
    ("repeat-in-1-to-2-weeks", [r"repeat the test in 1 (to|–|-) 2 weeks", r"back to normal"]),
    (
        "persistent-or-marked-rise-needs-action",
        [r"stays high over time needs action", r"level that is very high"],
    ),
    (
        "one-result-is-not-a-diagnosis",
        [r"one abnormal result is not a diagnosis", r"reason to follow up"],
    ),
    ("reference-range", [r"reference range"]),
    # Follow-up
    (
        "metabolic-panel-and-egfr",
        [r"comprehensive metabolic panel", r"estimated GFR \(eGFR\)"],
    ),
    (
        "urinalysis-upcr-urine-b2m",
        [r"urinalysis", r"urine protein-to-creatinine ratio", r"urine B2M may be measured"],
    ),
    ("imaging-ultrasound-or-mri", [r"kidney ultrasound", r"\bMRI\b", r"structure"]),
    ("ceruloplasmin-for-wilsons", [r"ceruloplasmin is checked to look for Wilson"]),
    (
        "free-light-chains-for-plasma-cell-disorders",
        [r"serum free light chains are checked to look for plasma cell"],
    ),
    (
        "referral-nephrology-hematology",
        [r"nephrologist", r"nephrology", r"hematologist", r"hematology"],
    ),
    # Early detection
    (
        "creatinine-rises-after-half-of-function-lost",
        [r"only goes up after about half \(around 50%\)"],
    ),
    ("b2m-changes-much-sooner", [r"B2M can change much sooner"]),
    (
        "catches-tubule-problems-and-early-blood-disease",
        [r"kidney tube problem, or a blood disease at an early stage"],
    ),
    ("early-action-change-medicines", [r"change or stop a medicine"]),
    ("early-action-remove-toxins", [r"get away from a toxin"]),
    ("early-action-chelation", [r"chelation therapy", r"removes metals"]),
    ("early-action-disease-modifying-treatment", [r"disease-modifying treatment"]),
    # Closing message
    ("dont-panic-but-follow-up", [r"try not to panic", r"follow up"]),
    ("number-within-whole-health-picture", [r"whole health picture"]),
    (
        "knowledge-and-timely-action-protect-long-term-health",
        [r"acting on it in good time", r"protect your health for years to come"],
    ),
    ("questions-to-ask-your-doctor", [r"questions to ask your doctor", r"should I repeat"]),
    ("education-not-a-diagnosis", [r"this site is for education", r"cannot give you a diagnosis"]),
    # Issue 9, education content. Sources in education/migrations/_content_0005.py.
    # Getting ready for a repeat test (MedlinePlus "How to Prepare for a Lab Test")
    ("repeat-test-no-hard-exercise", [r"for 1 to 2 days before:\W*avoid hard exercise"]),
    ("repeat-test-drink-normally", [r"drink as you normally do", r"limit fluids"]),
    ("repeat-test-follow-the-labs-instructions", [r"follow the lab's own instructions"]),
    (
        "repeat-test-tell-about-medicines-and-supplements",
        [r"every medicine, vitamin and supplement"],
    ),
    ("repeat-test-say-if-a-step-was-missed", [r"could not follow any step", r"small change"]),
    ("repeat-test-compares-two-results", [r"both results together", r"good sign"]),
    # Known blood cancer (MedlinePlus B2M; Greipp 2005)
    (
        "blood-cancer-marker-the-team-tracks",
        [r"follows over time", r"see if treatment is working", r"not used on its own"],
    ),
    (
        "falling-can-mean-treatment-works-rising-worth-asking",
        [r"a fall over time can mean that treatment is working", r"a rise is worth asking"],
    ),
    ("myeloma-staging-uses-b2m-with-albumin", [r"staging system", r"albumin"]),
    # Known kidney disease (Argyropoulos 2017; KDIGO 2024)
    ("ckd-read-with-egfr-team-plan-first", [r"together with your eGFR", r"plan comes first"]),
    ("egfr-under-30-kidney-specialist", [r"eGFR is under 30", r"nephrologist"]),
    # Dialysis (NIDDK amyloidosis; MedlinePlus carpal tunnel)
    ("dialysis-high-b2m-expected", [r"your B2M level will be high\. This is expected"]),
    (
        "dialysis-related-amyloidosis-in-joints",
        [r"dialysis-related amyloidosis", r"joints, bones and tendons", r"stiffness or fluid"],
    ),
    ("carpal-tunnel-numbness-tingling", [r"carpal tunnel syndrome", r"numbness, tingling"]),
    (
        "amyloid-risk-time-on-dialysis-and-age",
        [r"longer you have been on dialysis", r"older you were when you started"],
    ),
    ("dialysis-exception-to-no-symptoms", [r"one exception", r"on dialysis for many years"]),
    # Get help sooner (NHS acute kidney injury, myeloma, non-Hodgkin lymphoma,
    # dehydration, fever in adults)
    ("get-help-kidney-signs", [r"peeing much less than usual", r"confused or very drowsy"]),
    (
        "get-help-blood-signs",
        [r"bone pain that does not go away", r"losing weight without trying", r"after 6 weeks"],
    ),
    (
        "get-help-dehydration-and-fever-signs",
        [r"not peed all day", r"lasted 5 days or more", r"weak immune system"],
    ),
    (
        "get-help-myeloma-emergency-signs",
        [r"lose feeling in your arms or legs", r"cannot control when you pee or poo"],
    ),
    # What to do next, in order, with timing
    ("next-steps-with-timing", [r"this week:", r"within a week:", r"1 to 2 weeks"]),
    ("checklist-for-the-visit", [r"what to bring to your visit", r"your lab report"]),
    (
        "at-a-glance-blood-or-urine",
        [r"which result is high", r"small kidney tubes may not be taking B2M back"],
    ),
]


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page: everything outside <head>, <script> and <style>."""

    HIDDEN = {"head", "script", "style", "template"}
    # Inline tags (links, bold) join their text to the words around them;
    # everything else is a block, which a browser shows apart.
    INLINE = {"a", "abbr", "b", "code", "dfn", "em", "i", "small", "span", "strong", "time"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1
        elif tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1
        elif tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(html):
    parser = _TextExtractor()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.fixture
def site_text(client):
    texts = []
    for path in PUBLIC_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        texts.append(visible_text(response.content.decode()))
    return "\n".join(texts)


@pytest.mark.parametrize(
    "patterns", [patterns for _, patterns in FACTS], ids=[fact for fact, _ in FACTS]
)
def test_fact_is_on_the_site(site_text, patterns):
    missing = [p for p in patterns if not re.search(p, site_text, re.IGNORECASE | re.DOTALL)]
    assert not missing, f"not found on the public pages: {missing}"


def test_fact_ids_are_unique():
    ids = [fact for fact, _ in FACTS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("slug", list(TOPIC_SECTIONS))
def test_topic_page_has_the_sections_other_pages_link_to(client, slug):
    html = client.get(f"/learn/{slug}/").content.decode()
    for section in TOPIC_SECTIONS[slug]:
        assert f'id="{section}"' in html, f"/learn/{slug}/#{section} is missing"


def test_links_between_topics_point_to_real_sections(client):
    pages = {slug: client.get(f"/learn/{slug}/").content.decode() for slug in TOPIC_SECTIONS}
    for slug, html in pages.items():
        for target, anchor in re.findall(r'href="/learn/([\w-]+)/#([\w-]+)"', html):
            assert target in pages, f"{slug} links to unknown topic {target}"
            assert f'id="{anchor}"' in pages[target], f"{slug} links to /learn/{target}/#{anchor}"
