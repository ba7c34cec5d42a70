"""The ``{% fragment %}`` tag of portal.fragments."""

from django import template
from django.template.base import token_kwargs

from portal.fragments import render_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, options):
        self.nodelist, self.name, self.parts, self.options = nodelist, name, parts, options

    def render(self, context):
        options = {key: value.resolve(context) for key, value in self.options.items()}
        return render_fragment(
            self.name.resolve(context),
            [part.resolve(context) for part in self.parts],
            lambda: self.nodelist.render(context),
            request=context.get("request"),
            daily=bool(options.get("daily")),
        )


@register.tag
def fragment(parser, token):
    """{% fragment obj "name" [what else it shows ...] [daily=True] %}…{% endfragment %}"""
    bits = token.split_contents()[1:]
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            '{% fragment obj "name" ... %} needs an object and a name'
        )
    options = {}
    positional = []
    for bit in bits:
        if "=" in bit:
            options.update(token_kwargs([bit], parser))
        else:
            positional.append(parser.compile_filter(bit))
    obj, name, *rest = positional
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, [obj, *rest], options)
