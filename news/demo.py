"""Demo news for a local site: a dozen posts in four categories, with pull quotes and images.

Idempotent: posts are found by slug, and a post that is already there is left as it is.
"""

import io
import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from news.models import Category, Post, Quote

DIRECTOR = ("Veerawit Tianchainan", "Thailand Executive Director")
CATEGORIES = {
    "education": (
        "Education",
        "Scholarships, tutoring and the daily work of keeping children in school.",
    ),
    "community": ("Community", "Villages, families and the people who keep each other safe."),
    "prevention": ("Prevention", "How trafficking starts, and how it is stopped before it does."),
    "updates": ("Updates", "News about the organisation itself: people, places and plans."),
}

# (slug, title, category slugs, days ago or a publish time, paragraphs, headings and lists,
#  quotes: (text, name, role, after block N: paragraphs, headings and lists each count))
POSTS = [
    (
        # The charity's own post of that day, retold in our words: title, date, headings, the
        # intro line and the attribution are the charity's.
        "were-expanding-on-multiple-levels",
        "We’re Expanding on Multiple Levels",
        ["updates", "prevention"],
        datetime(2021, 2, 4, 10, 0, tzinfo=ZoneInfo("Asia/Bangkok")),
        [
            "Our work in Chiang Rai has always grown one family, one school and one village at "
            "a time. This year it is growing on several fronts at once, and we want to tell you "
            "what that means for the children and families we serve.",
            "Here are some of the ways we’re expanding:",
            [
                "Working with more schools, so that our prevention lessons reach students in "
                "districts we could not visit before",
                "Closer work with local authorities and village leaders, who can act quickly "
                "when a child is at risk",
                "Joining networks of organisations across the region, to learn from each other "
                "and refer families to the help they need",
                "More social workers and mentors, so that every student is followed closely",
            ],
            "## What These Collaborations Helps Us Achieve",
            "No organisation can end trafficking on its own. Each partnership lets us do "
            "something we could not do alone: a teacher notices that a student has stopped "
            "coming to class, a village leader hears about an offer that sounds too good, a "
            "partner opens the door to legal or health care.",
            "Together these links work like a net around young people, and fewer of them slip "
            "through it.",
            "## Growing Recognition",
            "We were honoured when the governor of Chiang Rai recognised our part in protecting "
            "the province’s children, and again when our work received a Human Rights Award.",
            "Both honours belong to the students, families, volunteers and donors who make this "
            "work possible. They also open doors: officials and partners who know our name are "
            "quicker to work with us when a child needs help.",
        ],
        [
            (
                "Every new partner is one more person watching over a child. Prevention grows "
                "when the circle of people who care grows with it.",
                *DIRECTOR,
                3,
            ),
            (
                "Recognition is not a finish line. It tells us that families trust us, and that "
                "trust has to be earned again every day.",
                *DIRECTOR,
                8,
            ),
        ],
    ),
    (
        "a-library-that-stays-open-late",
        "A library that stays open late",
        ["education", "community"],
        9,
        [
            "Our resource centre now stays open until eight in the evening, because that is when "
            "teenagers who work after school can actually come.",
            "## Why evenings",
            "Many students help on family farms or in shops until sunset. A library that closes "
            "at five is a library they never see.",
            [
                "Homework help from volunteer tutors",
                "Free internet for school research",
                "A safe, lit place to be after dark",
            ],
        ],
        [
            (
                "The light in that window at night tells every parent in the village that "
                "someone is looking out for their children.",
                "Malee Srisuk",
                "Centre coordinator",
                3,
            )
        ],
    ),
    (
        "how-recruiters-make-their-first-offer",
        "How recruiters make their first offer",
        ["prevention"],
        16,
        [
            "Trafficking rarely begins with force. It begins with a job offer that sounds "
            "ordinary: a restaurant in the city, a factory with a dormitory, an advance on wages.",
            "## Warning signs we teach",
            [
                "A job that needs no skills but pays far above the local wage",
                "A recruiter who asks for documents to be handed over 'for safekeeping'",
                "A debt for travel or housing that must be repaid before the first salary",
                "Pressure to decide quickly and tell no one",
            ],
            "Our prevention sessions walk students and parents through real examples, so that "
            "the first offer is recognised for what it is.",
        ],
        [
            (
                "A family that knows the questions to ask is a family that is very hard to "
                "deceive.",
                *DIRECTOR,
                1,
            )
        ],
    ),
    (
        "meet-our-new-social-workers",
        "Meet our new social workers",
        ["updates", "community"],
        23,
        [
            "Two social workers joined the team this month. Both grew up in the province and "
            "both speak the local languages of the families we serve.",
            "## What they will do",
            "They will visit families whose children are at risk of leaving school, connect them "
            "with health and legal services, and follow up every month.",
        ],
        [],
    ),
    (
        "scholarship-students-graduate",
        "Twelve scholarship students graduate",
        ["education"],
        31,
        [
            "Twelve students who joined our programme at the age of twelve finished secondary "
            "school this spring. Nine of them have places at university or vocational college.",
            "## Where they are going",
            [
                "Four to nursing and health sciences",
                "Three to teacher training",
                "Two to engineering",
                "Three straight into work, close to home",
            ],
            "Several have already signed up to mentor younger students next year.",
        ],
        [
            (
                "I used to think school was something you left when money ran out. Now I want to "
                "be the teacher who makes sure nobody else has to.",
                "Ploy",
                "Scholarship graduate",
                1,
            )
        ],
    ),
    (
        "village-safety-meetings",
        "Village safety meetings, one year on",
        ["community", "prevention"],
        40,
        [
            "A year ago we started holding safety meetings with village leaders, teachers and "
            "parents. Twenty-two villages now meet every quarter.",
            "## What the meetings changed",
            "Leaders now share word of suspicious recruiters between villages, and two offers "
            "that looked too good to be true were reported before anyone left home.",
        ],
        [
            (
                "Prevention works best when it belongs to the village, not to us.",
                *DIRECTOR,
                3,
            )
        ],
    ),
    (
        "why-monthly-gifts-matter",
        "Why monthly gifts matter so much",
        ["updates"],
        48,
        [
            "A one-off gift pays for a school uniform. A monthly gift lets us promise a student "
            "that the uniform, the books and the bus fare will still be there next year.",
            "## What a monthly gift covers",
            [
                "Ten dollars: a term of school supplies",
                "Twenty-five dollars: a month of transport to secondary school",
                "Fifty dollars: a month of a student's full scholarship",
            ],
            'Setting one up takes a minute: choose an amount and "Monthly" on our '
            '<a href="/donate/">Donate page</a>, and you can change or stop it whenever you like.',
        ],
        [],
    ),
    (
        "english-club-for-teenagers",
        "An English club for teenagers",
        ["education"],
        57,
        [
            "Every Saturday morning, thirty teenagers meet at the centre to practise English "
            "through games, songs and a great deal of laughter.",
            "Language opens doors to better work, and it lets young people read a contract "
            "before they sign it.",
        ],
        [
            (
                "Confidence is the first thing they learn. The grammar comes after.",
                "Daniel Reyes",
                "Volunteer teacher",
                1,
            )
        ],
    ),
    (
        "talking-to-children-about-online-safety",
        "Talking to children about online safety",
        ["prevention", "education"],
        66,
        [
            "More and more first contacts with recruiters happen on a phone. Our online safety "
            "lessons teach children how to spot a fake profile and when to tell an adult.",
            "## Three rules we repeat",
            [
                "Never send a photo of your ID card to someone you have not met",
                "A real employer does not ask you to keep the offer secret",
                "If it feels wrong, show a teacher or a parent before you answer",
            ],
        ],
        [],
    ),
    (
        "families-start-small-businesses",
        "Families start small businesses",
        ["community"],
        75,
        [
            "Our small-grant programme helped fifteen families start businesses this year: a "
            "noodle stall, a sewing workshop, a mobile phone repair counter.",
            "When a family earns enough at home, nobody has to follow a recruiter to the city.",
        ],
        [
            (
                "Economic safety at home is prevention too, perhaps the strongest kind.",
                *DIRECTOR,
                1,
            )
        ],
    ),
    (
        "a-visit-from-our-partners",
        "A visit from our partner schools",
        ["updates", "education"],
        84,
        [
            "Teachers from our eight partner schools spent a day at the centre to share what "
            "works in keeping students enrolled.",
            "## What we agreed",
            [
                "Teachers will tell us within a week when a student stops attending",
                "We will visit the family within another week",
                "Every case gets a plan, and a follow-up",
            ],
        ],
        [],
    ),
    (
        "what-a-home-visit-looks-like",
        "What a home visit looks like",
        ["community", "prevention"],
        93,
        [
            "Before a scholarship starts, a member of our team sits down with the whole family, "
            "usually on the floor of their home, usually over tea.",
            "We ask about school, about work, about debts and about plans. We listen more than we "
            "talk.",
            "## Why it matters",
            "The visit builds the trust that makes families call us first when a stranger offers "
            "their daughter a job far away.",
        ],
        [
            (
                "Trust is built one cup of tea at a time.",
                *DIRECTOR,
                2,
            )
        ],
    ),
]


def body_html(parts):
    html = []
    for part in parts:
        if isinstance(part, list):
            html.append("<ul>" + "".join(f"<li>{item}</li>" for item in part) + "</ul>")
        elif part.startswith("## "):
            html.append(f"<h2>{part[3:]}</h2>")
        else:
            html.append(f"<p>{part}</p>")
    return "".join(html)


def demo_image(seed):
    """A warm landscape drawn with Pillow: no downloads, different for every post."""
    rng = random.Random(seed)
    width, height = 1600, 1000
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top = (rng.randint(230, 250), rng.randint(170, 210), rng.randint(110, 150))
    bottom = (rng.randint(30, 60), rng.randint(70, 100), rng.randint(90, 120))
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    sun_x = rng.randint(300, 1300)
    draw.ellipse([sun_x - 110, 220, sun_x + 110, 440], fill=(250, 222, 160))
    for layer in range(3):
        base = 620 + layer * 110
        points = [(0, height)]
        for x in range(0, width + 200, 200):
            points.append((x, base - rng.randint(0, 120)))
        points.append((width, height))
        shade = 40 + layer * 25
        draw.polygon(points, fill=(shade, 80 + layer * 20, 70 + layer * 10))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.jpg")


def load(stdout, author=None):
    categories = {}
    for slug, (name, description) in CATEGORIES.items():
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    now = timezone.now()
    created = 0
    for slug, title, category_slugs, when, parts, quotes in POSTS:
        if not isinstance(when, datetime):
            when = now - timedelta(days=when, hours=3)
        post, was_created = Post.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "author": author,
                "body": body_html(parts),
                "status": Post.Status.PUBLISHED,
                "published_at": when,
            },
        )
        if not was_created:
            continue
        created += 1
        post.image = demo_image(slug)
        post.image_alt = "An illustration of hills at sunset in warm colours"
        post.save()
        post.categories.set(categories[c] for c in category_slugs)
        for index, (text, name, role, position) in enumerate(quotes):
            Quote.objects.create(
                post=post,
                text=text,
                speaker_name=name,
                speaker_role=role,
                position=position,
                is_featured=index == 0 and name == DIRECTOR[0],
            )
    if not Quote.objects.filter(post__isnull=True).exists():
        Quote.objects.create(
            text="Every child in school is a child much harder to traffic.",
            speaker_name=DIRECTOR[0],
            speaker_role=DIRECTOR[1],
            is_featured=True,
        )
    stdout.write(f"News: {created} demo post(s) added, {Post.objects.count()} in all.")
