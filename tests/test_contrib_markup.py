"""The contribution markup policy and the image metadata check, through `cvmbok check`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from cvmbok.policy import markup_rules as policy

from .contrib_helpers import FIXTURES, check_json, cli, copy_repo

CLEAN = (FIXTURES / "clean.md").read_text(encoding="utf-8")
HEAD, BODY = CLEAN.split("\n---\n", 1)
FM = HEAD + "\n---\n"
BODY_START = FM.count("\n") + 1  # file line of the first body line


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("markup") / "repo")


def markup_findings(repo: Path, body: str, *only: str) -> list[dict]:
    path = repo / "contrib" / "cvm-test01-markup.md"
    path.write_text(FM + body, encoding="utf-8")
    try:
        code, found = check_json(repo, path, *(only or ("markup",)))
    finally:
        path.unlink()
    assert code == (1 if found else 0)
    return found


def test_every_rejected_construct_is_reported_at_its_line_and_column(repo: Path) -> None:
    target = repo / "contrib" / "cvm-test02-every-rejected-construct.md"
    target.write_text((FIXTURES / "every-rejected-construct.md").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        code, found = check_json(repo, target, "markup")
    finally:
        target.unlink()
    got = [(f["line"], f["column"], f["rule"], f["match"]) for f in found]
    assert code == 1
    assert got == [
        (14, 1, "markup.heading-level", "# A level-one heading"),
        (16, 8, "markup.raw-html", "<span>"),
        (16, 18, "markup.raw-html", "</span>"),
        (18, 1, "markup.raw-html", "<div>a block of HTML</div>"),
        (20, 1, "markup.raw-html", "<!-- a hidden comment -->"),
        (22, 4, "markup.directive-not-allowed", "{raw}"),
        (26, 4, "markup.directive-not-allowed", "{include}"),
        (29, 4, "markup.directive-not-allowed", "{literalinclude}"),
        (32, 4, "markup.directive-not-allowed", "{eval-rst}"),
        (36, 4, "markup.directive-not-allowed", "{toctree}"),
        (40, 4, "markup.directive-not-allowed", "{danger}"),
        (44, 11, "markup.remote-image", "https://example.org/pixel.png"),
        (46, 22, "markup.remote-image", "//example.org/pixel.png"),
        (48, 11, "markup.image-outside", "../outside.png"),
        (50, 13, "markup.image-outside", "/tmp/outside.png"),
        (52, 11, "markup.image-type", "picture.svg"),
        (54, 12, "markup.image-missing", "no-such-picture.png"),
        (56, 3, "markup.role-not-allowed", "{download}"),
        (56, 38, "markup.role-not-allowed", "{raw}"),
        (58, 16, "markup.local-link", "notes.pdf"),
        (58, 38, "markup.unsafe-link", "ftp://example.org/file"),
        (60, 1, "markup.label-not-allowed", "my-label"),
        (63, 1, "markup.heading-level", "#### Too deep"),
        (65, 1, "markup.heading-style", "Setext heading"),
        (69, 8, "markup.raw-html", "<em>"),
        (69, 16, "markup.raw-html", "</em>"),
        (72, 13, "markup.image-outside", "../escape.png"),
    ]
    by_match = {f["match"]: f for f in found}
    assert "inject script" in by_match["{raw}"]["message"]
    assert "private files" in by_match["{include}"]["message"] and "private files" in by_match["{literalinclude}"]["message"]
    assert "reStructuredText" in by_match["{eval-rst}"]["message"]
    assert "not on the contribution allowlist" in by_match["{danger}"]["message"]
    assert ", ".join(policy.ALLOWED_DIRECTIVES) in by_match["{danger}"]["fix"]
    assert "track" in by_match["https://example.org/pixel.png"]["message"]
    assert "SVG" in by_match["picture.svg"]["message"]
    assert all(f["fix"] and f["severity"] == "error" for f in found)


def test_allowed_markup_passes(repo: Path) -> None:
    body = (
        "Plain **bold**, *italic*, a [web link](https://example.org) and a {term}`churn` reference.\n\n"
        "## Part\n\n### Sub-part\n\n"
        ":::{tip}\nA tip with a list:\n\n- one\n- two\n:::\n\n"
        "```{note}\nA note.\n```\n\n"
        ":::{table} A caption\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n\n"
        "```sql\nselect '<b>not html</b>' from customers\n```\n\n"
        "Inline `<span>` code is only text.\n"
    )
    assert markup_findings(repo, body) == []


@pytest.mark.parametrize("body,rule,line,column", [
    ("Text with a <br> break.\n", "markup.raw-html", 0, 13),
    ("<script>alert(1)</script>\n", "markup.raw-html", 0, 1),
    ("## A\n\n:::{table} A table\n:align: center\n\nHidden <img src=x onerror=alert(1)>\n:::\n", "markup.raw-html", 5, 8),
    ("```{raw} latex\n\\input{/etc/passwd}\n```\n", "markup.directive-not-allowed", 0, 4),
    (":::{include} /etc/passwd\n:::\n", "markup.directive-not-allowed", 0, 4),
    ("````{literalinclude} ../../.ssh/id_rsa\n````\n", "markup.directive-not-allowed", 0, 5),
    ("```{eval-rst}\n.. include:: /etc/passwd\n```\n", "markup.directive-not-allowed", 0, 4),
    ("![x](http://tracker.example/p.gif)\n", "markup.remote-image", 0, 6),
    ("![x](data:image/png;base64,AAAA)\n", "markup.remote-image", 0, 6),
    ("![x](cvm-test01/../../../etc/x.png)\n", "markup.image-outside", 0, 6),
    ("![x](C:\\Users\\me\\x.png)\n", "markup.image-outside", 0, 6),
    ("![x](~/x.png)\n", "markup.image-outside", 0, 6),
    ("See {doc}`../source/index`.\n", "markup.role-not-allowed", 0, 5),
    ("## One\n\n### Two\n\n## Three\n\n### Four\n\n(lab)=\n", "markup.label-not-allowed", 8, 1),
    ("### Jumps straight to three\n", "markup.heading-level", 0, 1),
])
def test_each_rejected_construct(repo: Path, body: str, rule: str, line: int, column: int) -> None:
    found = markup_findings(repo, body)
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [(rule, BODY_START + line, column)], found


def test_a_link_whose_target_is_not_written_in_it_is_reported_where_it_starts(repo: Path) -> None:
    """A reference-style link and an entity-encoded target never appear in the text as the parser
    reads them: the finding points at the link's '[' (the scanner no longer searches the rest of
    the paragraph for them, which was quadratic on long paragraphs)."""
    body = "Read [r] and [that](ftp&#58;//h.example/a) now.\n\n[r]: ftp://h.example/r\n"
    found = markup_findings(repo, body)
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [
        ("markup.unsafe-link", BODY_START, 6), ("markup.unsafe-link", BODY_START, 14),
        ("markup.unsafe-link", BODY_START + 2, 6)], found


def test_images_inside_the_folder_pass_and_symlinks_are_refused(repo: Path, tmp_path: Path) -> None:
    folder = repo / "contrib" / "cvm-test01"
    folder.mkdir()
    Image.new("RGB", (8, 8), (0, 128, 0)).save(folder / "chart.png")
    outside = tmp_path / "private.png"
    Image.new("RGB", (8, 8)).save(outside)
    os.symlink(outside, folder / "linked.png")
    os.symlink(tmp_path, repo / "contrib" / "cvm-test01-dir")
    try:
        assert markup_findings(repo, "![chart](cvm-test01/chart.png)\n", "markup", "images") == []
        found = markup_findings(repo, "![a](cvm-test01/linked.png)\n\n![b](cvm-test01-dir/private.png)\n")
        assert [(f["rule"], f["line"]) for f in found] == [("markup.image-outside", BODY_START), ("markup.image-outside", BODY_START + 2)]
        assert all("symbolic link" in f["message"] for f in found)
    finally:
        (folder / "linked.png").unlink()
        (repo / "contrib" / "cvm-test01-dir").unlink()
        (folder / "chart.png").unlink()
        folder.rmdir()


def test_image_metadata_is_reported_then_stripped(repo: Path) -> None:
    folder = repo / "contrib" / "cvm-test01"
    folder.mkdir()
    photo = folder / "photo.jpg"
    exif = Image.Exif()
    exif[0x013B] = "Jane Example"  # Artist
    exif[0x0110] = "Phone 12"  # Model
    exif.get_ifd(0x8825)[1] = "N"  # GPS latitude reference
    exif.get_ifd(0x8825)[2] = (52.0, 31.0, 0.0)
    Image.new("RGB", (16, 8), (200, 10, 10)).save(photo, exif=exif)
    png = folder / "screen.png"
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_text("Author", "Jane Example")
    Image.new("RGB", (8, 8)).save(png, pnginfo=info)
    body = "```{figure} cvm-test01/photo.jpg\nA caption.\n```\n\n![screen](cvm-test01/screen.png)\n"
    try:
        found = markup_findings(repo, body, "images")
        assert [(f["rule"], f["line"], f["column"]) for f in found] == [
            ("image.metadata", BODY_START, 13), ("image.metadata", BODY_START + 4, 11)]
        assert "Artist, GPSInfo, Model" in found[0]["message"] and "Author text" in found[1]["message"]
        assert "cvmbok strip-metadata contrib/cvm-test01/photo.jpg" in found[0]["fix"]
        code, out, _ = cli(repo, "strip-metadata", str(photo), str(png))
        assert code == 0 and out.count("rewritten without metadata") == 2 and out.count("verified clean") == 2
        assert markup_findings(repo, body, "images") == []
        with Image.open(photo) as image:
            assert image.size == (16, 8) and not dict(image.getexif())
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def test_term_references_must_exist_in_the_glossary(repo: Path) -> None:
    body = "A {term}`churn rate <churn>`, a {term}`CLV` and a {term}`zorblax` link.\n"
    found = markup_findings(repo, body)
    assert [(f["rule"], f["line"], f["column"], f["match"]) for f in found] == [
        ("markup.unknown-term", BODY_START, 51, "zorblax")]
    assert "glossary" in found[0]["message"]


def test_ref_targets_must_exist_in_the_book(repo: Path) -> None:
    body = "See {ref}`how-to-contribute`, {ref}`the pitfall <insight-cvm-7t643n>` and {ref}`insight-cvm-nosuch`.\n"
    found = markup_findings(repo, body)
    assert [(f["rule"], f["match"]) for f in found] == [("markup.unknown-ref", "insight-cvm-nosuch")]


from hypothesis import given, settings
from hypothesis import strategies as st

_PIECES = st.sampled_from([
    "text ", "<b>", "</b>", "{term}`x`", "{raw}`y`", "![a](", "../", "http://h/", ")", "[l](", "#", "## ", "\n",
    "```{note}\n", "```\n", ":::{figure} ", ":::\n", "(lab)=\n", "---\n", "% c\n", "[^1]", "\t", "é", "\\",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_markup_check_never_crashes_and_always_places_findings_in_the_file(body: str) -> None:
    from cvmbok.policy.markup import check_document
    from cvmbok.document import parse_text

    text = FM + body
    document = parse_text(FIXTURES / "cvm-test01-fuzz.md", "contrib/cvm-test01-fuzz.md", text).document
    assert document is not None
    lines = text.split("\n")
    for finding in check_document(document, frozenset(), frozenset()):
        assert 1 <= finding.line <= len(lines) and finding.column >= 1 and finding.fix
