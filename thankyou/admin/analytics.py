"""
The analytics dashboard in the Wagtail admin, one shop at a time.

It reads only the daily counts of the user's own shops. The table is a
Wagtail report, so it exports to CSV and XLSX; the chart, the A/B tests and
the answer distributions sit above it.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from thankyou.admin.base import ShopScopedMixin, shop_scoped
from thankyou.admin.exports import SpreadsheetExportMixin
from thankyou.analytics import ab_testing, reports, stats
from thankyou.analytics.models import GOALS, ABTest, DailyCount
from thankyou.pages.models import ThankYouPage
from thankyou.tenancy.scoping import scope, shops_of

DEFAULT_DAYS = 30
MAX_DAYS = 366  # a longer period would chart every day of it


class PercentColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return "\u2013" if value is None else f"{value * 100:.1f} %"


class PeriodWidget(DateRangePickerWidget):
    """Wagtail's date range, each date named for screen readers (placeholders vanish)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        for widget, label in zip(
            self.widgets, (gettext_lazy("Date from"), gettext_lazy("Date to")), strict=True
        ):
            widget.attrs["aria-label"] = label


class AnalyticsFilterSet(WagtailFilterSet):
    shop = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Shop"),
        queryset=lambda request: shops_of(request.user),
        method="keep",  # the view narrows to the chosen shop itself
        empty_label=None,
    )
    day = django_filters.DateFromToRangeFilter(label=gettext_lazy("Period"), widget=PeriodWidget)

    class Meta:
        model = DailyCount
        fields = ["shop", "day"]

    def keep(self, queryset, name, value):
        return queryset


class AnalyticsView(ShopScopedMixin, SpreadsheetExportMixin, ReportView):
    page_title = gettext_lazy("Analytics")
    header_icon = "view"
    template_name = "thankyou/admin/analytics.html"
    results_template_name = "thankyou/admin/analytics_results.html"
    index_url_name = "thankyou_analytics"
    index_results_url_name = "thankyou_analytics_results"
    filterset_class = AnalyticsFilterSet
    paginate_by = 100
    export_filename = "thank-you-analytics"
    list_export = [
        "page",
        "variant",
        "block",
        "block_id",
        "page_views",
        "seen",
        "click",
        "click_through",
        "answer",
        "signup",
        "gift_reveal",
        "download",
        "video_play",
        "share",
        "copy",
        "referral",
        "referral_value",
        "embed_views",
        "email_opens",
        "hosted_views",
        "hosted_answers",
    ]
    columns = [
        Column("page", label=gettext_lazy("Page")),
        Column("variant", label=gettext_lazy("Variant")),
        Column("block", label=gettext_lazy("Block")),
        Column("page_views", label=gettext_lazy("Page views")),
        Column("seen", label=gettext_lazy("Orders that saw it")),
        Column("click", label=gettext_lazy("Clicks")),
        PercentColumn("click_through", label=gettext_lazy("Click-through")),
        Column("answer", label=gettext_lazy("Answers")),
        Column("signup", label=gettext_lazy("Sign-ups")),
        Column("gift_reveal", label=gettext_lazy("Gift reveals")),
        Column("download", label=gettext_lazy("Downloads")),
        Column("video_play", label=gettext_lazy("Video plays")),
        Column("share", label=gettext_lazy("Shares")),
        Column("copy", label=gettext_lazy("Copies")),
        Column("referral", label=gettext_lazy("Referred orders")),
        Column("referral_value", label=gettext_lazy("Value of referred orders")),
        Column("embed_views", label=gettext_lazy("Views on the shop's page")),
        Column("email_opens", label=gettext_lazy("E-mail opens")),
        Column("hosted_views", label=gettext_lazy("Views on the hosted page")),
        Column("hosted_answers", label=gettext_lazy("Answers on the hosted page")),
    ]
    no_results_message = gettext_lazy(
        "No events in this period yet. They appear after the next roll-up (every few "
        "minutes) once customers have seen a thank-you page."
    )
    export_headings = {
        "page": gettext_lazy("Page"),
        "variant": gettext_lazy("Variant"),
        "block": gettext_lazy("Block"),
        "block_id": gettext_lazy("Block id"),
        "page_views": gettext_lazy("Page views"),
        "seen": gettext_lazy("Orders that saw it"),
        "click": gettext_lazy("Clicks"),
        "click_through": gettext_lazy("Click-through"),
        "answer": gettext_lazy("Answers"),
        "signup": gettext_lazy("Sign-ups"),
        "gift_reveal": gettext_lazy("Gift reveals"),
        "download": gettext_lazy("Downloads"),
        "video_play": gettext_lazy("Video plays"),
        "share": gettext_lazy("Shares"),
        "copy": gettext_lazy("Copies"),
        "referral": gettext_lazy("Referred orders"),
        "referral_value": gettext_lazy("Value of referred orders"),
        "embed_views": gettext_lazy("Views on the shop's page"),
        "email_opens": gettext_lazy("E-mail opens"),
        "hosted_views": gettext_lazy("Views on the hosted page"),
        "hosted_answers": gettext_lazy("Answers on the hosted page"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not self.shops.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def shop(self):
        """The chosen shop if it is one of the user's; else their first."""
        shops = self.shops
        chosen = self.request.GET.get("shop", "")
        if chosen:
            shop = shops.filter(pk=chosen).first() if chosen.isdigit() else None
            if shop is None:
                raise Http404
            return shop
        return shops.order_by("name").first()

    @cached_property
    def period(self):
        # The roll-up counts days in the shop's time zone: so does "today".
        start, end = None, timezone.localdate(timezone=ZoneInfo(self.shop.timezone))
        if self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("day")
            if chosen:
                start = _date(chosen.start)
                end = _date(chosen.stop) or end
        # Only an end: the 30 days up to it. At most MAX_DAYS, ending at the end chosen.
        start = start or end - timedelta(days=DEFAULT_DAYS - 1)
        return min(max(start, end - timedelta(days=MAX_DAYS - 1)), end), end

    @cached_property
    def counts(self):
        start, end = self.period
        counts = DailyCount.objects.filter(shop=self.shop, day__gte=start, day__lte=end)
        return self.scoped(counts)

    @cached_property
    def pages(self):
        ids = set(self.counts.values_list("page_id", flat=True).distinct())
        return reports.page_titles(self.shop, ids)

    @cached_property
    def words(self):
        return reports.Words(self.shop, self.pages)

    def get_queryset(self):
        return DailyCount.objects.none()  # the rows come from get_filtered_queryset

    def get_filtered_queryset(self):
        return reports.table(self.counts, self.pages, self.words)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = self.period
        context.update(
            shop=self.shop,
            start=start,
            end=end,
            totals=reports.totals(self.counts),
            chart=reports.daily(self.counts, start, end),
            channels=reports.channels(self.counts),
            distributions=reports.distributions(self.counts, self.pages, self.words),
            tests=reports.shop_tests(self.shop),
            testable_pages=testable_pages(self.request.user, self.shop),
        )
        return context


def _date(value):
    return value.date() if isinstance(value, datetime) else value


def testable_pages(user, shop):
    """Live pages of the shop with variants and no running test."""
    running = ABTest.objects.filter(shop=shop, ended_at=None).values("page_id")
    pages = (
        ThankYouPage.objects.live()
        .filter(shop=shop, variants__isnull=False)
        .exclude(pk__in=running)
        .distinct()
        .order_by("title")
    )
    return [page for page in pages if page.permissions_for_user(user).can_publish()]


class StartTestForm(forms.Form):
    goal = forms.ChoiceField(label=gettext_lazy("Goal"), choices=GOALS)
    baseline = forms.DecimalField(
        label=gettext_lazy("Expected conversion of the original (%)"),
        min_value=Decimal("0.1"),
        max_value=99,
        decimal_places=2,
        initial=10,
        help_text=gettext_lazy("Your best guess, e.g. from the last 30 days."),
    )
    effect = forms.DecimalField(
        label=gettext_lazy("Smallest difference worth detecting (percentage points)"),
        min_value=Decimal("0.1"),
        max_value=50,
        decimal_places=2,
        initial=5,
        help_text=gettext_lazy("Smaller differences need many more orders."),
    )

    def __init__(self, *args, variants=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.variants = variants

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["sample_size"] = stats.sample_size(
                float(data["baseline"]) / 100, float(data["effect"]) / 100, self.variants
            )
        except ValueError:
            raise forms.ValidationError(
                _("Expected conversion plus the difference must stay below 100 %.")
            ) from None
        return data


def _publishable_page(request, page_id):
    page = get_object_or_404(scope(ThankYouPage.objects, request.user), pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return page


def _dashboard_url(shop):
    return reverse("thankyou_analytics") + f"?shop={shop.pk}"


@shop_scoped
@require_http_methods(["GET", "POST"])
def start_test(request, page_id):
    page = _publishable_page(request, page_id)
    arms = ab_testing.arms_of(page)
    problem = None
    if len(arms) < 2:
        problem = _("Add a variant to the page (and publish it) before starting a test.")
    elif sum(arm["weight"] for arm in arms[1:]) > 100:
        problem = _("The variants' traffic shares add up to more than 100 %.")
    elif page.ab_tests.filter(ended_at=None).exists():
        problem = _("A test of this page is already running.")
    form = StartTestForm(request.POST or None, variants=len(arms) - 1)
    if request.method == "POST" and problem is None and form.is_valid():
        test = ab_testing.start(
            page,
            goal=form.cleaned_data["goal"],
            baseline=form.cleaned_data["baseline"],
            effect=form.cleaned_data["effect"],
            sample_size=form.cleaned_data["sample_size"],
            user=request.user,
        )
        messages.success(
            request,
            _("The test started. It needs %(n)s orders per variant before it can decide.")
            % {"n": test.sample_size},
        )
        return redirect(_dashboard_url(page.shop))
    return render(
        request,
        "thankyou/admin/ab_start.html",
        {"page": page, "arms": arms, "form": form, "problem": problem},
    )


@shop_scoped
@require_http_methods(["GET", "POST"])
def end_test(request, test_id):
    test = get_object_or_404(scope(ABTest.objects, request.user), pk=test_id)
    page = _publishable_page(request, test.page_id)
    if not test.running:
        raise Http404
    result = reports.ab_result(test)
    keys = [arm["key"] for arm in result["arms"] if not arm["gone"]]
    if request.method == "POST":
        winner = request.POST.get("winner", "")
        if winner not in keys:
            messages.error(request, _("Choose a version to keep that is still on the page."))
        elif page.has_unpublished_changes:
            messages.error(
                request,
                _("The page has unpublished changes: publish or discard them first."),
            )
        else:
            ab_testing.end(test, winner=winner, user=request.user)
            messages.success(request, _("The test ended; the page now shows the chosen version."))
            return redirect(_dashboard_url(page.shop))
    return render(request, "thankyou/admin/ab_end.html", {"result": result, "page": page})
