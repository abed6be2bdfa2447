"""The words of the demo site: a fictional local authority, Northbrook Council.

Plain English, realistic detail, no real people. Each information page names the statutory topics
(GUIDE.md section 3) it covers, so the demo site covers all of them. Phone numbers are in Ofcom's drama
range (01632 960xxx) and web addresses use example domains, so nothing here reaches a real person."""

from datetime import date

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
    "educational needs and disabilities (SEND). Find out how to get help, what you can expect and who to talk to "
    "if things go wrong.</p>",
}

# (slug, description) of the information pages the home page lists under "Key information".
KEY_INFORMATION = [
    ("ehc-needs-assessment", "How to ask for an assessment, how long it takes and what happens next"),
    ("sen-support-in-schools-and-settings", "The help your child's nursery, school or college should give"),
    ("information-advice-and-support", "Free, impartial advice and people who have been there too"),
    ("disagreements-and-complaints", "What to do if you disagree with a decision or want to complain"),
    ("travel-and-transport", "Help getting to school or college, and how to apply"),
    ("preparing-for-adulthood", "Work, college, money, housing and health from Year 9 to age 25"),
]


# The home page's "Browse" groups: (heading, [information page slugs]). Links show each page's title. The loader
# only fills them while the home page has none, so editors (and other apps' demo loaders) may change them.
BROWSE_SECTIONS = [
    (
        "School and learning",
        [
            "sen-support-in-schools-and-settings",
            "ehc-needs-assessment",
            "schools-and-colleges",
            "moving-between-schools",
            "provision-outside-northbrook",
            "travel-and-transport",
        ],
    ),
    (
        "Health, care and everyday life",
        [
            "health-services",
            "social-care-and-short-breaks",
            "personal-budgets",
            "childcare",
            "leisure-and-activities",
            "preparing-for-adulthood",
        ],
    ),
    (
        "Help and your rights",
        [
            "information-advice-and-support",
            "disagreements-and-complaints",
            "eligibility-criteria",
            "cant-get-online",
            "accessibility-strategy",
            "local-offer-feedback",
        ],
    ),
]


# Small builders for the (block type, value) pairs of InformationStreamBlock (localoffer/blocks.py).
def text(*html):
    return ("text", "".join(html))


def callout(heading, html, style="information"):
    return ("callout", {"heading": heading, "text": html, "style": style})


def details(summary, *html):
    return ("details", {"summary": summary, "content": "".join(html)})


def contact(name, description="", phone="", email="", website="", address="", opening_hours=""):
    return (
        "contact",
        {
            "name": name,
            "description": description,
            "phone": phone,
            "email": email,
            "website": website,
            "address": address,
            "opening_hours": opening_hours,
        },
    )


OFFICE_HOURS = "Monday to Friday, 9am to 5pm"

SENDIASS = contact(
    LA_SETTINGS["sendiass_name"],
    "Free, confidential and impartial information, advice and support about SEND for parents, children and "
    "young people up to 25. SENDIASS is run at arm's length from the council.",
    phone=LA_SETTINGS["sendiass_phone"],
    email=LA_SETTINGS["sendiass_email"],
    website=LA_SETTINGS["sendiass_website"],
    opening_hours="Monday to Friday, 9:30am to 4:30pm. Leave a message at other times and we will call you back.",
)

SEN_TEAM = contact(
    "SEN Assessment Team",
    "For EHC needs assessments, EHC plans, annual reviews and personal budgets for education.",
    phone="01632 960 410",
    email="sen.team@northbrook.example",
    address="SEN Assessment Team\nNorthbrook Council\nCivic Centre, Market Street\nNorthbrook NB1 1AA",
    opening_hours=OFFICE_HOURS,
)

DISABLED_CHILDREN_TEAM = contact(
    "Children with Disabilities Team",
    "Social workers for disabled children and their families, including short breaks.",
    phone="01632 960 450",
    email="cwd.team@northbrook.example",
    opening_hours=OFFICE_HOURS,
)

INFORMATION_PAGES = [
    {
        "slug": "ehc-needs-assessment",
        "title": "Asking for an EHC needs assessment",
        "summary": "How to ask the council to assess whether your child needs an education, health and care plan, "
        "how long each step takes and what you can do if we say no.",
        "topics": [4, 13],
        "last_reviewed": date(2026, 10, 12),
        "body": [
            text(
                "<h2>What an EHC needs assessment is</h2>",
                "<p>An education, health and care (EHC) needs assessment is how we find out whether your child "
                "needs more help than their nursery, school or college can give through SEN Support. SEN Support is "
                "the extra help every setting gives from its own budget.</p>",
                "<p>If the assessment shows your child needs more, we write an EHC plan. This is a legal document. "
                "It describes your child's needs, the help they must get and the outcomes it should lead to. The "
                "council must make sure the education help in the plan is given.</p>",
                "<h2>Who can ask for an assessment</h2>",
                "<ul>",
                "<li>a parent or carer of a child aged 0 to 16</li>",
                "<li>a young person aged 16 to 25, for themselves</li>",
                "<li>the child's nursery, school or college, after talking to you</li>",
                "<li>a doctor, health visitor or other professional can tell us about a child who may need one</li>",
                "</ul>",
                "<p>You do not need a diagnosis, and you do not have to wait for the school to ask. You do not have "
                "to show that your child has had SEN Support for a set time.</p>",
                "<h2>How to ask</h2>",
                "<p>Email or write to the SEN Assessment Team. There is no special form. Tell us:</p>",
                "<ul>",
                "<li>your child's name, date of birth and address</li>",
                "<li>where they go to nursery, school or college, if anywhere</li>",
                "<li>what their difficulties are and how they affect them each day</li>",
                "<li>what help they have had so far and what difference it made</li>",
                "</ul>",
                "<p>Send copies of any reports you have, such as from a speech and language therapist or "
                "paediatrician. If you find writing hard, phone us and we will write it down with you, or ask "
                "Northbrook SENDIASS to help.</p>",
            ),
            callout(
                "How long it takes",
                "<ul><li>We tell you within <b>6 weeks</b> whether we will carry out the assessment.</li>"
                "<li>The whole process, from your request to a final EHC plan, must take no more than "
                "<b>20 weeks</b>.</li>"
                "<li>If we decide not to write a plan, we tell you by <b>16 weeks</b> at the latest.</li></ul>",
            ),
            text(
                "<h2>What happens next</h2>",
                "<ol>",
                "<li><b>Weeks 1 to 6: we decide whether to assess.</b> We ask you and the school what they know. "
                "We assess if your child has or may have special educational needs and may need help through an "
                "EHC plan. This is the legal test. It is a low bar on purpose.</li>",
                "<li><b>Weeks 6 to 12: we gather advice.</b> We ask for advice from you, your child, the school, "
                "an educational psychologist, health services and social care. Each has 6 weeks to reply. We "
                "want to hear what matters to your child, in their own words or pictures if that helps.</li>",
                "<li><b>By week 16: we decide whether to write a plan.</b> If we will, we send you a draft plan.</li>",
                "<li><b>You have 15 days to comment on the draft</b> and to tell us which school or college you "
                "would like us to name. You can ask for a meeting with us.</li>",
                "<li><b>By week 20: we send the final plan.</b> It names the school or college and is reviewed at "
                "least once a year at an annual review.</li>",
                "</ol>",
            ),
            details(
                "What if we decide not to assess, or not to write a plan?",
                "<p>We write to you to explain why, and tell you what support we expect the school to give. You "
                "can ask to meet us to talk about it. You also have the right to appeal to the SEND Tribunal, an "
                "independent court. "
                "Before you appeal you must talk to a mediation adviser. ",
                '<a href="/disagreements-and-complaints/">Read about disagreements, mediation and appeals</a>.</p>',
            ),
            details(
                "Can I ask for a personal budget?",
                "<p>Yes. When we send you a draft EHC plan, or at an annual review, you can ask for a personal "
                'budget for some of the help in the plan. <a href="/personal-budgets/">Read about personal '
                "budgets</a>.</p>",
            ),
            details(
                "What happens at an annual review?",
                "<p>The school or college holds a meeting at least every 12 months. Children under 5 should have "
                "a review every 3 to 6 months. You, your child and the professionals who work with them look at "
                "progress towards the outcomes in the plan. Within 4 weeks of the meeting we tell you whether we "
                "will keep the plan as it is, change it or end it.</p>",
                "<p>From Year 9, every review also looks at preparing for adulthood: work, where to live, friends "
                "and health.</p>",
            ),
            text("<h2>Contact us</h2>"),
            SEN_TEAM,
            SENDIASS,
        ],
    },
    {
        "slug": "sen-support-in-schools-and-settings",
        "title": "SEN Support in nurseries, schools and colleges",
        "summary": "How nurseries, schools and colleges notice when a child needs extra help, and the support they "
        "must give without an EHC plan.",
        "topics": [4, 3],
        "last_reviewed": date(2026, 10, 12),
        "body": [
            text(
                "<h2>If you are worried about your child</h2>",
                "<p>Talk to your child's teacher or key person first. Every nursery, school and college has a "
                "special educational needs co-ordinator (SENCO). The SENCO makes sure children with special "
                "educational needs (SEN) get the right help. Ask for a meeting with them. You know your child best, "
                "and they must listen to you.</p>",
                "<p>If your child is not yet at nursery or school, talk to your health visitor or GP.</p>",
                "<h2>What SEN Support is</h2>",
                "<p>SEN Support is the extra help a nursery, school or college gives a child or young person with "
                "SEN from its own budget. Most children with SEN get the help they need this way. They do not need "
                "an education, health and care (EHC) plan.</p>",
                "<p>SEN Support might be:</p>",
                "<ul>",
                "<li>teaching in a small group, or one to one for part of the day</li>",
                "<li>changes to how lessons are taught, such as visual timetables or extra time</li>",
                "<li>equipment, such as a writing slope or a laptop</li>",
                "<li>a quiet space and a trusted adult to go to</li>",
                "<li>advice from specialists, such as a speech and language therapist or an educational "
                "psychologist</li>",
                "</ul>",
                "<h2>How it works: assess, plan, do, review</h2>",
                "<p>Schools follow a cycle called the graduated approach.</p>",
                "<ol>",
                "<li><b>Assess:</b> the teacher and SENCO find out what your child finds hard and why. They talk "
                "to you and your child.</li>",
                "<li><b>Plan:</b> together you agree the help your child will get, what it should achieve and when "
                "you will look at it again.</li>",
                "<li><b>Do:</b> the school gives the help. The class teacher stays responsible for your child's "
                "progress.</li>",
                "<li><b>Review:</b> you meet to see what worked. You should meet at least 3 times a year. The plan "
                "changes if it is not working.</li>",
                "</ol>",
                "<p>If your child still is not making progress after the school has tried this, you or the school "
                'can <a href="/ehc-needs-assessment/">ask us for an EHC needs assessment</a>.</p>',
            ),
            details(
                "What are the four areas of need?",
                "<p>The SEND Code of Practice, the government's guidance for everyone who works with children with "
                "SEND, groups needs into four broad areas. Many children have needs in more "
                "than one.</p>",
                "<ul>",
                "<li>communication and interaction, such as speech and language difficulties or autism</li>",
                "<li>cognition and learning, such as dyslexia or learning difficulties</li>",
                "<li>social, emotional and mental health, such as anxiety or ADHD</li>",
                "<li>sensory and physical, such as hearing or sight loss or a physical disability</li>",
                "</ul>",
            ),
            details(
                "What each school must tell you about its SEN provision",
                "<p>Every school publishes a SEN information report on its own website each year. It says how the "
                "school supports children with SEN. ",
                '<a href="/schools-and-colleges/">Read what the report must include</a>.</p>',
            ),
            text(
                "<h2>Help for schools from the council</h2>",
                "<p>Our Inclusion Support Service gives schools and nurseries advice and training. It includes "
                "specialist teachers for autism, hearing and vision, and educational psychologists. Schools ask "
                "for this help. You can ask your child's SENCO whether they have.</p>",
            ),
            contact(
                "Inclusion Support Service",
                "Advice for nurseries, schools and colleges. Parents can phone for general advice.",
                phone="01632 960 420",
                email="inclusion@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
            SENDIASS,
        ],
    },
    {
        "slug": "personal-budgets",
        "title": "Personal budgets and direct payments",
        "summary": "A personal budget is an amount of money to pay for some of the support in an EHC plan, so you "
        "have more say in how it is given.",
        "topics": [4, 6, 13],
        "last_reviewed": date(2026, 9, 21),
        "body": [
            text(
                "<h2>What a personal budget is</h2>",
                "<p>A personal budget is the money we expect it to cost to give some of the support in your child's "
                "education, health and care (EHC) plan. Having one gives you, or your young person, more say in how "
                "that support is arranged.</p>",
                "<p>You can ask for a personal budget when we send you a draft EHC plan, or at an annual review. "
                "A young person aged 16 or over can ask for one themselves.</p>",
                "<h2>How you can receive it</h2>",
                "<ul>",
                "<li><b>A direct payment:</b> we pay money into a bank account and you buy the support yourself. "
                "You must keep records of what you spend.</li>",
                "<li><b>An arrangement:</b> the council, school or college holds the money and arranges the support "
                "you have agreed. This is sometimes called a notional budget.</li>",
                "<li><b>A third party:</b> another organisation holds and manages the money for you.</li>",
                "<li>any mix of these</li>",
                "</ul>",
                "<h2>What it can pay for</h2>",
                "<p>Examples include a personal assistant to help your child take part in activities, specialist "
                "tuition outside school, or equipment. It must pay for support named in the plan and help towards "
                "the outcomes in it.</p>",
                "<p>If a direct payment would pay for support given in school or college, the head teacher or "
                "principal must agree. We can say no if a personal budget would cost more overall or would affect "
                "support for other children.</p>",
            ),
            details(
                "Personal budgets for social care and health",
                "<p>If your child gets social care support, such as short breaks, you can have this as a direct "
                "payment too. Ask the Children with Disabilities Team.</p>",
                "<p>If your child has continuing care needs, the NHS can give you a personal health budget. Ask "
                "your child's health team or the designated clinical officer on our "
                '<a href="/health-services/">health services page</a>.</p>',
            ),
            details(
                "Help to manage a direct payment",
                "<p>Our Direct Payments Support Service can help you recruit and pay a personal assistant, set up "
                "payroll and keep records. It is free.</p>",
            ),
            text("<h2>Contact us</h2>"),
            SEN_TEAM,
            contact(
                "Direct Payments Support Service",
                "Free help to use and manage a direct payment.",
                phone="01632 960 430",
                email="directpayments@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
        ],
    },
    {
        "slug": "health-services",
        "title": "Health services for children and young people with SEND",
        "summary": "Therapies, mental health support, equipment, community nursing, continence and palliative care "
        "for children and young people with SEND, and how to be referred.",
        "topics": [5, 13],
        "last_reviewed": date(2026, 10, 5),
        "body": [
            text(
                "<h2>Start with your GP, health visitor or school nurse</h2>",
                "<p>Everyone can use universal health services, such as GPs, health visitors and school nurses. "
                "They can refer your child to the specialist services on this page. Some services also take "
                "referrals from schools or from you directly. Each service below says who can refer.</p>",
                "<h2>Therapies</h2>",
                "<ul>",
                "<li><b>Speech and language therapy</b> for children who find it hard to talk, understand, eat or "
                "swallow. Parents can refer children under 5 directly.</li>",
                "<li><b>Occupational therapy</b> for children who find everyday tasks hard, such as dressing, "
                "writing or using the toilet.</li>",
                "<li><b>Physiotherapy</b> for children with difficulties with movement, balance or posture.</li>",
                "</ul>",
                "<p>All three are run by the Northbrook Children's Therapy Service. We aim to see children within "
                "18 weeks of referral, sooner if the need is urgent.</p>",
                "<h2>Mental health</h2>",
                "<p>Northbrook Healthy Minds is the children and young people's mental health service (sometimes "
                "called CAMHS). It helps with anxiety, low mood, self-harm, eating difficulties and more. "
                "Young people aged 11 to 18 can refer themselves. Mental health support teams also work in many "
                "schools; ask the school.</p>",
                "<p>An assessment for autism or ADHD starts with a referral from your GP or your child's school. "
                "Waiting times are long. Your child can get support at school while they wait; they do not need a "
                "diagnosis first.</p>",
            ),
            callout(
                "If your child is in crisis",
                "<p>If your child is in danger now, call 999. For urgent mental health help, call NHS 111 and "
                "choose the mental health option, at any time of day or night.</p>",
                style="important",
            ),
            text(
                "<h2>Equipment, nursing and continence</h2>",
                "<ul>",
                "<li><b>Equipment</b> such as specialist seating, bathing aids and hoists comes from the "
                "Community Equipment Service after an assessment by an occupational therapist or "
                "physiotherapist.</li>",
                "<li><b>Children's community nursing</b> cares for children with complex health needs at home and "
                "at school, and trains school staff.</li>",
                "<li><b>The continence service</b> helps children over 5 who are not yet dry or clean, and can "
                "provide products. Ask your school nurse or health visitor to refer you.</li>",
                "<li><b>Palliative care</b> for children with life-limiting conditions is given by the community "
                "nursing team with Brookside Children's Hospice, which also offers short breaks.</li>",
                "</ul>",
                "<h2>Health and EHC plans</h2>",
                "<p>An education, health and care (EHC) plan can include health support, such as therapy. Our "
                "designated clinical officer (DCO) makes sure health services take part in EHC needs "
                "assessments and reviews, and that health help in a plan is given. You can contact the DCO if you "
                "are worried that this is not happening.</p>",
                '<p><a href="/services/?category=health">Find health services in our directory</a>.</p>',
            ),
            details(
                "Who can get these services?",
                "<p>Each service has its own criteria. In general, a child must live in Northbrook or be registered "
                "with a Northbrook GP, and have a need a universal service cannot meet. Children's continuing care "
                "is for children whose health needs are so complex that the usual services cannot meet them; the "
                "NHS assesses this separately. ",
                '<a href="/eligibility-criteria/">Read how we decide who gets support</a>.</p>',
            ),
            text("<h2>Contact health services</h2>"),
            contact(
                "Northbrook Children's Therapy Service",
                "Speech and language therapy, occupational therapy and physiotherapy, aged 0 to 19.",
                phone="01632 960 440",
                email="childrens.therapy@northbrook-health.example",
                website="https://northbrook-health.example/therapies",
                opening_hours=OFFICE_HOURS,
            ),
            contact(
                "Northbrook Healthy Minds",
                "Mental health support for children and young people aged 0 to 18. Young people aged 11 to 18 can "
                "refer themselves.",
                phone="01632 960 445",
                website="https://northbrook-health.example/healthy-minds",
                opening_hours="Monday to Friday, 9am to 5pm. At other times call NHS 111.",
            ),
            contact(
                "Designated clinical officer for SEND",
                "Makes sure health services play their part in EHC plans.",
                phone="01632 960 446",
                email="send.dco@northbrook-health.example",
            ),
        ],
    },
    {
        "slug": "social-care-and-short-breaks",
        "title": "Social care and short breaks",
        "summary": "Support at home for disabled children and their families: short breaks, help from a social "
        "worker, support for parent carers and moving to adult social care at 18.",
        "topics": [6, 10, 13],
        "last_reviewed": date(2026, 9, 28),
        "body": [
            text(
                "<h2>Short breaks</h2>",
                "<p>Short breaks give disabled children and young people time to have fun and make friends, and "
                "give parent carers a rest. There are three kinds.</p>",
                "<ul>",
                "<li><b>Open to everyone:</b> clubs and activities that welcome disabled children, such as "
                "inclusive holiday clubs and sports sessions. You book these yourself.</li>",
                "<li><b>Targeted short breaks:</b> for disabled children who need extra support to join in, such as "
                "specialist youth clubs and Saturday clubs. You can apply with a short form. You do not need a "
                "social worker.</li>",
                "<li><b>Specialist short breaks:</b> for children with the most complex needs, such as overnight "
                "stays, a support worker at home or a direct payment. These follow an assessment by a social "
                "worker.</li>",
                "</ul>",
                "<p>Our short breaks services statement sets out what is on offer, who it is for and how to apply. "
                "We review it each year with the Northbrook Parent Carer Forum.</p>",
                '<p><a href="/services/?category=social-care">Find social care services in our directory</a>.</p>',
                "<h2>Help from a social worker</h2>",
                "<p>Under section 17 of the Children Act 1989, disabled children are &quot;children in need&quot;. "
                "This means you can ask for an assessment of what your child and family need. Contact the "
                "Children's Advice and Support Hub. A social worker from the Children with Disabilities Team will "
                "talk with you and your child, and we aim to finish the assessment within 45 working days.</p>",
                "<p>Support can include short breaks, help with personal care at home, equipment or changes to "
                "your home, and a direct payment so you can arrange help yourself.</p>",
                "<h2>Support for you as a parent carer</h2>",
                "<p>If you care for a disabled child, you can ask for a parent carer needs assessment. It looks at "
                "your own health and wellbeing, and whether you can keep caring, work or study. Young carers, who "
                "help look after a brother, sister or parent, can get support too.</p>",
            ),
            details(
                "Moving to adult social care at 18",
                "<p>Adult social care follows a different law, the Care Act 2014, and has national eligibility "
                "criteria. If your young person is likely to need care after 18, we carry out a transition "
                "assessment before their 18th birthday, usually from age 16 or 17. This means support can carry on "
                "without a gap. The Preparing for Adulthood Team works with you from Year 9. ",
                '<a href="/preparing-for-adulthood/">Read about preparing for adulthood</a>.</p>',
                "<p>Adult social care can also give information and advice to anyone, whether or not they are "
                "eligible for support. Phone the adult social care contact centre.</p>",
            ),
            details(
                "Who can get short breaks?",
                "<p>Open short breaks are for everyone. Targeted short breaks are for children and young people "
                "aged 5 to 18 who live in Northbrook and have a disability that means they need extra support to "
                "take part. Specialist short breaks depend on the social work assessment. ",
                '<a href="/eligibility-criteria/">Read how we decide who gets support</a>.</p>',
            ),
            text("<h2>Contact us</h2>"),
            contact(
                "Children's Advice and Support Hub",
                "Ask for a social care assessment for your child or yourself. If you think a child is in danger, "
                "call 999.",
                phone="01632 960 460",
                email="childrens.hub@northbrook.example",
                opening_hours="Monday to Thursday, 8:30am to 5pm; Friday 8:30am to 4:30pm. Out of hours: "
                "01632 960 461.",
            ),
            DISABLED_CHILDREN_TEAM,
            contact(
                "Short Breaks Team",
                "Apply for targeted short breaks or ask for a copy of the short breaks services statement.",
                phone="01632 960 455",
                email="shortbreaks@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
            contact(
                "Adult social care contact centre",
                "Information and advice about care and support for adults, and transition assessments from 16.",
                phone="01632 960 470",
                email="adult.care@northbrook.example",
                opening_hours="Monday to Friday, 8am to 6pm",
            ),
        ],
    },
    {
        "slug": "preparing-for-adulthood",
        "title": "Preparing for adulthood",
        "summary": "Planning from Year 9 for work, further learning, where to live, friends and good health, "
        "and what changes at 16 and 18.",
        "topics": [7, 6, 9],
        "last_reviewed": date(2026, 10, 19),
        "body": [
            text(
                "<p>Preparing for adulthood means helping young people with special educational needs and "
                "disabilities (SEND) get ready for the life they want "
                "as an adult. We plan with them around four things:</p>",
                "<ul>",
                "<li>paid work, or further learning that leads to it</li>",
                "<li>living as independently as possible, and choosing where and who to live with</li>",
                "<li>friends, relationships and being part of the community</li>",
                "<li>staying as healthy as possible</li>",
                "</ul>",
                "<h2>From Year 9 (age 13 to 14)</h2>",
                "<p>If your child has an education, health and care (EHC) plan, every annual review from Year 9 "
                "looks at these four things. A careers adviser from Northbrook Careers can come to the review. "
                "Schools must give careers advice to all pupils from Year 7.</p>",
                "<p>From age 14, young people with a learning disability can have a free annual health check with "
                "their GP. Ask your GP practice to add your child to its learning disability register.</p>",
                "<h2>At 16: decisions belong to the young person</h2>",
                "<p>From the end of the school year in which they turn 16, the law says a young person can make "
                "their own decisions about their EHC plan, such as asking for an assessment or appealing. Parents "
                "can still help. If a young person cannot make a particular decision, the Mental Capacity Act 2005 "
                "says how it is made for them.</p>",
                "<h2>Options after Year 11</h2>",
                "<ul>",
                "<li><b>School sixth form or college:</b> full-time study, including courses that build "
                "independence and skills for work</li>",
                "<li><b>Supported internships:</b> a year-long study programme, mostly at an employer, with a job "
                "coach. They are for young people aged 16 to 24 with an EHC plan who want paid work.</li>",
                "<li><b>Apprenticeships:</b> a paid job with training. Apprentices with an EHC plan can have the "
                "English and maths requirements adjusted.</li>",
                "<li><b>Traineeships</b> are no longer offered in England. If your young person is not ready for "
                "an apprenticeship, ask about a supported internship or a college course with work "
                "experience.</li>",
                "</ul>",
                '<p><a href="/services/?category=preparing-for-adulthood">Find colleges, internships and support for '
                "adult life in our directory</a>.</p>",
                "<p>An EHC plan can continue up to age 25 while a young person is still in education or training and "
                "needs it. It ends if they start a university course or a paid job, or leave education after "
                "18.</p>",
            ),
            details(
                "Housing and independent living",
                "<p>Some young people will stay at home for a while. Others want to live on their own or with "
                "friends. Options include supported living, where you have your own tenancy with support from "
                "staff, and Shared Lives, where you live with a trained carer. Independent travel training can "
                "help young people get about on their own. Talk to the Preparing for Adulthood Team from age "
                "16.</p>",
            ),
            details(
                "Money and benefits at 16",
                "<p>At 16, Disability Living Allowance (DLA) for children ends and young people are invited to "
                "apply for Personal Independence Payment (PIP). A parent can become their appointee if they cannot "
                "manage their own money. SENDIASS and Citizens Advice Northbrook can help with forms. Access to "
                "Work can pay for support in a job.</p>",
            ),
            details(
                "Moving from children's to adult services",
                "<p>Health and social care services for adults are different from children's services. We start "
                "planning the move at 14 and aim to have adult support agreed before the 18th birthday. ",
                '<a href="/social-care-and-short-breaks/">Read about social care at 18</a>.</p>',
            ),
            text("<h2>Contact us</h2>"),
            contact(
                "Preparing for Adulthood Team",
                "For young people aged 14 to 25 with SEND, their families and the professionals who work with them.",
                phone="01632 960 480",
                email="pfa@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
            contact(
                "Northbrook Careers",
                "Free, impartial careers advice for young people aged 13 to 25 with SEND.",
                phone="01632 960 485",
                email="careers@northbrook.example",
                website="https://careers.northbrook.example",
                opening_hours="Monday to Friday, 9am to 5pm; Wednesday until 7pm",
            ),
        ],
    },
    {
        "slug": "travel-and-transport",
        "title": "Travel and transport to school or college",
        "summary": "Who can get free travel to school or college, how to apply, help for students over 16, and "
        "learning to travel on their own.",
        "topics": [8, 13],
        "last_reviewed": date(2026, 11, 2),
        "body": [
            text(
                "<h2>Children aged 5 to 16</h2>",
                "<p>We give free travel to school to children of compulsory school age who live in Northbrook and "
                "go to their nearest suitable school, if:</p>",
                "<ul>",
                "<li>it is more than 2 miles away (under 8) or 3 miles away (8 to 16), or</li>",
                "<li>they cannot reasonably be expected to walk there, even with an adult, because of their special "
                "educational needs, disability or mobility difficulty, or</li>",
                "<li>the route would not be safe to walk with an adult</li>",
                "</ul>",
                "<p>Having an education, health and care (EHC) plan does not on its own mean your child gets "
                "transport. We look at each child's needs. Travel help might be a bus pass, a mileage payment so "
                "you can drive your child, a personal travel budget, or a place on a shared minibus or taxi.</p>",
                "<h2>How to apply</h2>",
                "<p>Apply online or by phone as soon as you know which school your child will go to. For a place "
                "starting in September, apply by 31 May so travel is ready on the first day. We decide within 20 "
                "working days.</p>",
            ),
            callout(
                "Students aged 16 to 19: read our post-16 transport policy statement",
                "<p>Travel help is not automatic after 16. Each year we publish a post-16 transport policy "
                "statement by <b>31 May</b>, for the school year that starts that September. It says what help we "
                "give students aged 16 to 19, and those up to 25 with an EHC plan, and what it costs. The "
                "statement for 2026 to 2027 is available now: ask the School Travel Team for a copy.</p>",
            ),
            text(
                "<h2>Learning to travel on their own</h2>",
                "<p>Independent travel training teaches young people aged 11 and over to make a journey safely on "
                "their own, step by step, with a trained travel trainer. It is free and it builds confidence for "
                "college, work and life.</p>",
                '<p><a href="/services/?category=travel-and-transport">Find travel training and transport services in '
                "our directory</a>.</p>",
                "<h2>If you disagree with our decision</h2>",
                "<p>You can ask us to review it within 20 working days of our letter. A senior officer looks at it "
                "again (stage 1). If you are still unhappy, an independent panel reviews it (stage 2). After that "
                'you can complain to the Local Government and Social Care Ombudsman. <a href="/disagreements-and'
                '-complaints/">Read more about disagreements and complaints</a>.</p>',
            ),
            details(
                "Other help with travel",
                "<ul>",
                "<li>a Blue Badge for parking, if your child has a severe mobility difficulty</li>",
                "<li>a free Northbrook concessionary bus pass for disabled young people, with a companion pass if "
                "they need someone with them</li>",
                "<li>the Disabled Persons Railcard, which gives a third off most train fares</li>",
                "</ul>",
            ),
            text("<h2>Contact us</h2>"),
            contact(
                "School Travel Team",
                "Apply for travel help, ask for the post-16 transport policy statement or ask for a review.",
                phone="01632 960 490",
                email="schooltravel@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
        ],
    },
    {
        "slug": "moving-between-schools",
        "title": "Starting school and moving on",
        "summary": "How children and young people with SEND are supported when they start nursery or school, move "
        "to secondary school, or go on to college, and the key dates for EHC plans.",
        "topics": [9],
        "last_reviewed": date(2026, 10, 26),
        "body": [
            text(
                "<p>Change can be hard for any child. For children with special educational needs and disabilities "
                "(SEND), good planning makes a big "
                "difference. Start talking about the next move early, usually a year before.</p>",
                "<h2>Key dates if your child has an EHC plan</h2>",
                "<p>If your child has an education, health and care (EHC) plan, we review and change it to name "
                "their next school or college by these dates:</p>",
                "<ul>",
                "<li><b>15 February</b> in the year your child moves from nursery to school, from infant to junior "
                "school, or from primary to secondary school</li>",
                "<li><b>31 March</b> in the year a young person moves from school to a college or sixth form</li>",
                "</ul>",
                "<p>The annual review before the move should look at the options. Visit the schools or colleges you "
                "are interested in, and tell us your preference in writing.</p>",
                "<p>If your child does not have an EHC plan, apply for a school place in the usual way, by "
                "15 January for primary school and 31 October for secondary school. Tell the new school about your "
                "child's needs.</p>",
                "<h2>What good support looks like</h2>",
                "<ul>",
                "<li>extra visits to the new school, including when it is quiet</li>",
                "<li>a photo book of the new building and staff</li>",
                "<li>the old and new special educational needs co-ordinators (SENCOs) talking, and passing on what "
                "works</li>",
                "<li>a named person your child can go to in the first weeks</li>",
                "<li>a review meeting in the first term</li>",
                "</ul>",
            ),
            details(
                "Starting nursery or school",
                "<p>Your health visitor, portage worker or nursery SENCO can help you plan. If your child may need "
                "an EHC plan before starting school, ask for an EHC needs assessment early, ideally in the spring "
                "or summer term before the year they start. It takes up to 20 weeks.</p>",
            ),
            details(
                "Moving to college or sixth form",
                "<p>Colleges give SEN Support too: extra help for students with special educational needs. Every "
                "college has someone in charge of learning support. "
                "Careers advisers from Northbrook Careers can help young people choose. ",
                '<a href="/preparing-for-adulthood/">Read about options after Year 11</a>.</p>',
            ),
            details(
                "Moving to Northbrook from another area",
                "<p>If your child has an EHC plan, the old council must send it to us. We have 6 weeks from when "
                "we hear you have moved to decide whether to reassess, and must give the help in the plan in the "
                "meantime. Contact the SEN Assessment Team as soon as you know you are moving.</p>",
            ),
            text("<h2>Contact us</h2>"),
            SEN_TEAM,
            contact(
                "School Admissions Team",
                "Applying for a school place if your child does not have an EHC plan.",
                phone="01632 960 415",
                email="admissions@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
        ],
    },
    {
        "slug": "childcare",
        "title": "Childcare and early years",
        "summary": "Funded early education and childcare for children with SEND, extra funding for nurseries, and "
        "help to find childcare that suits your child.",
        "topics": [10, 1, 4],
        "last_reviewed": date(2026, 9, 14),
        "body": [
            text(
                "<p>Every nursery, pre-school and childminder must support children with special educational "
                "needs and disabilities (SEND). They cannot refuse a child because of a disability. Each one has a "
                "special educational needs co-ordinator (SENCO); for childminders it is usually the childminder.</p>",
                "<h2>Free early education and childcare</h2>",
                "<ul>",
                "<li><b>All 3 and 4 year olds</b> can have 15 hours a week free for 38 weeks a year.</li>",
                "<li><b>Working parents</b> can get up to 30 hours a week from when their child is 9 months old.</li>",
                "<li><b>Some 2 year olds</b> can have 15 hours a week, including children who get Disability "
                "Living Allowance or have an education, health and care (EHC) plan.</li>",
                "</ul>",
                "<h2>Extra money for your child's nursery</h2>",
                "<ul>",
                "<li><b>Disability Access Fund:</b> a yearly payment to the nursery for a child who gets Disability "
                "Living Allowance and uses funded hours. Tell the nursery, and they will claim it.</li>",
                "<li><b>Early Years Inclusion Fund:</b> extra money the nursery can ask us for to support a child "
                "with SEND, such as extra staff time.</li>",
                "</ul>",
                "<h2>Childcare for older children</h2>",
                "<p>We must make sure there is enough childcare for working parents of disabled children up to "
                "age 18. If you cannot find childcare that meets your child's needs, tell the Family Information "
                "Service. Tax-Free Childcare gives up to £4,000 a year towards childcare costs for a disabled child, "
                "up to the age of 17.</p>",
                '<p><a href="/services/?category=childcare">Find childcare in our directory</a>.</p>',
            ),
            details(
                "Help before your child starts nursery",
                "<p>Our Portage service visits families at home with children under 5 who have significant "
                "developmental delay. Your health visitor, GP or paediatrician can refer you. Children's centres "
                "run stay-and-play groups for children with SEND.</p>",
            ),
            text("<h2>Contact us</h2>"),
            contact(
                "Family Information Service",
                "Help to find childcare and activities, and to check what funded hours you can get.",
                phone="01632 960 500",
                email="fis@northbrook.example",
                website="https://fis.northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
            contact(
                "Early Years SEND Team and Portage",
                "Advice for nurseries and childminders, the Early Years Inclusion Fund, and Portage home visits.",
                phone="01632 960 505",
                email="earlyyears.send@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
        ],
    },
    {
        "slug": "leisure-and-activities",
        "title": "Leisure, clubs and things to do",
        "summary": "Inclusive clubs, sport, holiday activities and days out for children and young people with SEND "
        "in Northbrook.",
        "topics": [10],
        "last_reviewed": date(2026, 11, 9),
        "body": [
            text(
                "<p>All children have the right to take part in activities with friends. Clubs and leisure centres "
                "must make reasonable adjustments so disabled children, and children with special educational needs, "
                "can join in, such as a quiet changing room "
                "or extra time to explain the rules.</p>",
                "<h2>Things to do</h2>",
                "<ul>",
                "<li><b>Holiday clubs:</b> free holiday activities with a healthy meal for children who get free "
                "school meals, in the Easter, summer and Christmas holidays. Many have places with extra support "
                "for children with SEND.</li>",
                "<li><b>Sport and swimming:</b> Northbrook leisure centres run relaxed swimming sessions, inclusive "
                "football, wheelchair basketball and trampolining.</li>",
                "<li><b>Youth clubs:</b> the Friday Club for young people with SEND aged 11 to 25 meets at the "
                "Riverside Youth Centre.</li>",
                "<li><b>Libraries:</b> sensory story times, quiet hours and books in accessible formats, all "
                "free.</li>",
                "<li><b>Relaxed sessions:</b> the Northbrook cinema and theatre run relaxed screenings and "
                "performances, with the lights up and the sound down.</li>",
                "</ul>",
                '<p><a href="/services/?category=leisure-and-short-breaks">Find clubs, activities and short breaks '
                "in our directory</a>.</p>",
                "<h2>The Northbrook Access Card</h2>",
                "<p>The free Access Card lets a disabled child or young person up to 25 bring a carer free to "
                "council leisure centres, and gives discounts at many local attractions. Apply through the Family "
                "Information Service.</p>",
            ),
            details(
                "If your child needs more support to join in",
                "<p>Targeted short breaks include clubs with higher staff ratios and trained workers. "
                '<a href="/social-care-and-short-breaks/">Read about short breaks</a>.</p>',
            ),
            text("<h2>Contact us</h2>"),
            contact(
                "Family Information Service",
                "What's on for children and young people with SEND, and the Northbrook Access Card.",
                phone="01632 960 500",
                email="fis@northbrook.example",
                website="https://fis.northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
            contact(
                "Northbrook Leisure",
                "Leisure centres and swimming pools, including relaxed and inclusive sessions.",
                phone="01632 960 510",
                website="https://leisure.northbrook.example",
                opening_hours="Every day, 7am to 9pm",
            ),
        ],
    },
    {
        "slug": "information-advice-and-support",
        "title": "Information, advice and support for families",
        "summary": "Free, impartial advice from Northbrook SENDIASS, the parent carer forum, support groups and "
        "national helplines.",
        "topics": [11],
        "last_reviewed": date(2026, 11, 16),
        "body": [
            text(
                "<p>You do not have to work this out on your own. These services are free.</p>",
                "<h2>Northbrook SENDIASS</h2>",
                "<p>SENDIASS stands for SEND information, advice and support service. It gives free, confidential "
                "and impartial advice about special educational needs and disabilities (SEND), education, health "
                "and social care. It is run at arm's length from the council, so its advice is independent.</p>",
                "<p>SENDIASS can:</p>",
                "<ul>",
                "<li>explain the law and your rights in plain English</li>",
                "<li>help you ask for an education, health and care (EHC) needs assessment, or comment on a draft "
                "plan</li>",
                "<li>come to meetings with you</li>",
                "<li>help you through disagreements, mediation and appeals</li>",
                "<li>work directly with young people aged 16 to 25</li>",
                "</ul>",
            ),
            SENDIASS,
            text(
                "<h2>Northbrook Parent Carer Forum</h2>",
                "<p>The parent carer forum is a group of parents and carers of disabled children. It works with the "
                "council and the NHS to make services better, and it helped write this Local Offer. Joining is "
                "free. You can take part as much or as little as you like: answer a survey, come to a coffee "
                "morning or join a working group.</p>",
            ),
            contact(
                LA_SETTINGS["parent_carer_forum_name"],
                "Parents and carers working with the council and the NHS to improve services.",
                email=LA_SETTINGS["parent_carer_forum_email"],
                website=LA_SETTINGS["parent_carer_forum_website"],
            ),
            text(
                "<h2>Support groups</h2>",
                "<ul>",
                "<li><b>Northbrook Autism Parents</b>: monthly meetings and an online group</li>",
                "<li><b>Little Stars</b>: a stay-and-play group for children under 5 with SEND and their families</li>",
                "<li><b>Young Carers Northbrook</b>: for children and young people who help care for a family "
                "member</li>",
                "<li><b>Northbrook Youth Voice</b>: young people with SEND aged 11 to 25 who tell the council what "
                "needs to change</li>",
                "</ul>",
                '<p><a href="/services/?category=information-advice-and-support">Find support groups and advice '
                "services in our directory</a>.</p>",
                "<h2>National charities</h2>",
                "<p>National charities such as Contact, IPSEA and the National Autistic Society run free helplines "
                "and publish guides about your rights.</p>",
            ),
            details(
                "Words you may hear",
                "<ul>",
                "<li><b>SEND:</b> special educational needs and disabilities</li>",
                "<li><b>SENCO:</b> special educational needs co-ordinator, the person in a nursery, school or "
                "college who makes sure children with SEN get the right help</li>",
                "<li><b>SEN Support:</b> extra help from a nursery, school or college without an EHC plan</li>",
                "<li><b>EHC plan:</b> education, health and care plan, a legal document describing a child's needs "
                "and the help they must get</li>",
                "<li><b>Annual review:</b> the meeting held at least once a year to check an EHC plan</li>",
                "<li><b>SEND Tribunal:</b> an independent court that hears appeals about EHC needs assessments and "
                "plans</li>",
                "<li><b>Short breaks:</b> activities for disabled children that also give parent carers a rest</li>",
                "</ul>",
            ),
        ],
    },
    {
        "slug": "disagreements-and-complaints",
        "title": "If you disagree or want to complain",
        "summary": "What to do if you disagree with a decision about your child's support: talking it through, "
        "disagreement resolution, mediation, appeals to the SEND Tribunal and complaints.",
        "topics": [14],
        "last_reviewed": date(2026, 11, 2),
        "body": [
            text(
                "<h2>Talk to us first</h2>",
                "<p>Most disagreements are sorted out by talking. Ask for a meeting with the person who made the "
                "decision, such as the special educational needs co-ordinator (SENCO) at school or your case officer "
                "in the SEN Assessment Team. Northbrook "
                "SENDIASS can help you prepare and can come with you.</p>",
                "<h2>Disagreement resolution</h2>",
                "<p>If talking has not worked, an independent disagreement resolution service can help you and "
                "the school, college, council or health service find an answer together. It is free and "
                "confidential, and you can use it at any time. It does not affect your right to appeal. Ours is "
                "run by Brookside Mediation.</p>",
                "<h2>Appealing to the SEND Tribunal</h2>",
                "<p>The First-tier Tribunal (Special Educational Needs and Disability), or SEND Tribunal, is "
                "independent of the council. You can appeal if we:</p>",
                "<ul>",
                "<li>refuse to carry out an education, health and care (EHC) needs assessment</li>",
                "<li>decide not to write an EHC plan after an assessment</li>",
                "<li>write a plan, or change one, and you disagree with the description of needs, the help, or the "
                "school or college named</li>",
                "<li>decide not to change a plan after a review or reassessment</li>",
                "<li>decide to end a plan</li>",
                "</ul>",
                "<p>When you appeal about the education parts of a plan, the tribunal can also make recommendations "
                "about the health and social care parts.</p>",
            ),
            callout(
                "Before you appeal: the mediation certificate",
                "<p>Before you can appeal, you must contact a mediation adviser at Brookside Mediation. You can "
                "then choose whether to try mediation. Either way, you get a <b>mediation certificate</b>, which "
                "you need to register your appeal. You do not need one if you only disagree with the school or "
                "college named in the plan.</p>"
                "<p>You must appeal within <b>2 months</b> of the date of our decision letter, or within "
                "<b>1 month</b> of the date on your mediation certificate, whichever is later.</p>",
                style="important",
            ),
            text(
                "<h2>What happens in mediation</h2>",
                "<p>A trained, independent mediator meets you and a council officer who can make decisions. The "
                "mediation must happen within 30 days of us being told you want it. It is free. If you reach an "
                "agreement, we write to you about it within 2 weeks. You get a certificate within 3 working days of "
                "the mediation and can still appeal.</p>",
                "<h2>Making a complaint</h2>",
                "<p>A complaint is about how something was done, such as a delay, poor communication or a service "
                "you were promised and did not get.</p>",
                "<ul>",
                "<li><b>About a school:</b> follow the school's complaints policy. Start with the teacher or "
                "SENCO, then the head teacher, then the governors. For academies, you can then contact the "
                "Department for Education.</li>",
                "<li><b>About the council:</b> contact our Customer Feedback Team. We reply within 10 working "
                "days (stage 1). If you are not happy, ask for a stage 2 review, and we reply within 20 working "
                "days. After that you can go to the Local Government and Social Care Ombudsman, which is free and "
                "independent.</li>",
                "<li><b>About a health service:</b> contact the Patient Advice and Liaison Service (PALS) of the "
                "NHS trust. If that does not sort it out, make a formal NHS complaint, then go to the "
                "Parliamentary and Health Service Ombudsman.</li>",
                "</ul>",
                "<p>Complaining will not affect the support your child gets.</p>",
            ),
            text("<h2>Contact us</h2>"),
            contact(
                "Brookside Mediation",
                "Independent mediation and disagreement resolution for SEND, commissioned by Northbrook Council.",
                phone="01632 960 530",
                email="send@brookside-mediation.example",
                website="https://brookside-mediation.example",
                opening_hours=OFFICE_HOURS,
            ),
            contact(
                "Customer Feedback Team",
                "Complaints, compliments and comments about council services.",
                phone="01632 960 520",
                email="complaints@northbrook.example",
                address="Customer Feedback Team\nNorthbrook Council\nCivic Centre, Market Street\nNorthbrook NB1 1AA",
                opening_hours=OFFICE_HOURS,
            ),
            SENDIASS,
        ],
    },
    {
        "slug": "accessibility-strategy",
        "title": "Our accessibility strategy for schools",
        "summary": "How the council and schools are making it easier for disabled pupils to learn, get around school "
        "and understand information.",
        "topics": [12],
        "last_reviewed": date(2026, 9, 7),
        "body": [
            text(
                "<p>The Equality Act 2010 says the council must have an accessibility strategy for the schools it "
                "is responsible for. Our strategy for 2025 to 2028 sets out how we will improve three things for "
                "disabled pupils:</p>",
                "<ol>",
                "<li><b>Taking part in lessons and school life:</b> training for staff, adapted teaching and "
                "resources, and making trips and clubs open to all.</li>",
                "<li><b>The buildings and grounds:</b> ramps, lifts, accessible toilets and changing places, "
                "quiet rooms, better signs and acoustics.</li>",
                "<li><b>Information:</b> giving pupils information in ways they can use, such as large print, "
                "braille, symbols, audio or sign language.</li>",
                "</ol>",
                "<p>We wrote it with the Northbrook Parent Carer Forum, Northbrook Youth Voice, head teachers and "
                "health services. We check progress each year and publish what we have done.</p>",
                "<h2>What schools must do</h2>",
                "<p>Every school, including academies, must have its own accessibility plan covering the same three "
                "things, and review it at least every 3 years. Schools must also make reasonable adjustments for "
                "disabled pupils, including providing aids such as a radio aid or an adapted keyboard. They must "
                "not treat a disabled pupil unfairly because of their disability.</p>",
                "<p>Ask your child's school for its accessibility plan. Many publish it on their website.</p>",
                "<h2>Get a copy of the strategy</h2>",
                "<p>You can ask for the full strategy or an Easy Read version by email or phone. We can send it in "
                "large print, braille or audio, or in another language.</p>",
            ),
            contact(
                "Inclusion Support Service",
                "Ask for the accessibility strategy, or tell us about access problems in a Northbrook school.",
                phone="01632 960 420",
                email="inclusion@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
        ],
    },
    {
        "slug": "cant-get-online",
        "title": "If you can't get online",
        "summary": "How to get the information on this website by phone, by post, in person, or in another format "
        "or language.",
        "topics": [15],
        "last_reviewed": date(2026, 11, 16),
        "body": [
            text(
                "<p>Everything on this website is available without the internet. You do not need to explain why "
                "you are asking.</p>",
                "<h2>By phone</h2>",
                "<p>Phone the Local Offer team on 01632 960 400, Monday to Friday, 9am to 5pm. We will look things "
                "up for you, read information to you, or post it to you for free.</p>",
                "<p>If you are deaf or have difficulty speaking, you can use Relay UK: dial 18001 then "
                "01632 960 400. We can arrange a British Sign Language (BSL) interpreter for a meeting.</p>",
                "<h2>In person</h2>",
                "<ul>",
                "<li><b>Libraries:</b> every Northbrook library has free computers, free printing of Local Offer "
                "pages, and staff who can help you find what you need.</li>",
                "<li><b>Family hubs:</b> drop in to a family hub, where staff can help you with the Local Offer and "
                "with forms.</li>",
                "<li><b>SEND drop-ins:</b> the Local Offer team and SENDIASS hold a drop-in at the Civic Centre on "
                "the first Tuesday of every month, 10am to 1pm. No appointment needed.</li>",
                "</ul>",
                "<h2>On paper</h2>",
                "<p>We print a short Local Offer guide each year, with the most important contacts. Pick one up "
                "at libraries, family hubs and GP surgeries, or ask us to post one to you. The special educational "
                "needs co-ordinator (SENCO) at your child's school can also give you printed information.</p>",
                "<h2>Other formats and languages</h2>",
                "<p>We can give you any page in large print, Easy Read, braille or audio, or translated into "
                "another language. We can arrange an interpreter for phone calls and meetings. Ask us and tell us "
                "what works for you.</p>",
            ),
            contact(
                "Local Offer team",
                "Ask for information by phone or post, or in another format or language.",
                phone=LA_SETTINGS["phone"],
                email=LA_SETTINGS["email"],
                address=LA_SETTINGS["address"],
                opening_hours=LA_SETTINGS["opening_hours"],
            ),
        ],
    },
    {
        "slug": "local-offer-feedback",
        "title": "Your comments on the Local Offer, and what we did",
        "summary": "How to tell us what you think of the Local Offer, how we ask for views, and where we publish "
        "what you said and what we did about it.",
        "topics": [16, 11],
        "last_reviewed": date(2026, 11, 16),
        "body": [
            text(
                "<p>The Local Offer belongs to the families who use it. We want to know what is missing, what is "
                "wrong, what is hard to find and what could be better. That includes the services themselves, not "
                "just this website.</p>",
                "<h2>How to tell us</h2>",
                "<ul>",
                '<li>use our <a href="/have-your-say/">have your say form</a>; you do not need to give your name</li>',
                '<li>use the "Report a problem with this page" link at the bottom of every page</li>',
                "<li>phone or email the Local Offer team</li>",
                "<li>come to a parent carer forum event or a SEND drop-in</li>",
                "<li>answer our yearly survey, which the parent carer forum runs with us every spring</li>",
                "</ul>",
                "<p>Young people can also tell us through Northbrook Youth Voice, which meets every month.</p>",
                "<h2>What we do with your comments</h2>",
                "<p>An officer reads every comment. Where we can fix something quickly, such as a broken link or "
                "wrong phone number, we do. Bigger issues go to the SEND Partnership Board, where the council, the "
                "NHS, schools and the parent carer forum plan services together.</p>",
                "<p>At least once a year we publish a summary of the comments we received and what we did about "
                "them. We call this &quot;you said, we did&quot;. We never publish anything that could identify "
                "you or your child.</p>",
                '<p><a href="/you-said-we-did/">Read our &quot;you said, we did&quot; reports</a>.</p>',
            ),
            callout(
                "A complaint about your own case?",
                "<p>If you want to complain about a service given to you or your child, use the complaints route "
                'so that it gets a proper reply. <a href="/disagreements-and-complaints/">Read how to '
                "complain</a>.</p>",
            ),
            details(
                "Examples of what we changed last year",
                "<ul>",
                "<li>You said the page about education, health and care (EHC) needs assessments was hard to follow. "
                "We rewrote it with families and "
                "added a week-by-week timeline.</li>",
                "<li>You said you could not find which clubs have extra support. Every activity now says what "
                "support it offers.</li>",
                "<li>You said some phone numbers were out of date. Every page now shows when it was last checked, "
                "and we check each page at least once a year.</li>",
                "</ul>",
            ),
        ],
    },
    {
        "slug": "schools-and-colleges",
        "title": "Schools, colleges and other settings",
        "summary": "The kinds of nurseries, schools and colleges in Northbrook that support children and young people "
        "with SEND, and what each one must tell you about its support.",
        "topics": [1, 3],
        "last_reviewed": date(2026, 10, 5),
        "body": [
            text(
                "<p>Most children and young people with special educational needs (SEN) or disabilities go to "
                "their local mainstream nursery, school or college, with support. Others need a more specialist "
                "place.</p>",
                "<h2>Kinds of provision in Northbrook</h2>",
                "<ul>",
                "<li><b>Early years settings:</b> nurseries, pre-schools and childminders, including 32 with "
                "funded places for 2 year olds.</li>",
                "<li><b>Mainstream schools:</b> 58 primary and 12 secondary schools. Some are maintained by the "
                "council; others are academies, run by academy trusts and funded directly by government.</li>",
                "<li><b>Resourced provisions and SEN units:</b> specialist classes inside 9 mainstream schools, "
                "for children with autism, speech and language needs or hearing impairment. Children spend time in "
                "the unit and in mainstream classes.</li>",
                "<li><b>Special schools:</b> 5 special schools for children and young people aged 2 to 19, "
                "including one for children with social, emotional and mental health needs.</li>",
                "<li><b>Northbrook Learning Centre:</b> our pupil referral unit, for children who cannot attend "
                "school because of exclusion or illness.</li>",
                "<li><b>Post-16:</b> school sixth forms, Northbrook College and Riverside Sixth Form College, and "
                "specialist colleges.</li>",
                "<li><b>Independent and non-maintained special schools and colleges</b>, including those approved "
                "under section 41 of the Children and Families Act 2014. We name these in education, health and "
                "care (EHC) plans when they are the right place for a child.</li>",
                "<li><b>Services we commission:</b> alternative provision, tuition and outreach from approved "
                "providers.</li>",
                "</ul>",
                '<p><a href="/schools/">Find a nursery, school or college</a>, or '
                '<a href="/services/?category=education">find learning support in our directory</a>.</p>',
                "<h2>The SEN information report</h2>",
                "<p>Every school must publish a SEN information report on its website and update it each year. "
                "Colleges publish similar information. Look for it when you are choosing a school, or ask the "
                "school for a copy. It must tell you:</p>",
                "<ul>",
                "<li>the kinds of special educational needs the school provides for</li>",
                "<li>how it identifies and assesses children with SEN</li>",
                "<li>how it involves parents and children, and how it reviews progress with you</li>",
                "<li>its approach to teaching, and how it adapts the curriculum and the building</li>",
                "<li>the expertise and training of its staff, and how it gets specialist help</li>",
                "<li>how it checks whether its support is working</li>",
                "<li>how children with SEN take part in clubs, trips and activities</li>",
                "<li>how it supports emotional and social development, including wellbeing and preventing "
                "bullying</li>",
                "<li>how it supports children moving into and out of the school</li>",
                "<li>how it works with health, social care and other services</li>",
                "<li>how to complain</li>",
                "<li>the name and contact details of the special educational needs co-ordinator (SENCO)</li>",
                "</ul>",
            ),
            details(
                "How to choose a school",
                "<ul>",
                "<li>visit more than one, during the school day if you can</li>",
                "<li>meet the SENCO and ask how they would support your child</li>",
                "<li>read the SEN information report and the latest Ofsted report</li>",
                "<li>ask other parents; the parent carer forum can put you in touch</li>",
                "</ul>",
                "<p>If your child has an EHC plan, you can ask for any state school, academy, special school or "
                "college, or a section 41 independent school. We must name it unless it is unsuitable for your "
                "child, would harm the education of others, or would not be an efficient use of resources.</p>",
            ),
            contact(
                "SEN Assessment Team",
                "Questions about special school places and EHC plans.",
                phone="01632 960 410",
                email="sen.team@northbrook.example",
                opening_hours=OFFICE_HOURS,
            ),
        ],
    },
    {
        "slug": "provision-outside-northbrook",
        "title": "Schools and services outside Northbrook",
        "summary": "Schools, colleges and services in other areas that children and young people from Northbrook "
        "often use, and how we decide on a place outside the area.",
        "topics": [2, 1],
        "last_reviewed": date(2026, 9, 21),
        "body": [
            text(
                "<p>Most children and young people with special educational needs and disabilities (SEND) from "
                "Northbrook get the support they need locally. "
                "Some go to a school, college or service in a neighbouring area because it is closer to home, or "
                "because it offers something specialist that Northbrook does not have.</p>",
                "<h2>Places often used by Northbrook families</h2>",
                "<ul>",
                "<li><b>Eastmoor College</b> (Eastmoor): supported internships and foundation courses</li>",
                "<li><b>Westdale School for the Deaf</b> (Westdale): a non-maintained special school with "
                "boarding</li>",
                "<li><b>Hillcrest Specialist College</b>: a residential college approved under section 41, for "
                "young people aged 19 to 25 with complex needs</li>",
                "<li><b>The Regional Children's Sleep Service</b> at Eastmoor General Hospital</li>",
                "</ul>",
                "<h2>How we decide on a place outside the area</h2>",
                "<p>If your child has an education, health and care (EHC) plan, you can ask us to name a school or "
                "college in another area. We ask the school or college whether it can meet your child's needs, and "
                "consider the same things as for a Northbrook school, including travel time and cost.</p>",
                "<p>We always try to find a place close to home first, so children can stay near family and "
                "friends. A residential place is agreed with health and social care when a child's needs cannot be "
                "met by a day placement.</p>",
                "<h2>Who is responsible</h2>",
                "<p>The council where your child lives is responsible for their EHC plan, wherever they go to "
                "school. If you live in Northbrook and your child goes to school in another area, contact us. If "
                "you live in another area and your child goes to school in Northbrook, contact your own "
                "council.</p>",
            ),
            details(
                "Travel to a school outside Northbrook",
                "<p>The same rules apply. If the school is your child's nearest suitable school, they may get free "
                'travel. <a href="/travel-and-transport/">Read about travel and transport</a>.</p>',
            ),
            SEN_TEAM,
        ],
    },
    {
        "slug": "eligibility-criteria",
        "title": "Who can get support: eligibility criteria",
        "summary": "The criteria we and our partners use to decide who gets each kind of support, in one place.",
        "topics": [13],
        "last_reviewed": date(2026, 10, 26),
        "body": [
            text(
                "<p>Many services are open to everyone. Some need an assessment first. This page sums up the "
                "criteria for the main kinds of support. Each service in our directory also says who it is for.</p>",
                "<p>If we decide your child does not meet the criteria, we tell you why in writing, and how to ask "
                "us to look again.</p>",
                "<h2>Education</h2>",
                "<ul>",
                "<li><b>SEN Support:</b> any child or young person who has special educational needs. No "
                "diagnosis or assessment by the council is needed.</li>",
                "<li><b>Education, health and care (EHC) needs assessment:</b> we must assess if a child or young "
                "person has or may have special "
                "educational needs, and may need special educational provision through an EHC plan. ",
                '<a href="/ehc-needs-assessment/">Read about EHC needs assessments</a>.</li>',
                "<li><b>EHC plan:</b> we write a plan if the assessment shows the help needed cannot reasonably be "
                "given from the resources a mainstream setting normally has.</li>",
                "<li><b>Travel to school:</b> distance, safety of the route and whether your child can walk there "
                'with an adult. <a href="/travel-and-transport/">Read the travel criteria</a>.</li>',
                "</ul>",
                "<h2>Health</h2>",
                "<ul>",
                "<li><b>Therapies and community nursing:</b> registered with a Northbrook GP, with a need a GP, "
                "health visitor or school nurse cannot meet.</li>",
                "<li><b>Healthy Minds:</b> mental health difficulties that have a significant effect on daily "
                "life. Less severe difficulties are supported by mental health support teams in schools.</li>",
                "<li><b>Continuing care:</b> decided by the NHS using the national framework for children and "
                "young people.</li>",
                "</ul>",
                "<h2>Social care</h2>",
                "<ul>",
                "<li><b>Open short breaks:</b> everyone.</li>",
                "<li><b>Targeted short breaks:</b> children aged 5 to 18 living in Northbrook with a disability "
                "that means they need extra support to take part.</li>",
                "<li><b>Specialist short breaks and other support:</b> following a social work assessment under "
                "section 17 of the Children Act 1989.</li>",
                "<li><b>Adult social care from 18:</b> the national eligibility criteria of the Care Act 2014.</li>",
                "</ul>",
            ),
            callout(
                "You do not need a diagnosis",
                "<p>Support at school, and an EHC needs assessment, depend on your child's needs, not on a "
                "diagnosis.</p>",
            ),
        ],
    },
    {
        "slug": "accessibility-statement",
        "title": "Accessibility statement",
        "summary": "How accessible this website is, what we know is not yet accessible, and how to tell us about a "
        "problem.",
        "topics": [],
        "last_reviewed": date(2026, 11, 16),
        "body": [
            text(
                "<p>This accessibility statement applies to the Northbrook SEND Local Offer website. It is run by "
                "Northbrook Council. We want as many people as possible to be able to use it. For example, you "
                "should be able to:</p>",
                "<ul>",
                "<li>change colours, contrast levels and fonts using browser or device settings</li>",
                "<li>zoom in up to 400% without the text spilling off the screen</li>",
                "<li>navigate most of the website using just a keyboard or speech recognition software</li>",
                "<li>listen to most of the website using a screen reader</li>",
                "<li>use the website without JavaScript</li>",
                "</ul>",
                "<p>We have also made the text as simple as we can to understand.</p>",
                "<h2>Compliance status</h2>",
                "<p>This website is partially compliant with the Web Content Accessibility Guidelines (WCAG) "
                "version 2.2 AA standard, due to the non-compliances listed below.</p>",
                "<h2>Non-accessible content</h2>",
                "<p>The content listed below is not accessible for the following reasons.</p>",
                "<h3>Non-compliance with the accessibility regulations</h3>",
                "<ul>",
                "<li>Some documents uploaded by services, such as leaflets and timetables, are PDFs that may not be "
                "tagged for screen readers. This fails WCAG 2.2 success criterion 1.3.1 (info and relationships). "
                "We are replacing them with web pages or accessible documents by March 2027.</li>",
                "<li>Some schools' SEN information reports, which we link to, are on the schools' own websites. We "
                "do not control those websites. Each school is responsible for its own website's accessibility.</li>",
                "</ul>",
                "<h3>Disproportionate burden</h3>",
                "<p>We are not claiming that any fix would be a disproportionate burden.</p>",
                "<h3>Content that is not within the scope of the accessibility regulations</h3>",
                "<p>Some PDF documents published before 23 September 2018 are not essential to providing our "
                "services, so we do not plan to fix them. If you need one in another format, ask us.</p>",
                "<h2>Preparation of this accessibility statement</h2>",
                "<p>This statement was prepared on 1 September 2026. It was last reviewed on 16 November 2026.</p>",
                "<p>The website was last tested in November 2026 by the Local Offer team. We test every page type "
                "automatically with axe-core in the Chromium browser, at screen widths of 320 and 1280 pixels, on "
                "every change. We also test by hand with a keyboard, with the NVDA and VoiceOver screen readers, "
                "and at 400% zoom. Parents from the Northbrook Parent Carer Forum tested the main journeys with "
                "us.</p>",
                "<h2>Feedback and contact information</h2>",
                "<p>If you need information on this website in a different format, such as accessible PDF, large "
                "print, Easy Read, audio recording or braille, contact the Local Offer team:</p>",
                "<ul>",
                '<li>email <a href="mailto:localoffer@northbrook.example">localoffer@northbrook.example</a></li>',
                "<li>call 01632 960 400, Monday to Friday, 9am to 5pm</li>",
                "<li>Relay UK: dial 18001 then 01632 960 400</li>",
                "</ul>",
                "<p>We will consider your request and get back to you within 5 working days.</p>",
                "<h3>Reporting accessibility problems with this website</h3>",
                "<p>We are always looking to improve the accessibility of this website. If you find any problems "
                "not listed on this page, or think we are not meeting accessibility requirements, use the "
                '<a href="/have-your-say/">have your say form</a> or contact the Local Offer team. We reply within '
                "10 working days.</p>",
                "<h2>Enforcement procedure</h2>",
                "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
                "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "
                "&quot;accessibility regulations&quot;). If you are not happy with how we respond to your "
                "complaint, contact the Equality Advisory and Support Service (EASS).</p>",
                "<h2>Technical information about this website's accessibility</h2>",
                "<p>Northbrook Council is committed to making its website accessible, in accordance with the "
                "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
                "2018.</p>",
                "<h2>What we're doing to improve accessibility</h2>",
                "<p>We are replacing older PDF documents with web pages, and we ask every service that lists in "
                "our directory to check its documents. We review this statement every year.</p>",
            ),
        ],
    },
    {
        "slug": "privacy-notice",
        "title": "Privacy notice",
        "summary": "What personal information this website collects, why, how long we keep it and your rights.",
        "topics": [],
        "last_reviewed": date(2026, 11, 16),
        "body": [
            text(
                "<h2>Who we are</h2>",
                "<p>Northbrook Council runs this website and is the data controller for the personal information "
                "it collects. This means we decide how it is used and we are responsible for keeping it safe.</p>",
                "<h2>What we collect and why</h2>",
                "<p>You can use this website without telling us who you are. We only collect personal information "
                "when you give it to us:</p>",
                "<ul>",
                "<li><b>Comments on the Local Offer:</b> your comment and, only if you choose to give them, your "
                "name and email address so we can reply. Please do not include details about your "
                "child's health or disability in a comment. We never publish your contact details, and we remove "
                "anything that could identify you before we publish a summary of comments.</li>",
                "<li><b>SEN information report updates from schools:</b> the name, work email address "
                "and, if given, work phone number of the school's special educational needs co-ordinator (SENCO), "
                "so we can check the update is genuine.</li>",
                "<li><b>Services in our directory:</b> the contact details that organisations ask us to publish "
                "for their service.</li>",
                "<li><b>Website security logs:</b> the internet address (IP address) of your device and the pages "
                "requested, to keep the website secure and working.</li>",
                "</ul>",
                "<h2>Our lawful basis</h2>",
                "<p>We use your information because we need to carry out a task in the public interest (UK GDPR "
                "Article 6(1)(e), &quot;public task&quot;). The Children and Families Act 2014 (section 30) and "
                "the SEND Regulations 2014 (regulation 56) say we must publish a Local Offer, ask for comments on "
                "it and publish our response.</p>",
                "<h2>How long we keep it</h2>",
                "<ul>",
                "<li>your name and email address, if you gave them with a comment: deleted 90 days after we publish "
                "the &quot;you said, we did&quot; report that covers your comment, and always within 2 years</li>",
                "<li>comments with contact details removed: kept for 3 years so we can report on trends</li>",
                "<li>SENCO contact details: deleted 12 months after the update is approved or rejected</li>",
                "<li>website security logs: 30 days</li>",
                "</ul>",
                "<h2>Who we share it with</h2>",
                "<p>We do not sell your information or share it for marketing. Only council officers who manage the "
                "Local Offer can see it. If a comment tells us a child may be at risk of harm, we will share it with "
                "children's social care to keep the child safe. The company that hosts this website processes data "
                "for us under a contract and stores it in the UK.</p>",
                "<h2>Your rights</h2>",
                "<p>You have the right to:</p>",
                "<ul>",
                "<li>ask for a copy of the information we hold about you</li>",
                "<li>ask us to correct information that is wrong</li>",
                "<li>ask us to delete your information</li>",
                "<li>ask us to limit how we use it, or object to us using it</li>",
                "</ul>",
                "<p>To use any of these rights, contact our data protection officer. We reply within one month.</p>",
            ),
            contact(
                "Data Protection Officer",
                "Questions about how Northbrook Council uses personal information.",
                phone="01632 960 560",
                email="dpo@northbrook.example",
                address="Data Protection Officer\nNorthbrook Council\nCivic Centre, Market Street\nNorthbrook NB1 1AA",
            ),
            text(
                "<h2>If you are unhappy</h2>",
                "<p>Please contact our data protection officer first. If you are still unhappy, you can complain to "
                "the Information Commissioner's Office (ICO), the UK's independent regulator for data "
                "protection.</p>",
            ),
        ],
    },
    {
        "slug": "cookies",
        "title": "Cookies",
        "summary": "This website only uses the cookies it needs to work. We do not use cookies to track you.",
        "topics": [],
        "last_reviewed": date(2026, 11, 16),
        "body": [
            text(
                "<p>Cookies are small files saved on your phone, tablet or computer when you visit a website.</p>",
                "<p>We only use essential cookies. They make the website work and keep it secure. We do not use "
                "cookies for analytics or advertising, and no other organisation sets cookies through this "
                "website. Because we only use essential cookies, we do not need to ask for your consent, so you "
                "will not see a cookie banner.</p>",
                "<h2>Essential cookies we use</h2>",
                "<ul>",
                "<li><b>csrftoken:</b> protects the forms on this website from being misused by other websites. "
                "It expires after 1 year.</li>",
                "<li><b>sessionid:</b> remembers you from page to page when you fill in a form that has more than "
                "one step, or sign in to manage the website. It expires after 2 weeks, or when you sign out.</li>",
                "</ul>",
                "<p>Neither cookie is used to identify you or to follow what you do on other websites.</p>",
                "<h2>Turning cookies off</h2>",
                "<p>You can block cookies in your browser settings. You can still read every page, but forms on "
                "this website may not work.</p>",
            ),
        ],
    },
]
