"""OPML subscription lists: read (defusedxml: no entities, no external DTDs) and write.

An outline with an `xmlUrl` is a feed; the titles of the outlines around it are its
folder, kept as the source's tag. Export writes one folder outline per tag.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import formatdate

MAX_OPML_BYTES = 5 * 2**20


class OpmlError(ValueError):
    """Not a readable OPML file; the message says why."""


@dataclass(frozen=True)
class Outline:
    title: str | None
    xml_url: str
    html_url: str | None = None
    tag: str | None = None


def read_opml(data: bytes) -> list[Outline]:
    """The feeds listed in an OPML document, in document order; raises OpmlError."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"file too large ({len(data) / 2**20:.0f} MB)")
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise OpmlError(f"refused: {type(exc).__name__} (entities or DTDs are not allowed)") from None
    except ET.ParseError as exc:
        raise OpmlError(f"not XML ({exc})") from None
    if _local(root.tag) != "opml":
        raise OpmlError(f"not OPML (root element <{_local(root.tag)}>)")
    body = next((el for el in root if _local(el.tag) == "body"), None)
    if body is None:
        raise OpmlError("OPML without a <body>")
    found: list[Outline] = []

    def walk(el, folder: str | None) -> None:
        for child in el:
            if _local(child.tag) != "outline":
                continue
            title = (child.get("title") or child.get("text") or "").strip() or None
            url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            if url:
                found.append(Outline(title, url, (child.get("htmlUrl") or "").strip() or None, folder))
            walk(child, folder if url else (title or folder))

    walk(body, None)
    return found


def write_opml(outlines: list[Outline], title: str = "reader subscriptions") -> str:
    """An OPML 2.0 document: untagged feeds at the top, then one folder per tag."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for o in sorted(outlines, key=lambda o: o.tag is not None):
        parent = body
        if o.tag:
            if o.tag not in folders:
                folders[o.tag] = ET.SubElement(body, "outline", text=o.tag, title=o.tag)
            parent = folders[o.tag]
        attrs = {"type": "rss", "text": o.title or o.xml_url, "title": o.title or o.xml_url, "xmlUrl": o.xml_url}
        if o.html_url:
            attrs["htmlUrl"] = o.html_url
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
