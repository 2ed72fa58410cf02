"""The pure core of Pod Designer: plain Python, no Django, no I/O.

Values in, values out. The web shell (library, live, web apps) calls into this package; this
package never imports from them (an import-linter contract and a test enforce it).
"""
