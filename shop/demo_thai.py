"""The demo shop in Thai: the products, their options and choices, and the Donate page's lines
for the suggested amounts, in our own words, faithful to the English (shop/demo.py, migration
0009). Only empty Thai fields are filled: loading again changes nothing, staff edits stay."""

from freedomstory.core.languages import fill_missing_translations
from shop.models import GiftImpact, OptionValue, Product, ProductImage, ProductOption

PRODUCTS = {
    "freedom-story-t-shirt": (
        "เสื้อยืด The Freedom Story",
        "<p>เสื้อผ้าฝ้ายเนื้อนุ่ม สกรีนโลโก้พระอาทิตย์ขึ้นของเราไว้ด้านหน้า เสื้อทุกตัวช่วยจ่าย"
        "ค่าเดินทางไปโรงเรียนให้นักเรียนหนึ่งคนได้หนึ่งสัปดาห์</p><ul><li>ผ้าฝ้าย 100%</li>"
        "<li>มีไซซ์ S ถึง XL สีธรรมชาติหรือสีดำ</li></ul>",
    ),
    "keep-them-in-school-shirt": (
        "เสื้อ “ให้เด็กได้เรียนต่อ”",
        "<p>ข้อความของเราพิมพ์ตัวใหญ่ไว้กลางอก เป็นทั้งจุดเริ่มต้นของบทสนทนา และเป็นการบริจาคให้กองทุนทุนการศึกษา</p>",
    ),
    "woven-tote-bag": (
        "กระเป๋าผ้าทอ",
        "<p>ทอมือโดยกลุ่มแม่บ้านในหมู่บ้านที่เราทำงานด้วย แข็งแรงพอจะใส่หนังสือ ของจากตลาด หรือทั้งสองอย่าง</p>",
    ),
    "school-backpack": (
        "กระเป๋าเป้นักเรียน",
        "<p>กระเป๋าเป้ใบเดียวกับที่นักเรียนทุนของเราใช้ ขณะนี้สินค้าหมดชั่วคราว และกำลังจะมีเพิ่มเร็ว ๆ นี้</p>",
    ),
    "stories-of-freedom-book": (
        "หนังสือ “เรื่องเล่าแห่งอิสรภาพ”",
        "<p>เรื่องสั้นสิบสองเรื่องจากนักเรียน ผู้ปกครอง และครู เล่าด้วยถ้อยคำของพวกเขาเอง "
        "พิมพ์ในท้องถิ่นบนกระดาษรีไซเคิล</p>",
    ),
}

OPTIONS = {"Size": "ขนาด", "Colour": "สี"}
# Sizes keep their letters, as Thai shops print them; colours are named.
VALUES = {"S": "S", "M": "M", "L": "L", "XL": "XL", "Natural": "สีธรรมชาติ", "Black": "สีดำ"}

# The first lines of the suggested amounts (migration 0009), by their English: a line staff have
# rewritten since gets no Thai that says something else.
GIFT_LINES = {
    "A month of school transport for one child in the hills": (
        "ค่าเดินทางไปโรงเรียนหนึ่งเดือนสำหรับเด็กหนึ่งคนบนดอย"
    ),
    "Uniform, shoes and books for a child starting the school year": (
        "ชุดนักเรียน รองเท้า และหนังสือ สำหรับเด็กหนึ่งคนที่กำลังเริ่มปีการศึกษาใหม่"
    ),
    "A term of after-school tutoring and a meal each evening": (
        "การสอนเสริมหลังเลิกเรียนหนึ่งภาคเรียน พร้อมอาหารเย็นทุกวัน"
    ),
}


def load(stdout):
    filled = 0
    for product in Product.objects.filter(slug__in=PRODUCTS):
        name, description = PRODUCTS[product.slug]
        filled += fill_missing_translations(product, "th", name=name, description=description)
    for photo in ProductImage.objects.filter(product__slug__in=PRODUCTS).select_related("product"):
        # The English is "Photo of the <name>" (shop/demo.py).
        alt = f"ภาพ{PRODUCTS[photo.product.slug][0]}"
        filled += fill_missing_translations(photo, "th", alt=alt)
    for option in ProductOption.objects.filter(product__slug__in=PRODUCTS, name_en__in=OPTIONS):
        filled += fill_missing_translations(option, "th", name=OPTIONS[option.name_en])
    values = OptionValue.objects.filter(option__product__slug__in=PRODUCTS, name_en__in=VALUES)
    for value in values:
        filled += fill_missing_translations(value, "th", name=VALUES[value.name_en])
    for line in GiftImpact.objects.filter(text_en__in=GIFT_LINES):
        filled += fill_missing_translations(line, "th", text=GIFT_LINES[line.text_en])
    if filled:
        stdout.write(f"Shop: Thai added to {filled} demo item(s).")
