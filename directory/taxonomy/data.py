"""The standard areas of need, need types and service categories (GUIDE.md section 2), seeded by migration 0002.

Plain data only: the migration must not import models."""

AREAS_OF_NEED = [
    (
        "communication-and-interaction",
        "Communication and interaction",
        "Difficulty talking, understanding others or getting on with people, including autism.",
        [
            ("autism", "Autism", "A lifelong difference in how someone communicates and experiences the world."),
            (
                "speech-language-communication",
                "Speech, language and communication",
                "Difficulty speaking, understanding what others say, or using language socially.",
            ),
        ],
    ),
    (
        "cognition-and-learning",
        "Cognition and learning",
        "Learning at a slower pace than others of the same age, or difficulty with particular skills.",
        [
            (
                "moderate-learning-difficulties",
                "Moderate learning difficulties",
                "Finding most learning harder than others of the same age.",
            ),
            (
                "severe-learning-difficulties",
                "Severe learning difficulties",
                "Needing a lot of support with learning and everyday life.",
            ),
            (
                "profound-multiple-learning-difficulties",
                "Profound and multiple learning difficulties",
                "Severe learning difficulties together with other needs, such as physical or sensory ones.",
            ),
            (
                "specific-learning-difficulties",
                "Specific learning difficulties (such as dyslexia)",
                "Difficulty with particular skills such as reading, writing, spelling or maths.",
            ),
        ],
    ),
    (
        "social-emotional-mental-health",
        "Social, emotional and mental health",
        "Difficulties with feelings, behaviour, relationships or mental health.",
        [
            (
                "adhd",
                "ADHD",
                "Attention deficit hyperactivity disorder: difficulty concentrating, sitting still or waiting.",
            ),
            (
                "social-emotional-mental-health",
                "Social, emotional and mental health needs",
                "Anxiety, low mood, attachment difficulties or behaviour that makes life hard.",
            ),
        ],
    ),
    (
        "sensory-and-physical",
        "Sensory and/or physical",
        "Hearing or sight loss, or a physical disability, that means extra help or equipment is needed.",
        [
            ("hearing-impairment", "Hearing impairment", "Deafness or hearing loss of any level."),
            ("visual-impairment", "Visual impairment", "Blindness or sight loss that glasses do not correct."),
            ("multi-sensory-impairment", "Multi-sensory impairment", "Both hearing and sight loss."),
            (
                "sensory-processing",
                "Sensory processing difficulties",
                "Finding sounds, light, touch, smells or movement too much or too little, which can make everyday "
                "places and tasks hard.",
            ),
            ("physical-disability", "Physical disability", "A condition that affects movement or everyday tasks."),
        ],
    ),
]

SERVICE_CATEGORIES = [
    ("education", "Education", "Nurseries, schools, colleges and help with learning."),
    ("health", "Health", "Therapies, mental health, nursing, equipment and other health services."),
    ("social-care", "Social care", "Support for disabled children, young people and their families at home."),
    (
        "preparing-for-adulthood",
        "Preparing for adulthood",
        "Work, independent living, friends and community, and good health, from age 14.",
    ),
    ("travel-and-transport", "Travel and transport", "Getting to school or college, travel training and passes."),
    (
        "information-advice-and-support",
        "Information, advice and support",
        "Impartial advice, support groups and the parent carer forum.",
    ),
    ("childcare", "Childcare", "Childminders, nurseries, holiday clubs and funded childcare."),
    ("leisure-and-short-breaks", "Leisure and short breaks", "Clubs, activities and breaks for disabled children."),
]
