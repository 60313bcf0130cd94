"""Templates and worksheets for the tools, built from their description in the content files.

A worksheet is a title and sections (heading, text, bullet items, a table to fill in). It becomes
a Word document (.docx, the format the districts' offices open), a CSV sheet or plain text, so
the content stays readable and reviewable in the repository instead of as binary files."""

import csv
import io
import zipfile
from xml.sax.saxutils import escape

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
OOXML = "http://schemas.openxmlformats.org"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"

CONTENT_TYPES = (
    XML_DECLARATION
    + f'<Types xmlns="{OOXML}/package/2006/content-types">'
    + f'<Default Extension="rels" ContentType="{RELS_TYPE}"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + f'<Override PartName="/word/document.xml" ContentType="{DOCUMENT_TYPE}"/>'
    + f'<Override PartName="/docProps/core.xml" ContentType="{CORE_TYPE}"/>'
    + "</Types>"
)

PACKAGE_RELS = (
    XML_DECLARATION
    + f'<Relationships xmlns="{OOXML}/package/2006/relationships">'
    + f'<Relationship Id="rId1" Type="{OOXML}/officeDocument/2006/relationships/officeDocument"'
    + ' Target="word/document.xml"/>'
    + f'<Relationship Id="rId2" Type="{OOXML}/package/2006/relationships/metadata/core-properties"'
    + ' Target="docProps/core.xml"/>'
    + "</Relationships>"
)

CORE_PROPERTIES = (
    XML_DECLARATION
    + f'<cp:coreProperties xmlns:cp="{OOXML}/package/2006/metadata/core-properties"'
    + ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
    + "<dc:title>{title}</dc:title>"
    + "<dc:creator>Rigspolitiet, Nationalt Forebyggelsescenter</dc:creator>"
    + "<dc:language>da-DK</dc:language></cp:coreProperties>"
)

# A fixed timestamp keeps the bytes, and so the file hash, the same on every load.
ZIP_DATE = (2021, 6, 1, 0, 0, 0)


def build(worksheet):
    """The file's bytes for a worksheet description; the format follows the file name."""
    name = worksheet["file"]
    if name.endswith(".docx"):
        return build_docx(worksheet["title"], worksheet.get("content", []))
    if name.endswith(".csv"):
        return build_csv(worksheet["columns"], worksheet.get("rows", []))
    if name.endswith(".txt"):
        return build_text(worksheet["title"], worksheet.get("content", []))
    raise ValueError(f"Unknown worksheet format: {name}")


def _run(text, bold=False, size=None):
    properties = ""
    if bold or size:
        properties = "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
        properties += "</w:rPr>"
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(str(text))}</w:t></w:r>'


def _paragraph(text, bold=False, size=None, spacing_after=120):
    return f'<w:p><w:pPr><w:spacing w:after="{spacing_after}"/></w:pPr>{_run(text, bold, size)}</w:p>'


def _table(columns, rows, empty_rows):
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    borders = "".join(
        border.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    width = 9000 // max(len(columns), 1)

    def cell(text, bold=False):
        properties = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        return f"<w:tc>{properties}{_paragraph(text, bold, spacing_after=0)}</w:tc>"

    header = (
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "".join(cell(c, bold=True) for c in columns) + "</w:tr>"
    )
    filled = ["<w:tr>" + "".join(cell(value) for value in row) + "</w:tr>" for row in rows]
    blank = ["<w:tr>" + "".join(cell("") for _ in columns) + "</w:tr>" for _ in range(empty_rows)]
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
        + header
        + "".join(filled + blank)
        + "</w:tbl>"
        + _paragraph("")
    )


def build_docx(title, sections):
    body = [_paragraph(title, bold=True, size=32, spacing_after=240)]
    for section in sections:
        if section.get("heading"):
            body.append(_paragraph(section["heading"], bold=True, size=26))
        for text in section.get("text", "").split("\n\n"):
            if text.strip():
                body.append(_paragraph(" ".join(text.split())))
        for item in section.get("items", []):
            body.append(_paragraph(f"•  {item}", spacing_after=60))
        for question in section.get("questions", []):
            body.append(_paragraph(question, spacing_after=60))
            body.append(_paragraph("_" * 60, spacing_after=200))
        if "table" in section:
            table = section["table"]
            body.append(_table(table["columns"], table.get("rows", []), table.get("empty_rows", 5)))
    document = (
        XML_DECLARATION
        + f'<w:document xmlns:w="{WORD_NS}"><w:body>'
        + "".join(body)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        + '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/>'
        + "</w:sectPr></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("docProps/core.xml", CORE_PROPERTIES.format(title=escape(title))),
            ("word/document.xml", document),
        ):
            package.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data)
    return buffer.getvalue()


def build_csv(columns, rows):
    # Semicolons and a byte order mark: how Danish Excel opens a CSV file correctly.
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def build_text(title, sections):
    lines = [title, "=" * len(title), ""]
    for section in sections:
        if section.get("heading"):
            lines += [section["heading"], "-" * len(section["heading"])]
        for text in section.get("text", "").split("\n\n"):
            if text.strip():
                lines += [" ".join(text.split()), ""]
        lines += [f"- {item}" for item in section.get("items", [])]
        for question in section.get("questions", []):
            lines += [question, "", "", ""]
        lines.append("")
    return "\n".join(lines).encode("utf-8")
