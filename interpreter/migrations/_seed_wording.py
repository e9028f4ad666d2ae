"""Default patient-facing words for every code the engine (interpreter/rules.py) emits.

Plain dicts, no imports: a data migration copies them into the database, where
editors own them from then on. The leading underscore keeps Django's migration
loader from treating this module as a migration.

Every text is checked by tests/interpreter/test_seed_wording.py: a code for each
engine code and no extra ones, and a Flesch-Kincaid grade of 8 or lower.
"""

LEVELS = {
    "within_range": {
        "label": "Not above range",
        "headline": "Your B2M result is not above the usual range",
        "summary": (
            "This result is not above the range. On its own, it does not call for extra "
            "tests. You can bring it up at your next routine visit."
        ),
    },
    "mildly_elevated": {
        "label": "A little above range",
        "headline": "Your B2M result is a little above the usual range",
        "summary": (
            "One small rise is not a diagnosis. The usual first step is to repeat your "
            "test in one to two weeks, to see if it stays up. There is no need to panic."
        ),
    },
    "elevated": {
        "label": "Above range",
        "headline": "Your B2M result is above the usual range",
        "summary": (
            "This is not an emergency, and the number alone does not tell you the cause. "
            "It is a good reason to follow up with your health care provider. "
            "They may suggest a few tests to find out why it is up."
        ),
    },
    "markedly_elevated": {
        "label": "Well above range",
        "headline": "Your B2M result is well above the usual range",
        "summary": (
            "Try not to worry, but do act on this result. Make an appointment with your "
            "health care provider soon to talk it over and plan the next tests. "
            "Finding the cause early gives you more choices."
        ),
    },
}

# Situations (rules.SITUATIONS) whose own words replace the level's summary, and,
# for those in rules.HEADLINE_SITUATIONS, its headline. Stored as "general" phrases
# named headline_<code> and summary_<code>.
SITUATIONS = {
    "acidic_urine": {
        "label": "Sample may read too low",
        "headline": "Your urine result may be too low to rely on",
        "summary": (
            "Your urine sample was acidic. B2M breaks down in acidic urine, so this "
            "result may be lower than your real level. The first step is a repeat test "
            "with a fresh sample."
        ),
    },
    "dialysis": {
        "summary": (
            "On dialysis, B2M in the blood is often high, and your dialysis team keeps "
            "track of it. Share this result with them. They can tell you what it means "
            "for your care."
        ),
    },
    "dialysis_in_range": {
        "label": "Check this result",
        "headline": "Your blood B2M result is low for someone on dialysis",
        "summary": (
            "On dialysis, B2M in the blood is usually well above the range, so a result "
            "like yours is unexpected. Ask your dialysis team to check the number and unit "
            "on your report, and if the blood was taken before or after a session. They "
            "can tell you what it means for your care."
        ),
    },
    "dialysis_urine": {
        "summary": (
            "You told us you are on dialysis. Your dialysis team follows your kidneys and "
            "your B2M, so share this result with them. They can tell you what it means for "
            "your care."
        ),
    },
    "blood_cancer": {
        "summary": (
            "Your blood cancer team uses B2M as one marker to follow your condition over "
            "time. The change from your earlier results often tells more than one result. "
            "Share this result with them and ask what it means for you."
        ),
    },
    "kidney_disease": {
        "summary": (
            "You told us you have kidney disease. This result is best read with your "
            "eGFR, which shows how well your kidneys filter. Your kidney team's plan comes "
            "first, so share this result with them."
        ),
    },
    "blood_cancer_urine": {
        "summary": (
            "You told us you have a blood cancer, so share this result with your blood "
            "cancer team. A urine B2M result is mostly about how your kidneys handle B2M. "
            "It is not the blood marker your team uses to follow your condition."
        ),
    },
    "back_in_range": {
        "headline": "Your B2M result is back in the usual range",
        "summary": (
            "This is a good sign. An earlier result of yours was clearly above the range, "
            "so it is still worth a talk with your provider about both results. Ask for "
            "that talk now, not at a routine visit."
        ),
    },
    "low_egfr": {
        "summary": (
            "Your B2M result is not above the range. But your eGFR is under 30, and that "
            "is a reason to see a kidney doctor on its own. Ask for that visit soon, rather "
            "than waiting for a routine one."
        ),
    },
    "low_egfr_raised": {
        "summary": (
            "Your B2M result is above the range, and your eGFR is under 30. When the "
            "kidneys filter this little, B2M builds up, so that may explain much of your "
            "result. An eGFR under 30 is a reason to see a kidney doctor on its own. Ask "
            "for that visit soon."
        ),
    },
    "low_egfr_urine": {
        "summary": (
            "Your urine B2M result is above the range, and your eGFR is under 30. An eGFR "
            "under 30 is a reason to see a kidney doctor on its own, whatever your B2M "
            "result. Ask for that visit soon, and take this urine result with you."
        ),
    },
    "short_term_first": {
        "summary": (
            "This is not an emergency. You told us about something that can raise B2M for "
            "a short time, so the usual first step is to repeat your test in one to two "
            "weeks. If it is still above the range, your provider may suggest a few tests "
            "to find out why."
        ),
    },
    "below_range": {
        "headline": "Your B2M result is below the usual range",
        "summary": (
            "A low B2M level is not a known cause for concern. It usually means there is "
            "no sign of the problems B2M is used to watch for. You can bring it up at your "
            "next routine visit."
        ),
    },
}

ACTIONS = {
    "repeat_fresh_sample": (
        "Ask for a repeat test with a fresh urine sample. Ask the lab how you should "
        "collect it so it is not acidic, and follow their steps."
    ),
    "see_kidney_specialist": (
        "See a kidney doctor (nephrologist), whatever your B2M result. An eGFR under 30 is "
        "a reason to see one on its own. If you do not see one yet, ask for a referral."
    ),
    "hematology_team": (
        "Share this result with your blood cancer team (hematology). Ask them to compare "
        "it with your earlier results."
    ),
    "hematology_team_urine": (
        "Share this result with your blood cancer team (hematology). Ask them what it "
        "means for your kidneys."
    ),
    "dialysis_team": (
        "Share this result with your dialysis team. Tell them if you have joint pain, "
        "stiff shoulders, or tingling or numbness in your hands."
    ),
    "kidney_team": (
        "Share this result with the team that looks after your kidneys. Follow their plan "
        "for any tests first."
    ),
    "kidney_team_specialist": (
        "Share this result with the team that looks after your kidneys, and follow their "
        "plan first. With an eGFR under 30, that team should include a kidney doctor "
        "(nephrologist). If it does not yet, ask for a referral."
    ),
    "discuss_earlier_result": (
        "Ask your health care provider to go over this result together with your earlier "
        "raised one. Ask for this talk now, rather than waiting for a routine visit."
    ),
    "repeat_test": ("Repeat your B2M test in one to two weeks, to see if the result stays up."),
    "repeat_test_blood": (
        "Repeat your blood B2M test in one to two weeks, to see if the result stays up."
    ),
    "repeat_test_urine": (
        "Repeat your urine B2M test in one to two weeks, to see if the result stays up."
    ),
    "tests_if_still_raised": (
        "If your repeat result is still above the range, ask about follow-up tests. "
        "They often start with blood and urine tests of your kidneys."
    ),
    "metabolic_panel_egfr": (
        "Ask about a metabolic panel. This blood test checks your kidney numbers, such as "
        "creatinine and eGFR. They show how well your kidneys filter your blood."
    ),
    "urine_tests": (
        "Ask about three urine tests. One is a urine test (urinalysis). One is the "
        "urine protein-to-creatinine ratio. One is a urine B2M test. Together they show "
        "how well the tiny tubes in your kidneys work."
    ),
    "more_urine_tests": (
        "Ask about two more urine tests. One is a urine test (urinalysis). The other is the "
        "urine protein-to-creatinine ratio. With your urine B2M result, they show how well "
        "the tiny tubes in your kidneys work."
    ),
    "kidney_imaging": (
        "Ask if you need a picture of your kidneys, such as an ultrasound or MRI. "
        "These scans do not hurt. They show the size and shape of your kidneys."
    ),
    "specialized_bloodwork": (
        "Ask about blood tests that look for less common causes of your result. For example, "
        "ceruloplasmin can check for Wilson's disease. Serum free light chains can "
        "check for plasma cell disorders."
    ),
    "specialist_referral": (
        "Ask if you should see a specialist. This could be a kidney doctor "
        "(nephrologist) or a blood doctor (hematologist)."
    ),
    "kidney_specialist_referral": (
        "Ask your blood cancer team if you should also see a kidney doctor "
        "(nephrologist). Your urine result is about your kidneys."
    ),
    "talk_to_provider": (
        "Go over this result with your health care provider. They can look at it "
        "along with your health history and your other test results."
    ),
}

QUESTIONS = {
    "q_cause": "What do you think is raising my B2M level?",
    "q_repeat_timing": (
        "When should I repeat the test? Is there anything I should do or avoid before it?"
    ),
    "q_which_tests": "Which follow-up tests do I need, and how soon should I have them?",
    "q_kidney_function": "How well are my kidneys filtering? Can you check my eGFR?",
    "q_specialist": "Should I see a kidney doctor or a blood doctor?",
    "q_kidney_specialist": "Should I also see a kidney doctor about this urine result?",
    "q_compare_earlier": "How does this result compare with my earlier ones?",
    "q_earlier_result": (
        "My earlier result was clearly raised. What do you think caused it, and do I need "
        "any more checks?"
    ),
    "q_exposures": (
        "Could something at home or at work, or a medicine I take, be affecting my kidneys?"
    ),
    "q_medicines": "Could any of my medicines be affecting my kidneys? Should any of them change?",
    "q_metal_testing": "Should I be tested for metals like lead, cadmium, or mercury?",
    "q_other_conditions": "Could another health problem I have be raising my B2M level?",
    "q_dialysis_target": "Is my B2M level where you want it to be with my dialysis?",
    "q_amyloid": "Could my B2M level be linked to joint pain or tingling in my hands?",
    "q_treatment_plan": "What does this B2M result mean for my care and my treatment plan?",
    "q_marker_change": (
        "How has my B2M changed since my last results, and what does that change mean for me?"
    ),
    "q_kidney_plan": "How does this result fit with my eGFR and my kidney care plan?",
    "q_routine": "Do I need this test again? If so, when?",
}

NOTES = {
    "acidic_urine": (
        "Your urine sample was acidic, with a pH below 6. B2M breaks down in acidic "
        "urine, so your result may be lower than your real level. A result from this "
        "sample cannot show that your level is fine."
    ),
    "back_in_range": (
        "Good news: an earlier result of yours was above the usual range, and this one "
        "is back in it."
    ),
    "below_range": (
        "Your blood B2M result is below the range. A low B2M level is not a known cause for "
        "concern (Mayo Clinic Laboratories). It does not rule out a health problem on its "
        "own, so your other results still count."
    ),
    "below_range_low_egfr": (
        "Your blood B2M result is below the range, but your eGFR is under 30. When the "
        "kidneys filter this little, B2M in the blood is usually high, so a low result is "
        "unexpected. It is worth checking the number and unit on your report with your "
        "care team."
    ),
    "persistent": (
        "This is not the first time your result has been above the range. When a level "
        "stays up, it is worth finding out why, even if you feel fine."
    ),
    "said_exercise": (
        "You said you did hard exercise in the day or two before the test. That alone "
        "can raise B2M for a short time."
    ),
    "said_dehydration": (
        "You said you were dehydrated around the time of the test. That alone can raise "
        "B2M for a short time."
    ),
    "said_fever": (
        "You said you had a fever or a short illness around the time of the test. That "
        "alone can raise B2M for a short time."
    ),
    "said_exercise_less_likely": (
        "You said you did hard exercise in the day or two before the test. That can raise "
        "B2M for a short time, but other things you told us may explain more of this result."
    ),
    "said_dehydration_less_likely": (
        "You said you were dehydrated around the time of the test. That can raise B2M for a "
        "short time, but other things you told us may explain more of this result."
    ),
    "said_fever_less_likely": (
        "You said you had a fever or a short illness around the time of the test. That can "
        "raise B2M for a short time, but other things you told us may explain more of this "
        "result."
    ),
    "said_exercise_not_enough": (
        "You said you did hard exercise in the day or two before the test. That can raise "
        "B2M a little for a short time, but it is not likely to explain this result on its "
        "own."
    ),
    "said_dehydration_not_enough": (
        "You said you were dehydrated around the time of the test. That can raise B2M a "
        "little for a short time, but it is not likely to explain this result on its own."
    ),
    "said_fever_not_enough": (
        "You said you had a fever or a short illness around the time of the test. That can "
        "raise B2M a little for a short time, but it is not likely to explain this result "
        "on its own."
    ),
    "said_exercise_in_range": (
        "You said you did hard exercise in the day or two before the test. That did not "
        "raise this result above the range."
    ),
    "said_dehydration_in_range": (
        "You said you were dehydrated around the time of the test. That did not raise this "
        "result above the range."
    ),
    "said_fever_in_range": (
        "You said you had a fever or a short illness around the time of the test. That did "
        "not raise this result above the range."
    ),
    "transient_causes": (
        "B2M can go up for a short time after hard exercise, when you have not had "
        "enough to drink, or when you are sick with a fever. When one of these is the "
        "cause, a repeat test often comes back in range."
    ),
    "no_symptoms": (
        "A raised B2M level by itself rarely causes symptoms. You may not feel any "
        "different, which is why a lab test is used to check it."
    ),
    "kidney_filtering": (
        "Your eGFR is below 60. This means your kidneys are filtering less than usual. "
        "When the kidneys filter less, B2M builds up in the blood, and that may explain "
        "much of your result."
    ),
    "kidney_filtering_partial": (
        "Your eGFR is below 60. This means your kidneys are filtering less than usual, so "
        "B2M builds up in the blood. That may explain some of your result, but not always "
        "a result this high. So other causes are worth checking too. Your provider can "
        "help sort this out."
    ),
    "kidney_filtering_blood_cancer": (
        "Your eGFR is below 60, so your kidneys are filtering less than usual. Both less "
        "filtering and a blood cancer can raise B2M in the blood. Your blood cancer team "
        "reads your B2M and your eGFR together, so share both with them."
    ),
    "non_kidney_causes": (
        "Your eGFR is 60 or higher. At that level, less kidney filtering is not likely to "
        "explain a raised blood B2M on its own. So other causes are worth checking. Your "
        "provider can help sort this out."
    ),
    "non_kidney_causes_if_still_raised": (
        "Your eGFR is 60 or higher. At that level, less kidney filtering is not likely to "
        "explain a raised blood B2M on its own. If your repeat test is still raised, other "
        "causes are worth checking. Your provider can help sort this out."
    ),
    "tubular": (
        "Your kidneys filter B2M out of the blood, and tiny tubes in them then take it "
        "back. So there is very little in healthy urine. A higher urine level can mean "
        "these tubes are not working as well as usual. Some medicines, metals such as "
        "lead, and a rare copper problem called Wilson's disease can do this."
    ),
    "tubular_known_kidney": (
        "Your kidneys filter B2M out of the blood, and tiny tubes in them then take it "
        "back. So there is very little in healthy urine. With kidney disease or on "
        "dialysis, these tubes often take back less, so a higher urine level is common. "
        "Your kidney or dialysis team can say what it means for you."
    ),
    "tubular_blood_cancer": (
        "Your kidneys filter B2M out of the blood, and tiny tubes in them then take it "
        "back. So there is very little in healthy urine. A higher urine level can mean "
        "these tubes are not working as well as usual. It can also rise when there is a "
        "lot of B2M in the blood, because more of it reaches the urine than the tubes can "
        "take back."
    ),
    "dialysis_expected": (
        "On dialysis, a high B2M level in the blood is expected. Over many years, B2M can "
        "build up and form deposits called dialysis-related amyloid. These can cause joint "
        "pain or carpal tunnel syndrome, with tingling in the hand. That is why your team "
        "watches it."
    ),
    "dialysis_in_range": (
        "On dialysis, the kidneys clear little B2M, so the level in your blood usually "
        "stays well above the range. Blood taken just after a session reads lower than "
        "blood taken before one, but it is still most often above the range. So your team "
        "may want to check this blood result."
    ),
    "blood_cancer_marker": (
        "When your team follows B2M over time, a falling level can mean your treatment "
        "is working. A rising level is worth asking about."
    ),
    "iss_marks": (
        "For myeloma, specialists use two B2M marks, 3.5 and 5.5 mg/L, as one part of a "
        "staging system when they plan care. They use it only once myeloma is known, along "
        "with other tests. Your team can say what it means for you."
    ),
    "known_kidney_disease": (
        "Because you have kidney disease, your B2M level may run higher than the usual "
        "range. Your eGFR shows how well your kidneys filter, so read the two together. "
        "The change over time often tells you more than one result."
    ),
    "known_kidney_disease_in_range": (
        "With kidney disease, B2M often runs higher than the usual range, though yours is "
        "not above it now. Your eGFR shows how well your kidneys filter, so read the two "
        "together. The change over time often tells you more than one result."
    ),
    "autoimmune_link": (
        "Autoimmune conditions, such as lupus, can raise B2M. They do this through your "
        "immune system, not only through your kidneys."
    ),
    "infection_link": (
        "Infections that last a long time can raise B2M. They do this through your immune "
        "system, not only through your kidneys. Examples are HIV and hepatitis B or C."
    ),
    "medicine_link": (
        "Some medicines can affect the kidneys and raise B2M. Do not stop any medicine "
        "on your own. Ask your provider first."
    ),
    "metal_link": (
        "Contact with metals such as lead, cadmium, or mercury can harm your kidneys and "
        "raise B2M. A test can check for this."
    ),
    "trend_rising": "Your level is higher than it was the last time it was checked.",
    "trend_falling": (
        "Your level is lower than it was the last time it was checked. That is a good sign."
    ),
    "trend_rising_overall": (
        "Your level is about the same as last time, but higher than at the earliest result "
        "you gave us."
    ),
    "trend_falling_overall": (
        "Your level is about the same as last time, but lower than at the earliest result "
        "you gave us."
    ),
    "trend_lower_than_last": (
        "Your level is lower than last time, but still higher than at the earliest result "
        "you gave us."
    ),
    "trend_higher_than_last": (
        "Your level is higher than last time, but still lower than at the earliest result "
        "you gave us."
    ),
    "egfr_estimated": (
        "We worked out your eGFR from your creatinine, age, and sex with a standard "
        "formula (CKD-EPI 2021). Your lab's number may be a little different."
    ),
    "egfr_recheck": (
        "Your eGFR is under 60, so your kidneys are filtering less than usual. One low "
        "result does not mean kidney disease. Doctors look for an eGFR that stays under 60 "
        "for 3 months or more. Ask your provider if yours should be checked again."
    ),
    # The finding beside the number line names the typical limit in the person's own
    # unit; these say what to do about it, without repeating the number.
    "typical_limit_serum": (
        "Labs use slightly different ranges. If your report prints a range beside your "
        "blood result, after \u201cref\u201d or \u201creference range\u201d, add it to "
        "your answers for a closer reading."
    ),
    "typical_limit_urine": (
        "Labs use slightly different ranges. If your report prints a range beside your "
        "urine result, after \u201cref\u201d or \u201creference range\u201d, add it to "
        "your answers for a closer reading."
    ),
    "typical_limit_both": (
        "Labs use slightly different ranges. If your report prints a range beside your "
        "blood or urine result, after \u201cref\u201d or \u201creference range\u201d, add "
        "it to your answers for a closer reading."
    ),
}
