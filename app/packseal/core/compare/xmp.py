"""Finding and reading XMP metadata in a photo's bytes, without trusting it.

XMP is an XML packet (``<x:xmpmeta>…</x:xmpmeta>``) stored inside JPEG,
PNG, WebP, HEIC and other files, usually uncompressed, so it is found by
searching the raw bytes. It is parsed with the standard library's expat
parser only after refusing any DTD: without a ``<!DOCTYPE`` no entity can be
declared, which rules out "billion laughs" expansion and external entities.

The result is flat: every property, whether written as an attribute, as an
element, as a list (``rdf:Seq``/``rdf:Bag``/``rdf:Alt``) or inside a
structure (such as ``xmpMM:History``), is gathered under its namespace and
name, so callers ask "what does any ``stEvt:softwareAgent`` say?".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS = {
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "stEvt": "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
    "TC260": "http://www.tc260.org.cn/ns/AIGC/1.0/",
}
#: Largest packet parsed; real ones are kilobytes (a few hundred with thumbnails).
MAX_PACKET_BYTES = 4 * 1024 * 1024
MAX_PACKETS = 8

_PACKET = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta\s*>", re.DOTALL)
_BARE_RDF = re.compile(rb"<rdf:RDF\b.*?</rdf:RDF\s*>", re.DOTALL)
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


class XmpRefused(ValueError):
    """An XMP packet was not parsed (a DTD or entity declaration, too large, or not XML)."""


@dataclass
class Xmp:
    """Properties of the XMP packets found: ``values[(namespace, name)]`` lists every value seen."""

    values: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    packets: int = 0
    refused: list[str] = field(default_factory=list)

    def get(self, prefix: str, name: str) -> list[str]:
        """Values of property ``prefix:name`` (``prefix`` as in :data:`NS`, or a namespace URI)."""
        return list(self.values.get((NS.get(prefix, prefix), name), []))

    def first(self, prefix: str, name: str) -> str | None:
        found = self.get(prefix, name)
        return found[0] if found else None

    def has_namespace(self, prefix: str) -> bool:
        ns = NS.get(prefix, prefix)
        return any(key[0] == ns for key in self.values)

    def __bool__(self) -> bool:
        return self.packets > 0


def find_packets(data: bytes, extra: list[bytes] | None = None) -> list[bytes]:
    """XMP packets in ``data`` (and in ``extra``, e.g. a packet Pillow decompressed), without duplicates."""
    found: list[bytes] = []
    for source in [*(extra or []), data]:
        if not source:
            continue
        matches = [m.group(0) for m in _PACKET.finditer(source)]
        if not matches:
            matches = [m.group(0) for m in _BARE_RDF.finditer(source)]
        for packet in matches:
            if packet not in found:
                found.append(packet)
            if len(found) >= MAX_PACKETS:
                return found
    return found


def parse_packet(packet: bytes) -> ET.Element:
    """Parse one packet; raises :class:`XmpRefused` for DTDs, entities, oversize or broken XML."""
    if len(packet) > MAX_PACKET_BYTES:
        raise XmpRefused(f"XMP packet of {len(packet)} bytes is larger than {MAX_PACKET_BYTES}")
    if any(marker in packet for marker in _FORBIDDEN):
        raise XmpRefused("XMP packet declares a DTD or entities; refused (possible entity-expansion attack)")
    try:
        return ET.fromstring(packet)
    except ET.ParseError as exc:
        raise XmpRefused(f"XMP packet is not well-formed XML ({exc})") from exc


def read_xmp(data: bytes, extra: list[bytes] | None = None) -> Xmp:
    """Every property of every XMP packet in ``data`` (see the module docstring)."""
    xmp = Xmp()
    for packet in find_packets(data, extra):
        try:
            root = parse_packet(packet)
        except XmpRefused as exc:
            xmp.refused.append(str(exc))
            continue
        xmp.packets += 1
        _collect(root, xmp.values)
    return xmp


def _split(tag: str) -> tuple[str, str] | None:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return None


def _collect(root: ET.Element, values: dict[tuple[str, str], list[str]]) -> None:
    parents = {child: parent for parent in root.iter() for child in parent}
    for el in root.iter():
        name = _split(el.tag) if isinstance(el.tag, str) else None
        if name is None:
            continue
        if name[0] == RDF:
            if name[1] == "li":
                owner = _owning_property(el, parents)
                text = (el.text or "").strip()
                if owner is not None and text and len(el) == 0:
                    values[owner].append(text)
        else:
            text = (el.text or "").strip()
            if text and len(el) == 0:
                values[name].append(text)
            resource = el.attrib.get(f"{{{RDF}}}resource")
            if resource:
                values[name].append(resource.strip())
        for attr, value in el.attrib.items():
            key = _split(attr)
            if key is not None and key[0] != RDF and value.strip():
                values[key].append(value.strip())


def _owning_property(li: ET.Element, parents: dict) -> tuple[str, str] | None:
    """The property an ``rdf:li`` belongs to: the element above its Seq/Bag/Alt."""
    container = parents.get(li)
    prop = parents.get(container) if container is not None else None
    if prop is None:
        return None
    key = _split(prop.tag)
    return key if key and key[0] != RDF else None
