"""The demo news in Thai: the seed post, the categories and every pull quote, in our own words,
faithful to the English (news/demo.py).

Idempotent, and kind to staff: only a Thai field that is still empty is filled, so loading the
demo again changes nothing, and a translation edited in the admin stays as it is.
"""

from freedomstory.core.languages import fill_missing_translations
from news.demo import body_html
from news.models import Category, Post, Quote

CATEGORIES = {
    "education": ("การศึกษา", "ทุนการศึกษา การสอนเสริม และงานประจำวันที่ช่วยให้เด็ก ๆ ได้เรียนต่อ"),
    "community": ("ชุมชน", "หมู่บ้าน ครอบครัว และผู้คนที่ช่วยกันดูแลให้ทุกคนปลอดภัย"),
    "prevention": ("การป้องกัน", "การค้ามนุษย์เริ่มต้นอย่างไร และเราหยุดมันได้อย่างไรก่อนที่จะเกิดขึ้น"),
    "updates": ("ข่าวองค์กร", "ข่าวเกี่ยวกับองค์กรของเราเอง ทั้งผู้คน สถานที่ และแผนงาน"),
}
# Every demo post shares one illustration (news/demo.py); its description, in Thai.
IMAGE_ALT = "ภาพวาดเนินเขายามพระอาทิตย์ตกในโทนสีอบอุ่น"

SEED_SLUG = "were-expanding-on-multiple-levels"
SEED_TITLE = "เรากำลังขยายงานในหลายด้าน"
SEED_EXCERPT = (
    "งานของเราในเชียงรายเติบโตขึ้นทีละครอบครัว ทีละโรงเรียน และทีละหมู่บ้านมาโดยตลอด ปีนี้เราขยายงานพร้อมกันหลายด้าน"
)
SEED_PARTS = [
    "งานของเราในเชียงรายเติบโตขึ้นทีละครอบครัว ทีละโรงเรียน และทีละหมู่บ้านมาโดยตลอด "
    "ปีนี้เราขยายงานพร้อมกันหลายด้าน และเราอยากเล่าให้ท่านฟังว่าสิ่งนี้มีความหมายอย่างไร"
    "ต่อเด็ก ๆ และครอบครัวที่เราดูแล",
    "นี่คือบางส่วนของงานที่เรากำลังขยาย:",
    [
        "ทำงานร่วมกับโรงเรียนมากขึ้น เพื่อให้บทเรียนด้านการป้องกันของเราไปถึงนักเรียนในอำเภอที่เราไม่เคยไปถึงมาก่อน",
        "ทำงานใกล้ชิดกับหน่วยงานท้องถิ่นและผู้นำหมู่บ้านมากขึ้น ซึ่งลงมือช่วยได้ทันทีเมื่อเด็กคนใดตกอยู่ในความเสี่ยง",
        "เข้าร่วมเครือข่ายองค์กรทั่วภูมิภาค เพื่อเรียนรู้จากกันและกัน และส่งต่อครอบครัวไปยังความช่วยเหลือที่พวกเขาต้องการ",
        "เพิ่มนักสังคมสงเคราะห์และพี่เลี้ยง เพื่อให้นักเรียนทุกคนได้รับการดูแลอย่างใกล้ชิด",
    ],
    "## ความร่วมมือเหล่านี้ช่วยให้เราทำอะไรได้บ้าง",
    "ไม่มีองค์กรใดยุติการค้ามนุษย์ได้เพียงลำพัง ความร่วมมือแต่ละครั้งทำให้เราทำสิ่งที่"
    "ทำคนเดียวไม่ได้ เช่น ครูสังเกตเห็นว่านักเรียนคนหนึ่งไม่มาเรียน ผู้นำหมู่บ้านได้ยิน"
    "ข้อเสนองานที่ฟังดูดีเกินจริง หรือภาคีเครือข่ายเปิดทางให้ได้รับความช่วยเหลือด้านกฎหมาย"
    "และสุขภาพ",
    "เมื่อรวมกัน ความร่วมมือเหล่านี้เปรียบเหมือนตาข่ายที่โอบล้อมเยาวชนไว้ และทำให้มีเด็กหลุดรอดออกไปน้อยลง",
    "## การยอมรับที่เพิ่มขึ้น",
    "เรารู้สึกเป็นเกียรติเมื่อผู้ว่าราชการจังหวัดเชียงรายยกย่องบทบาทของเราในการปกป้อง"
    "เด็ก ๆ ของจังหวัด และอีกครั้งเมื่องานของเราได้รับรางวัลด้านสิทธิมนุษยชน",
    "เกียรติทั้งสองนี้เป็นของนักเรียน ครอบครัว อาสาสมัคร และผู้บริจาคทุกท่านที่ทำให้งานนี้"
    "เกิดขึ้นได้ และยังช่วยเปิดประตูให้เราด้วย เพราะเจ้าหน้าที่และภาคีที่รู้จักชื่อของเรา"
    "พร้อมจะร่วมมือกับเราได้เร็วขึ้นเมื่อเด็กคนใดต้องการความช่วยเหลือ",
]

# The English quote → (its words in Thai, the speaker's role in Thai).
DIRECTOR_ROLE = "ผู้อำนวยการประจำประเทศไทย"
QUOTES = {
    "Every new partner is one more person watching over a child. Prevention grows when the "
    "circle of people who care grows with it.": (
        "ภาคีใหม่ทุกรายคือคนอีกหนึ่งคนที่ช่วยดูแลเด็ก การป้องกันจะเติบโตขึ้นเมื่อวงของคนที่ใส่ใจกว้างขึ้น",
        DIRECTOR_ROLE,
    ),
    "Recognition is not a finish line. It tells us that families trust us, and that trust has "
    "to be earned again every day.": (
        "การได้รับการยอมรับไม่ใช่เส้นชัย แต่เป็นเครื่องบอกว่าครอบครัวต่าง ๆ ไว้วางใจเรา "
        "และความไว้วางใจนั้นเราต้องทำให้สมควรได้รับใหม่ทุกวัน",
        DIRECTOR_ROLE,
    ),
    "The light in that window at night tells every parent in the village that someone is "
    "looking out for their children.": (
        "แสงไฟจากหน้าต่างบานนั้นยามค่ำคืน บอกพ่อแม่ทุกคนในหมู่บ้านว่ามีคนคอยดูแลลูก ๆ ของพวกเขาอยู่",
        "ผู้ประสานงานศูนย์",
    ),
    "A family that knows the questions to ask is a family that is very hard to deceive.": (
        "ครอบครัวที่รู้ว่าควรถามอะไร คือครอบครัวที่หลอกได้ยากมาก",
        DIRECTOR_ROLE,
    ),
    "I used to think school was something you left when money ran out. Now I want to be the "
    "teacher who makes sure nobody else has to.": (
        "เมื่อก่อนหนูคิดว่าการเรียนเป็นสิ่งที่ต้องเลิกเมื่อเงินหมด ตอนนี้หนูอยากเป็นครูที่ช่วยให้ไม่มีใครต้องเลิกเรียนอีก",
        "ศิษย์เก่าผู้ได้รับทุนการศึกษา",
    ),
    "Prevention works best when it belongs to the village, not to us.": (
        "การป้องกันได้ผลดีที่สุดเมื่อเป็นของหมู่บ้านเอง ไม่ใช่ของเรา",
        DIRECTOR_ROLE,
    ),
    "Confidence is the first thing they learn. The grammar comes after.": (
        "สิ่งแรกที่พวกเขาได้เรียนรู้คือความมั่นใจ ไวยากรณ์ค่อยตามมาทีหลัง",
        "ครูอาสาสมัคร",
    ),
    "Economic safety at home is prevention too, perhaps the strongest kind.": (
        "ความมั่นคงทางเศรษฐกิจในบ้านก็คือการป้องกันเช่นกัน และอาจเป็นการป้องกันที่ได้ผลที่สุด",
        DIRECTOR_ROLE,
    ),
    "Trust is built one cup of tea at a time.": (
        "ความไว้วางใจสร้างขึ้นทีละแก้วชา",
        DIRECTOR_ROLE,
    ),
    "Every child in school is a child much harder to traffic.": (
        "เด็กทุกคนที่ได้อยู่ในโรงเรียน คือเด็กที่ถูกล่อลวงไปค้ามนุษย์ได้ยากขึ้นมาก",
        DIRECTOR_ROLE,
    ),
}


def load(stdout):
    filled = 0
    for category in Category.objects.filter(slug__in=CATEGORIES):
        name, description = CATEGORIES[category.slug]
        filled += fill_missing_translations(category, "th", name=name, description=description)
    seed = Post.objects.filter(slug=SEED_SLUG).first()
    if seed is not None:
        filled += fill_missing_translations(
            seed,
            "th",
            title=SEED_TITLE,
            body=body_html(SEED_PARTS),
            excerpt=SEED_EXCERPT,
            image_alt=IMAGE_ALT,
        )
    for quote in Quote.objects.filter(text_en__in=QUOTES):
        text, role = QUOTES[quote.text_en]
        filled += fill_missing_translations(quote, "th", text=text, speaker_role=role)
    if filled:
        stdout.write(f"News: Thai added to {filled} demo item(s).")
