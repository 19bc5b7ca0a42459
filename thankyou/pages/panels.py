"""Editor panels of thank-you pages."""

from wagtail.admin.panels import Panel

from thankyou.pages.experience_check import check
from thankyou.targeting.sample_customers import persona_context, personas_for


class ExperienceCheckPanel(Panel):
    """The experience check for each persona, on the page's latest saved version."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "thankyou/admin/experience_check_panel.html"

        def get_context_data(self, parent_context=None):
            # Wagtail reads the page model's panels: routing, which reads the
            # model, is imported when the panel is shown.
            from thankyou.pages.routing import audience_for

            context = super().get_context_data(parent_context)
            page = self.instance
            if not page.pk or not page.shop_id:
                return context
            results = []
            for persona in personas_for(page.shop):
                order = persona_context(persona, page.shop, page.locale.language_code)
                audience = audience_for(order)
                results.append(
                    {
                        "persona": persona,
                        "segments": audience.matched(),
                        "check": check(page, order, audience),
                    }
                )
            context["results"] = results
            context["warnings"] = sum(len(r["check"].warnings) for r in results)
            return context
