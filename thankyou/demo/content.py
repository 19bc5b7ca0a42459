"""The demo shop's thank-you page content, in German and English."""

CONTENT = {
    "de": {
        "title": "Danke-Seite",
        "body": [
            (
                "heading",
                {
                    "text": "Danke für deine Bestellung!",
                    "subtitle": "Wir rösten deinen Kaffee frisch, sobald du bestellst.",
                },
            ),
            (
                "text",
                {
                    "text": "<p>Schön, dass du da bist. Hier siehst du, was als Nächstes "
                    "passiert, und bekommst ein paar Tipps, damit dein Kaffee so schmeckt, "
                    "wie er soll.</p>",
                },
            ),
            (
                "next_steps",
                {
                    "heading": "So geht es weiter",
                    "steps": [
                        {"title": "Bestellung erhalten", "text": "Alles ist bei uns angekommen."},
                        {"title": "Frisch geröstet", "text": "In unserer Rösterei in Leipzig."},
                        {
                            "title": "Versendet",
                            "text": "Du bekommst eine E-Mail mit Sendungsnummer.",
                        },
                        {
                            "title": "Zugestellt",
                            "text": "Am besten 4 bis 14 Tage nach dem Röstdatum genießen.",
                        },
                    ],
                },
            ),
        ],
    },
    "en": {
        "title": "Thank-you page",
        "body": [
            (
                "heading",
                {
                    "text": "Thank you for your order!",
                    "subtitle": "We roast your coffee fresh as soon as you order.",
                },
            ),
            (
                "text",
                {
                    "text": "<p>Glad you are here. This is what happens next, plus a few tips "
                    "so your coffee tastes the way it should.</p>",
                },
            ),
            (
                "next_steps",
                {
                    "heading": "What happens next",
                    "steps": [
                        {"title": "Order received", "text": "Everything has arrived with us."},
                        {"title": "Freshly roasted", "text": "In our roastery in Leipzig."},
                        {
                            "title": "Shipped",
                            "text": "You will get an e-mail with a tracking number.",
                        },
                        {"title": "Delivered", "text": "Best enjoyed 4 to 14 days after roasting."},
                    ],
                },
            ),
        ],
    },
}
