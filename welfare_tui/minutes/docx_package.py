"""The .docx package around a Word document's body: the parts that are the same in every document
(styles, numbering, fonts, settings, content types, relationships) as constant text, and the zip.

Written directly rather than through python-docx: python-docx starts every document from its
template (350 KiB of styles and as much again of stylesWithEffects, compressed anew each time) and
builds the body as lxml objects, about 40 ms a document; an export of a thousand meetings spent most
of its time there. These parts are what that template gave the minutes and notices, cut to the
styles they use: Normal (明朝 10.5 pt), Title and heading 1–2 (ゴシック), List Bullet, header,
footer, Table Grid (borders on every cell). python-docx still reads every file back in the tests.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
# The fonts of the styles: the East Asian and the Latin face (docx_word.BODY_FONT, HEADING_FONT).
_MINCHO = '<w:rFonts w:eastAsia="ＭＳ 明朝" w:ascii="Century" w:hAnsi="Century" w:cs="Century"/>'
_GOTHIC = '<w:rFonts w:eastAsia="ＭＳ ゴシック" w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'
_CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
)
_HEADING = '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
_HEADER_TABS = (
    '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/></w:tabs>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
)

STYLES = (
    f'{_HEAD}<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'{_MINCHO}<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="ja-JP" w:eastAsia="ja-JP"/>'
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    f'<w:rPr>{_MINCHO}<w:sz w:val="21"/></w:rPr></w:style>'
    f'<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>{_HEADING}'
    '<w:pPr><w:spacing w:after="300" w:line="240" w:lineRule="auto"/><w:contextualSpacing/></w:pPr>'
    f'<w:rPr>{_GOTHIC}<w:kern w:val="28"/><w:sz w:val="32"/></w:rPr></w:style>'
    f'<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>{_HEADING}'
    '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="480" w:after="0"/><w:outlineLvl w:val="0"/>'
    f'</w:pPr><w:rPr>{_GOTHIC}<w:b/><w:bCs/><w:sz w:val="26"/></w:rPr></w:style>'
    f'<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>{_HEADING}'
    '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="0"/><w:outlineLvl w:val="1"/>'
    f'</w:pPr><w:rPr>{_GOTHIC}<w:b/><w:bCs/><w:sz w:val="22"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:contextualSpacing/>'
    "</w:pPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
    f"{_HEADER_TABS}</w:style>"
    '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
    f"{_HEADER_TABS}</w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    f'<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{_CELL_MARGINS}</w:tblPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
    + "".join(f"<w:{side} {_BORDER}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + f"</w:tblBorders>{_CELL_MARGINS}</w:tblPr></w:style></w:styles>"
)

NUMBERING = (  # the bullet of List Bullet (numId 1)
    f'{_HEAD}<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
    '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="bullet"/><w:lvlText w:val="・"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def _font(name: str, alt: str, charset: str, family: str, pitch: str) -> str:
    """A font the document names, with what a computer without it should substitute (its English
    name, character set and family: LibreOffice and Word pick a 明朝 for a roman Japanese face)."""
    return (
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="{charset}"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
    )


FONT_TABLE = (
    f'{_HEAD}<w:fonts xmlns:w="{W_NS}">'
    + _font("ＭＳ 明朝", "MS Mincho", "80", "roman", "fixed")
    + _font("ＭＳ ゴシック", "MS Gothic", "80", "modern", "fixed")
    + _font("Century", "Century", "00", "roman", "variable")
    + _font("Arial", "Arial", "00", "swiss", "variable")
    + "</w:fonts>"
)

SETTINGS = (  # as python-docx's template had them (Word 2010 compatibility), so the pages break alike
    f'{_HEAD}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:useFELayout/>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/>'
    '</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/></w:settings>'
)

_TYPES = (
    ("/word/document.xml", f"{_MAIN}.document.main+xml"),
    ("/word/styles.xml", f"{_MAIN}.styles+xml"),
    ("/word/settings.xml", f"{_MAIN}.settings+xml"),
    ("/word/numbering.xml", f"{_MAIN}.numbering+xml"),
    ("/word/fontTable.xml", f"{_MAIN}.fontTable+xml"),
    ("/word/header1.xml", f"{_MAIN}.header+xml"),
    ("/word/footer1.xml", f"{_MAIN}.footer+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
)
CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in _TYPES)
    + "</Types>"
)

ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE}officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{_PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)

# The document's relationships; a picture adds its own (PICTURE_RELATION, `rId{n}` after these).
_DOCUMENT_RELS = (
    ("styles", "styles.xml"),
    ("settings", "settings.xml"),
    ("numbering", "numbering.xml"),
    ("fontTable", "fontTable.xml"),
    ("header", "header1.xml"),
    ("footer", "footer1.xml"),
)
HEADER_ID, FOOTER_ID = "rId5", "rId6"
FIRST_PICTURE = len(_DOCUMENT_RELS) + 1


_CONSTANT = tuple(  # encoded once a process; the content types first, as Word writes them
    (name, text.encode())
    for name, text in (
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
        ("word/numbering.xml", NUMBERING),
        ("word/fontTable.xml", FONT_TABLE),
    )
)


@dataclass(frozen=True)
class Parts:
    """What differs from one document to the next."""

    document: str  # word/document.xml
    header: str
    footer: str
    title: str  # already escaped for XML
    pictures: tuple[bytes, ...] = ()  # PNG files, related as rId{FIRST_PICTURE}, rId{FIRST_PICTURE + 1}…


def package(parts: Parts) -> bytes:
    """The .docx file. Only the body is deflated (at level 1: tens of kilobytes of repetitive XML,
    once a document); the other parts are a few hundred bytes each, where setting up a compressor
    costs more than it saves, and a picture's PNG is compressed already."""
    small = (
        ("docProps/core.xml", _core(parts.title).encode()),
        ("word/_rels/document.xml.rels", _document_rels(len(parts.pictures)).encode()),
        ("word/header1.xml", parts.header.encode()),
        ("word/footer1.xml", parts.footer.encode()),
    )
    pictures = tuple((f"word/media/image{n}.png", png) for n, png in enumerate(parts.pictures, start=1))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(_entry("[Content_Types].xml"), _CONSTANT[0][1])
        archive.writestr(_entry("word/document.xml"), parts.document.encode(), zipfile.ZIP_DEFLATED, 1)
        for name, data in (*small, *_CONSTANT[1:], *pictures):
            archive.writestr(_entry(name), data)  # stored
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry dated 1980-01-01 (zip's earliest): the same document gives the same bytes."""
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))


def _document_rels(pictures: int) -> str:
    rows = [(kind, target) for kind, target in _DOCUMENT_RELS]
    rows += [("image", f"media/image{number}.png") for number in range(1, pictures + 1)]
    return (
        f'{_HEAD}<Relationships xmlns="{_PACKAGE_RELS}">'
        + "".join(
            f'<Relationship Id="rId{number}" Type="{_OFFICE}{kind}" Target="{target}"/>'
            for number, (kind, target) in enumerate(rows, start=1)
        )
        + "</Relationships>"
    )


def _core(title: str) -> str:
    """The document's properties: its title and author (no dates: the export log has the time)."""
    return (
        f"{_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{title}</dc:title><dc:creator>welfare-tui</dc:creator>"
        "<cp:lastModifiedBy>welfare-tui</cp:lastModifiedBy></cp:coreProperties>"
    )
