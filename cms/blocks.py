from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=200, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    answer = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")


class ServiceBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph")
    )
    image = ImageWithCaptionBlock()
    faq = QuestionAnswerBlock()
