"""An "at a glance" table on "Understanding your result", added by migration 0007.

Plain data only. A simple two-column table is the page's first visual aid
(PEMAT-P items 15 to 19). Facts from the source article: high serum B2M often
signals a lower GFR; it can also come from blood cancers, autoimmune conditions,
chronic infections and severe inflammation; high urinary B2M points to the
proximal tubule; short rises after strenuous exercise, dehydration or fever
often settle, and a repeat in 1 to 2 weeks often shows this.
"""

SECTIONS = {
    "understanding-your-result": [
        {
            "slug": "at-a-glance",
            "kind": "text",
            "order": 15,
            "title": "At a glance: what a high result may point to",
            "body": (
                "| Which result is high | What it may point to |\n"
                "|---|---|\n"
                "| Blood (serum) B2M | Often, the kidneys are filtering more slowly. "
                "It can also come from some blood cancers, autoimmune conditions, "
                "long-lasting infections or severe inflammation. |\n"
                "| Urine B2M | The small kidney tubes may not be taking B2M back as "
                "they should. |\n"
                "| Either one, after hard exercise, low fluids or a fever | A short rise "
                "that often settles. A repeat test in 1 to 2 weeks can show this. |\n\n"
                "This table is a guide, not a diagnosis. Your doctor will look at your "
                "whole health."
            ),
        },
    ],
}
