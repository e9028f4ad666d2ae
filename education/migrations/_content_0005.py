"""Education content added by migration 0005 (issue 9, "Education content").

Plain data only, no imports. Adds: a "Key points" box at the top of every
topic; "Get help sooner" boxes with the warning signs of each cause group;
"what to do next, in order, with timing" on "Understanding your result" and
"Next steps"; and two new pages, one on getting ready for a repeat test and one
for people who already live with myeloma, kidney disease or dialysis.

Every fact comes from the source article or from a reference listed here, in
plain words, at a reading grade of 8 or lower (Flesch-Kincaid, textstat).
"""

# Each reference was checked against what the page itself says.
REFERENCES = [
    {
        # Follow the instructions; say if you could not; tell them about medicines,
        # vitamins and supplements; a minor change can have a big effect.
        "key": "medlineplus-prepare",
        "title": "How to Prepare for a Lab Test",
        "publisher": "MedlinePlus, U.S. National Library of Medicine",
        "url": "https://medlineplus.gov/lab-tests/how-to-prepare-for-a-lab-test/",
        "year": None,
    },
    {
        # Dialysis-related amyloidosis: B2M builds up in bones, joints and tendons;
        # pain, stiffness and fluid in the joints; carpal tunnel syndrome; risk rises
        # with time on dialysis and age at the start.
        "key": "niddk-amyloidosis",
        "title": "Amyloidosis & Kidney Disease",
        "publisher": "National Institute of Diabetes and Digestive and Kidney Diseases (NIDDK)",
        "url": "https://www.niddk.nih.gov/health-information/kidney-disease/amyloidosis",
        "year": None,
    },
    {
        # Numbness, tingling, weakness or pain in the hand and fingers.
        "key": "medlineplus-carpal-tunnel",
        "title": "Carpal Tunnel Syndrome",
        "publisher": "MedlinePlus, U.S. National Library of Medicine",
        "url": "https://medlineplus.gov/carpaltunnelsyndrome.html",
        "year": None,
    },
    {
        # Symptoms: being sick, diarrhoea, dehydration, peeing less than usual,
        # confusion, drowsiness.
        "key": "nhs-aki",
        "title": "Acute kidney injury",
        "publisher": "NHS (UK National Health Service)",
        "url": "https://www.nhs.uk/conditions/acute-kidney-injury/",
        "year": None,
    },
    {
        # Bone pain (back, hips, ribs), very tired for no reason, very thirsty and
        # peeing more, losing weight; emergency: sudden loss of feeling in the arms
        # or legs, sudden confusion, sudden loss of bladder or bowel control.
        "key": "nhs-myeloma",
        "title": "Myeloma",
        "publisher": "NHS (UK National Health Service)",
        "url": "https://www.nhs.uk/conditions/multiple-myeloma/",
        "year": None,
    },
    {
        # Painless swelling in the neck, armpit or groin; night sweats; weight loss;
        # infections; bleeding; see a GP if swollen glands do not go away after
        # 6 weeks; these are unlikely to be lymphoma, but best checked.
        "key": "nhs-nhl-symptoms",
        "title": "Non-Hodgkin lymphoma: symptoms",
        "publisher": "NHS (UK National Health Service)",
        "url": "https://www.nhs.uk/conditions/non-hodgkin-lymphoma/symptoms/",
        "year": None,
    },
    {
        # Urgent help if dizzy when standing, not peed all day, cannot keep fluids down.
        "key": "nhs-dehydration",
        "title": "Dehydration",
        "publisher": "NHS (UK National Health Service)",
        "url": "https://www.nhs.uk/conditions/dehydration/",
        "year": None,
    },
    {
        # Urgent help if a high temperature lasts 5 days or more, or with a weakened
        # immune system (for example during chemotherapy).
        "key": "nhs-fever",
        "title": "High temperature (fever) in adults",
        "publisher": "NHS (UK National Health Service)",
        "url": "https://www.nhs.uk/conditions/fever-in-adults/",
        "year": None,
    },
]

GLOSSARY = [
    {
        "slug": "dialysis",
        "term": "Dialysis",
        "definition": (
            "A treatment that does some of the work of the kidneys when they have failed. "
            "It filters waste and extra water out of the blood."
        ),
        "also_known_as": "hemodialysis, peritoneal dialysis",
    },
    {
        "slug": "amyloidosis",
        "term": "Dialysis-related amyloidosis",
        "definition": (
            "A condition in which a protein clumps together and builds up in the body. "
            "In people on [[dialysis]] for many years, the protein is [[B2M|b2m]]. "
            "It builds up in the joints, bones and tendons."
        ),
        "also_known_as": "amyloidosis, amyloid",
    },
    {
        "slug": "carpal-tunnel",
        "term": "Carpal tunnel syndrome",
        "definition": (
            "Pressure on a nerve in the wrist. "
            "It can cause numbness, tingling, weakness or pain in the hand and fingers."
        ),
        "also_known_as": "carpal tunnel",
    },
    {
        "slug": "staging",
        "term": "Staging",
        "definition": (
            "A way doctors sort a cancer into groups, called stages. "
            "The stage helps them plan care and judge how the illness may go."
        ),
        "also_known_as": "stage, International Staging System",
    },
]

_KIDNEY_HELP = (
    "These signs do not always mean a kidney problem. But they need a check soon. "
    "Contact your doctor or care team **the same day** if:\n\n"
    "- You are peeing much less than usual.\n"
    "- You have been sick (vomiting) or have diarrhea, and you are peeing less.\n"
    "- You feel confused or very drowsy.\n\n"
    "If your doctor's office is closed, use an urgent care or out-of-hours service. "
    "If you feel very unwell, call your local emergency number."
)

_ILLNESS_HELP = (
    "Contact your doctor or care team **the same day** if:\n\n"
    "- You have not peed all day.\n"
    "- You feel dizzy when you stand up, and it does not pass.\n"
    "- You are being sick and cannot keep fluids down.\n"
    "- You have a high temperature that has lasted 5 days or more.\n"
    "- You have a fever and a weak [[immune system|immune-system]], for example "
    "during cancer treatment. Call your care team **straight away**."
)

# Sections added to the topics seeded by 0002. Order numbers slot them between
# the seeded sections (10, 20, 30, ...). Key points always show first.
ADDED_SECTIONS = {
    "what-is-b2m": [
        {
            "slug": "key-points",
            "kind": "key_points",
            "order": 1,
            "title": "Key points",
            "body": (
                "- B2M is a small protein found on most cells in your body.\n"
                "- Your kidneys clear it from your blood. So a small amount in your blood "
                "is normal.\n"
                "- A test can measure it in your blood or your urine (pee).\n"
                "- A high level is a signal to look into with your doctor. "
                "It is not a diagnosis."
            ),
        },
    ],
    "kidneys-and-b2m": [
        {
            "slug": "key-points",
            "kind": "key_points",
            "order": 1,
            "title": "Key points",
            "body": (
                "- Your kidneys filter B2M out of your blood. Then they take almost all of "
                "it back and break it down.\n"
                "- A high blood level often means the kidneys are filtering more slowly.\n"
                "- A high urine level points to a problem in the small kidney tubes.\n"
                "- Your doctor reads B2M together with other kidney tests, such as your "
                "[[eGFR|egfr]]."
            ),
        },
        {
            "slug": "get-help-kidneys",
            "kind": "get_help",
            "order": 40,
            "title": "Get help sooner: kidney warning signs",
            "body": _KIDNEY_HELP,
        },
    ],
    "causes-of-high-b2m": [
        {
            "slug": "key-points",
            "kind": "key_points",
            "order": 1,
            "title": "Key points",
            "body": (
                "- Kidney problems are one main cause. This includes harm to the small "
                "kidney tubes.\n"
                "- Some blood cancers, such as myeloma, can raise B2M. But a high B2M does "
                "not mean you have cancer.\n"
                "- Autoimmune conditions, long-lasting infections and severe inflammation "
                "can raise it too.\n"
                "- Hard exercise, low fluids or a fever can raise it for a short time."
            ),
        },
        {
            "slug": "get-help-kidneys",
            "kind": "get_help",
            "order": 15,
            "title": "Get help sooner: kidney warning signs",
            "body": _KIDNEY_HELP,
        },
        {
            "slug": "get-help-blood",
            "kind": "get_help",
            "order": 25,
            "title": "Get help sooner: signs to get checked",
            "body": (
                "These signs have many causes. They are not likely to be cancer. "
                "But it is best to get them checked. "
                "Make an appointment with your doctor **soon** if you have:\n\n"
                "- Bone pain that does not go away, often in your back, hips or ribs.\n"
                "- Feeling very tired for no clear reason.\n"
                "- Losing weight without trying.\n"
                "- Heavy sweating at night.\n"
                "- Infections that keep coming back, or bruising or bleeding more easily "
                "than usual.\n"
                "- A painless swelling in your neck, armpit or groin that has not gone "
                "away after 6 weeks."
            ),
        },
        {
            "slug": "get-help-illness",
            "kind": "get_help",
            "order": 45,
            "title": "Get help sooner: low fluids, fever or illness",
            "body": (
                "A short rise in B2M is not a worry in itself. But low fluids and fever can "
                "make you unwell. " + _ILLNESS_HELP
            ),
        },
    ],
    "understanding-your-result": [
        {
            "slug": "key-points",
            "kind": "key_points",
            "order": 1,
            "title": "Key points",
            "body": (
                "- A raised B2M is a signal to follow up. It is not a diagnosis.\n"
                "- Some rises are short. They can settle after hard exercise, low fluids "
                "or a fever has passed.\n"
                "- A level that stays high, or is very high, needs follow-up with your "
                "doctor.\n"
                "- The steps below show what to do next, in order, and when."
            ),
        },
        {
            "slug": "what-to-do-next",
            "kind": "text",
            "order": 25,
            "title": "What to do next, step by step",
            "body": (
                "1. **This week:** contact the doctor or nurse who ordered the test. "
                "Ask when you can talk about the result.\n"
                "2. **Before you talk:** write down your questions. Note any hard exercise, "
                "low fluids or fever in the 2 days before the test. List all your medicines "
                "and supplements. "
                "[See questions you might ask](/learn/next-steps/#questions-to-ask).\n"
                "3. **When you talk:** ask if you need a repeat test or other tests. "
                "If a short rise is likely, your doctor may repeat the test in 1 to 2 weeks.\n"
                "4. **In the 1 to 2 days before a repeat test:** avoid hard exercise and "
                "drink as usual. "
                "[See how to get ready](/learn/getting-ready-for-a-repeat-test/#how-to-prepare).\n"
                "5. **When all the results are back:** go over them with your doctor. "
                "Agree on what comes next, and when.\n\n"
                "Do not wait for these steps if you notice warning signs. "
                "[See when to get help sooner](/learn/causes-of-high-b2m/#get-help-kidneys)."
            ),
        },
        {
            "slug": "what-to-bring",
            "kind": "text",
            "order": 27,
            "title": "Checklist: what to bring to your visit",
            "body": (
                "- Your lab report. It shows your result and the lab's range.\n"
                "- Any earlier B2M results, if you have them.\n"
                "- A list of your medicines, vitamins and supplements.\n"
                "- A note of any hard exercise, low fluids or illness before the test.\n"
                "- Your questions, written down."
            ),
        },
    ],
    "next-steps": [
        {
            "slug": "key-points",
            "kind": "key_points",
            "order": 1,
            "title": "Key points",
            "body": (
                "- Your doctor will choose follow-up tests that fit your health.\n"
                "- Follow the steps below, in order, and keep to the timing.\n"
                "- Write down your questions and bring them to your visit.\n"
                "- Get help sooner if you notice warning signs. Do not wait for a "
                "planned test."
            ),
        },
        {
            "slug": "your-next-steps",
            "kind": "text",
            "order": 5,
            "title": "Your next steps, in order",
            "body": (
                "1. **Within a week:** call your doctor's office. Ask for a time to talk "
                "about your result. If a kidney or blood doctor already looks after you, "
                "call their team instead.\n"
                "2. **Before that talk:** fill in the "
                "[checklist](/learn/understanding-your-result/#what-to-bring) and write "
                "down your questions.\n"
                "3. **At the talk:** agree on a plan with your doctor. It may be a repeat "
                "test, other tests, or both. Ask when each one will happen.\n"
                "4. **If a repeat test is planned:** it is often done 1 to 2 weeks later. "
                "For 1 to 2 days before it, avoid hard exercise and drink as usual. "
                "[See how to get ready](/learn/getting-ready-for-a-repeat-test/).\n"
                "5. **After each test:** ask when and how you will get the result. "
                "If you have not heard by then, call the office.\n"
                "6. **If your doctor refers you:** you may see a kidney doctor or a blood "
                "doctor. Take your results and your list of medicines with you.\n\n"
                "At any time, get help sooner if you notice warning signs. "
                "[See the signs](/learn/causes-of-high-b2m/#get-help-kidneys)."
            ),
        },
    ],
}

# Keep existing wording, but add what was missing for people on dialysis. Only
# applied while the seeded text is unchanged, so an editor's rewrite is kept.
BODY_UPDATES = [
    {
        "topic": "what-is-b2m",
        "section": "no-symptoms",
        "old": (
            "A high B2M level by itself almost never causes symptoms. "
            "You will not feel any different because the number is up.\n\n"
            "Think of it as a quiet signal. It does not mean something is wrong "
            "for sure. It means the number is worth a closer look with your doctor."
        ),
        "new": (
            "A high B2M level by itself almost never causes symptoms. "
            "Most people will not feel any different because the number is up.\n\n"
            "Think of it as a quiet signal. It does not mean something is wrong "
            "for sure. It means the number is worth a closer look with your doctor.\n\n"
            "There is one exception. In people who have been on [[dialysis]] for many "
            "years, B2M can build up in the joints and cause pain. "
            "[Read about B2M and dialysis](/learn/living-with-myeloma-or-kidney-disease/#dialysis)."
        ),
    },
]

# References to add to the topics seeded by 0002.
ADDED_REFERENCES = {
    "kidneys-and-b2m": ["nhs-aki"],
    "causes-of-high-b2m": [
        "nhs-aki",
        "nhs-myeloma",
        "nhs-nhl-symptoms",
        "nhs-dehydration",
        "nhs-fever",
    ],
    "understanding-your-result": ["medlineplus-prepare"],
    "next-steps": ["medlineplus-prepare"],
    "what-is-b2m": ["niddk-amyloidosis"],
}

TOPICS = [
    {
        "slug": "getting-ready-for-a-repeat-test",
        "title": "Getting ready for a repeat test",
        "summary": "How to get ready so that a repeat B2M test gives a fair result.",
        "order": 6,
        "references": ["medlineplus-prepare", "medlineplus-b2m", "nhs-dehydration", "nhs-fever"],
        "sections": [
            {
                "slug": "key-points",
                "kind": "key_points",
                "title": "Key points",
                "body": (
                    "- A repeat test helps show if a raised B2M was only short-lived.\n"
                    "- For 1 to 2 days before the test, avoid hard exercise.\n"
                    "- Drink as you normally do, unless your care team has told you to "
                    "limit fluids.\n"
                    "- Follow the lab's own instructions. They come first.\n"
                    "- Tell the lab and your doctor about all your medicines and supplements."
                ),
            },
            {
                "slug": "why-repeat",
                "title": "Why a repeat test can help",
                "body": (
                    "[[B2M|b2m]] can go up for a short time. This can happen after hard "
                    "exercise, when you are low on fluids, or when you are ill with a fever. "
                    "If one of these may explain your result, your doctor may repeat the "
                    "test in 1 to 2 weeks. Often the level is back to normal by then.\n\n"
                    "A second result also shows if the level stays high. A level that stays "
                    "high needs follow-up. Looking at the two results side by side helps "
                    "your doctor decide what to do next."
                ),
            },
            {
                "slug": "how-to-prepare",
                "title": "How to get ready, step by step",
                "body": (
                    "1. **When you book:** ask the lab or clinic if this test needs any "
                    "special steps. Follow the lab's own instructions. They come before "
                    "anything on this page.\n"
                    "2. **When you book:** tell them about every medicine, vitamin and "
                    "supplement you take. Do not stop a medicine unless your doctor tells "
                    "you to.\n"
                    "3. **For 1 to 2 days before:** avoid hard exercise, such as a long run, "
                    "a hard gym session or heavy lifting. Keep to light, everyday activity.\n"
                    "4. **For 1 to 2 days before:** drink as you normally do. Being low on "
                    "fluids can raise B2M. If your care team has told you to limit fluids, "
                    "keep to their advice.\n"
                    "5. **If you are ill with a fever:** call the lab or your doctor. Ask if "
                    "you should move the test until you are well.\n"
                    "6. **On the day:** tell the person who takes the sample if you could not "
                    "follow any step. Even a small change can affect a result."
                ),
            },
            {
                "slug": "urine-test",
                "title": "If it is a urine test",
                "body": (
                    "Some B2M tests use a urine (pee) sample instead of blood. "
                    "The lab will tell you how to collect it, such as when to collect it "
                    "and what container to use. Follow their steps closely. "
                    "If anything is not clear, ask them before the day of the test."
                ),
            },
            {
                "slug": "after-the-repeat",
                "title": "After the repeat test",
                "body": (
                    "Your doctor will look at both results together.\n\n"
                    "- **If the level is back in the range:** that is a good sign. "
                    "Still talk it through with your doctor, so you both agree on what, "
                    "if anything, comes next.\n"
                    "- **If the level is still high:** your doctor will plan the next tests. "
                    "[See the tests your doctor may order](/learn/next-steps/#follow-up-tests)."
                ),
            },
            {
                "slug": "get-help-before-the-test",
                "kind": "get_help",
                "title": "Get help sooner: do not wait for the repeat test",
                "body": "Do not wait for the repeat test if you feel unwell. " + _ILLNESS_HELP,
            },
        ],
    },
    {
        "slug": "living-with-myeloma-or-kidney-disease",
        "title": "If you already have myeloma, kidney disease or dialysis",
        "summary": (
            "What B2M means when a blood or kidney team already looks after you, "
            "and why dialysis teams watch it."
        ),
        "order": 7,
        "references": [
            "medlineplus-b2m",
            "greipp-2005",
            "argyropoulos-2017",
            "kdigo-2024",
            "niddk-amyloidosis",
            "medlineplus-carpal-tunnel",
            "nhs-myeloma",
            "nhs-fever",
            "nhs-aki",
        ],
        "sections": [
            {
                "slug": "key-points",
                "kind": "key_points",
                "title": "Key points",
                "body": (
                    "- If you already know your diagnosis, B2M is a number your care team "
                    "follows over time.\n"
                    "- With myeloma or another blood cancer, your team may use B2M to judge "
                    "how the illness may go and if treatment is working.\n"
                    "- With kidney disease, B2M rises as the kidneys filter more slowly. "
                    "Your kidney team's plan comes first.\n"
                    "- On dialysis, a high B2M is expected. Over many years it can build up "
                    "in the joints. Tell your team about joint pain or tingling hands.\n"
                    "- Your own team knows your full story. Ask them what your result "
                    "means for you."
                ),
            },
            {
                "slug": "blood-cancer",
                "title": "If you have myeloma or another blood cancer",
                "body": (
                    "If you have [[multiple myeloma|myeloma]], [[CLL|cll]] or "
                    "[[lymphoma]], your blood doctor, or [[hematologist]], may check your "
                    "B2M from time to time. It is a [[marker|biomarker]] that the team "
                    "follows over time. It is not used on its own to find out what is "
                    "wrong.\n\n"
                    "Your team may use it to:\n\n"
                    "- Judge how the illness may go. For myeloma, B2M is part of a "
                    "[[staging]] system that specialists use. It is read along with a blood "
                    "protein called albumin.\n"
                    "- See if treatment is working.\n\n"
                    "The pattern over time matters more than one result. Compare your result "
                    "with your earlier ones, from the same lab if you can. A fall over time "
                    "can mean that treatment is working. A rise is worth asking your team "
                    "about.\n\n"
                    "B2M also rises when the kidneys filter more slowly. So your team reads "
                    "it alongside your kidney tests. They will say if you need any other "
                    "tests."
                ),
            },
            {
                "slug": "get-help-blood-cancer",
                "kind": "get_help",
                "title": "Get help sooner: signs to tell your blood team about",
                "body": (
                    "Your team may have given you a number to call. Use it. "
                    "Contact them **the same day** if you have:\n\n"
                    "- A high temperature while you are having treatment.\n"
                    "- New or worse bone pain, for example in your back, hips or ribs.\n"
                    "- Great thirst, and you need to pee more often than usual.\n\n"
                    "Call your local emergency number if you suddenly:\n\n"
                    "- Lose feeling in your arms or legs, or cannot walk or stand.\n"
                    "- Feel confused.\n"
                    "- Cannot control when you pee or poo."
                ),
            },
            {
                "slug": "kidney-disease",
                "title": "If you have kidney disease",
                "body": (
                    "If you have [[chronic kidney disease|ckd]], a high B2M in your blood "
                    "is not a surprise. Healthy kidneys clear B2M. When they filter more "
                    "slowly, B2M builds up in the blood.\n\n"
                    "Your kidney team reads B2M together with your [[eGFR|egfr]] and your "
                    "other kidney tests. Your eGFR shows how well your kidneys filter. "
                    "Keep to the plan your kidney team has made for you. That plan comes "
                    "first.\n\n"
                    "If your eGFR is under 30, guidelines say a kidney doctor, or "
                    "[[nephrologist]], should help care for you. If you do not see one yet, "
                    "ask your doctor about it."
                ),
            },
            {
                "slug": "get-help-kidney-disease",
                "kind": "get_help",
                "title": "Get help sooner: kidney warning signs",
                "body": _KIDNEY_HELP,
            },
            {
                "slug": "dialysis",
                "title": "If you are on dialysis",
                "body": (
                    "If you are on [[dialysis]], your B2M level will be high. This is "
                    "expected. Dialysis does not remove B2M as well as healthy kidneys do. "
                    "So it builds up in the blood.\n\n"
                    "Over many years, B2M can clump together and collect in the joints, "
                    "bones and tendons. This is called "
                    "[[dialysis-related amyloidosis|amyloidosis]]. It can cause:\n\n"
                    "- Pain, stiffness or fluid in the joints.\n"
                    "- Numbness, tingling or weakness in the hands and fingers. This is "
                    "called [[carpal tunnel syndrome|carpal-tunnel]].\n\n"
                    "The risk goes up the longer you have been on dialysis, and the older "
                    "you were when you started. This is why dialysis teams keep an eye on "
                    "B2M. So for you, unlike for most people, a high B2M can matter for how "
                    "you feel."
                ),
            },
            {
                "slug": "get-help-dialysis",
                "kind": "get_help",
                "title": "Get help sooner: tell your dialysis team",
                "body": (
                    "Tell your dialysis team at your next session if you have any of these. "
                    "If it is bad, tell them sooner.\n\n"
                    "- New pain, stiffness or swelling in your joints.\n"
                    "- Numbness, tingling or weakness in your hands or fingers.\n\n"
                    "For anything else, follow the plan your dialysis unit gave you. "
                    "It says when to call them."
                ),
            },
            {
                "slug": "questions-for-your-team",
                "title": "Questions for your care team",
                "body": (
                    "- How does this result compare with my earlier ones?\n"
                    "- Is the change big enough to matter?\n"
                    "- Could my kidneys be raising the level?\n"
                    "- When will you check it again?\n"
                    "- Is there anything I should do before the next test?"
                ),
            },
        ],
    },
]
