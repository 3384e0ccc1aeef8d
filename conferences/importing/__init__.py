"""Importing a report: draft an edition from its text, preview it, store it, apply it.

service.py is the transaction (the one way in, for the command and the admin); rules/ are
pure functions that read a report's words; draft.py is what they find, typed; admin.py is
the upload page and the review of pending imports.
"""
