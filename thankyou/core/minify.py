"""Minify our JavaScript: the shop's page loads it on every order."""

from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print


def minify(source):
    """
    Drop comments, spaces and the semicolons before a closing brace, and
    shorten local names.

    The source stays readable in the repository. Property names are kept, so
    public APIs (thankyou.render, behave, track) are unchanged.
    """
    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False, drop_semi=True) + "\n"
