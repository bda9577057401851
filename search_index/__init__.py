"""The search index: a derived copy of the database in Whoosh.

Nothing outside this package imports whoosh, so the engine stays replaceable.
"""
