"""
Scaffold a designer's block type in its own Django app.

    python manage.py startblock countdown                # new app countdown_block
    python manage.py startblock countdown --app shop_ui  # into this app
    python manage.py startblock rating --answer          # a block that asks something

Writes the block's module, template, stylesheet (and with --script a
behaviour script), registers it through the ``register_thankyou_blocks`` hook
and adds a test that renders its preview value and checks its value against
the API schema (with --answer, one that answers it too). Nothing in
thankyou/ changes.
"""

import keyword
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thankyou.blocks.interactive import ACTION_PATTERN
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.shapes import camel

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}\Z")

APPS_PY = """from django.apps import AppConfig


class {app_class}Config(AppConfig):
    name = "{app}"
"""

MODULE = '''"""{title}: a thank-you page block."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from thankyou.blocks import ThankYouBlock


class {block_class}(ThankYouBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=600, required=False)

    class Meta:
        icon = "placeholder"
        label = _("{title}")
        description = _("Say in one sentence what this block shows the customer.")
        template = "{app}/blocks/{name}.html"
        stylesheet = "{app}/blocks/{name}.css"
        # It thanks the customer by name: rendered with ``order`` and ``customer``.
        personal = True
        speaks_to_customer = True
{script_line}        preview_value = {{
            "heading": "{title}",
            "text": "Replace this with the text a customer would read here.",
        }}

    def order_key(self, value, context):
        # Orders differ here only by the first name: they share one rendering,
        # and each order's name is filled in afterwards (see docs/designing-blocks.md).
        return ""
'''

ANSWER_MODULE = '''"""{title}: a thank-you page block that asks the customer something."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks

from thankyou.blocks.interactive import InteractiveBlock


class {block_class}Answer(serializers.Serializer):
    """What the embed script posts: the fields of the block's form."""

    score = serializers.IntegerField(min_value=1, max_value=5)


class {block_class}(InteractiveBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    thanks = blocks.CharBlock(label=_("Thank-you text"), max_length=200)
    answer_serializer = {block_class}Answer

    class Meta:
        icon = "placeholder"
        label = _("{title}")
        description = _("Say in one sentence what this block asks the customer.")
        template = "{app}/blocks/{name}.html"
        action = "{name}"  # its answers' kind: listed as it, sent as "{name}.answered"
{script_line}        preview_value = {{
            "question": "How happy are you with your order so far?",
            "thanks": "Thank you for telling us!",
        }}
        # The block gallery also shows it answered, with this result.
        preview_result = {{"score": 5, "thanks": "Thank you for telling us!"}}

    def stylesheets(self, value):
        return (*super().stylesheets(value), "{app}/blocks/{name}.css")

    def action_spec(self, value):
        # What the answer endpoint needs of the block: cached with the page's revision.
        return {{"thanks": value["thanks"]}}

    def answer_result(self, spec, answer):
        # What the customer gets back: it fills [data-slot], and is ``done`` after a reload.
        return {{"score": answer["score"], "thanks": spec["thanks"]}}
'''

ANSWER_TEMPLATE = """{{% load i18n %}}<div class="ty-prompt {css_class}">
  <h3 class="ty-block-title" id="{{{{ block_id }}}}-title">{{{{ value.question }}}}</h3>
  {{% if not done %}}<form method="dialog" data-action="{name}" data-ask>
  <fieldset aria-labelledby="{{{{ block_id }}}}-title">
    {{% for score in "12345" %}}<label><input type="radio" name="score" value="{{{{ score }}}}" \
required> {{{{ score }}}}</label>{{% endfor %}}
  </fieldset>
  <button class="ty-button" type="submit">{{% translate "Send" %}}</button>
  </form>{{% endif %}}
  <p class="ty-done" data-show="done" tabindex="-1"{{% if not done %}} hidden{{% endif %}}>
    <span data-slot="thanks">{{{{ done.thanks }}}}</span></p>
  {{% include "thankyou/blocks/action_error.html" %}}
</div>
"""

TEMPLATE = """{{% load i18n %}}<div class="{css_class}">
  <h3 class="ty-block-title">{{{{ value.heading }}}}</h3>
  {{% if value.text %}}<p>{{{{ value.text }}}}</p>{{% endif %}}
  {{% if customer.first_name %}}<p class="ty-muted">
    {{% blocktranslate with name=customer.first_name %}}Thank you, {{{{ name }}}}!\
{{% endblocktranslate %}}
  </p>{{% endif %}}
</div>
"""

STYLESHEET = """.{css_class}{{padding:var(--ty-space);border-radius:var(--ty-radius);\
background:color-mix(in srgb,var(--ty-primary) 8%,var(--ty-bg))}}
"""

SCRIPT = """/* {title}: behaviour, run once for each {name} block on the page. */
(function (w) {{
  "use strict";
  if (!w.thankyou || !w.thankyou.behave) return;
  w.thankyou.behave("{name}", function (section) {{
    section.querySelector("h3").setAttribute("data-ready", "");
  }});
}})(window);
"""

HOOKS_HEADER = "from wagtail import hooks\n"

HOOK = """

@hooks.register("register_thankyou_blocks")
def register_{name}_block():
    from .blocks.{name} import {block_class}

    return [("{name}", {block_class}())]
"""

TEST = '''"""{title} renders with its preview value for the sample customers."""

{imports}


def test_renders_its_preview_value(db):
    html = render_block({block_class}(), name="{name}")
    assert 'data-type="{name}"' in html
    assert "{title}" in html


def test_thanks_the_customer_by_first_name(db):
    html = render_block({block_class}(), context=sample_context(persona="vip"))
    assert "Sophie" in html


def test_its_value_for_native_renderers_has_the_documented_shape(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert value_errors(schema, "{name}", block_value({block_class}())) == []
'''

ANSWER_TEST = '''"""{title} asks once per order; the core stores the answer."""

import json

{imports}


def test_renders_its_preview_value(db):
    html = render_block({block_class}(), name="{name}")
    assert 'data-action="{name}"' in html
    assert "How happy are you" in html


def test_an_order_answers_once(client, db):
    shop = Shop.objects.create(key="acme", name="Acme")
    root = ShopRootPage.objects.get(shop=shop, locale__language_code="de")
    body = [("{name}", {{"question": "Wie zufrieden bist du?", "thanks": "Danke!"}})]
    root.add_child(instance=ThankYouPage(title="Danke", body=body)).save_revision().publish()
    token = sign_claims(shop, persona_claims(PERSONAS["guest"], shop, "de-DE"))
    page = client.post("/api/v1/render", {{"token": token}}, "application/json").json()
    answer = {{"action_token": page["action_token"], "block": page["blocks"][0]["id"]}}
    for score in (4, 1):  # the second answer changes nothing
        data = json.dumps({{**answer, "score": score}})
        response = client.post("/api/v1/actions", data, "text/plain")
        assert response.json() == {{"score": 4, "thanks": "Danke!"}}
    assert BlockAnswer.objects.get().answer == {{"score": 4}}


def test_its_value_for_native_renderers_has_the_documented_shape(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    block = {block_class}()
    answered = {{**sample_context(), "done_actions": {{"sample": block.meta.preview_result}}}}
    for value in (block_value(block), block_value(block, context=answered)):
        assert value_errors(schema, "{name}", value) == []
'''

TEST_IMPORTS = [
    "from thankyou.api.schema import value_errors",
    "from thankyou.blocks.samples import block_value, render_block, sample_context",
]
ANSWER_TEST_IMPORTS = [
    "from thankyou.api.schema import value_errors",
    "from thankyou.blocks.samples import block_value, render_block, sample_context",
    "from thankyou.models import BlockAnswer, Shop, ShopRootPage, ThankYouPage",
    "from thankyou.targeting.personas import PERSONAS, persona_claims",
    "from thankyou.core.signing import sign_claims",
]


class Command(BaseCommand):
    help = "Scaffold a new thank-you block type in its own Django app."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Block type name, e.g. countdown (a-z, 0-9, _).")
        parser.add_argument("--app", help="App to put it in (default: a new app NAME_block).")
        parser.add_argument(
            "--directory",
            default=str(settings.BASE_DIR),
            help="Where a new app is created (default: the project folder).",
        )
        parser.add_argument("--script", action="store_true", help="Add a behaviour script.")
        parser.add_argument(
            "--answer",
            action="store_true",
            help="A block that asks the customer something (its name is its answers' action).",
        )

    def handle(self, name, app=None, directory=None, script=False, answer=False, **options):
        if not NAME_RE.match(name) or keyword.iskeyword(name):
            raise CommandError(
                f"{name!r} is not a block name: use 2-40 lowercase letters, digits, _."
            )
        if answer and not ACTION_PATTERN.fullmatch(name):
            raise CommandError(
                f"{name!r} is too long for a block that asks something: its name is the "
                "action of its answers, at most 16 characters."
            )
        if name in dict(get_block_types()):
            raise CommandError(f"A block type {name!r} is already registered.")
        app = app or f"{name}_block"
        if not NAME_RE.match(app) or keyword.iskeyword(app):
            raise CommandError(f"{app!r} is not a Python package name.")
        if app == "thankyou":
            raise CommandError("Designer blocks live in their own app, not in thankyou/.")
        installed = apps.get_app_config(app) if apps.is_installed(app) else None
        root = Path(installed.path) if installed else Path(directory) / app
        created = []

        def write(relative, text, append=False):
            path = root / relative
            if path.exists() and not append:
                raise CommandError(f"{path} exists already; nothing was written after it.")
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a" if append else "w", encoding="utf-8") as fh:
                fh.write(text)
            created.append(path)

        fields = {
            "name": name,
            "app": app,
            "app_class": camel(app),
            "block_class": f"{camel(name)}Block",
            "title": name.replace("_", " ").capitalize(),
            "css_class": f"{app}-{name}".replace("_", "-"),
            "script_line": f'        script = "{app}/blocks/{name}.js"\n' if script else "",
            "imports": "\n".join(
                sorted(
                    [
                        *(ANSWER_TEST_IMPORTS if answer else TEST_IMPORTS),
                        f"from {app}.blocks.{name} import {camel(name)}Block",
                    ],
                    key=lambda line: line.split()[1],
                )
            ),
        }
        new_app = not (root / "apps.py").exists() and installed is None
        if new_app:
            write("__init__.py", "")
            write("apps.py", APPS_PY.format(**fields))
        if not (root / "blocks" / "__init__.py").exists():
            write("blocks/__init__.py", "")
        module, template, test = (
            (ANSWER_MODULE, ANSWER_TEMPLATE, ANSWER_TEST) if answer else (MODULE, TEMPLATE, TEST)
        )
        write(f"blocks/{name}.py", module.format(**fields))
        write(f"templates/{app}/blocks/{name}.html", template.format(**fields))
        write(f"static/{app}/blocks/{name}.css", STYLESHEET.format(**fields))
        if script:
            write(f"static/{app}/blocks/{name}.js", SCRIPT.format(**fields))
        hooks_file = root / "wagtail_hooks.py"
        if not hooks_file.exists():
            write("wagtail_hooks.py", HOOKS_HEADER)
        write("wagtail_hooks.py", HOOK.format(**fields), append=True)
        if not (root / "tests" / "__init__.py").exists():
            write("tests/__init__.py", "")
        write(f"tests/test_{name}_block.py", test.format(**fields))

        self.stdout.write(self.style.SUCCESS(f"Block type {name!r} scaffolded in {root}:"))
        for path in dict.fromkeys(created):
            self.stdout.write(f"  {path}")
        self.stdout.write("Next:")
        if installed is None:
            self.stdout.write(f'  add "{app}" to INSTALLED_APPS,')
        self.stdout.write(f"  run its test: pytest {root / 'tests'},")
        self.stdout.write("  and add the block to a page in the editor (/cms/).")
