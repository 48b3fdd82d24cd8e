"""Issue 15 (readers, contributors, editors): what real use ran into, each with a test
that failed before its fix. The faults-and-bad-input part has its own suite
(tests/test_faults.py); the last faults found (a stopped build's LaTeX, an unreadable
contribution) are at the end of this file."""

from __future__ import annotations

import os
import re
import signal
import stat
import zipfile
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree

import pytest

from tests.conftest import ROOT

from cvmbok.sections import load_sections

# -- Readers: every chapter at one depth in every table of contents ------------------


def _expected_chapters() -> list[tuple[str, list[str]]]:
    """(section title, its chapter titles in any order) from the one chapter list."""
    return [
        (section.title, [c.title for c in section.chapters if c.page != "index"])
        for section in load_sections(ROOT / "source")
    ]


def _plain(title: str) -> str:
    """A heading as a reader's tool shows it: no Markdown emphasis, no bookmark number."""
    title = re.sub(r"[*_`]", "", title)
    return re.sub(r"^\d+(\.\d+)*\s+", "", title).strip()


def _assert_chapters_are_children(tree: list[tuple[str, list[str]]], where: str) -> None:
    """`tree` is (first-level entry, its second-level entries); every chapter is one of them."""
    by_title = {_plain(title): [_plain(c) for c in children] for title, children in tree}
    for section, chapters in _expected_chapters():
        assert _plain(section) in by_title, f"{where}: section {section!r} is not a first-level entry"
        children = by_title[_plain(section)]
        missing = [c for c in chapters if _plain(c) not in children]
        assert not missing, f"{where}: chapters of {section!r} not at the second level: {missing}"


def _pdf_tree(pdf: Path) -> list[tuple[str, list[str]]]:
    from pypdf import PdfReader

    outline = PdfReader(str(pdf)).outline
    tree: list[tuple[str, list[str]]] = []
    for item in outline:
        if isinstance(item, list):
            if tree:
                tree[-1][1].extend(str(child.title) for child in item if not isinstance(child, list))
        else:
            tree.append((str(item.title), []))
    return tree


def test_pdf_bookmarks_have_every_chapter_under_its_section(built_editions: Path) -> None:
    _assert_chapters_are_children(_pdf_tree(built_editions / "cvmbok.pdf"), "PDF bookmarks")


def test_pdf_contents_page_lists_every_chapter_at_section_level(built_editions: Path) -> None:
    toc = (built_editions / "latex" / "cvmbok.toc").read_text(encoding="utf-8")
    levels: dict[str, set[str]] = {}
    for level, title in re.findall(r"\\contentsline\s*\{(\w+)\}\{\\numberline\s*\{[\d.]+\}(.*?)\}\{\d+\}", toc):
        title = title.replace(r"\sphinxhyphen {}", "-").replace(r"\sphinxhyphen{}", "-")
        levels.setdefault(_plain(re.sub(r"\\[a-zA-Z]+\s*|[{}]", "", title)), set()).add(level)
    for _section, chapters in _expected_chapters():
        for chapter in chapters:
            found = levels.get(_plain(chapter), set())
            assert "section" in found, f"{chapter!r} is at {sorted(found) or 'no'} level in the contents, not a section"


def _epub_text(epub: Path, suffix: str) -> str:
    with zipfile.ZipFile(epub) as book:
        name = next(n for n in book.namelist() if n.endswith(suffix))
        return book.read(name).decode("utf-8")


def test_epub_nav_has_every_chapter_under_its_section(built_editions: Path) -> None:
    xhtml = "{http://www.w3.org/1999/xhtml}"
    root = ElementTree.fromstring(_epub_text(built_editions / "cvmbok.epub", "nav.xhtml"))
    top = next(root.iter(f"{xhtml}nav")).find(f"{xhtml}ol")
    assert top is not None
    tree = []
    for item in top.findall(f"{xhtml}li"):
        link = item.find(f"{xhtml}a")
        children = item.find(f"{xhtml}ol")
        kids = [] if children is None else ["".join(li.find(f"{xhtml}a").itertext()) for li in children.findall(f"{xhtml}li")]  # type: ignore[union-attr]
        tree.append(("".join(link.itertext()) if link is not None else "", kids))
    _assert_chapters_are_children(tree, "ePub nav.xhtml")


def test_epub_ncx_has_every_chapter_under_its_section(built_editions: Path) -> None:
    ncx = "{http://www.daisy.org/z3986/2005/ncx/}"
    root = ElementTree.fromstring(_epub_text(built_editions / "cvmbok.epub", "toc.ncx"))
    nav_map = root.find(f"{ncx}navMap")
    assert nav_map is not None
    tree = []
    for point in nav_map.findall(f"{ncx}navPoint"):
        label = point.findtext(f"{ncx}navLabel/{ncx}text") or ""
        kids = [p.findtext(f"{ncx}navLabel/{ncx}text") or "" for p in point.findall(f"{ncx}navPoint")]
        tree.append((label, kids))
    _assert_chapters_are_children(tree, "ePub toc.ncx")


# -- Readers: published files are readable by a web server --------------------------


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def test_published_editions_get_the_umask_mode(built_editions: Path) -> None:
    wanted = 0o666 & ~_umask()
    for path in [built_editions / "cvmbok.epub", built_editions / "cvmbok.pdf",
                 *sorted((built_editions / "html" / "downloads").iterdir())]:
        assert stat.S_IMODE(path.stat().st_mode) == wanted, f"{path}: {oct(path.stat().st_mode)}"


def test_release_folder_and_archive_get_the_umask_mode(tmp_path: Path) -> None:
    from cvmbok.release import package

    built = tmp_path / "built"
    (built / "html").mkdir(parents=True)
    (built / "html" / "index.html").write_text("<p>book</p>", encoding="utf-8")
    (built / "cvmbok.pdf").write_bytes(b"%PDF-1.7\n")
    with zipfile.ZipFile(built / "cvmbok.epub", "w") as epub:
        epub.writestr("mimetype", "application/epub+zip")
    files = package(built, "2026.9", tmp_path / "release", 1_800_000_000)
    assert stat.S_IMODE(files.folder.stat().st_mode) == 0o777 & ~_umask()
    for path in files.folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask(), path.name


def test_pdf_page_two_carries_edition_and_rights(built_editions: Path) -> None:
    from pypdf import PdfReader

    from cvmbok.edition import load_edition

    edition = load_edition(ROOT / "edition.toml")
    text = " ".join(PdfReader(str(built_editions / "cvmbok.pdf")).pages[1].extract_text().split())
    assert edition.rights in text
    assert f"Edition {edition.version}" in text


# -- Contributors: the untouched template, misused flags ----------------------------


def _new(repo: Path, title: str = "Offers should follow measured response", *extra: str) -> Path:
    from tests.contrib_helpers import cli

    code, out, err = cli(repo, "new", "--non-interactive", "--title", title, "--section",
                         "work-of-cvm/churn-prevention", "--kind", "practice", "--industry", "banking", *extra)
    assert code == 0, err
    return repo / out.strip()


def test_an_untouched_template_is_an_error_until_its_guidance_is_replaced(tmp_path: Path) -> None:
    from tests.contrib_helpers import check_json, cli, copy_repo

    repo = copy_repo(tmp_path / "repo", samples=False)
    path = _new(repo)
    code, findings = check_json(repo, path, "markup")
    placeholders = [f for f in findings if f["rule"] == "markup.template-placeholder"]
    assert code == 1 and len(placeholders) >= 4, findings
    text = path.read_text(encoding="utf-8")
    assert all(text.split("\n")[f["line"] - 1].strip() for f in placeholders)
    _, out, _ = cli(repo, "status")
    line = next(row for row in out.splitlines() if path.name[:10] in row)
    assert "clean" not in line and "error" in line

    head = text.split("\n---\n", 1)[0] + "\n---\n"
    path.write_text(head + "\nHold out a random group in every wave and compare before renewing.\n\n"
                    "## Situation\n\nA lender offered fee waivers to every customer flagged as likely to leave.\n",
                    encoding="utf-8")
    code, findings = check_json(repo, path, "markup")
    assert code == 0 and not findings, findings


def test_an_unknown_flag_shows_the_commands_usage_and_the_likely_flag() -> None:
    from tests.contrib_helpers import cli

    code, _out, err = cli(ROOT, "check", "--fromat", "json")
    assert code == 2
    assert err.startswith("usage: cvmbok check ")
    assert "unrecognized arguments: --fromat (did you mean --format?)" in err


# -- Editors: review notes and the queue ------------------------------------------------

_OWN_TEXT = ("\nHold out a random group in every wave and compare the groups before renewing the budget.\n\n"
             "## Situation\n\nA lender offered fee waivers to every customer flagged as likely to leave.\n")


def _with_own_text(path: Path) -> None:
    head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n"
    path.write_text(head + _OWN_TEXT, encoding="utf-8")


def test_review_refuses_a_note_that_names_a_company(tmp_path: Path) -> None:
    from tests.contrib_helpers import cli, copy_repo

    repo = copy_repo(tmp_path / "repo", samples=False)
    path = _new(repo)
    _with_own_text(path)
    cid = path.name[:10]
    before = path.read_bytes()
    code, _out, err = cli(repo, "review", cid, "--request-changes", "--reviewer", "ed-k7",
                          "--note", "Compare it with what Deutsche Telekom did")
    assert code == 1, err
    assert "note is refused" in err and "column 22" in err and "Deutsche Telekom" in err
    assert path.read_bytes() == before
    code, _out, err = cli(repo, "review", cid, "--request-changes", "--reviewer", "ed-k7",
                          "--note", "Give the saving as a range")
    assert code == 0, err


def test_status_is_oldest_first_with_reviewer_and_changes_since_request(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.contrib_helpers import cli, copy_repo

    repo = copy_repo(tmp_path / "repo", samples=False)
    for shipped in (repo / "contrib").glob("cvm-*.md"):
        shipped.unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")  # 2026-11-29
    newer = _new(repo, "A newer insight about renewal offers")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    older = _new(repo, "An older insight about renewal offers")
    for path in (newer, older):
        _with_own_text(path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796100000")  # reviews after both arrived
    cid = older.name[:10]
    code, _out, err = cli(repo, "review", cid, "--start")
    assert code == 2 and "--reviewer is required with --start" in err
    assert cli(repo, "review", cid, "--start", "--reviewer", "ed-q4")[0] == 0
    assert cli(repo, "review", cid, "--request-changes", "--reviewer", "ed-q4", "--note", "Add the window")[0] == 0
    assert cli(repo, "review", newer.name[:10], "--start", "--reviewer", "ed-k7")[0] == 0

    code, out, _ = cli(repo, "status", "--no-checks", "--format", "json")
    rows = __import__("json").loads(out)
    assert [r["id"] for r in rows] == [cid, newer.name[:10]]
    assert rows[0]["reviewer"] == "ed-q4" and rows[0]["changed_since_request"] is False
    code, out, _ = cli(repo, "status", "--no-checks")
    assert "error" not in out
    assert "reviewer ed-q4, unchanged since changes were requested" in out and "reviewer ed-k7" in out

    older.write_text(older.read_text(encoding="utf-8") + "\nThe window is one renewal cycle.\n", encoding="utf-8")
    code, out, _ = cli(repo, "status", "--no-checks")
    assert "since 2026-11-18, reviewer ed-q4, changed since changes were requested" in out


# -- Readers: two releases in a row ------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    import subprocess

    done = subprocess.run(["git", "-c", "user.name=CVMBoK tests", "-c", "user.email=tests@cvmbok.invalid",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _printed_commit(stderr: str) -> list[str]:
    """The `git commit ...` part of the next step `cvmbok release` prints, as arguments."""
    import shlex

    line = next(row for row in stderr.splitlines() if row.startswith("next: git commit"))
    return shlex.split(line.removeprefix("next: ").split(" && ")[0])[1:]


@pytest.mark.editions
def test_two_releases_in_a_row_need_no_manual_step(tmp_path: Path) -> None:
    from tests.conftest import run_cvmbok
    from tests.contrib_helpers import SAMPLE_ACCEPTED, SAMPLE_MERGED, copy_repo

    repo = copy_repo(tmp_path / "repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")
    whats_new = repo / "source" / "whats-new.md"

    first = run_cvmbok("release", "2031.1", "--date", "2031-03-02", cwd=repo)
    assert first.returncode == 0, first.stderr[-4000:]
    page = whats_new.read_text(encoding="utf-8")
    assert "# What's new in edition 2031.1" in page and f"insight-{SAMPLE_MERGED}" in page
    assert run_cvmbok("generate", "--check", cwd=repo).returncode == 0  # the pre-commit hook's check
    _git(repo, *_printed_commit(first.stderr))
    assert _git(repo, "status", "--porcelain") == ""

    merged = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo)
    assert merged.returncode == 0, merged.stderr
    contribution = next((repo / "contrib").glob(f"{SAMPLE_ACCEPTED}-*.md")).read_text(encoding="utf-8")
    assert "edition: 2031.1-next" in contribution
    page = whats_new.read_text(encoding="utf-8")
    assert "# What's new since edition 2031.1" in page and f"insight-{SAMPLE_ACCEPTED}" in page
    assert f"insight-{SAMPLE_MERGED}" not in page
    _git(repo, "commit", "-q", "-am", "merge")

    second = run_cvmbok("release", "2031.2", "--date", "2031-09-14", cwd=repo)
    assert second.returncode == 0, second.stderr[-4000:]
    page = whats_new.read_text(encoding="utf-8")
    assert "# What's new in edition 2031.2" in page and f"insight-{SAMPLE_ACCEPTED}" in page
    assert f"insight-{SAMPLE_MERGED}" not in page
    changelog = (repo / "source" / "changelog.md").read_text(encoding="utf-8")
    assert changelog.index("## Edition 2031.2") < changelog.index("## Edition 2031.1")
    assert run_cvmbok("generate", "--check", cwd=repo).returncode == 0
    _git(repo, *_printed_commit(second.stderr))
    assert _git(repo, "status", "--porcelain") == ""
    import tarfile

    with tarfile.open(repo / "build" / "release" / "cvmbok-2031.2-html.tar.gz") as tar:
        html = tar.extractfile("cvmbok-2031.2-html/whats-new.html").read().decode()  # type: ignore[union-attr]
    assert "What’s new in edition 2031.2" in html or "What's new in edition 2031.2" in html


# -- Contributors: interactive `cvmbok new` ----------------------------------------------


def _new_on_a_terminal(repo: Path, answers: str) -> tuple[int, str, str]:
    """`cvmbok new` with a pseudo-terminal as its standard input, answers typed ahead."""
    import pty
    import subprocess

    from tests.conftest import cvmbok_command

    leader, follower = pty.openpty()
    os.write(leader, answers.encode())
    try:
        done = subprocess.run([*cvmbok_command(), "new"], cwd=repo, stdin=follower, capture_output=True,
                              text=True, timeout=120)
    finally:
        os.close(leader)
        os.close(follower)
    return done.returncode, done.stdout, done.stderr


def test_new_asks_again_on_a_wrong_answer_and_asks_for_consent(tmp_path: Path) -> None:
    from tests.contrib_helpers import copy_repo

    repo = copy_repo(tmp_path / "repo", samples=False)
    answers = "\n".join([
        "Hi",                                    # too short: judged at once
        "Offers should follow measured response",
        "churn",                                 # not a choice: did you mean
        "999",                                   # not in the list
        "work-of-cvm/churn-prevention",
        "9",                                     # six kinds
        "practice",
        "telecom",
        "2",                                     # banking
        "France",                                # never a country
        "Europe",
        "maybe",                                 # consent is yes or no
        "no",
        "yes",
    ]) + "\n"
    code, out, err = _new_on_a_terminal(repo, answers)
    assert code == 0, err
    assert "a title needs 5 to 120 characters; this one has 2" in err
    assert "'churn' is not one of the choices (did you mean work-of-cvm/churn-prevention?)" in err
    assert "999 is not in the list: type a number from 1 to" in err
    assert "'telecom' is not one of the choices (did you mean telecoms?)" in err
    assert "'France' is not one of the choices" in err and "answer yes or no" in err
    assert "May the editors publish this text in the book?" in err
    assert "literature/acknowledgements" not in err, "a generated page must not be offered"
    assert re.search(r"^\s+1\. preface$", err, re.MULTILINE), "sections are a numbered list"
    head = (repo / out.strip()).read_text(encoding="utf-8").split("\n---\n", 1)[0]
    for line in ("section: work-of-cvm/churn-prevention", "kind: practice", "industry: banking", "region: Europe",
                 "publish: no", "acknowledge: yes"):
        assert f"\n{line}" in head or f"  {line.split(': ')[0]}: {line.split(': ')[1]}" in head, line


def test_a_generated_page_is_neither_offered_nor_accepted(tmp_path: Path) -> None:
    from tests.contrib_helpers import SAMPLE_ACCEPTED, cli, copy_repo

    repo = copy_repo(tmp_path / "repo")
    code, out, _ = cli(repo, "sections", "--chapters")
    assert code == 0 and "literature/authors" in out and "literature/acknowledgements" not in out
    code, _, err = cli(repo, "new", "--non-interactive", "--title", "Thanks where thanks are due", "--section",
                       "literature/acknowledgements", "--kind", "insight", "--industry", "banking")
    assert code == 2 and "cannot hold an insight: the page is generated" in err
    path = next((repo / "contrib").glob(f"{SAMPLE_ACCEPTED}-*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^section: .*$", "section: literature/acknowledgements", text, count=1, flags=re.MULTILINE),
                    encoding="utf-8")
    page = (repo / "source" / "08-literature" / "acknowledgements.md").read_bytes()
    code, _, err = cli(repo, "merge", SAMPLE_ACCEPTED)
    assert code == 1 and "literature/acknowledgements" in err, err
    assert (repo / "source" / "08-literature" / "acknowledgements.md").read_bytes() == page
    code, out, _ = cli(repo, "check", "--only", "frontmatter", str(path))
    assert code == 1 and "schema.unknown-section" in out


def test_new_section_has_did_you_mean() -> None:
    from tests.contrib_helpers import cli

    code, _, err = cli(ROOT, "new", "--non-interactive", "--title", "Something worth sharing", "--section", "churn",
                       "--kind", "insight", "--industry", "banking")
    assert code == 2 and "(did you mean work-of-cvm/churn-prevention?)" in err


# -- Contributors: preview ---------------------------------------------------------------


def _preview_env(tmp_path: Path) -> dict[str, str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    return {"TMPDIR": str(scratch)}


def test_preview_reports_a_busy_port_before_serving_and_leaves_no_scratch(tmp_path: Path) -> None:
    import socket

    from tests.conftest import run_cvmbok
    from tests.contrib_helpers import SAMPLE_SUBMITTED, copy_repo

    repo = copy_repo(tmp_path / "repo")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cvmbok("preview", SAMPLE_SUBMITTED, "--port", str(port), cwd=repo, env=_preview_env(tmp_path),
                            timeout=120)
    assert result.returncode == 1, result.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr and f"--port {port + 1}" in result.stderr
    assert "Serving on" not in result.stdout + result.stderr
    assert not list((tmp_path / "tmp").iterdir())


def test_preview_refusal_deletes_its_scratch_copy_and_suggests_ids(tmp_path: Path) -> None:
    from tests.conftest import run_cvmbok
    from tests.contrib_helpers import SAMPLE_SUBMITTED, copy_repo

    repo = copy_repo(tmp_path / "repo")
    path = next((repo / "contrib").glob(f"{SAMPLE_SUBMITTED}-*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\nA <b>bold</b> claim.\n", encoding="utf-8")
    result = run_cvmbok("preview", SAMPLE_SUBMITTED, "--no-serve", cwd=repo, env=_preview_env(tmp_path), timeout=300)
    assert result.returncode == 1 and "markup.raw-html" in result.stderr and "Traceback" not in result.stderr
    assert not list((tmp_path / "tmp").iterdir())
    wrong = SAMPLE_SUBMITTED[:-1] + "q"
    result = run_cvmbok("preview", wrong, cwd=repo, env=_preview_env(tmp_path), timeout=60)
    assert result.returncode == 2 and f"did you mean {SAMPLE_SUBMITTED}?" in result.stderr


@pytest.mark.editions
def test_preview_shows_an_error_page_for_bad_markup_and_cleans_up_on_exit(tmp_path: Path) -> None:
    import signal
    import socket
    import subprocess
    import threading
    import time
    import urllib.request

    from tests.conftest import cvmbok_command
    from tests.contrib_helpers import SAMPLE_SUBMITTED, copy_repo

    repo = copy_repo(tmp_path / "repo")
    path = next((repo / "contrib").glob(f"{SAMPLE_SUBMITTED}-*.md"))
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    process = subprocess.Popen([*cvmbok_command(), "preview", SAMPLE_SUBMITTED, "--port", str(port)], cwd=repo,
                               env={**os.environ, **_preview_env(tmp_path)}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()  # type: ignore[union-attr]

    def wait_for_url(count: int, limit: float = 600) -> str:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            urls = [line for line in lines if line.startswith(f"previewing {SAMPLE_SUBMITTED} at http")]
            if len(urls) >= count and any("Serving on" in line for line in lines):
                return urls[count - 1].split(" at ", 1)[1].split()[0]
            assert process.poll() is None, "".join(lines)
            time.sleep(1)
        raise AssertionError("no rebuild:\n" + "".join(lines[-60:]))

    try:
        url = wait_for_url(2)  # the first line, then the one printed after the first build
        page = urllib.request.urlopen(url.split("#")[0], timeout=30).read().decode()
        assert f'id="insight-{SAMPLE_SUBMITTED}"' in page
        path.write_text(path.read_text(encoding="utf-8") + "\nA <b>bold</b> claim.\n", encoding="utf-8")
        wait_for_url(3)
        page = urllib.request.urlopen(url.split("#")[0], timeout=30).read().decode()
        assert f"The preview cannot show {SAMPLE_SUBMITTED}" in page and "markup.raw-html" in page
        assert "<b>bold</b>" not in page
        assert "Traceback" not in "".join(lines)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    assert not list((tmp_path / "tmp").iterdir()), "the scratch copy outlived the preview"


@pytest.mark.parametrize(("line", "replacement", "where", "says"), [
    (None, "--", 25, "line 25 ('--') looks meant to close it"),
    (None, "", 1, "the second '---' line is missing"),
    (1, "--", 1, "must start with a line that is exactly '---', not '--'"),
])
def test_a_broken_front_matter_fence_is_one_clear_error(tmp_path: Path, line: int | None, replacement: str,
                                                         where: int, says: str) -> None:
    from tests.contrib_helpers import check_json, copy_repo

    repo = copy_repo(tmp_path / "repo", samples=False)
    path = _new(repo)
    _with_own_text(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    closing = line or next(n for n, text in enumerate(lines[1:], 2) if text == "---")
    lines[closing - 1] = replacement
    path.write_text("\n".join(lines), encoding="utf-8")
    _code, findings = check_json(repo, path, "frontmatter", "markup")
    assert [f["rule"] for f in findings] == ["schema.missing-front-matter"], findings
    assert findings[0]["line"] == (where if line is None else 1) and says in findings[0]["message"]


# -- Readers: the glossary speaks to readers -------------------------------------------


def test_glossary_introduction_speaks_to_readers(built_editions: Path) -> None:
    html = (built_editions / "html" / "glossary.html").read_text(encoding="utf-8")
    epub = _epub_text(built_editions / "cvmbok.epub", "glossary.xhtml")
    for text in (html, epub):
        for contributor_talk in ("styles/terms.yml", "{term}", "cvmbok terms generate", "registry"):
            assert contributor_talk not in text, contributor_talk
        assert "one idea always" in text


@pytest.mark.browser
def test_insights_from_practice_heading_is_not_lighter_than_the_insights(built_editions: Path) -> None:
    import json
    import subprocess

    from cvmbok.reader_checks import BROWSER_DIR, CHROMIUM, require_browser_tools

    node = require_browser_tools()
    page = built_editions / "html" / "04-work-of-cvm" / "churn-prevention.html"
    assert "Insights from practice" in page.read_text(encoding="utf-8")
    script = """
import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: process.env.CVMBOK_CHROMIUM, args: ["--headless", "--no-sandbox"] });
const page = await browser.newPage();
await page.goto("file://" + process.env.CVMBOK_PAGE);
const weights = await page.evaluate(() => {
  const part = [...document.querySelectorAll("h2")].find((h) => h.textContent.includes("Insights from practice"));
  const inner = part.closest("section").querySelector("h3");
  return [getComputedStyle(part).fontWeight, getComputedStyle(inner).fontWeight];
});
console.log(JSON.stringify(weights));
await browser.close();
"""
    done = subprocess.run([node, "--input-type=module", "-e", script], cwd=BROWSER_DIR, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "CVMBOK_CHROMIUM": CHROMIUM, "CVMBOK_PAGE": str(page)})
    assert done.returncode == 0, done.stderr
    part, insight = (int(w) for w in json.loads(done.stdout.strip().splitlines()[-1]))
    assert part >= insight, f"'Insights from practice' weighs {part}, the insight under it {insight}"


_SEARCH_SCRIPT = """
import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: process.env.CVMBOK_CHROMIUM, args: ["--headless", "--no-sandbox"] });
const page = await browser.newPage();
// The list is complete when Sphinx's status line (p.search-summary, not the snippets, which
// may say "found" themselves) says the search finished; each snippet then arrives by its own fetch.
await page.goto(process.env.CVMBOK_URL, { waitUntil: "load" });
await page.waitForFunction(() => /Search finished|did not match/.test(document.querySelector("#search-results p.search-summary")?.textContent || ""),
                           null, { timeout: 120000 });
await page.waitForFunction(() => [...document.querySelectorAll("#search-results li")]
  .every((li) => li.querySelector("p.context")), null, { timeout: 120000 }).catch(() => {});
const results = await page.evaluate(() => [...document.querySelectorAll("#search-results li")].map((li) => ({
  title: li.querySelector("a")?.textContent.trim(),
  href: li.querySelector("a")?.getAttribute("href"),
  snippet: (li.querySelector("p.context")?.textContent || "").trim(),
})));
console.log(JSON.stringify(results));
await browser.close();
"""


@pytest.mark.browser
@pytest.mark.parametrize("query", ["customer lifetime value", "churn prevention"])
def test_search_results_list_each_page_once_with_article_snippets(built_editions: Path, query: str) -> None:
    import json
    import subprocess
    from urllib.parse import quote_plus

    from cvmbok.reader_checks import BROWSER_DIR, CHROMIUM, require_browser_tools, serve

    node = require_browser_tools()
    with serve(built_editions / "html") as base:
        done = subprocess.run([node, "--input-type=module", "-e", _SEARCH_SCRIPT], cwd=BROWSER_DIR,
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "CVMBOK_CHROMIUM": CHROMIUM,
                                   "CVMBOK_URL": f"{base}search.html?q={quote_plus(query)}"})
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert results, f"no results for {query!r}"
    pages = [r["href"].split("#")[0] for r in results]
    assert len(pages) == len(set(pages)), f"a page is listed twice: {pages}"
    if query == "customer lifetime value":
        assert sum(r["title"] == "Glossary" for r in results) == 1
    menu = ("Repository", "Suggest edit", ".md", "System Settings", "Contents")
    for result in results:
        assert result["snippet"], result
        assert not any(word in result["snippet"][:80] for word in menu), result


# -- Contributors: running cvmbok without activation ---------------------------------------


def test_the_launcher_runs_cvmbok_without_activation(tmp_path: Path) -> None:
    import shutil
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    env["PATH"] = "/usr/bin:/bin"  # no .venv/bin on the PATH, as after following contrib/README.md
    done = subprocess.run([str(ROOT / "cvmbok"), "sections"], cwd=ROOT / "contrib", capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("preface\t")
    bare = tmp_path / "copy"
    bare.mkdir()
    shutil.copy2(ROOT / "cvmbok", bare / "cvmbok")
    missing = subprocess.run([str(bare / "cvmbok"), "sections"], cwd=bare, capture_output=True, text=True, env=env)
    assert missing.returncode == 2 and "run 'make contributor' once" in missing.stderr
    guide = (ROOT / "contrib" / "README.md").read_text(encoding="utf-8")
    assert "make contributor" in guide and "./cvmbok" in guide


# -- Faults: a stopped build leaves no LaTeX running ---------------------------------------

FAKE_LATEXMK = """#!/bin/sh
# Stands in for latexmk: like the real one it starts the TeX engine and waits for it.
sleep 300 &
echo $! >> "$CVMBOK_TEST_PIDS"
echo $$ >> "$CVMBOK_TEST_PIDS"
wait
"""


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie no one reaped yet has stopped running)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def _started(process: "subprocess.Popen[str]", pids: Path, count: int, limit: float, what: str) -> list[int]:
    """The `count` pids the stand-in programs wrote to `pids`, once they all run under `process`."""
    import time

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        numbers = [int(n) for n in pids.read_text(encoding="utf-8").split()] if pids.exists() else []
        if len(numbers) >= count:
            return numbers
        assert process.poll() is None, f"the build ended first ({process.returncode})"
        time.sleep(0.2)
    raise AssertionError(f"{what} did not start within {limit} s")


@pytest.mark.faults
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["term", "int", "kill"])
def test_a_stopped_build_leaves_no_latex_running(tmp_path: Path, sig: int) -> None:
    """make's children (latexmk and the TeX engine) end with cvmbok, however cvmbok ends."""
    import subprocess
    import time

    from cvmbok import process_group
    from tests.conftest import cvmbok_command

    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "latexmk").write_text(FAKE_LATEXMK, encoding="utf-8")
    (tools / "latexmk").chmod(0o755)
    pids = tmp_path / "pids"
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "CVMBOK_TEST_PIDS": str(pids)}
    process = subprocess.Popen([*cvmbok_command(), "build", "pdf", "--out", str(tmp_path / "out")], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    latex: list[int] = []
    try:
        latex = _started(process, pids, 2, limit=900, what="the LaTeX step")
        process.send_signal(sig)
        _, err = process.communicate(timeout=60)
        deadline = time.monotonic() + process_group.GRACE + 10
        while any(_alive(pid) for pid in latex) and time.monotonic() < deadline:
            time.sleep(0.1)
        running = [pid for pid in latex if _alive(pid)]
    finally:
        process.kill()
        for pid in filter(_alive, latex):
            os.kill(pid, signal.SIGKILL)
    assert not running, f"still running after cvmbok ended: {running}"
    if sig != signal.SIGKILL:
        assert process.returncode == 130 and "Traceback" not in err, (process.returncode, err[-2000:])


FAKE_JAVA = """#!/bin/sh
# Stands in for Java under epubcheck: it records itself and keeps running, as a long check does.
echo $$ >> "$CVMBOK_TEST_PIDS"
exec sleep 300
"""


@pytest.mark.faults
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_a_stopped_epub_check_leaves_no_java_running(tmp_path: Path, sig: int) -> None:
    """Java under epubcheck ends with cvmbok, however cvmbok ends (it ran outside the guard before)."""
    import subprocess
    import time

    from cvmbok import process_group
    from tests.conftest import cvmbok_command

    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "java").write_text(FAKE_JAVA, encoding="utf-8")
    (tools / "java").chmod(0o755)
    pids = tmp_path / "pids"
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "CVMBOK_TEST_PIDS": str(pids)}
    process = subprocess.Popen([*cvmbok_command(), "build", "epub", "--out", str(tmp_path / "out")], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    java: list[int] = []
    try:
        java = _started(process, pids, 1, limit=900, what="epubcheck")
        process.send_signal(sig)
        _, err = process.communicate(timeout=60)
        deadline = time.monotonic() + process_group.GRACE + 10
        while any(_alive(pid) for pid in java) and time.monotonic() < deadline:
            time.sleep(0.1)
        running = [pid for pid in java if _alive(pid)]
    finally:
        process.kill()
        for pid in filter(_alive, java):
            os.kill(pid, signal.SIGKILL)
    assert not running, f"still running after cvmbok ended: {running}"
    if sig != signal.SIGKILL:
        assert process.returncode == 130 and "Traceback" not in err, (process.returncode, err[-2000:])


# -- Faults: an unreadable contribution is named, with the reason ---------------------------

NOBODY = 65534


@pytest.fixture
def unprivileged_repo(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """(a scratch copy of the book, the prefix that runs a command without root's privileges).

    Root reads every file, so under root the copy goes to a folder any user can enter,
    is given to `nobody`, and commands run as `nobody` (setpriv): the test runs, and can
    fail, whoever runs the suite."""
    import shutil
    import subprocess
    import tempfile

    from tests.conftest import cvmbok_command
    from tests.contrib_helpers import copy_repo

    if os.geteuid() != 0:
        yield copy_repo(tmp_path / "repo"), []
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot drop privileges")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run([*prefix, *cvmbok_command(), "--version"], capture_output=True, text=True, cwd="/")
    if probe.returncode != 0:
        pytest.skip(f"cvmbok does not run as user {NOBODY}: {probe.stderr.strip()[-300:]}")
    folder = Path(tempfile.mkdtemp(prefix="cvmbok-unprivileged-"))
    try:
        folder.chmod(0o755)
        repo = copy_repo(folder / "repo")
        for path in [repo, *repo.rglob("*")]:
            os.lchown(path, NOBODY, NOBODY)
        yield repo, prefix
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_review_names_an_unreadable_contribution_and_the_reason(unprivileged_repo: tuple[Path, list[str]]) -> None:
    import subprocess

    from tests.conftest import cvmbok_command
    from tests.contrib_helpers import SAMPLE_SUBMITTED

    repo, prefix = unprivileged_repo
    page = next((repo / "contrib").glob(f"{SAMPLE_SUBMITTED}-*.md"))
    page.chmod(0)
    result = subprocess.run([*prefix, *cvmbok_command(), "review", SAMPLE_SUBMITTED, "--start", "--reviewer", "ed-k7"],
                            cwd=repo, capture_output=True, text=True, timeout=120)
    where = f"contrib/{page.name}:1:1: cannot read the file: Permission denied"
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert where in result.stderr and f"chmod u+rw contrib/{page.name}" in result.stderr, result.stderr
    assert "no contribution with id" not in result.stderr and "Traceback" not in result.stderr


# -- merge validates each contribution's front matter once ---------------------------------


def test_merge_validates_each_front_matter_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading validates every contribution; the check families must not validate the merged one again."""
    from collections import Counter

    from cvmbok.policy import schema
    from tests.contrib_helpers import SAMPLE_ACCEPTED, cli, copy_repo

    repo = copy_repo(tmp_path / "repo")
    validated: Counter[str] = Counter()
    real = schema.validate

    def counting(data: object, chapters: object) -> object:
        validated[str(data.get("id")) if isinstance(data, dict) else "?"] += 1
        return real(data, chapters)  # type: ignore[arg-type]

    monkeypatch.setattr(schema, "validate", counting)
    code, out, err = cli(repo, "merge", SAMPLE_ACCEPTED)
    assert code == 0, err
    assert f"{SAMPLE_ACCEPTED}: merged into" in out
    assert validated[SAMPLE_ACCEPTED] == 1, validated
    assert set(validated.values()) == {1}, validated
