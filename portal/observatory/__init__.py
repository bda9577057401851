"""The observatory of young people's needs (issue 18): anonymous events in,
protected indicators out.

Other domains never import this package: they call
``portal.core.observe.record(...)``. This is the surface for the few that
read figures (councils' indicators):

    from portal.observatory import indicators, reading
"""
