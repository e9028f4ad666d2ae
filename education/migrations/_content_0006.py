"""Wording fixes and links to the new pages, applied by migration 0006 (issue 9).

Plain data only. Each edit replaces one exact passage of a section body. It is
applied only while that passage is still there, so an editor's rewrite is kept.
"""

EDITS = [
    {
        # Issue 9, item 8: "it helps the care team make the diagnosis" overstates a
        # marker. The source article calls serum B2M a diagnostic aid; MedlinePlus
        # says its results are not used to diagnose cancer or any other condition.
        "topic": "causes-of-high-b2m",
        "section": "blood-cancers",
        "find": (
            "For people who have one of these cancers, serum B2M helps in two "
            "ways. It helps the care team make the diagnosis. It also helps them "
            "judge the likely course of the illness."
        ),
        "replace": (
            "Serum B2M can add to the picture when doctors look for these cancers. "
            "But it is not used on its own to diagnose them. For people who have one "
            "of these cancers, it helps the care team judge the likely course of the "
            "illness."
        ),
    },
    {
        "topic": "causes-of-high-b2m",
        "section": "blood-cancers",
        "find": "A high B2M does not mean you have cancer. Many other things can raise it.",
        "replace": (
            "A high B2M does not mean you have cancer. Many other things can raise it.\n\n"
            "If you already have one of these cancers, "
            "[read what B2M means for you]"
            "(/learn/living-with-myeloma-or-kidney-disease/#blood-cancer)."
        ),
    },
    {
        "topic": "causes-of-high-b2m",
        "section": "short-term-causes",
        "find": "Often the level is back to normal by then.",
        "replace": (
            "Often the level is back to normal by then. "
            "[See how to get ready for a repeat test](/learn/getting-ready-for-a-repeat-test/)."
        ),
    },
    {
        "topic": "kidneys-and-b2m",
        "section": "high-blood-level",
        "find": "- Older age. Kidneys tend to filter a bit more slowly as we age.\n\n",
        "replace": (
            "- Older age. Kidneys tend to filter a bit more slowly as we age.\n\n"
            "If you already have kidney disease or are on dialysis, "
            "[read what B2M means for you]"
            "(/learn/living-with-myeloma-or-kidney-disease/#kidney-disease).\n\n"
        ),
    },
    {
        "topic": "understanding-your-result",
        "section": "key-points",
        "find": "- The steps below show what to do next, in order, and when.",
        "replace": (
            "- [The steps below](#what-to-do-next) show what to do next, in order, "
            "and when.\n"
            "- Already have myeloma, kidney disease or dialysis? "
            "[Read the page for you](/learn/living-with-myeloma-or-kidney-disease/)."
        ),
    },
]
