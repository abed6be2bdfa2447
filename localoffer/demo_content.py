"""The words of the demo site: a fictional local authority, Northbrook Council.

Plain English, realistic detail, no real people. Each information page names the statutory topics
(GUIDE.md section 3) it covers, so the demo site covers all of them."""

LA_SETTINGS = {
    "la_name": "Northbrook Council",
    "local_offer_name": "Northbrook SEND Local Offer",
    "brand_colour": "#00594f",
    "phone": "01632 960 400",
    "email": "localoffer@northbrook.example",
    "address": "SEND Local Offer Team\nNorthbrook Council\nCivic Centre, Market Street\nNorthbrook NB1 1AA",
    "opening_hours": "Monday to Friday, 9am to 5pm",
    "sendiass_name": "Northbrook SENDIASS",
    "sendiass_phone": "01632 960 555",
    "sendiass_email": "advice@northbrook-sendiass.example",
    "sendiass_website": "https://northbrook-sendiass.example",
    "parent_carer_forum_name": "Northbrook Parent Carer Forum",
    "parent_carer_forum_email": "hello@northbrook-pcf.example",
    "parent_carer_forum_website": "https://northbrook-pcf.example",
    "cant_get_online": "<p>Phone us on 01632 960 400 and we will talk you through it or post it to you. "
    "Every Northbrook library has free computers and staff who can help.</p>",
}

HOME = {
    "title": "Support for children and young people with SEND in Northbrook",
    "intro": "<p>Find services, schools and support for children and young people aged 0 to 25 with special "
    "educational needs and disabilities (SEND), and learn how to get help.</p>",
}

# (slug, description) of the information pages the home page lists under "Key information".
KEY_INFORMATION = [
    ("ehc-needs-assessment", "How to ask for an assessment, and what happens next"),
]

INFORMATION_PAGES = [
    {
        "slug": "ehc-needs-assessment",
        "title": "Asking for an EHC needs assessment",
        "summary": "How to ask the council to assess whether your child needs an education, health and care plan.",
        "topics": [4, 13],
        "body": [
            (
                "text",
                "<h2>What an EHC needs assessment is</h2><p>An education, health and care (EHC) needs "
                "assessment is how we find out whether your child needs more help than their school or nursery can "
                "give through SEN Support.</p>",
            ),
        ],
    },
]
