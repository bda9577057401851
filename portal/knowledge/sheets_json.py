"""Render a sheet tree (the npm package's JSON form) as a clean article dict.

The tree is what xml-js made of the official XML: elements are
``{"type": "element", "name", "attributes", "children"}``, text is
``{"type": "text", "text"}``. ``sheets_xml`` builds the same tree from the
XML, so everything here serves both the snapshot and the live feed.

Section text is plain text: paragraphs separated by a blank line, lists as
"- " (or "1. ") lines indented by two spaces per level, tables as one "- "
line per row, and the titles of sub-chapters and of case variants ("Vous
êtes locataire" / "Vous êtes propriétaire") as Markdown-style headings
("## ", "### "… one more "#" per nesting level), so they can be shown as
such or read as they are.
"""

from __future__ import annotations

import re

from .sheet_selection import classify

SOURCE_URL = "https://www.service-public.fr/particuliers/vosdroits/{id}"

# Only the publication's Introduction, Avertissement, Texte, ListeSituations,
# external links and offices ("Où s'adresser") are rendered; the rest there
# (references, online services, "see also" lists, glossary, the questions of
# a "Recherche guidée" that only lead to another sheet) is navigation.
NOTE_LABELS = {"ANoter": "À noter", "ASavoir": "À savoir", "Attention": "Attention",
               "Rappel": "Rappel"}
# Metadata and link targets inside the text: nothing a reader needs as text.
SKIPPED = {"Titre", "TitreAlternatif", "Condition", "Source", "PivotLocal", "RessourceWeb",
           "NoticeLiee", "ServiceEnLigneAnnexe", "LienWeb", "Image", "Illustration",
           "Complement", "Credits", "Legende", "SiSelectionne"}
# Inline elements glued to the preceding word: "1<Exposant>er</Exposant>".
GLUED = {"Exposant", "Indice"}


# -- tree helpers -------------------------------------------------------------

def _publication(obj: dict) -> dict:
    if obj.get("name") == "Publication":
        return obj
    for child in obj.get("children", []):
        if child.get("name") == "Publication":
            return child
    raise ValueError("not a Service-Public sheet: no <Publication> element")


def _elements(node: dict, name: str | None = None) -> list[dict]:
    return [c for c in node.get("children", ())
            if c.get("type") == "element" and (name is None or c["name"] == name)]


def _first(node: dict | None, name: str) -> dict | None:
    if node is None:
        return None
    found = _elements(node, name)
    return found[0] if found else None


def _inline(node: dict | None) -> str:
    """Text of a node and its inline descendants, whitespace left untouched."""
    if node is None:
        return ""
    parts: list[str] = []
    previous_was_element = False
    for child in node.get("children", ()):
        if child.get("type") != "element":
            piece, is_element = child.get("text", ""), False
        elif child["name"] in ("Image", "Condition"):
            continue
        else:
            piece, is_element = _inline(child), True
            if child["name"] == "Citation" and piece.strip():
                piece = f"« {piece.strip()} »"
            # xml-js dropped the whitespace-only text that separated two inline
            # elements ("<A>x</A> <B>y</B>"); put one space back between words.
            if (previous_was_element and child["name"] not in GLUED and parts
                    and not parts[-1][-1:].isspace() and not piece[:1].isspace()):
                parts.append(" ")
        parts.append(piece)
        previous_was_element = is_element
    return "".join(parts)


def clean(text: str) -> str:
    """One line of readable text: single spaces, no space before . , ) or after (."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([.,)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text)


def _title(node: dict | None) -> str:
    """A ``<Titre>`` may hold plain text or ``<Paragraphe>`` elements."""
    return clean(_inline(_first(node, "Titre"))) if node else ""


# -- blocks -------------------------------------------------------------------

def _heading(title: str, depth: int) -> list[str]:
    return ["#" * (depth + 2) + " " + title] if title else []


def _blocks(node: dict, depth: int) -> list[str]:
    out: list[str] = []
    for child in _elements(node):
        out.extend(_block(child, depth))
    return out


def _block(el: dict, depth: int) -> list[str]:
    name = el["name"]
    if name in SKIPPED:
        return []
    if name == "Paragraphe":
        text = clean(_inline(el))
        return [text] if text else []
    if name == "Liste":
        lines = _list_lines(el, 0)
        return ["\n".join(lines)] if lines else []
    if name == "Tableau":
        return _table(el)
    if name == "BlocCas":
        return [b for cas in _elements(el, "Cas") for b in _variant(cas, depth)]
    if name in ("Chapitre", "SousChapitre", "Situation", "Choix"):
        return _variant(el, depth)
    if name in NOTE_LABELS:
        return _note(el, depth)
    if name == "OuSAdresser":
        title = _title(el)
        return ([f"Où s'adresser : {title}"] if title else []) + _blocks(el, depth)
    if name == "ServiceEnLigne":
        title, kind = _title(el), el.get("attributes", {}).get("type", "Service en ligne")
        return [f"{kind} : {title}"] if title else []
    # Containers (Texte, Introduction, FragmentConditionne, ContenuIllustre...)
    # and anything unknown: keep whatever text they hold.
    if _elements(el):
        return _blocks(el, depth)
    text = clean(_inline(el))
    return [text] if text else []


def _variant(el: dict, depth: int) -> list[str]:
    """A titled block (sub-chapter, case, situation, choice): heading then content."""
    title = _title(el)
    return _heading(title, depth) + _blocks(el, depth + 1 if title else depth)


def _note(el: dict, depth: int) -> list[str]:
    label = _title(el) or NOTE_LABELS[el["name"]]
    blocks = _blocks(el, depth)
    if blocks and not blocks[0].startswith(("#", "- ", "1. ")):
        return [f"{label} : {blocks[0]}"] + blocks[1:]
    return [f"{label} :"] + blocks


def _list_lines(el: dict, level: int) -> list[str]:
    numbered = el.get("attributes", {}).get("type") == "numero"
    lines: list[str] = []
    for number, item in enumerate(_elements(el, "Item"), 1):
        texts: list[str] = []
        nested: list[str] = []
        for child in _elements(item):
            if child["name"] == "Liste":
                nested.extend(_list_lines(child, level + 1))
            else:
                texts.extend(_flat(_block(child, 0)))
        marker = f"{number}." if numbered else "-"
        if texts:
            lines.append("  " * level + f"{marker} " + " ".join(texts))
        lines.extend(nested)
    return lines


def _flat(blocks: list[str]) -> list[str]:
    """Blocks squeezed onto one line (inside a list item or a table cell)."""
    out = []
    for block in blocks:
        block = re.sub(r"^#+ ", "", block)
        lines = [re.sub(r"^\s*(?:-|\d+\.) ", "", line) for line in block.split("\n")]
        out.append(" ; ".join(line for line in lines if line))
    return [b for b in out if b]


# -- tables -------------------------------------------------------------------

def _table(el: dict) -> list[str]:
    """One "- " line per row, each value labelled with its column header."""
    title = _title(el)
    lines = [f"{title} :"] if title else []
    headers: list[str] = []
    header_rows: list[list[str]] = []
    carried: dict[int, tuple[str, int, str]] = {}  # column -> (text, rows left, row type)
    for row in _elements(el, "Rangée"):
        kind = row.get("attributes", {}).get("type", "normal")
        cells = _row_cells(row, kind, carried)
        if kind == "header":
            header_rows.append(cells)
            # Several header rows (grouped columns): label each column with
            # the distinct texts above it.
            headers = [" – ".join(dict.fromkeys(t for t in column if t))
                       for column in zip(*_padded(header_rows), strict=True)]
            continue
        header_rows = []
        lines.append(_row_line(cells, headers))
    lines = [line for line in lines if line]
    return ["\n".join(lines)] if lines else []


def _padded(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _row_cells(row: dict, kind: str, carried: dict) -> list[str]:
    """Cell texts of a row on the table's column grid, merged cells expanded."""
    cells: list[str] = []
    column = 0
    for cell in _elements(row, "Cellule"):
        column = _take_carried(cells, column, kind, carried)
        attrs = cell.get("attributes", {})
        text = " ".join(_flat(_blocks(cell, 0)))
        across = max(1, int(attrs.get("fusionHorizontale") or 1))
        down = max(1, int(attrs.get("fusionVerticale") or 1))
        for offset in range(across):
            # Headers repeat over the columns they group; body values appear once.
            cells.append(text if kind == "header" or offset == 0 else "")
            if down > 1:
                carried[column + offset] = (cells[-1], down - 1, kind)
        column += across
    _take_carried(cells, column, kind, carried)
    return cells


def _take_carried(cells: list[str], column: int, kind: str, carried: dict) -> int:
    """Fill the columns still covered by a cell merged down from a row above."""
    while column in carried:
        text, left, owner = carried.pop(column)
        if owner != kind:
            continue  # a header's span never runs into the body rows
        cells.append(text)
        if left > 1:
            carried[column] = (text, left - 1, owner)
        column += 1
    return column


def _row_line(cells: list[str], headers: list[str]) -> str:
    if not any(cells):
        return ""
    if len(cells) == 1:
        return f"- {cells[0]}"
    if len(headers) == len(cells) and any(headers[1:]):
        label, pairs = cells[0], []
        for header, value in zip(headers[1:], cells[1:], strict=True):
            if value:
                pairs.append(f"{header} : {value}" if header else value)
        rest = " ; ".join(pairs)
        return f"- {label} — {rest}" if label and rest else f"- {label or rest}"
    return "- " + " ; ".join(c for c in cells if c)


# -- sections and metadata ----------------------------------------------------

def _sections(pub: dict, title: str) -> list[dict]:
    sections: list[dict] = []
    lead = _blocks(_first(pub, "Introduction") or {}, 0)
    for warning in _elements(pub, "Avertissement"):
        # Dated notices of a coming change ("from 1 January 2021...").
        text = _blocks(warning, 0)
        if text:
            sections.append({"title": f"Avertissement : {_title(warning)}".rstrip(" :"),
                             "text": "\n\n".join(text)})
    texte = _first(pub, "Texte")
    if texte is not None:
        lead += _collect(texte, "", sections)
    for situations in _elements(pub, "ListeSituations"):
        for situation in _elements(situations, "Situation"):
            name = _title(situation)
            loose = _collect(situation, name, sections)
            if loose:
                sections.append({"title": name or title, "text": "\n\n".join(loose)})
    if lead:
        sections.insert(0, {"title": title, "text": "\n\n".join(lead)})
    # "Fiche avec liens externes": the commented links are the sheet's content,
    # so they stay, with their address since the label alone leads nowhere.
    links = [_external_link(link) for link in _elements(pub, "LienExterneCommente")]
    if any(links) and sections:
        sections.append({"title": "Pour en savoir plus", "text": "\n".join(filter(None, links))})
    offices = [o for o in _elements(pub, "OuSAdresser") if _title(o)]
    if offices and sections:
        lines = [f"- {_title(o)}" for o in offices]
        sections.append({"title": "Où s'adresser", "text": "\n".join(dict.fromkeys(lines))})
    return sections


def _external_link(el: dict) -> str:
    link = _first(el, "LienExterne")
    label = clean(_inline(link))
    comment = clean(_inline(_first(el, "Commentaire")))
    url = (link or {}).get("attributes", {}).get("URL", "")
    text = " – ".join(t for t in (label, comment) if t)
    return f"- {text} : {url}" if text and url else (f"- {text}" if text else "")


def _collect(container: dict, prefix: str, sections: list[dict]) -> list[str]:
    """Append one section per ``<Chapitre>``; return the untitled blocks before them."""
    loose: list[str] = []
    last_chapter: dict | None = None
    for child in _elements(container):
        if child["name"] in ("Texte", "Introduction"):
            loose += _collect(child, prefix, sections)
        elif child["name"] == "Chapitre":
            name = _title(child)
            text = "\n\n".join(_blocks(child, 0))
            if text:
                last_chapter = {"title": " – ".join(t for t in (prefix, name) if t),
                                "text": text}
                sections.append(last_chapter)
        elif last_chapter is not None:
            # A loose block after the chapters belongs with the last one.
            more = _block(child, 0)
            if more:
                last_chapter["text"] += "\n\n" + "\n\n".join(more)
        else:
            loose += _block(child, 0)
    return loose


def _summary(pub: dict) -> str:
    """The description, cut to its first two sentences."""
    text = clean(_inline(_first(pub, "dc:description")))
    if not text:
        intro = _blocks(_first(pub, "Introduction") or {}, 0)
        text = intro[0] if intro else ""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])", text)
    return " ".join(sentences[:2])


def article_from_tree(tree: dict) -> dict:
    """Article dict from a sheet tree: the package's file object or its <Publication>."""
    pub = _publication(tree)
    sheet_id = pub.get("attributes", {}).get("ID") or clean(_inline(_first(pub, "dc:identifier")))
    title = clean(_inline(_first(pub, "dc:title")))
    date = re.search(r"\d{4}-\d{2}-\d{2}", _inline(_first(pub, "dc:date")))
    levels = [clean(_inline(n)) for n in _elements(_first(pub, "FilDAriane") or {}, "Niveau")]
    theme_path = levels[1:3]  # after "Accueil particuliers"; [2] is the dossier
    themes, subthemes = classify(theme_path)
    # The feed has no keyword element; the acronyms and glossary terms a sheet
    # defines are the words it flags itself, and good search terms.
    keywords = [_title(e) for e in _elements(pub) if e["name"] in ("Abreviation", "Definition")]
    return {
        "id": sheet_id,
        "title": title,
        "summary": _summary(pub),
        "sections": _sections(pub, title),
        "source_url": SOURCE_URL.format(id=sheet_id),
        "modified": date.group(0) if date else None,
        "theme_path": theme_path,
        "themes": themes,
        "subthemes": subthemes,
        "keywords": list(dict.fromkeys(k for k in keywords if k)),
    }
