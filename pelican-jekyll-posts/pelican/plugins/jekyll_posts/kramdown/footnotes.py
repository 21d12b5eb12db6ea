"""Footnotes as kramdown numbers and writes them.

Python-Markdown's footnotes extension reads them; this step then gives its
output kramdown's shape: notes numbered in the order they are first
referenced (from `footnote_nr`, 1 unless `{::options}` says otherwise), a
note never referenced left out, a second reference to a note identified as
`fnref:name:1`, and its list as kramdown writes it (`div.footnotes`, no rule,
a `↩` link back to each reference, the second one marked `↩2`), so `#fn:name`
and `#fnref:name` links written for Jekyll land.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markdown.extensions.footnotes import FN_BACKLINK_TEXT, NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor


class KramdownFootnotes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        notes = next(
            (d for d in root.findall("div") if d.get("class") == "footnote"), None
        )
        if notes is None:
            return
        first = int(self.md.kramdown.options.get("footnote_nr", "1") or 1)
        order: list[str] = []
        seen: dict[str, int] = {}
        for sup in root.iter("sup"):
            link = sup.find("a")
            if link is None or link.get("class") != "footnote-ref":
                continue
            name = link.get("href", "").removeprefix("#fn:")
            if name not in seen:
                order.append(name)
            count = seen[name] = seen.get(name, -1) + 1
            sup.attrib = {
                "id": f"fnref:{name}" + (f":{count}" if count else ""),
                "role": "doc-noteref",
            }
            link.attrib = {
                "href": f"#fn:{name}",
                "class": "footnote",
                "rel": "footnote",
            }
            link.text = str(first + order.index(name))
        self._list(notes, order, seen, first)

    def _list(self, notes, order: list[str], seen: dict[str, int], first: int):
        listed = notes.find("ol")
        items = {li.get("id", "").removeprefix("fn:"): li for li in listed}
        notes.clear()
        notes.attrib = {"class": "footnotes", "role": "doc-endnotes"}
        notes.text = "\n"
        ol = etree.SubElement(notes, "ol", {"start": str(first)} if first != 1 else {})
        ol.text = "\n"
        for name in order:
            li = items.get(name)
            if li is None:
                continue
            li.set("role", "doc-endnote")
            _backlinks(li, name, seen[name])
            ol.append(li)
        ol.tail = "\n"


def _backlinks(li: etree.Element, name: str, more: int) -> None:
    """kramdown's links back: one per reference, after a space."""
    for parent in list(li.iter()):
        for link in list(parent):
            if link.tag == "a" and link.get("class") == "footnote-backref":
                parent.remove(link)
    holder = li[-1] if len(li) and li[-1].tag == "p" else etree.SubElement(li, "p")
    for element in holder.iter():
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if value and NBSP_PLACEHOLDER in value:
                setattr(element, attribute, value.replace(NBSP_PLACEHOLDER, ""))
    last = holder[-1] if len(holder) else None
    if last is None:
        holder.text = (holder.text or "").rstrip() + " "
    else:
        last.tail = (last.tail or "").rstrip() + " "
    for count in range(more + 1):
        href = f"#fnref:{name}" + (f":{count}" if count else "")
        link = etree.SubElement(
            holder,
            "a",
            {"href": href, "class": "reversefootnote", "role": "doc-backlink"},
        )
        link.text = FN_BACKLINK_TEXT
        if count:
            etree.SubElement(link, "sup").text = str(count + 1)
        link.tail = " " if count < more else None


def register(md) -> None:
    """After Python-Markdown's footnote steps (down to its duplicates, at 15)."""
    md.treeprocessors.register(KramdownFootnotes(md), "kramdown_footnotes", 14)
