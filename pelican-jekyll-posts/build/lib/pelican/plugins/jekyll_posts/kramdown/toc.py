"""kramdown's table of contents: the list that stands where `* TOC` + `{:toc}`
was written, of every header that has an id and no class `no_toc`.

A header deeper than the one before goes in a list inside that one's entry.
Each entry links to its header (a link in the header gives way to its text)
and has an id of its own: the list's id (`markdown-toc` unless the list's
attribute list gives one), a hyphen and the header's id.
"""

from __future__ import annotations

from copy import deepcopy
from xml.etree import ElementTree as etree

from markdown.extensions.toc import remove_fnrefs


def build(kind: str, headers: list[etree.Element], attributes) -> etree.Element:
    """The `ul` or `ol` (`kind`) for `headers`, with the `attributes` that the
    list written for it was given."""
    top = etree.Element(kind, dict(attributes))
    top.set("id", attributes.get("id", "markdown-toc"))
    top.text = "\n"
    stack: list[tuple[int, etree.Element]] = []
    for header in headers:
        level = int(header.tag[1])
        item = etree.Element("li")
        item.tail = "\n"
        link = etree.SubElement(
            item,
            "a",
            {
                "href": "#" + header.get("id"),
                "id": f"{top.get('id')}-{header.get('id')}",
            },
        )
        copy = deepcopy(remove_fnrefs(header))
        link.text = copy.text
        link.extend(copy)
        _unwrap_links(link)
        while stack and stack[-1][0] >= level:
            stack.pop()
        if stack:
            holder = stack[-1][1]
            inner = holder.find(kind)
            if inner is None:
                inner = etree.SubElement(holder, kind)
                inner.text = "\n"
            inner.append(item)
        else:
            top.append(item)
        stack.append((level, item))
    return top


def _unwrap_links(element: etree.Element) -> None:
    """Each `<a>` gives way to its content: a TOC entry links to its header only."""
    for parent in list(element.iter()):
        at = 0
        while at < len(parent):
            child = parent[at]
            if child.tag != "a":
                at += 1
                continue
            parent.remove(child)
            _add_text(parent, at, child.text)
            for grandchild in list(child):
                parent.insert(at, grandchild)
                at += 1
            _add_text(parent, at, child.tail)


def _add_text(parent: etree.Element, at: int, text: str | None) -> None:
    """Text placed just before child `at` of `parent`."""
    if not text:
        return
    if at == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[at - 1].tail = (parent[at - 1].tail or "") + text
