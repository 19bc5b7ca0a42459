"""
What the dashboard shows, computed from the daily counts (never raw events).
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from thankyou.analytics import stats
from thankyou.analytics.models import ABTest, Channel, DailyCount, EventType

CONVERSIONS = [
    EventType.CLICK,
    EventType.ANSWER,
    EventType.SIGNUP,
    EventType.GIFT_REVEAL,
    EventType.DOWNLOAD,
    EventType.VIDEO_PLAY,
    EventType.SHARE,
    EventType.COPY,
    EventType.REFERRAL,
]


def rate(part, whole):
    return part / whole if whole else None


def table(counts, pages, words=None):
    """
    One row per page, variant and block (the page itself first): orders that
    saw it and did each thing, and the click-through; blocks and variants by
    the names the merchant gave them (``words``: a ``Words``).
    """
    words = words or Words()
    rows = defaultdict(
        lambda: {
            "events": defaultdict(int),
            "orders": defaultdict(int),
            "by_channel": defaultdict(int),
        }
    )
    referred = defaultdict(lambda: defaultdict(Decimal))  # the referred orders' value
    for item in (
        counts.filter(detail="")
        .values("page_id", "variant", "channel", "block", "block_type", "metric", "currency")
        .annotate(events=Sum("events"), orders=Sum("orders"), value=Sum("value"))
    ):
        key = (item["page_id"], item["variant"], item["block"])
        row = rows[key]
        row["block_type"] = row.get("block_type") or item["block_type"]
        row["events"][item["metric"]] += item["events"]
        row["orders"][item["metric"]] += item["orders"]
        row["by_channel"][item["channel"], item["metric"]] += item["events"]
        if item["metric"] == EventType.REFERRAL:
            referred[key][item["currency"]] += item["value"]
    result = []
    for (page_id, variant, block), row in sorted(
        rows.items(), key=lambda kv: (pages.get(kv[0][0], ""), kv[0][1], kv[0][2] != "", kv[0][2])
    ):
        orders = row["orders"]
        seen = orders.get(EventType.VIEW if not block else EventType.BLOCK_VIEW, 0)
        result.append(
            {
                "page": pages.get(page_id) or _("Deleted page %(id)s") % {"id": page_id},
                "variant": words.variant(variant),
                "block": words.block(block, row["block_type"]) if block else _("whole page"),
                "block_id": block,
                "page_views": row["events"].get(EventType.VIEW, 0),
                "seen": seen,
                **{str(metric): orders.get(metric, 0) for metric in CONVERSIONS},
                "click_through": rate(orders.get(EventType.CLICK, 0), seen),
                **by_channel(row["by_channel"]),
                "referral_value": amounts(referred[(page_id, variant, block)]),
            }
        )
    return result


def by_channel(counted):
    """A table row's counts per channel: ``counted`` maps (channel, metric) to events."""
    return {
        "embed_views": counted[Channel.EMBED, EventType.VIEW],
        "email_opens": counted[Channel.EMAIL, EventType.EMAIL_OPEN],
        "hosted_views": counted[Channel.HOSTED, EventType.VIEW],
        "hosted_answers": counted[Channel.HOSTED, EventType.ANSWER],
    }


def channels(counts):
    """
    Per channel (shop page, e-mail, hosted page), the whole pages' counts:
    views (each showing), e-mail opens and each action (events). Hosted page
    views are the clicks through from the e-mail.
    """
    found = defaultdict(lambda: defaultdict(int))
    for channel, metric, events in (
        counts.filter(block="", detail="")
        .values_list("channel", "metric")
        .annotate(events=Sum("events"))
        .values_list("channel", "metric", "events")
    ):
        found[channel][metric] += events
    return [
        {
            "channel": channel,
            "label": str(label),
            "views": found[channel][EventType.VIEW],
            "email_opens": found[channel][EventType.EMAIL_OPEN],
            "actions": [
                {"label": str(EventType(metric).label), "value": found[channel][metric]}
                for metric in CONVERSIONS
            ],
        }
        for channel, label in Channel.choices
    ]


def amounts(by_currency):
    """Amounts in several currencies as text: "59.00 EUR, 12.50 CHF"."""
    return ", ".join(
        f"{value:.2f} {currency}".strip() for currency, value in sorted(by_currency.items())
    )


def daily(counts, start, end):
    """Per day: orders that saw a page and that did each thing (for the chart)."""
    series = {metric: defaultdict(int) for metric in [EventType.VIEW, *CONVERSIONS]}
    for item in (
        counts.filter(block="", detail="", metric__in=list(series))
        .values("day", "metric")
        .annotate(orders=Sum("orders"))
    ):
        series[item["metric"]][item["day"]] += item["orders"]
    days = [start.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
    return {
        "labels": [day.isoformat() for day in days],
        "series": [
            {
                "metric": str(metric),
                "label": str(EventType(metric).label),
                "data": [values.get(day, 0) for day in days],
            }
            for metric, values in series.items()
        ],
    }


def totals(counts):
    sums = dict(
        counts.filter(block="", detail="")
        .values_list("metric")
        .annotate(orders=Sum("orders"))
        .values_list("metric", "orders")
    )
    views = sums.get(EventType.VIEW, 0)
    # Orders, as the table's "Orders that saw it": not "Views", which read as page views.
    return (
        [{"label": _("Orders that saw a page"), "value": views}]
        + [
            {"label": EventType(metric).label, "value": sums.get(metric, 0)}
            for metric in CONVERSIONS
        ]
        + [
            {
                "label": _("Click-through"),
                "value": rate(sums.get(EventType.CLICK, 0), views),
                "percent": True,
            }
        ]
    )


def distributions(counts, pages, words=None):
    """
    Answer choices per block, by orders and weighted by order value (per
    currency). Shares are of the orders that answered the same question: a
    quiz's detail is "question:option", a survey's one question's option.
    """
    words = words or Words()
    found = defaultdict(lambda: defaultdict(lambda: {"orders": 0, "value": defaultdict(int)}))
    for item in (
        counts.filter(metric=EventType.ANSWER)
        .exclude(detail="")
        .values("page_id", "block", "block_type", "detail", "currency")
        .annotate(orders=Sum("orders"), value=Sum("value"))
    ):
        choice = found[(item["page_id"], item["block"], item["block_type"])][item["detail"]]
        choice["orders"] += item["orders"]
        choice["value"][item["currency"]] += item["value"]
    result = []
    for (page_id, block, block_type), choices in found.items():
        currencies = sorted({cur for c in choices.values() for cur in c["value"] if cur})
        orders, value = defaultdict(int), defaultdict(int)
        for detail, choice in choices.items():
            orders[question_of(detail)] += choice["orders"]
            for cur in currencies:
                value[question_of(detail), cur] += choice["value"].get(cur, 0)
        rows = []
        for detail, choice in sorted(choices.items()):
            question = question_of(detail)
            rows.append(
                {
                    "choice": words.answer(block, detail),
                    "orders": choice["orders"],
                    "share": rate(choice["orders"], orders[question]),
                    "value_share": {
                        cur: rate(choice["value"].get(cur, 0), value[question, cur])
                        for cur in currencies
                    },
                }
            )
        result.append(
            {
                "page": pages.get(page_id, str(page_id)),
                "block": words.block(block, block_type),
                "choices": rows,
                "currencies": currencies,
            }
        )
    return result


class Words:
    """
    The merchant's own words for what the counts name by key: blocks by their
    type and heading, quiz answers by question and answer text, survey answers
    by their text, A/B variants by name. Read from the pages' live content and
    their variants; what is no longer there keeps its key.
    """

    def __init__(self, shop=None, page_ids=()):
        self.blocks, self.variants = {}, {}
        if shop is None:
            return
        for page in Page.objects.filter(pk__in=list(page_ids)).specific():
            bodies = [page.body, *(variant.body for variant in page.variants.all())]
            for body in bodies:
                for child in body:
                    self.blocks.setdefault(child.id, child)
        for test in ABTest.objects.filter(shop=shop):
            for arm in test.arms:
                self.variants[test.label(arm["key"])] = arm["name"]

    def block(self, block_id, block_type):
        child = self.blocks.get(block_id)
        if child is None:
            return block_type or _("removed block")
        heading = child.value.get("heading") if hasattr(child.value, "get") else None
        label = str(child.block.label)
        return f"{label}: {heading}" if heading else label

    def variant(self, label):
        if not label:
            return _("original")
        if label not in self.variants:
            return label
        return self.variants[label] or _("original")

    def answer(self, block_id, detail):
        child = self.blocks.get(block_id)
        value = child.value if child is not None else None
        try:
            if child is not None and child.block_type == "quiz":
                question, option = (int(part) for part in detail.split(":", 1))
                asked = value["questions"][question]
                return f"{asked['question']}: {asked['options'][option]['label']}"
            if child is not None and child.block_type == "survey":
                options = {option["key"]: option["label"] for option in value["options"]}
                if detail == "other":
                    return str(value.get("other_label") or _("Other"))
                return options.get(detail, detail)
        except (ValueError, IndexError, KeyError, TypeError):
            pass
        return detail


def question_of(detail):
    return detail.split(":", 1)[0] if ":" in detail else ""


def ab_result(test):
    """Each arm's conversion on the test's goal, compared with the original."""
    labels = {test.label(arm["key"]): arm for arm in test.arms}
    counts = DailyCount.objects.filter(
        shop_id=test.shop_id,
        page_id=test.page_id,
        variant__in=list(labels),
        block="",
        detail="",
        metric__in=[EventType.VIEW, test.goal],
    )
    orders = defaultdict(lambda: defaultdict(int))
    for label, metric, n in counts.values_list("variant", "metric").annotate(n=Sum("orders")):
        orders[label][metric] += n
    # A variant deleted mid-test: its orders get the original, uncounted; it cannot be kept.
    live = {variant.key for variant in test.page.specific.variants.all()}
    arms = []
    for label, arm in labels.items():
        n = orders[label][EventType.VIEW]
        x = min(orders[label][test.goal], n)
        low, high = stats.wilson(x, n)
        arms.append(
            {
                "key": arm["key"],
                "name": arm["name"] or _("Original"),
                "weight": arm["weight"],
                "orders": n,
                "conversions": x,
                "rate": rate(x, n),
                "low": low,
                "high": high,
                "gone": bool(arm["variant"]) and arm["variant"] not in live,
            }
        )
    control = arms[0]
    reached = all(arm["orders"] >= test.sample_size for arm in arms)
    comparisons = len(arms) - 1
    for arm in arms[1:]:
        result = stats.compare(
            (control["conversions"], control["orders"]),
            (arm["conversions"], arm["orders"]),
            comparisons=comparisons,
        )
        arm["comparison"] = result
        arm["significant"] = reached and result.significant
    return {"test": test, "arms": arms, "reached": reached, "verdict": verdict(test, arms, reached)}


def percent(fraction):
    """Rounded to one decimal in the active language's format (number_format alone
    cuts off: 2/3 was 66.6), never -0.0."""
    return number_format(round(fraction * 100, 1) or 0, 1)


def signed_points(fraction):
    """A difference of fractions in percentage points, with its sign: "+5.2 pp"."""
    shown = percent(fraction)
    sign = "+" if fraction > 0 and shown != percent(0) else ""
    return _("%(value)s pp") % {"value": f"{sign}{shown}"}


def verdict(test, arms, reached):
    """One plain sentence on what the merchant may conclude."""
    least = min(arm["orders"] for arm in arms)
    if not reached:
        return _(
            "Collecting data: %(least)s of %(needed)s orders in the smallest group. No winner "
            "is called before the sample size decided at the start is reached; an early lead "
            "is often chance."
        ) % {"least": least, "needed": test.sample_size}
    winners = [arm for arm in arms[1:] if arm["significant"]]
    if not winners:
        return _(
            "Sample size reached: no variant differs significantly from the original. "
            "Keeping the original is the safe choice."
        )
    best = max(winners, key=lambda arm: arm["comparison"].difference)
    if best["comparison"].difference > 0:
        return _(
            "Sample size reached: “%(name)s” converts significantly better than the original "
            "(%(low)s to %(high)s)."
        ) % {
            "name": best["name"],
            "low": signed_points(best["comparison"].low),
            "high": signed_points(best["comparison"].high),
        }
    return _(
        "Sample size reached: the variants convert significantly worse than the original. "
        "Keep the original."
    )


def shop_tests(shop):
    return [
        ab_result(test) for test in ABTest.objects.filter(shop=shop).select_related("page")[:10]
    ]


def page_titles(shop, page_ids):
    pages = Page.objects.filter(pk__in=page_ids, thankyoupage__shop=shop)
    return dict(pages.values_list("pk", "title"))
