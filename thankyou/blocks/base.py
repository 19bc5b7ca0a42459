"""The interface every thank-you block implements."""

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup
from wagtail.rich_text import RichText
from wagtail.snippets.blocks import SnippetChooserBlock

from thankyou.blocks.personal import (
    CUSTOMER_PLACEHOLDERS,
    PersonalTextMixin,
    has_placeholders,
    personalise,
    placeholders_in,
    refuse_placeholders_below,
)
from thankyou.blocks.samples import block_preview
from thankyou.blocks.shapes import camel, declared_fields, representer, struct_serializer
from thankyou.targeting.visibility import DEFAULT_PRIORITY, PRIORITY, SEGMENTS


class ThankYouBlock(blocks.StructBlock):
    """
    A block of a thank-you page.

    Its template receives ``value``, ``shop``, ``locale``, ``page`` and
    ``block_id``. The output is rendered once per page revision and shared by
    every order that sees it, so ``order`` and ``customer`` are absent; a block
    whose output depends on the order sets ``Meta.personal = True`` and is
    rendered for each order with ``order`` and ``customer`` in its context.

    Text fields made with ``PersonalCharBlock`` or ``PersonalTextBlock`` may
    use placeholders ({first_name}, ...): a block whose value uses one is
    rendered per order, with ``value`` filled in for its template and API
    representation. Other text fields, nested ones included, refuse them.

    ``Meta.stylesheet`` names a static CSS file added to the shadow root when
    the block is on the page (``stylesheets()`` may add one per variant);
    ``Meta.script`` a static script that gives it behaviour. A block that
    asks something of the customer sets ``Meta.call_to_action = True``.

    Every block gets targeting settings in its settings area: the segments
    it is limited to and, for calls to action, a priority. The experience
    check reads ``Meta.next_steps`` (the block says what happens after the
    order), ``Meta.upsell`` (it sells something or offers a discount) and
    ``Meta.speaks_to_customer`` (its template addresses the customer by what
    the order says: their name, what they bought) and ``Meta.promotes`` (it
    asks the customer to recommend the shop: too early on a first order).

    ``Meta.email_template`` renders the block in the order-confirmation
    e-mail (``thankyou.render.email``); without one, blocks that take an
    answer become a button to the hosted page and others show their page
    HTML made safe for e-mail.

    The block's value in the render response (``get_api_representation``) is
    derived from its fields, as ``thankyou.blocks.shapes`` describes, and the
    OpenAPI schema documents it per block type. A block that adds, changes or
    leaves out fields of its value declares them in ``value_serializer``.

    Block previews (the editor's block chooser) render the block with its
    ``Meta.preview_value`` for a sample customer, inside a shadow root with
    the same CSS as on a shop's page. ``Meta.preview_translations`` holds its
    texts in other languages (``{"en": {"heading": ...}}``, lists item by
    item), for the block gallery.
    """

    value_serializer = None

    class Meta:
        stylesheet = None
        script = None
        call_to_action = False
        personal = False
        next_steps = False
        upsell = False
        speaks_to_customer = False
        promotes = False
        preview_template = "thankyou/blocks/preview.html"
        preview_translations = {}
        email_template = None

    def __init__(self, local_blocks=None, **kwargs):
        own = [(SEGMENTS, segments_block())]
        if kwargs.get("call_to_action", self._meta_class.call_to_action):
            own.append((PRIORITY, priority_block()))
        clashes = {name for name, _block in own} & set(self.base_blocks)
        if clashes:
            raise ImproperlyConfigured(
                f"{type(self).__name__}: the field names {sorted(clashes)} are reserved."
            )
        super().__init__([*(local_blocks or ()), *own], **kwargs)
        if self.meta.label_format is None and PRIORITY in self.child_blocks:
            # Else a collapsed block whose text fields are empty is titled by its priority.
            self.meta.label_format = f"{{{next(iter(self.child_blocks))}}}"
        self.personal_fields = [
            name
            for name, child in self.child_blocks.items()
            if isinstance(child, PersonalTextMixin)
        ]
        refuse_placeholders_below(self)

    def get_form_layout(self):
        """The block's own layout, with the targeting settings in its settings area."""
        layout = super().get_form_layout()
        own = [name for name in (SEGMENTS, PRIORITY) if name in self.child_blocks]
        return BlockGroup(
            children=[child for child in layout.children if child not in own],
            settings=[*(child for child in layout.settings if child not in own), *own],
            heading=layout.heading,
            classname=layout.classname,
            help_text=layout.help_text,
            icon=layout.icon,
            attrs=layout.attrs,
            label_format=layout.label_format,
        )

    def uses_placeholders(self, value):
        return any(has_placeholders(value.get(name)) for name in self.personal_fields)

    def personalised(self, value, context):
        """A copy of the value with the placeholders filled in for this order."""
        return self._to_struct_value(
            [
                (name, personalise(item, context) if name in self.personal_fields else item)
                for name, item in value.items()
            ]
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if self.uses_placeholders(value):
            context["value"] = context["self"] = self.personalised(value, context)
        return context

    @cached_property
    def value_representers(self):
        """(field name, function giving its value's JSON) of each field the value holds."""
        left_out = {name for name, field in self.value_fields().items() if field is None}
        return [
            (name, representer(child))
            for name, child in self.child_blocks.items()
            if name not in (SEGMENTS, PRIORITY, *left_out)
        ]

    def get_api_representation(self, value, context=None):
        """The block's value as JSON, its fields derived as ``thankyou.blocks.shapes`` says."""
        context = context or {}
        if self.uses_placeholders(value):
            value = self.personalised(value, context)
        return {
            name: represent(value.get(name), context) for name, represent in self.value_representers
        }

    def value_fields(self):
        """
        The fields ``get_api_representation`` adds to or changes in the value
        derived from the block's fields, as serializer fields (None: a field it
        leaves out): those of ``value_serializer``.
        """
        return declared_fields(self.value_serializer)

    def value_schema(self, name):
        """The serializer documenting the value of this block, registered as ``name``."""
        schemas = self.__dict__.setdefault("_value_schemas", {})
        if name not in schemas:
            children = {
                child_name: child
                for child_name, child in self.child_blocks.items()
                if child_name not in (SEGMENTS, PRIORITY)
            }
            schemas[name] = struct_serializer(
                f"{camel(name)}BlockValue", children, self.value_fields()
            )
        return schemas[name]

    def order_key(self, value, context):
        """
        What, besides the customer's first name and the order number, makes
        this block's output differ between orders (``context`` as in its
        template): a hashable value, or None to render it for every order.

        Orders with equal keys share one rendering, in which the first name
        and the order number are filled in afterwards as escaped text (see
        ``thankyou.render.stand_ins``). A block with ``Meta.personal`` is rendered
        for every order unless it says what its key is.
        """
        if getattr(self.meta, "personal", False):
            return None
        return self.placeholder_key(value, context)

    def placeholder_key(self, value, context):
        """
        The key of this order's placeholder values (the delivery date). None
        (rendered for the order) when a rich text names the customer or the
        order: its API value is HTML, and stand-ins are filled into API values
        as plain text.
        """
        used = set()
        for name in self.personal_fields:
            names = placeholders_in(value.get(name))
            if names & CUSTOMER_PLACEHOLDERS and isinstance(value.get(name), RichText):
                return None
            used |= names
        return personalise("{delivery_date}", context) if "delivery_date" in used else ""

    def stylesheets(self, value):
        """
        The static stylesheets a page with this value needs: ``Meta.stylesheet``
        by default. A block whose variants look different names the variant's
        own CSS, so a page sends only what it shows.
        """
        return (self.meta.stylesheet,) if self.meta.stylesheet else ()

    def scripts(self, value):
        """
        The static scripts a page with this value needs: ``Meta.script`` by
        default; a variant that needs one of its own names it here.
        """
        return (self.meta.script,) if self.meta.script else ()

    def is_shown(self, value, context):
        """Whether a personal block appears for this order (``context`` as in its
        template); a block left out is neither rendered nor named in the action token."""
        return True

    def get_preview_value(self):
        """The preview value with every field present, as if loaded from a page."""
        return self.to_python(self.get_prep_value(super().get_preview_value()))

    def preview_value_in(self, language):
        """The preview value with its texts in ``language``, where it has them."""
        texts = self.meta.preview_translations.get(language)
        if not texts:
            return self.get_preview_value()
        value = _translated(self._evaluate_callable(self.meta.preview_value), texts)
        return self.to_python(self.get_prep_value(self.normalize(value)))

    def get_preview_context(self, value, parent_context=None):
        context = dict(parent_context or {})
        request = context.get("request")
        # The block picker's preview speaks the admin's language, where the block has it.
        language = (translation.get_language() or "")[:2]
        if request is None or not self.meta.preview_translations.get(language):
            language = None
        else:
            value = self.preview_value_in(language)
        context["preview"] = block_preview(
            self, value, user=getattr(request, "user", None), language=language
        )
        return context


class SegmentChooserBlock(SnippetChooserBlock):
    """
    A segment, kept as its id: visibility is decided from ids alone, so reading
    a page never queries segments, and a deleted segment simply matches no one.
    """

    def __init__(self, **kwargs):
        super().__init__("thankyou.Segment", **kwargs)

    @cached_property
    def widget(self):
        """Wagtail's chooser, its buttons worded in each request's language
        (Wagtail words them once, in the language of the first request)."""
        widget = super().widget
        name = self.target_model._meta.verbose_name
        for attribute, message in (
            ("choose_one_text", "Choose %(object)s"),
            ("choose_another_text", "Choose another %(object)s"),
            ("link_to_chosen_text", "Edit this %(object)s"),
        ):
            setattr(widget, attribute, lazy(lambda m=message: gettext(m) % {"object": name}, str)())
        return widget

    def to_python(self, value):
        return value

    def bulk_to_python(self, values):
        return list(values)

    def normalize(self, value):
        return getattr(value, "pk", value)

    def get_prep_value(self, value):
        return getattr(value, "pk", value)

    def clean(self, value):
        return getattr(super().clean(value), "pk", None)

    def extract_references(self, value):
        if value is not None:
            yield self.model_class, str(value), "", ""


def _translated(value, texts):
    """``value`` with the texts put in: dicts by key, lists item by item."""
    if isinstance(value, dict) and isinstance(texts, dict):
        return {**value, **{key: _translated(value.get(key), text) for key, text in texts.items()}}
    if isinstance(value, list) and isinstance(texts, list) and len(value) == len(texts):
        return [_translated(item, text) for item, text in zip(value, texts, strict=True)]
    return texts


def segments_block():
    return blocks.ListBlock(
        SegmentChooserBlock(label=_("Segment")),
        label=_("Show only to"),
        help_text=_("Only customers in one of these segments see this block. Empty: everyone."),
        default=[],
    )


def priority_block():
    return blocks.IntegerBlock(
        label=_("Priority"),
        min_value=0,
        max_value=100,
        default=DEFAULT_PRIORITY,
        help_text=_(
            "The page shows one call to action at a time: of those that apply to the "
            "customer, the one with the highest priority (0 to 100)."
        ),
    )
