"""The glossary a new site starts with (GUIDE.md section 2 and the words families meet on our pages), seeded by
migration localoffer 0007. Officers change the terms in the admin afterwards; editing this file changes only sites
set up after it.

Plain data only: the migration must not import models. Each term: (term, other names, explanation). Other names are
matched too; those written in capitals (EHCP) only in capitals. Explanations are one to three short sentences a
parent would understand, using no other jargon."""

TERMS = [
    (
        "SEND",
        ["special educational needs and disabilities", "special educational needs and disability"],
        "Short for special educational needs and disabilities. A child with SEND finds learning harder than most "
        "others of the same age, or has a disability that makes school or college harder.",
    ),
    (
        "SEN",
        ["special educational needs", "special educational need"],
        "Short for special educational needs. A child has special educational needs if they find learning much "
        "harder than most children of their age and need extra help with it.",
    ),
    (
        "EHC plan",
        ["EHCP", "education, health and care plan", "education health and care plan"],
        "An education, health and care plan (EHC plan or EHCP) is a legal document. It is for a child or young person "
        "who needs more help than their nursery, school or college can give. It sets out their needs and the help "
        "they must get.",
    ),
    (
        "EHC needs assessment",
        [
            "education, health and care needs assessment",
            "education, health and care (EHC) needs assessment",
            "EHC assessment",
            "EHCNA",
            "statutory assessment",
        ],
        "A close look by the council at a child's needs, to decide whether they need an EHC plan. A parent, a young "
        "person or their school can ask for one.",
    ),
    (
        "SEN Support",
        ["special educational needs support"],
        "The extra help a nursery, school or college gives a child with special educational needs from its own "
        "budget, without an EHC plan. The school should plan it with you and check how well it is working.",
    ),
    (
        "SENCO",
        [
            "SENCo",
            "SENDCo",
            "special educational needs co-ordinator",
            "special educational needs coordinator",
        ],
        "The teacher in a school or nursery who makes sure children with special educational needs get the right "
        "help. Talk to them first if you are worried about your child's learning.",
    ),
    (
        "SEN information report",
        ["special educational needs information report", "SEND information report"],
        "A report every school must put on its website each year. It says how the school helps children with "
        "special educational needs and disabilities.",
    ),
    (
        "SENDIASS",
        [
            "SENDIAS service",
            "SEND information, advice and support service",
            "information, advice and support service",
            "IASS",
        ],
        "A free service that gives families and young people advice about SEND. It does not work for the council or "
        "the school. It can help you with meetings, forms and appeals.",
    ),
    (
        "parent carer forum",
        ["PCF"],
        "A local group of parents and carers of disabled children. It works with the council and the NHS to make "
        "services better, and any parent can join.",
    ),
    (
        "Local Offer",
        [],
        "This website. Every council must have one place that tells you about the help there is for children and "
        "young people aged 0 to 25 with SEND.",
    ),
    (
        "universal services",
        ["universal service"],
        "Services for every child and family, such as schools, nurseries and GPs.",
    ),
    (
        "targeted services",
        ["targeted service", "targeted support"],
        "Extra help, often for a short time, for children who need more than universal services give. You can "
        "usually ask for it yourself or be referred by a professional.",
    ),
    (
        "specialist services",
        ["specialist service", "specialist support"],
        "Help for children and young people with complex or lasting needs, such as a special school or a therapy "
        "service. A professional usually has to refer you.",
    ),
    (
        "areas of need",
        ["four areas of need", "broad areas of need"],
        "The four kinds of need the law names. They are: talking and getting on with others; learning; feelings and "
        "mental health; and senses or the body. A child can have needs in more than one area.",
    ),
    (
        "s41 institution",
        ["section 41 institution", "section 41 school", "s41 school", "s41 college"],
        "An independent special school or college that the government has approved under section 41 of the "
        "Children and Families Act 2014. Families can ask for one to be named in an EHC plan, just like a council "
        "school.",
    ),
    (
        "short breaks",
        ["short break", "respite", "respite care"],
        "Time when a disabled child or young person does something fun away from their main carers, such as a club, "
        "an activity or a stay away. It gives parents and carers a rest.",
    ),
    (
        "preparing for adulthood",
        ["PfA"],
        "Help for young people aged 14 to 25 to get ready for adult life: work, a home, friends and staying healthy. "
        "It starts at the Year 9 review.",
    ),
    (
        "annual review",
        ["EHC plan review", "review of the EHC plan"],
        "A meeting at least once a year to check how a child or young person is doing and whether their EHC plan "
        "is still right. You, your child and the people who work with them all take part.",
    ),
    (
        "Year 9 review",
        ["Year 9 annual review"],
        "The annual review in Year 9, when a young person is 13 or 14. From then on each review also plans for "
        "adult life: work, where to live, friends and health.",
    ),
    (
        "mediation",
        ["mediator", "mediation adviser", "mediation service"],
        "A meeting to try to settle a disagreement with the council about an EHC needs assessment or plan. A person "
        "who does not take sides, the mediator, runs it. It is free and you can bring someone with you.",
    ),
    (
        "mediation certificate",
        [],
        "A form you get after talking to a mediation adviser. You need it before you can appeal to the SEND "
        "Tribunal, whether or not you choose to go to mediation.",
    ),
    (
        "tribunal",
        [
            "SEND Tribunal",
            "First-tier Tribunal",
            "First-tier Tribunal (SEND)",
            "Special Educational Needs and Disability Tribunal",
            "SENDIST",
        ],
        "An independent court that decides disagreements between families and councils about EHC needs assessments "
        "and EHC plans. It is free to appeal, and you do not need a lawyer.",
    ),
    (
        "appeal",
        ["appeals"],
        "Asking the SEND Tribunal to change a decision the council has made about an EHC needs assessment or plan. "
        "You usually have two months from the council's decision letter.",
    ),
    (
        "disagreement resolution",
        ["disagreement resolution service"],
        "A free service that helps families, schools and the council sort out a disagreement early. The person who "
        "helps does not take sides.",
    ),
    (
        "personal budget",
        ["personal budgets"],
        "An amount of money set aside for some of the help in an EHC plan, so that you can have more say in how "
        "that help is given. You can ask for one when you get a draft plan or at an annual review.",
    ),
    (
        "direct payments",
        ["direct payment"],
        "Money the council pays to you, instead of arranging a service itself, so you can buy the help your child "
        "needs. You must show what you spent it on.",
    ),
    (
        "resourced provision",
        ["resource base", "enhanced resource provision", "resourced provisions"],
        "Extra places with specialist staff on the site of a mainstream school, for children with a particular kind "
        "of need. Children spend most of their time in ordinary classes.",
    ),
    (
        "SEN unit",
        ["special educational needs unit", "specialist unit"],
        "Special classes in a mainstream school for children with a particular kind of need. Children are taught "
        "mostly in the unit, in small groups.",
    ),
    (
        "special school",
        ["special schools", "specialist school"],
        "A school only for children with special educational needs. Most children there have an EHC plan.",
    ),
    (
        "mainstream school",
        ["mainstream schools", "mainstream setting", "mainstream"],
        "An ordinary school or college that any child can go to. Most children with special educational needs go "
        "to a mainstream school.",
    ),
    (
        "maintained school",
        ["maintained schools", "maintained nursery school"],
        "A school that the council runs and pays for.",
    ),
    (
        "academy",
        ["academies", "free school", "free schools"],
        "A state school paid for by the government but run by a trust rather than the council. It must follow the "
        "same law on special educational needs as other schools.",
    ),
    (
        "non-maintained special school",
        ["non-maintained special schools"],
        "A special school run by a charity, not for profit, and approved by the government. The council pays for "
        "places through EHC plans.",
    ),
    (
        "pupil referral unit",
        ["PRU", "pupil referral units"],
        "A small school for children who cannot be in an ordinary school for a time. This may be because they were "
        "excluded or are ill.",
    ),
    (
        "alternative provision",
        [],
        "Teaching away from an ordinary school, for a child who cannot go to school for a time. This may be because "
        "they are ill or were excluded.",
    ),
    (
        "provision",
        ["special educational provision"],
        "The help a child or young person gets, such as extra teaching, therapy or equipment.",
    ),
    (
        "outcomes",
        ["outcome"],
        "What the help in an EHC plan should achieve for a child or young person, such as learning to read or "
        "travelling to college alone.",
    ),
    (
        "draft plan",
        ["draft EHC plan"],
        "The first version of an EHC plan. You have 15 days to comment on it and to say which school or college you "
        "would like.",
    ),
    (
        "named school",
        ["named setting"],
        "The school, college or nursery that is written into an EHC plan. It must take the child or young person.",
    ),
    (
        "educational psychologist",
        ["EP", "educational psychologists"],
        "A specialist who looks at how a child learns, thinks and feels, and advises on the help they need. They "
        "give advice for every EHC needs assessment.",
    ),
    (
        "speech and language therapy",
        ["speech and language therapist", "speech and language therapists", "SALT"],
        "Help for children who find it hard to speak, understand others, use language with other people, eat or "
        "swallow.",
    ),
    (
        "occupational therapy",
        ["occupational therapist", "occupational therapists", "OT"],
        "Help with everyday skills such as dressing, writing and playing. It can also make a home or school easier to "
        "use.",
    ),
    (
        "physiotherapy",
        ["physiotherapist", "physiotherapists", "physio"],
        "Help with moving, balance and strength, through exercises and equipment.",
    ),
    (
        "paediatrician",
        ["paediatricians", "community paediatrician"],
        "A doctor for children. A community paediatrician often finds out if a child has autism, ADHD or another "
        "condition.",
    ),
    (
        "health visitor",
        ["health visitors", "health visiting"],
        "A nurse who supports families with children under 5, with health checks, feeding, sleep and development.",
    ),
    (
        "CAMHS",
        [
            "child and adolescent mental health services",
            "children and young people's mental health services",
            "CYPMHS",
        ],
        "NHS services for children and young people with mental health problems. These may be worry, low mood or "
        "eating problems.",
    ),
    (
        "GP",
        ["GPs"],
        "Your family doctor at the local surgery. They can refer your child to other health services.",
    ),
    (
        "ICB",
        ["integrated care board"],
        "The NHS organisation that plans and pays for health services in an area, including health help in EHC plans.",
    ),
    (
        "Designated Clinical Officer",
        ["DCO", "Designated Medical Officer", "DMO"],
        "A health worker who makes sure the NHS does its part for children and young people with SEND. You can "
        "contact them if health help is not working.",
    ),
    (
        "continuing care",
        ["children's continuing care", "NHS continuing healthcare", "continuing healthcare", "CHC"],
        "Extra NHS care for a child or adult whose health needs are too complex for ordinary services to meet.",
    ),
    (
        "carer's assessment",
        ["carers assessment", "carer's needs assessment", "parent carer needs assessment"],
        "A chat with the council about how caring affects your life and what would help you, such as short breaks. "
        "Any parent or carer of a disabled child can ask for one.",
    ),
    (
        "children with disabilities team",
        ["disabled children's team", "CWD team"],
        "The council's social workers for disabled children and their families. They assess what help a family "
        "needs, such as short breaks or care at home.",
    ),
    (
        "social worker",
        ["social workers"],
        "A council worker who helps children and families who need support to stay safe and well at home.",
    ),
    (
        "child in need",
        ["children in need", "section 17", "s17"],
        "A child who needs council help to be safe, healthy or to develop well. Every disabled child counts as a "
        "child in need under section 17 of the Children Act 1989.",
    ),
    (
        "looked-after child",
        ["looked after child", "looked-after children", "looked after children", "child in care", "children in care"],
        "A child the council cares for, for example in foster care or a children's home.",
    ),
    (
        "virtual school",
        ["virtual school head", "virtual school headteacher"],
        "A council team, not a real school, that makes sure children in care and children with a social worker get "
        "the education they need.",
    ),
    (
        "Care Act",
        ["Care Act 2014", "Care Act assessment"],
        "The law on care and support for adults. From 18, a young person's care needs are usually assessed under it.",
    ),
    (
        "Children and Families Act",
        ["Children and Families Act 2014"],
        "The main law on special educational needs in England. It brought in education, health and care plans and the "
        "Local Offer.",
    ),
    (
        "Code of Practice",
        ["SEND Code of Practice", "SEND Code"],
        "The government's guide to SEND. Councils, schools, colleges and the NHS must follow it.",
    ),
    (
        "Equality Act",
        ["Equality Act 2010"],
        "The law that protects disabled people from being treated unfairly, at school and everywhere else.",
    ),
    (
        "reasonable adjustments",
        ["reasonable adjustment"],
        "Changes a school, college or service must make so that a disabled person is not left out. For example, extra "
        "time in tests or a ramp.",
    ),
    (
        "accessibility strategy",
        ["accessibility plan", "accessibility plans"],
        "A plan to make schools easier for disabled pupils to use: the buildings, the lessons and the information "
        "they give. Councils and schools must each have one.",
    ),
    (
        "Ombudsman",
        ["Local Government and Social Care Ombudsman", "LGSCO"],
        "An independent service that looks into complaints about councils when their own complaints process has not "
        "put things right. It is free.",
    ),
    (
        "early years",
        ["early years setting", "early years settings", "early years provider", "early years providers"],
        "The years from birth to 5, and the nurseries, pre-schools and childminders that look after children then.",
    ),
    (
        "EYFS",
        ["Early Years Foundation Stage"],
        "The rules every nursery and childminder in England follows. They cover how children up to age 5 learn, grow "
        "and are cared for.",
    ),
    (
        "Disability Access Fund",
        ["DAF"],
        "Money a nursery or childminder can get once a year for a child aged 2 to 4 who gets Disability Living "
        "Allowance. It pays for changes that help the child join in.",
    ),
    (
        "SEN inclusion fund",
        ["SENIF", "inclusion fund"],
        "Money the council gives nurseries and childminders. It helps young children with SEND join in fully.",
    ),
    (
        "Portage",
        [],
        "A home visiting service for very young children with special educational needs and disabilities. A Portage "
        "worker helps you play and learn with your child at home.",
    ),
    (
        "graduated approach",
        ["assess, plan, do, review"],
        "How schools give SEN Support in four repeating steps: find out what a child needs, plan the help, give it, "
        "then check how well it worked.",
    ),
    (
        "one-page profile",
        ["one page profile"],
        "A short summary, written with the child or young person, of what matters to them and how best to help them.",
    ),
    (
        "person-centred",
        ["person centred", "person-centred planning"],
        "Planning that starts from what matters to the child or young person and their family. They take part in every "
        "decision.",
    ),
    (
        "co-production",
        ["coproduction", "co-produced", "co-produce"],
        "When families, young people and staff plan things and make decisions together, as equals.",
    ),
    (
        "local authority",
        ["LA", "local authorities"],
        "The council. It is in charge of EHC needs assessments, EHC plans and the Local Offer in its area.",
    ),
    (
        "transition",
        ["transitions"],
        "A move from one stage of life to the next. For example, starting school, moving up to secondary school or "
        "leaving children's services for adult ones.",
    ),
    (
        "post-16",
        ["post 16", "post-16 education"],
        "Education or training after Year 11, when a young person is 16 or older.",
    ),
    (
        "further education",
        ["FE", "FE college", "further education college"],
        "Study after school for people aged 16 and over, usually at a college. It includes courses, training and "
        "apprenticeships.",
    ),
    (
        "supported internship",
        ["supported internships"],
        "A course for young people aged 16 to 24 with an EHC plan. They spend most of it learning on the job, with a "
        "job coach to help.",
    ),
    (
        "apprenticeship",
        ["apprenticeships", "apprentice"],
        "A real job with training, where you earn a wage and get a qualification at the same time.",
    ),
    (
        "traineeship",
        ["traineeships"],
        "A short course with work experience that helps a young person get ready for an apprenticeship or a job.",
    ),
    (
        "independent living",
        ["supported living"],
        "Living as an adult with as much choice and control as you can, with the right help. This may be in your own "
        "home or a shared house with staff nearby.",
    ),
    (
        "travel training",
        ["independent travel training"],
        "Lessons that help a young person learn to travel on their own safely, for example by bus to school or "
        "college.",
    ),
    (
        "home to school transport",
        ["school transport", "travel assistance", "home-to-school transport"],
        "Help from the council to get a child to school, such as a bus pass or a place on a minibus, for children "
        "who meet the rules.",
    ),
    (
        "post-16 transport policy statement",
        ["transport policy statement"],
        "The council's yearly statement of the help it gives students aged 16 to 18, and some up to 25, to get to "
        "school or college.",
    ),
    (
        "Disability Living Allowance",
        ["DLA"],
        "Money from the government to help with the extra costs of caring for a disabled child under 16.",
    ),
    (
        "Personal Independence Payment",
        ["PIP"],
        "Money from the government to help with the extra costs of a disability, for people aged 16 and over. It "
        "takes the place of Disability Living Allowance.",
    ),
    (
        "Carer's Allowance",
        ["Carers Allowance"],
        "Money from the government for people who care for someone for at least 35 hours a week. The person they care "
        "for must get certain benefits.",
    ),
    (
        "key worker",
        ["keyworker", "key workers", "lead professional"],
        "One named person who helps a family find their way around services. They keep everyone working together.",
    ),
    (
        "Early Help",
        ["early help assessment", "EHA"],
        "Support from the council and its partners for families who need a little extra help, before problems grow.",
    ),
    (
        "autism",
        ["autistic", "ASD", "ASC", "autism spectrum disorder", "autism spectrum condition"],
        "A lifelong difference in how a person talks, gets on with others and sees the world. Autistic people may find "
        "busy places, change or meeting people hard.",
    ),
    (
        "ADHD",
        ["attention deficit hyperactivity disorder"],
        "A condition that affects attention and behaviour. People with ADHD may find it hard to concentrate, sit "
        "still or wait their turn.",
    ),
    (
        "SEMH",
        ["social, emotional and mental health"],
        "Short for social, emotional and mental health needs. For example, a child may feel anxious or low, or find "
        "it hard to manage their feelings or get on with others.",
    ),
    (
        "SLCN",
        ["speech, language and communication needs"],
        "Short for speech, language and communication needs. The child finds it hard to speak, to understand what "
        "others say or to talk with other people.",
    ),
    (
        "learning difficulty",
        ["learning difficulties", "MLD", "SLD", "PMLD"],
        "Finding learning harder than most others of the same age. It can be moderate (MLD), severe (SLD) or "
        "profound and multiple (PMLD).",
    ),
    (
        "specific learning difficulty",
        ["specific learning difficulties", "SpLD", "dyslexia", "dyscalculia", "dyspraxia"],
        "When one kind of learning is hard. Dyslexia makes reading and spelling hard, dyscalculia makes numbers "
        "hard and dyspraxia makes movement hard.",
    ),
    (
        "sensory impairment",
        ["sensory impairments", "hearing impairment", "visual impairment", "multi-sensory impairment", "MSI"],
        "Difficulty with hearing, seeing or both. Specialist teachers can help a child learn in ways that suit them.",
    ),
    (
        "eligibility criteria",
        ["eligibility"],
        "The rules about who can use a service, such as an age range or a kind of need.",
    ),
    (
        "referral",
        ["referrals", "self-referral"],
        "Asking a service to see a child or young person. Sometimes you can do this yourself (a self-referral); "
        "sometimes a professional such as a GP has to do it.",
    ),
    (
        "safeguarding",
        [],
        "Everything done to keep children and adults safe from harm and abuse.",
    ),
    (
        "Ofsted",
        [],
        "The government body that checks schools, nurseries and children's services. It says how good they are.",
    ),
    (
        "URN",
        ["unique reference number"],
        "The number the Department for Education gives every school, so it can be found in official lists.",
    ),
]
