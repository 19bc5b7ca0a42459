"""
The demo shop's thank-you page content, in German and English.

Every standard block appears on one of the two pages (the default page and
the VIPs' page), targeted so that the sample customers see different ones.
Media (images drawn by thankyou.blocks.samples.art, the video, captions and PDFs) are
made by ``demo_assets`` in the demo shop's collection.
"""

from thankyou.blocks.samples import art, sample_document, sample_image

LANGUAGES = ("de", "en")
IMAGES = ("roastery", "scoop", "bag", "parcel", "gift", "cup", "portrait", "signature")
GUIDES = {
    "brew": {
        "de": (
            "Brühguide",
            ["Mahlgrad: mittelfein", "15 g Kaffee auf 250 ml", "Wasser: 94 °C"],
        ),
        "en": (
            "Brewing guide",
            ["Grind: medium-fine", "15 g coffee to 250 ml", "Water: 94 °C"],
        ),
    },
    "grinder": {
        "de": (
            "Mühlen-Guide",
            ["Mahlwerk einstellen", "Reinigen mit Reis", "Klicks pro Methode"],
        ),
        "en": (
            "Grinder guide",
            ["Setting the burrs", "Cleaning with rice", "Clicks per method"],
        ),
    },
}


def demo_assets(collection):
    """Create (once) and return the demo's images and documents."""

    assets = {name: sample_image(name, collection=collection) for name in IMAGES}
    assets["video"] = sample_document("roastery.webm", "Rösterei-Video", collection)
    for language in LANGUAGES:
        assets[f"captions-{language}"] = sample_document(
            f"roastery.{language}.vtt", f"Rösterei-Video ({language})", collection
        )
        for key, texts in GUIDES.items():
            title, lines = texts[language]
            assets[f"{key}-{language}"] = sample_document(
                f"{key}-{language}.pdf", title, collection, data=art.pdf(title, lines)
            )
    return assets


# Segments of the demo shop: name, match, conditions.
SEGMENTS = {
    "first_order": (
        ("Erstbestellung", "First order"),
        "all",
        [("orders_count", {"minimum": None, "maximum": 1})],
    ),
    "returning": (
        ("Stammkunde", "Returning customer"),
        "all",
        [("orders_count", {"minimum": 2, "maximum": None})],
    ),
    "vip": (("VIP", "VIP"), "all", [("customer_score", {"minimum": 80, "maximum": None})]),
    "guest": (("Gast", "Guest"), "all", [("customer_type", {"customer": "guest"})]),
    "no_newsletter": (
        ("Ohne Newsletter", "No newsletter"),
        "all",
        [("newsletter", {"status": "not_subscribed"})],
    ),
}
# A sample customer of the shop's own, next to the built-in personas.
SAMPLE_CUSTOMER = {
    "name": "Neukundin mit Konto",
    "name_en": "New customer with an account",
    "first_name": "Mia",
    "is_guest": False,
    "newsletter": False,
    "orders_count": 1,
    "total_spent": "29.80",
    "shipping_country": "AT",
    "locale": "de-AT",
    "items": [
        (
            "item",
            {
                "sku": "BG-ESP-500",
                "name": "Espresso Bohnenglück 500 g",
                "category": "coffee",
                "quantity": 2,
                "price": "14.90",
            },
        )
    ],
}


def only_for(value, *segments, priority=None):
    """A block value limited to segments (and, for a call to action, its priority)."""
    value = {**value, "target_segments": list(segments)}
    if priority is not None:
        value["cta_priority"] = priority
    return value


def body(language, assets, segments):
    """
    The default page's blocks in one language. First-time buyers see how we
    pack, returning customers a word of welcome back; of the calls to action,
    guests are asked to create an account, account holders without the
    newsletter to subscribe, everyone else to play the quiz.
    """
    text = TEXTS[language]
    return [
        ("heading", text["heading"]),
        note(text, assets),
        ("next_steps", text["next_steps"]),
        (
            "packing_steps",
            only_for(
                {
                    "heading": text["packing_steps"]["heading"],
                    "steps": [
                        {**step, "image": assets[name]}
                        for name, step in zip(
                            ("roastery", "bag", "parcel"),
                            text["packing_steps"]["steps"],
                            strict=True,
                        )
                    ],
                },
                segments["first_order"],
            ),
        ),
        ("text", only_for(text["welcome_back"], segments["returning"])),
        (
            "video",
            {
                **text["video"],
                "file": assets["video"],
                "url": "",
                "poster": assets["roastery"],
                "captions": assets[f"captions-{language}"],
                "captions_on": True,
            },
        ),
        tips(text, assets, language),
        ("image", {**text["image"], "image": assets["scoop"]}),
        ("text", text["text"]),
        ("quiz", only_for(text["quiz"], priority=40)),
        ("survey", only_for(text["survey"], priority=30)),
        ("gift_code", only_for(text["gift_code"], priority=20)),
        ("referral", only_for(text["referral"], segments["returning"], priority=35)),
        ("account_prompt", only_for(text["account_prompt"], segments["guest"], priority=80)),
        (
            "newsletter_prompt",
            only_for(text["newsletter_prompt"], segments["no_newsletter"], priority=60),
        ),
    ]


def vip_body(language, assets, segments):
    """The VIPs' page: a gift first, then what happens next; asked to recommend us."""
    text = TEXTS[language]
    return [
        ("heading", text["vip_heading"]),
        ("gift", {**text["gift"], "image": assets["gift"]}),
        ("next_steps", text["next_steps"]),
        note(text, assets),
        tips(text, assets, language),
        ("quiz", only_for(text["quiz"], priority=40)),
        ("referral", only_for(text["referral"], priority=50)),
    ]


def note(text, assets):
    return ("note", {**text["note"], "photo": assets["portrait"], "signature": assets["signature"]})


def tips(text, assets, language):
    return (
        "tips",
        {
            **text["tips"],
            "document": assets[f"brew-{language}"],
            "cover": assets["cup"],
            "by_category": [
                {
                    **text["tips_grinder"],
                    "category": "equipment",
                    "document": assets[f"grinder-{language}"],
                    "cover": None,
                }
            ],
        },
    )


TEXTS = {
    "de": {
        "title": "Danke-Seite",
        "vip_title": "Danke-Seite für VIPs",
        "heading": {
            "text": "Danke für deine Bestellung, {first_name}!",
            "subtitle": "Wir rösten deinen Kaffee frisch, sobald du bestellst.",
        },
        "vip_heading": {
            "text": "Danke, {first_name}! Du gehörst zu unseren treuesten Kunden.",
            "subtitle": "Deine Bestellung {order_number} rösten wir heute frisch.",
        },
        "welcome_back": {
            "text": "<p><b>Schön, dass du wieder da bist!</b> Wenn dir die letzte Röstung "
            "geschmeckt hat, probier doch mal unseren Filterkaffee aus Äthiopien.</p>"
        },
        "note": {
            "greeting": "Hallo {first_name},",
            "message": "schön, dass du bei uns bestellt hast. Wir rösten in kleinen Mengen "
            "in Leipzig und packen jedes Paket von Hand.\n"
            "Wenn etwas nicht passt, antworte einfach auf die Bestellbestätigung.",
            "name": "Marie Keller",
            "role": "Röstmeisterin",
        },
        "next_steps": {
            "heading": "So geht es weiter",
            "steps": [
                {
                    "title": "Bestellung erhalten",
                    "text": "Alles ist bei uns angekommen.",
                },
                {
                    "title": "Frisch geröstet",
                    "text": "In unserer Rösterei in Leipzig.",
                    "days": 0,
                },
                {"title": "Versendet", "text": "Mit DHL, klimaneutral.", "days": 1},
                {
                    "title": "Bei dir",
                    "text": "Am besten 4 bis 14 Tage nach dem Röstdatum genießen.",
                    "days": 2,
                    "days_max": 3,
                },
            ],
            "tracking_url": "",
            "tracking_label": "",
        },
        "video": {
            "title": "Ein Gruß aus unserer Rösterei",
            "caption": "Marie zeigt dir, wo dein Kaffee geröstet wird.",
        },
        "packing_steps": {
            "heading": "So packen wir deine Bestellung",
            "steps": [
                {
                    "alt": "Trommelröster mit dampfenden Bohnen",
                    "title": "Frisch geröstet",
                    "text": "Deine Bohnen kommen direkt aus dem Röster.",
                },
                {
                    "alt": "Kaffeebeutel mit Aromaventil",
                    "title": "Aromadicht verpackt",
                    "text": "Im Beutel mit Ventil, damit das Aroma bleibt.",
                },
                {
                    "alt": "Verschlossenes Paket aus Karton",
                    "title": "Plastikfrei versendet",
                    "text": "Im Karton aus Recyclingpapier.",
                },
            ],
        },
        "gift": {
            "heading": "Ein kleines Dankeschön für dich, {first_name}",
            "text": "Wir legen dir eine Probe unserer neuen Röstung Äthiopien Guji ins Paket.",
            "alt": "Rot verpacktes Geschenk mit goldener Schleife",
            "how": "parcel",
            "note": "Solange der Vorrat reicht.",
        },
        "tips": {
            "title": "Dein Brühguide",
            "description": "Mahlgrad, Dosierung und Wassertemperatur auf einer Seite.",
            "link_label": "Guide herunterladen",
        },
        "tips_grinder": {
            "title": "Deine neue Mühle",
            "description": "So stellst du das Mahlwerk für jede Zubereitung richtig ein.",
        },
        "image": {
            "alt": "Frisch geröstete Kaffeebohnen",
            "caption": "Heute Morgen geröstet.",
        },
        "text": {
            "text": "<p>Fragen zu deiner Bestellung? Schreib uns an "
            '<a href="mailto:hallo@bohnenglueck.example">hallo@bohnenglueck.example</a>.</p>'
        },
        "quiz": {
            "heading": "Welcher Kaffeetyp bist du?",
            "intro": "Zwei kurze Fragen, und wir sagen dir, wie andere mit deinem Geschmack "
            "ihren Kaffee trinken.",
            "button_label": "Zeig mir mein Ergebnis",
            "questions": [
                {
                    "question": "Wann trinkst du deinen ersten Kaffee?",
                    "options": [
                        {"label": "Direkt nach dem Aufstehen", "outcome": "espresso"},
                        {"label": "In Ruhe beim Frühstück", "outcome": "filter"},
                    ],
                },
                {
                    "question": "Wie trinkst du ihn am liebsten?",
                    "options": [
                        {"label": "Kurz und kräftig", "outcome": "espresso"},
                        {"label": "Mild, in einer großen Tasse", "outcome": "filter"},
                    ],
                },
            ],
            "outcomes": [
                {
                    "key": "espresso",
                    "title": "Espresso-Liebhaber",
                    "text": "Kräftig und konzentriert, wie die meisten Stammkunden.",
                },
                {
                    "key": "filter",
                    "title": "Filter-Genießer",
                    "text": "Du nimmst dir Zeit für Kaffee, wie jeder Dritte hier.",
                },
            ],
        },
        "account_prompt": {
            "heading": "Beim nächsten Mal geht es schneller, {first_name}",
            "text": "Mit einem Kundenkonto bestellst du deinen Lieblingskaffee mit zwei Klicks.",
            "benefits": ["Bestellungen im Blick", "Schnell nachbestellen"],
            "button_label": "Konto anlegen",
            "registration_url": "",
        },
        "survey": {
            "question": "Wie bist du auf uns aufmerksam geworden?",
            "options": [
                {"label": "Empfehlung von Freunden", "key": "friends"},
                {"label": "Suchmaschine", "key": "search"},
                {"label": "Instagram", "key": "instagram"},
                {"label": "Podcast", "key": "podcast"},
            ],
            "other": True,
            "other_label": "Etwas anderes",
            "button_label": "Absenden",
            "thanks": "Danke, dass du es uns verraten hast!",
        },
        "gift_code": {
            "heading": "Ein Geschenk für dich, {first_name}",
            "text": "Als Dankeschön für deine Bestellung: ein Gutschein über 5 € für das nächste Mal.",
            "button_label": "Geschenk aufdecken",
            "code_label": "Dein Gutscheincode:",
            "note": "Einlösbar bis 31. März, einmal pro Kunde.",
            "empty_text": "Alle Gutscheine sind gerade vergeben. Danke für dein Verständnis!",
        },
        "referral": {
            "heading": "Kennst du jemanden, der Kaffee liebt, {first_name}?",
            "text": "Gib deinen persönlichen Link weiter: Deine Freunde entdecken unsere "
            "Rösterei, und wir danken dir für jede Bestellung, die er bringt.",
            "landing_url": "https://bohnenglueck.example/",
            "share_text": "Meine Lieblingsrösterei: probier mal Bohnenglück!",
            "copy_label": "",
            "share_label": "",
        },
        "newsletter_prompt": {
            "heading": "Erfahre zuerst von neuen Röstungen",
            "text": "Einmal im Monat: neue Bohnen, Brühtipps und Geschichten aus der Rösterei.",
            "benefits": [],
            "button_label": "Newsletter abonnieren",
            "consent_text": "Ja, ich möchte den Newsletter der Bohnenglück Kaffeerösterei "
            "erhalten. Höchstens eine E-Mail im Monat, Abmelden jederzeit mit einem Klick.",
            "consent_version": "2026-11",
            "privacy_url": "",
            "thanks": "Fast geschafft: Bitte bestätige deine Adresse in der E-Mail, die wir dir schicken.",
        },
    },
    "en": {
        "title": "Thank-you page",
        "vip_title": "Thank-you page for VIPs",
        "heading": {
            "text": "Thank you for your order, {first_name}!",
            "subtitle": "We roast your coffee fresh as soon as you order.",
        },
        "vip_heading": {
            "text": "Thank you, {first_name}! You are one of our most loyal customers.",
            "subtitle": "We are roasting your order {order_number} fresh today.",
        },
        "welcome_back": {
            "text": "<p><b>Good to see you again!</b> If you liked your last roast, "
            "try our filter coffee from Ethiopia next.</p>"
        },
        "note": {
            "greeting": "Hello {first_name},",
            "message": "thank you for ordering from us. We roast in small batches in "
            "Leipzig and pack every parcel by hand.\n"
            "If anything is not right, simply reply to your order confirmation.",
            "name": "Marie Keller",
            "role": "Head roaster",
        },
        "next_steps": {
            "heading": "What happens next",
            "steps": [
                {"title": "Order received", "text": "Everything has arrived with us."},
                {
                    "title": "Freshly roasted",
                    "text": "In our roastery in Leipzig.",
                    "days": 0,
                },
                {"title": "Shipped", "text": "With DHL, carbon neutral.", "days": 1},
                {
                    "title": "With you",
                    "text": "Best enjoyed 4 to 14 days after roasting.",
                    "days": 2,
                    "days_max": 3,
                },
            ],
            "tracking_url": "",
            "tracking_label": "",
        },
        "video": {
            "title": "Greetings from our roastery",
            "caption": "Marie shows you where your coffee is roasted.",
        },
        "packing_steps": {
            "heading": "How we pack your order",
            "steps": [
                {
                    "alt": "Drum roaster with steaming beans",
                    "title": "Freshly roasted",
                    "text": "Your beans come straight from the roaster.",
                },
                {
                    "alt": "Coffee bag with an aroma valve",
                    "title": "Sealed for aroma",
                    "text": "In a bag with a valve, so the aroma stays.",
                },
                {
                    "alt": "Closed cardboard parcel",
                    "title": "Shipped plastic-free",
                    "text": "In a box of recycled paper.",
                },
            ],
        },
        "gift": {
            "heading": "A small thank-you for you, {first_name}",
            "text": "We are adding a sample of our new Ethiopia Guji roast to your parcel.",
            "alt": "Red gift box with a golden bow",
            "how": "parcel",
            "note": "While stocks last.",
        },
        "tips": {
            "title": "Your brewing guide",
            "description": "Grind, dose and water temperature on a single page.",
            "link_label": "Download the guide",
        },
        "tips_grinder": {
            "title": "Your new grinder",
            "description": "How to set the burrs right for every brewing method.",
        },
        "image": {
            "alt": "Freshly roasted coffee beans",
            "caption": "Roasted this morning.",
        },
        "text": {
            "text": "<p>Questions about your order? Write to "
            '<a href="mailto:hello@bohnenglueck.example">hello@bohnenglueck.example</a>.</p>'
        },
        "quiz": {
            "heading": "What kind of coffee drinker are you?",
            "intro": "Two quick questions, and we tell you how others with your taste "
            "drink their coffee.",
            "button_label": "Show my result",
            "questions": [
                {
                    "question": "When do you have your first coffee?",
                    "options": [
                        {"label": "Right after getting up", "outcome": "espresso"},
                        {"label": "Slowly, over breakfast", "outcome": "filter"},
                    ],
                },
                {
                    "question": "How do you like it best?",
                    "options": [
                        {"label": "Short and strong", "outcome": "espresso"},
                        {"label": "Mild, in a big mug", "outcome": "filter"},
                    ],
                },
            ],
            "outcomes": [
                {
                    "key": "espresso",
                    "title": "Espresso lover",
                    "text": "Strong and focused, like most of our regulars.",
                },
                {
                    "key": "filter",
                    "title": "Filter connoisseur",
                    "text": "You take your time for coffee, like one in three here.",
                },
            ],
        },
        "account_prompt": {
            "heading": "Faster next time, {first_name}",
            "text": "With an account you reorder your favourite coffee in two clicks.",
            "benefits": ["All your orders in one place", "Reorder quickly"],
            "button_label": "Create an account",
            "registration_url": "",
        },
        "survey": {
            "question": "How did you hear about us?",
            "options": [
                {"label": "A friend's recommendation", "key": "friends"},
                {"label": "A search engine", "key": "search"},
                {"label": "Instagram", "key": "instagram"},
                {"label": "A podcast", "key": "podcast"},
            ],
            "other": True,
            "other_label": "Other",
            "button_label": "Send",
            "thanks": "Thank you for telling us!",
        },
        "gift_code": {
            "heading": "A gift for you, {first_name}",
            "text": "To thank you for your order: a 5 € voucher for next time.",
            "button_label": "Reveal my gift",
            "code_label": "Your voucher code:",
            "note": "Valid until 31 March, once per customer.",
            "empty_text": "All our vouchers have found a home for now. Thank you for understanding!",
        },
        "referral": {
            "heading": "Know someone who loves coffee, {first_name}?",
            "text": "Pass on your personal link: your friends discover our roastery, "
            "and we thank you for every order it brings.",
            "landing_url": "https://bohnenglueck.example/",
            "share_text": "My favourite roastery: try Bohnenglück!",
            "copy_label": "",
            "share_label": "",
        },
        "newsletter_prompt": {
            "heading": "Be the first to hear about new roasts",
            "text": "Once a month: new beans, brewing tips and stories from the roastery.",
            "benefits": [],
            "button_label": "Subscribe to the newsletter",
            "consent_text": "Yes, I would like to receive the Bohnenglück roastery's newsletter. "
            "At most one e-mail a month; unsubscribe any time with one click.",
            "consent_version": "2026-11",
            "privacy_url": "",
            "thanks": "Almost done: please confirm your address in the e-mail we are sending you.",
        },
    },
}
