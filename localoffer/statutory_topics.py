"""The topics a Local Offer must cover: GUIDE.md section 3 (SEND Regulations 2014 Schedule 2, Code of Practice ch. 4).

One source for the data migration that seeds them and for the demo content that covers them."""

STATUTORY_TOPICS = [
    (
        1,
        "Special educational and training provision in the area",
        "By early years providers, maintained schools and their units, academies and their units, non-maintained "
        "special schools, post-16 institutions, s41 institutions, pupil referral units and providers the LA commissions.",
    ),
    (
        2,
        "Provision outside the area",
        "Provision outside the area that children and young people from the area are likely to use.",
    ),
    (
        3,
        "What each provider offers",
        "Approach to teaching, adapting curriculum and environment, extra learning support, reviewing progress with "
        "families, evaluating provision, access to facilities, activities, wellbeing support and staff expertise.",
    ),
    (
        4,
        "Identifying and assessing SEN, EHC needs assessments and personal budgets",
        "How special educational needs are identified and assessed, how to request an EHC needs assessment, and "
        "personal budgets.",
    ),
    (
        5,
        "Health provision",
        "Health provision additional to or different from universal services: therapies, mental health, equipment, "
        "nursing, continence and palliative care.",
    ),
    (
        6,
        "Social care provision",
        "Short breaks, Children Act section 17 services, moving to adult services, independent living support and Care "
        "Act information and advice.",
    ),
    (
        7,
        "Preparing for adulthood",
        "Supported internships, apprenticeships, traineeships, housing and independent living.",
    ),
    (
        8,
        "Travel and transport",
        "Travel and transport arrangements, including the current post-16 transport policy statement.",
    ),
    (9, "Moving between phases of education", "Support when moving between phases of education."),
    (10, "Childcare and leisure activities", "Childcare, and leisure activities."),
    (
        11,
        "Information, advice and support",
        "Sources of information, advice and support: SENDIASS, the parent carer forum and support groups.",
    ),
    (12, "Accessibility strategy", "The LA's accessibility strategy (Equality Act 2010 Schedule 10)."),
    (13, "Eligibility criteria", "Criteria to be met before any provision is given."),
    (
        14,
        "Disagreements, mediation, appeals and complaints",
        "Disagreement resolution, mediation, appeals to the tribunal, and how to complain.",
    ),
    (
        15,
        "Information for people without internet access",
        "How people without internet access can get the information in the Local Offer.",
    ),
    (
        16,
        "Comments and the LA's response",
        "Comments received about the Local Offer and the LA's response, published at least once a year.",
    ),
]
