"""`make demo`: Scenario A on a live node (see demo/__main__.py).

A tool of the source checkout, not part of the installed product: it runs the
scenario code in contracts/scenarios/.
"""
