"""The API documentation at /api/docs: Swagger UI from the platform's own static files, inside
the platform's layout, with the page's language set and a stylesheet and script that make Swagger
UI pass WCAG 2.1 AA (contrast, controls not nested in controls, names for its buttons)."""

from ninja.openapi.docs import Swagger


class AccessibleSwagger(Swagger):
    template = "samverkan/api_docs.html"
    default_settings = {
        **Swagger.default_settings,
        # Swagger UI's own syntax colours fail contrast; the plain rendering does not.
        "syntaxHighlight": False,
        # A deep link is a link inside the operation's open/close button: two controls nested.
        "deepLinking": False,
    }
