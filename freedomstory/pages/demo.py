"""Demo site pages for a local site: About (with Our team beneath it) and Contact in the header,
the privacy notice (made by migration 0002) in the footer.

Idempotent: pages are found by address, and a page that is already there is left as it is.
"""

from freedomstory.pages.models import Page

ABOUT = (
    "<p>The Freedom Story works in Chiang Rai, in the far north of Thailand, to stop trafficking "
    "before it starts. Traffickers look for children who have left school early and families "
    "with nowhere else to turn, so that is where we put our effort: keeping young people in "
    "school and giving their families the knowledge to recognise a false promise.</p>"
    "<h2>What we do</h2>"
    "<ul>"
    "<li>Scholarships that cover fees, uniforms, books and the bus, for students who would "
    "otherwise leave school to work</li>"
    "<li>Mentoring: every student has someone who knows them by name, visits their family and "
    "notices when something is wrong</li>"
    "<li>Resource centres with a library, computers and a safe place to study after dark</li>"
    "<li>Talks in villages and schools about how trafficking works and where to go for help</li>"
    "</ul>"
    "<h2>Recognised for the work</h2>"
    "<p>Our work has been recognised by the Governor of Chiang Rai for its service to the "
    "province's young people, and the organisation has received a Human Rights Award. We are "
    "proud of both, and prouder still of the students behind them: every year more of them "
    "finish school, and some come back to mentor the next group.</p>"
    "<h2>How we are funded</h2>"
    "<p>Most of what we do is paid for by people who give every month. Steady gifts let us "
    "promise a student support for the whole of their schooling, not just one term.</p>"
)

TEAM = (
    "<p>Almost everyone on our team grew up in the province, and several of us were once "
    "scholarship students ourselves. We speak the languages of the families we work with, and "
    "we visit them at home.</p>"
    "<h2>Who does what</h2>"
    "<ul>"
    "<li><strong>Scholarship coordinators</strong> meet every family before a scholarship starts "
    "and stay in touch until the student finishes school.</li>"
    "<li><strong>Mentors</strong> run the weekly evenings at the resource centres and are the "
    "first people a student calls with a problem.</li>"
    "<li><strong>Community educators</strong> give the village and school talks, and train "
    "teachers to spot the signs of exploitation.</li>"
    "<li><strong>A small office team</strong> looks after the accounts, the donors and the "
    "reports a charity owes the people who fund it.</li>"
    "</ul>"
    "<p>The organisation is led by its director, Veerawit Tianchainan, and overseen by a board "
    "of volunteers from Chiang Rai and beyond.</p>"
)

CONTACT = (
    "<p>We would love to hear from you: a question about our work, an idea for a partnership, "
    "an offer of help, or anything about a gift or an order.</p>"
    "<p>Write to us with the form below. We read every message and usually reply within a few "
    "days.</p>"
)

# (path, title, body, menu, menu order, menu label, search engine description)
PAGES = [
    (
        "about",
        "About The Freedom Story",
        ABOUT,
        Page.Menu.HEADER,
        10,
        "About",
        "How The Freedom Story keeps children in school in Chiang Rai to prevent trafficking.",
    ),
    (
        "about/team",
        "Our team",
        TEAM,
        Page.Menu.NONE,
        0,
        "",
        "The people of The Freedom Story: coordinators, mentors and educators from Chiang Rai.",
    ),
    (
        "contact",
        "Contact us",
        CONTACT,
        Page.Menu.HEADER,
        20,
        "Contact",
        "Write to The Freedom Story: questions, partnerships, help, gifts and orders.",
    ),
]


def load(stdout):
    created = 0
    for path, title, body, menu, order, label, description in PAGES:
        if Page.objects.filter(path=path).exists():
            continue
        parent_path, _, slug = path.rpartition("/")
        Page.objects.create(
            title=title,
            slug=slug,
            parent=Page.objects.get(path=parent_path) if parent_path else None,
            body=body,
            published=True,
            menu=menu,
            menu_order=order,
            menu_label=label,
            seo_description=description,
        )
        created += 1
    if created:
        stdout.write(f"Created {created} site pages.")
