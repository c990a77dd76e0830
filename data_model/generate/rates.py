"""Every rate the generator draws from, with its source: published figures, then our assumptions.

Published figures come from ``calibration.md`` (DfE, SafeLives, MAPPA annual reports). Where no
published figure was to hand the constant says *assumption* and gives its reasoning, so that a
better figure can replace it in one place. The deliberate imperfections at the end are design
choices: how often the synthetic borough gets something wrong, so that every gap rule has
something to find.
"""

from __future__ import annotations

# --- Child Protection Plans: DfE "Characteristics of children in need", year to 31 March 2025 ---
#: Children on a plan at 31 March, per 10,000 children (49,420 children; 42-43 per 10,000).
CP_CHILDREN_PER_10K = 42.5
#: Category of abuse at 31 March 2020, the last exact split.
CP_CATEGORY_SHARES = {
    "neglect": 0.505,
    "emotional": 0.357,
    "physical": 0.074,
    "sexual": 0.038,
    "multiple": 0.026,
}
#: Duration of plans that ended: (shortest months, longest months, share). "2 years or more" is
#: capped at three years (assumption: very few plans last longer).
CP_DURATION_BANDS = ((0.5, 3, 0.159), (3, 6, 0.110), (6, 12, 0.435), (12, 24, 0.252), (24, 36, 0.044))
#: First review conference within 3 months of the initial conference, then at most every 6 months.
CP_FIRST_REVIEW_DAYS = 91
CP_REVIEW_INTERVAL_DAYS = 182

# --- MARAC: SafeLives national dataset, 12 months to 30 September 2024 ---
#: Cases discussed per 10,000 adult women a year (119,985 cases at 276 MARACs).
MARAC_CASES_PER_10K_ADULT_WOMEN = 47.0
#: 148,270 children in the households of those cases: 1.24 children per case. The shares of
#: cases with 0, 1, 2, 3 and 4 children are our assumption, chosen to average 1.24.
MARAC_CHILDREN_PER_CASE_SHARES = (0.385, 0.225, 0.215, 0.12, 0.055)
#: Share of cases that are repeats (abuse within 12 months of the last referral).
MARAC_REPEAT_SHARE = 0.31
#: Share of victims who are male.
MARAC_MALE_VICTIM_SHARE = 0.064
#: Share of referrals from partner agencies rather than the police.
MARAC_PARTNER_REFERRAL_SHARE = 0.361
#: A meeting hears roughly 15-20 cases; the generator keeps meetings within this range when the
#: borough is big enough, meeting every four weeks, fortnightly, weekly or twice a week.
MARAC_CASES_PER_MEETING = (15, 30)
#: DASH: 14 or more "yes" answers of 24 is visible high risk.
DASH_HIGH_RISK = 14
#: Referral criteria of first-time cases (assumption: most are visible high risk).
MARAC_CRITERION_SHARES = {
    "visible_high_risk": 0.68,
    "professional_judgement": 0.18,
    "potential_escalation": 0.14,
}
#: Share of victims living with a partner whose perpetrator is that partner (assumption); the
#: other perpetrators are ex-partners living elsewhere.
MARAC_PERPETRATOR_AT_HOME_SHARE = 0.75

# --- MAPPA: MAPPA annual report, England and Wales, at 31 March 2023 ---
#: 91,040 MAPPA-eligible offenders for about 59.9 million people: 15.2 per 10,000.
MAPPA_PER_10K_PEOPLE = 15.2
#: Category 1 (registered sex offenders) 68,357 of 91,040; category 2 (violent) most of the
#: rest; categories 3 and 4 small (their exact split is our assumption).
MAPPA_CATEGORY_SHARES = {"1": 0.751, "2": 0.241, "3": 0.006, "4": 0.002}
#: Most are managed at level 1; levels 2 and 3 are a few percent (exact split: assumption).
MAPPA_LEVEL_SHARES = {"1": 0.96, "2": 0.035, "3": 0.005}
#: Share of the stock that leaves MAPPA in a year (assumption: licences and registrations end).
MAPPA_ENDED_PER_YEAR_SHARE = 0.2

# --- Concerns and domestic abuse incidents (assumptions from national orders of magnitude) ---
#: Significant-harm concerns about children a year per 10,000 children: about the rate of
#: section 47 enquiries (roughly 220,000 a year for 12 million children in England).
SIGNIFICANT_HARM_CONCERNS_PER_10K_CHILDREN = 180.0
#: Lower-level concerns (early help, consent-based sharing) a year per 10,000 children.
EARLY_HELP_CONCERNS_PER_10K_CHILDREN = 350.0
#: Police-recorded domestic-abuse incidents a year per 10,000 people (ONS: about 1.5 million
#: domestic-abuse-related incidents and crimes a year in England and Wales, ~25 per 1,000).
DA_INCIDENTS_PER_10K_PEOPLE = 250.0
#: Share of domestic-abuse victims who are female in police-recorded incidents (assumption).
DA_FEMALE_VICTIM_SHARE = 0.73
#: Adults known to adult social care in a year, per 10,000 adults (assumption).
ADULT_CARE_PER_10K_ADULTS = 150.0

# --- Households (assumption, shaped after ONS "Families and households in the UK") ---
HOUSEHOLD_TYPE_SHARES = {
    "single": 0.31,
    "couple": 0.275,
    "couple_children": 0.165,
    "lone_parent": 0.09,
    "couple_adult_children": 0.08,
    "three_generation": 0.025,
    "sharers": 0.055,
}
#: Shares of 1..5 dependent children in couple and lone-parent families (households hold at most six).
COUPLE_CHILDREN_SHARES = (0.42, 0.38, 0.15, 0.05, 0.0)
LONE_PARENT_CHILDREN_SHARES = (0.52, 0.32, 0.11, 0.04, 0.01)
#: Share of people recorded with no household (no fixed abode, or address unknown).
NO_HOUSEHOLD_SHARE = 0.03
#: Share of couples with children where the partner is a step-parent.
STEP_PARENT_SHARE = 0.18
#: Share of families with a grandparent, or an aunt or uncle, living elsewhere in the borough.
GRANDPARENT_ELSEWHERE_SHARE = 0.25
AUNT_OR_UNCLE_ELSEWHERE_SHARE = 0.08
#: Share of adults with a recorded associate (associates do not link people in the rules).
ASSOCIATE_SHARE = 0.01
#: Share of people with a recorded NHS number, and with an unknown date of birth.
NHS_NUMBER_SHARE = 0.9
UNKNOWN_BIRTH_DATE_SHARE = 0.008

# --- Deliberate imperfections (design choices: what the rules should find) ---
#: A significant-harm concern referred to First Response the next day (in time: a near miss),
#: two or more days later (late), or never.
REFERRAL_NEXT_DAY_SHARE = 0.20
REFERRAL_LATE_SHARE = 0.04
REFERRAL_MISSING_SHARE = 0.02
#: A consent decision 'not_sought' recorded without a reason.
CONSENT_NOT_SOUGHT_NO_REASON_SHARE = 0.08
#: Early-help sharing about a child with no consent decision recorded at all.
CONSENT_NOT_RECORDED_SHARE = 0.03
#: Early-help sharing that went ahead after consent was refused or withdrawn.
SHARED_AFTER_REFUSAL_SHARE = 0.25
#: Active CP plans whose child's views have not been recorded.
CHILD_VOICE_MISSING_SHARE = 0.06
#: Active CP plans whose review conference is overdue (missed, or never booked).
CP_REVIEW_MISSED_SHARE = 0.06
#: MARAC cases with children where children's social care is not part of or told of the case.
MARAC_CSC_NOT_TOLD_SHARE = 0.06
#: MAPPA cases with children linked to the subject where children's social care is not told.
MAPPA_CSC_NOT_TOLD_SHARE = 0.15
#: Agencies working with someone in a plan's network that were left out of it, per plan type.
AGENCY_LEFT_OUT_SHARE = {"CP_PLAN": 0.04, "MARAC": 0.07, "MAPPA": 0.12}
#: Sharing about an adult that names no adult-safeguarding purpose.
ADULT_SHARING_NO_PURPOSE_SHARE = 0.03
#: MARAC actions past due and not completed, on cases still open.
ACTION_OVERDUE_SHARE = 0.15
#: Repeat MARAC cases that the referrer did not flag as repeats.
MARAC_REPEAT_UNFLAGGED_SHARE = 0.12
#: Domestic-abuse victims at high risk (DASH 14+, or a third incident within a year) who were
#: not referred to MARAC.
HIGH_RISK_DASH_UNREFERRED_SHARE = 0.02
THREE_INCIDENTS_UNREFERRED_SHARE = 0.01

# --- Ages (assumption, shaped after ONS Census 2021 ages of people living alone or in couples) ---
#: (youngest, oldest, share) bands for adults living alone, and for couples without children.
SINGLE_AGE_BANDS = (
    (18, 25, 0.06), (25, 35, 0.10), (35, 50, 0.12), (50, 65, 0.22), (65, 80, 0.30), (80, 90, 0.15), (90, 100, 0.05),
)
COUPLE_AGE_BANDS = ((19, 25, 0.03), (25, 35, 0.14), (35, 50, 0.08), (50, 65, 0.30), (65, 80, 0.33), (80, 92, 0.12))
#: Mother's age when her eldest child was born: mean and spread (assumption after ONS births).
MOTHER_AGE_AT_FIRST_BIRTH = (28.5, 5.5)
