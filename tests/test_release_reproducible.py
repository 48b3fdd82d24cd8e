"""Reproducible editions: the same tree and SOURCE_DATE_EPOCH give byte-identical HTML, PDF and ePub.

The session's build (`built_editions`, made with a fixed SOURCE_DATE_EPOCH) is compared
with a second build from another checkout path of the same tree, so neither the time
nor the folder a build runs in can leak into the files readers download.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import subprocess
import tarfile
import time
import zipfile
from pathlib import Path

from cvmbok.reproducible import normalize_epub, sha256_of, sha256sums, tree_digests, write_tar_gz

from .conftest import build_epoch_env, run_cvmbok


def test_two_builds_of_the_same_tree_are_byte_identical(built_editions: Path, scratch_repo: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run_cvmbok("build", "all", "--no-epubcheck", "--out", str(again), cwd=scratch_repo, env=build_epoch_env())
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ("cvmbok.pdf", "cvmbok.epub"):
        assert sha256_of(built_editions / name) == sha256_of(again / name), f"{name} differs between two builds"
    first, second = tree_digests(built_editions / "html"), tree_digests(again / "html")
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not differing, f"HTML files that differ between two builds: {differing[:20]}"
    assert "searchindex.js" in first and "downloads/cvmbok.epub" in first


def test_built_epub_has_fixed_times_and_mimetype_first_stored(built_editions: Path) -> None:
    with zipfile.ZipFile(built_editions / "cvmbok.epub") as book:
        infos = book.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert len({i.date_time for i in infos}) == 1
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos[1:])


def _zip_with(path: Path, when: tuple[int, int, int, int, int, int], order: list[str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name in order:
            archive.writestr(zipfile.ZipInfo(name, date_time=when), b"application/epub+zip" if name == "mimetype" else name.encode() * 50)


def test_normalize_epub_removes_the_time_of_writing(tmp_path: Path) -> None:
    one, two = tmp_path / "one.epub", tmp_path / "two.epub"
    _zip_with(one, (2024, 1, 2, 3, 4, 6), ["META-INF/container.xml", "mimetype", "EPUB/a.xhtml"])
    _zip_with(two, (2025, 7, 8, 9, 10, 12), ["META-INF/container.xml", "mimetype", "EPUB/a.xhtml"])
    assert sha256_of(one) != sha256_of(two)
    for path in (one, two):
        normalize_epub(path, 1_800_000_000)
    assert sha256_of(one) == sha256_of(two)
    with zipfile.ZipFile(one) as book:
        assert [i.filename for i in book.infolist()] == ["mimetype", "META-INF/container.xml", "EPUB/a.xhtml"]
        assert book.read("EPUB/a.xhtml") == b"EPUB/a.xhtml" * 50
        assert book.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert not list(tmp_path.glob(".*.tmp")), "a temporary file was left behind"


def test_site_archive_is_reproducible_sorted_and_owner_free(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "b" / "z.html").write_text("z", encoding="utf-8")
    (site / "a.html").write_text("a", encoding="utf-8")
    first, second = tmp_path / "1.tar.gz", tmp_path / "2.tar.gz"
    write_tar_gz(site, first, "cvmbok-2031.1-html", 1_800_000_000)
    time.sleep(1.1)  # a different wall-clock second must not change the bytes
    (site / "a.html").touch()
    write_tar_gz(site, second, "cvmbok-2031.1-html", 1_800_000_000)
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == ["cvmbok-2031.1-html", "cvmbok-2031.1-html/a.html", "cvmbok-2031.1-html/b",
                                         "cvmbok-2031.1-html/b/z.html"]
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(1_800_000_000, 0, 0, "", "")}
    header = gzip.GzipFile(fileobj=io.BytesIO(first.read_bytes()))
    header.read()
    assert header.mtime == 1_800_000_000


def test_sha256sums_is_in_the_format_sha256sum_checks(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").write_bytes(b"pdf")
    (tmp_path / "a.epub").write_bytes(b"epub")
    text = sha256sums([tmp_path / "b.pdf", tmp_path / "a.epub"])
    lines = text.splitlines()
    assert lines == [f"{hashlib.sha256(b'epub').hexdigest()}  a.epub", f"{hashlib.sha256(b'pdf').hexdigest()}  b.pdf"]
    (tmp_path / "SHA256SUMS").write_text(text, encoding="utf-8")
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
