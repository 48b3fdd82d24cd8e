"""Faults and bad input (issue 15): a clear message and an exit code, never a traceback,
never a half-written file, nothing lost.

Everything runs through the installed `cvmbok` program in a scratch copy of the book.
Interrupts are injected between the renames of a transaction with the one test hook,
`CVMBOK_FAULT_AT=POINT:N[:int|term|kill]` (read only by `cvmbok.fileio.fault_point`),
or sent from outside after a random delay, with a bounded number of tries. The
adversarial inputs are shared with `bench/bench_faults.py`, which times them; here each
must stay under a CPU-time limit (`CPU_LIMIT`), which does not grow when the shared
machine is busy, and finish within a generous wall-clock limit (`HANG`), which catches a
command that blocks without using the CPU.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import signal
import subprocess
import time
import zlib
import struct
from pathlib import Path
from typing import Callable

import pytest

from .conftest import cvmbok_command, run_cvmbok
from .contrib_helpers import SAMPLE_ACCEPTED, SAMPLE_SUBMITTED, copy_repo, snapshot

ACCEPTED_PAGE = "source/04-work-of-cvm/campaign-design-and-measurement.md"
HANG = 300.0
"""Wall-clock seconds after which a command counts as hung. Generous: a 2-core machine shared
with other test runs can be ten times slower than a quiet one, and a hang never ends at all."""
CPU_LIMIT = 60.0
"""CPU seconds a command may use (its own and those of the tools it waited for, such as Vale).
CPU time does not grow with the machine's load the way wall-clock time does, so a quadratic
blow-up is caught without flaking on a busy machine (the bench measures the real times)."""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def run_within_limits(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`run_cvmbok`, failing the test when the command runs past `HANG` or uses more than `CPU_LIMIT`.

    The CPU time is read from this process's reaped children: the tests run one command at a
    time, so the difference across the call is that command's and its own children's."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run_cvmbok(*args, cwd=cwd, timeout=HANG)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert used < CPU_LIMIT, f"`cvmbok {' '.join(args)}` used {used:.1f} CPU seconds; the limit is {CPU_LIMIT:.0f}"
    return result


def contribution(repo: Path, cid: str) -> Path:
    return next((repo / "contrib").glob(f"{cid}-*.md"))


def leftovers(repo: Path) -> list[str]:
    """Temporary files, backups, journals and release scratch folders anywhere in the copy."""
    found = [p for p in repo.rglob(".*") if re.search(r"\.cvmbok-\d+-\d+\.(tmp|orig)$", p.name) or p.name.endswith(".tmp")]
    found += list(repo.glob("build/cvmbok-journal.json")) + list(repo.glob(".git/cvmbok-journal.json"))
    found += list(repo.glob("build/release-build-*"))
    return sorted(str(p.relative_to(repo)) for p in found)


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    assert result.returncode == code, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr + result.stdout, (fragment, result.stderr[-2000:])


def second_accepted(repo: Path, cid: str = "cvm-tacc3y", section: str | None = None) -> str:
    """Another accepted contribution (the accepted sample under a new id and title)."""
    source = contribution(repo, SAMPLE_ACCEPTED)
    text = source.read_text(encoding="utf-8").replace(SAMPLE_ACCEPTED, cid)
    text = re.sub(r'^title: .*$', 'title: "Agree the size of the holdout with finance before launch"', text, count=1, flags=re.M)
    if section:
        text = re.sub(r"^section: .*$", f"section: {section}", text, count=1, flags=re.M)
    (repo / "contrib" / f"{cid}-agree-the-size-of-the-holdout.md").write_text(text, encoding="utf-8")
    return cid


# -- interrupts between renames ---------------------------------------------------------------


@pytest.mark.parametrize("point", ["rename:1", "rename:2", "rename:3", "rename:2:term"])
def test_an_interrupt_between_renames_rolls_the_merge_back(repo: Path, point: str) -> None:
    before = snapshot(repo)
    result = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo, env={"CVMBOK_FAULT_AT": point}, timeout=HANG)
    line = "cvmbok: terminated" if point.endswith("term") else "cvmbok: interrupted"
    assert_clean_failure(result, 130)
    assert result.stderr.strip().splitlines() == [line]
    assert snapshot(repo) == before and leftovers(repo) == []
    again = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo, timeout=HANG)
    assert again.returncode == 0 and f"{SAMPLE_ACCEPTED}: merged into {ACCEPTED_PAGE}" in again.stdout


@pytest.mark.parametrize("point", ["rename:1:kill", "rename:2:kill", "rename:3:kill"])
def test_a_kill_between_renames_is_rolled_back_by_the_next_command(repo: Path, point: str) -> None:
    before = snapshot(repo)
    killed = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo, env={"CVMBOK_FAULT_AT": point}, timeout=HANG)
    assert killed.returncode == -signal.SIGKILL
    assert snapshot(repo) != before or point == "rename:1:kill"  # the kill left a half-done tree ...
    status = run_cvmbok("status", cwd=repo, timeout=HANG)
    assert_clean_failure(status, status.returncode, "rolled back `cvmbok merge " + SAMPLE_ACCEPTED)
    assert snapshot(repo) == before and leftovers(repo) == []  # ... which the next command put back


def test_kills_leave_no_temporary_file_behind(repo: Path) -> None:
    """A temporary file of a writer that is gone is removed by the next command."""
    stale = repo / "contrib" / f".{contribution(repo, SAMPLE_SUBMITTED).name}.cvmbok-999999-1.tmp"
    stale.write_text("half", encoding="utf-8")
    result = run_cvmbok("status", cwd=repo, timeout=HANG)
    assert "Traceback" not in result.stderr and not stale.exists()


def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(repo: Path) -> None:
    rng = random.Random(15)
    handled = 0
    for _ in range(6):
        process = subprocess.Popen([*cvmbok_command(), "check", "contrib"], cwd=repo, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.02, 0.8))
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=HANG)
        if process.returncode in (0, 1):  # finished before the signal came
            continue
        if process.returncode == -signal.SIGINT:
            # Python's own default action: the signal came before cvmbok's first lines installed the
            # handler (which always exits 130), while the interpreter was starting or locating the
            # package, so no command code had run and nothing was written
            continue
        assert process.returncode == 130, (process.returncode, err)
        assert err.strip().splitlines()[-1] == "cvmbok: interrupted" and "Traceback" not in err, err
        handled += 1
    assert handled >= 2, "the later interrupts land after the handler is installed: it must be installed"


# -- one writer at a time -------------------------------------------------------------------------


def test_two_merges_started_together_both_land(repo: Path) -> None:
    other = second_accepted(repo)
    processes = [subprocess.Popen([*cvmbok_command(), "merge", cid], cwd=repo, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for cid in (SAMPLE_ACCEPTED, other)]
    results = [(p.wait(timeout=HANG), p.communicate()) for p in processes]
    assert [code for code, _ in results] == [0, 0], results
    page = (repo / ACCEPTED_PAGE).read_text(encoding="utf-8")
    news = (repo / "source" / "whats-new.md").read_text(encoding="utf-8")
    for cid in (SAMPLE_ACCEPTED, other):
        assert page.count(f"% CVMBoK contribution {cid} begin") == 1
        assert "status: merged" in contribution(repo, cid).read_text(encoding="utf-8")
    assert "Size the control group" in news and "Agree the size of the holdout" in news


HOLD = """
import sys, time
from pathlib import Path
from cvmbok.locking import repo_lock
with repo_lock(Path(sys.argv[1]), "cvmbok merge --all"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(repo: Path, seconds: float) -> subprocess.Popen[str]:
    import sys

    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(repo), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_writer_says_who_holds_the_lock_and_refuses_or_waits(repo: Path) -> None:
    before = snapshot(repo)
    holder = hold_lock(repo, 30)
    try:
        refused = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo, env={"CVMBOK_LOCK_TIMEOUT": "0"}, timeout=HANG)
        assert_clean_failure(refused, 1, "`cvmbok merge --all` (pid ", "is changing this repository")
        assert snapshot(repo) == before
    finally:
        holder.kill()  # a killed holder never leaves the lock stuck
        holder.wait()
    done = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo, env={"CVMBOK_LOCK_TIMEOUT": "0"}, timeout=HANG)
    assert done.returncode == 0, done.stderr


def test_a_writer_waits_for_the_holder(repo: Path) -> None:
    holder = hold_lock(repo, 2)
    result = run_cvmbok("review", SAMPLE_SUBMITTED, "--start", "--reviewer", "ed-k7", cwd=repo, timeout=HANG)
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert "waiting for `cvmbok merge --all`" in result.stderr


# -- hand edits to a chapter ----------------------------------------------------------------------


def damaged(repo: Path, edit: Callable[[str], str]) -> Path:
    page = repo / "source" / "04-work-of-cvm" / "churn-prevention.md"
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    return page


@pytest.mark.parametrize("edit, fragment", [
    (lambda t: re.sub(r"^% CVMBoK contribution \S+ end\n", "", t, count=1, flags=re.M), "has no end marker"),
    (lambda t: re.sub(r"^% CVMBoK insights from practice:.*\n", "", t, count=1, flags=re.M), "marker line below"),
    (lambda t: re.sub(r"^% CVMBoK contribution \S+ begin\n", "", t, count=1, flags=re.M), "has no begin marker"),
])
def test_a_damaged_marker_is_refused_with_its_line(repo: Path, edit: Callable[[str], str], fragment: str) -> None:
    cid = second_accepted(repo, section="work-of-cvm/churn-prevention")
    page = damaged(repo, edit)
    before = snapshot(repo)
    result = run_cvmbok("merge", cid, cwd=repo, timeout=HANG)
    assert_clean_failure(result, 1, fragment, "source/04-work-of-cvm/churn-prevention.md:")
    assert re.search(r"churn-prevention\.md:\d+: ", result.stderr)
    assert snapshot(repo) == before and page.exists()


@pytest.mark.parametrize("breakage, fragment", [
    ("latin1", "is not valid UTF-8"),
    ("folder", "Is a directory"),
])
def test_a_target_chapter_that_cannot_be_read_is_refused(repo: Path, breakage: str, fragment: str) -> None:
    page = repo / ACCEPTED_PAGE
    if breakage == "latin1":
        page.write_bytes(page.read_bytes() + "\nCaf\u00e9\n".encode("latin-1"))
    else:
        page.unlink()
        page.mkdir()
    before = snapshot(repo)
    result = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo, timeout=HANG)
    assert_clean_failure(result, 1, fragment)
    assert snapshot(repo) == before


def test_footnote_prefixing_never_rewrites_code(repo: Path) -> None:
    path = contribution(repo, SAMPLE_ACCEPTED)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n")
                    + "\n\nThe lift was measured once[^m] and written as `total[^x]` in the query.\n\n"
                    + "```text\nsum[^y] over the groups\n```\n\n[^m]: One test, one quarter.\n", encoding="utf-8")
    result = run_cvmbok("merge", SAMPLE_ACCEPTED, cwd=repo, timeout=HANG)
    assert result.returncode == 0, result.stderr
    page = (repo / ACCEPTED_PAGE).read_text(encoding="utf-8")
    assert f"once[^{SAMPLE_ACCEPTED}-m]" in page and f"[^{SAMPLE_ACCEPTED}-m]: One test" in page
    assert "`total[^x]`" in page and "sum[^y] over the groups" in page


# -- bad input: a finding or a refusal, never a traceback ------------------------------------------


def png_bomb(path: Path, width: int = 100_000, height: int = 100_000) -> None:
    """A few hundred bytes that claim `width` x `height` pixels (100,000 x 100,000 by default)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 20000, 9))
                     + chunk(b"IEND", b""))


def with_body(repo: Path, cid: str, body: str) -> Path:
    path = contribution(repo, cid)
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("\n---\n")
    path.write_text(head + "\n---\n" + body, encoding="utf-8")
    return path


def test_a_pipe_and_a_link_to_a_device_are_findings(repo: Path, tmp_path: Path) -> None:
    fifo = repo / "contrib" / "cvm-pipe11-pipe.md"
    os.mkfifo(fifo)
    (repo / "contrib" / "cvm-zero11-zero.md").symlink_to("/dev/zero")
    result = run_cvmbok("check", "contrib", cwd=repo, timeout=HANG)
    assert_clean_failure(result, 1, "[file.not-regular]", "named pipe", "[file.outside]", "/dev/zero")
    zero = tmp_path / "zero.md"  # named directly, outside any repository: read as a file, refused as a device
    zero.symlink_to("/dev/zero")
    result = run_cvmbok("check", str(zero), cwd=tmp_path, timeout=HANG)
    assert_clean_failure(result, 1, "[file.not-regular]", "a device")


def test_a_link_out_of_the_repository_is_an_error(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_bytes(contribution(repo, SAMPLE_SUBMITTED).read_bytes())
    (repo / "contrib" / "cvm-link11-link.md").symlink_to(outside)
    result = run_cvmbok("check", "contrib", cwd=repo, timeout=HANG)
    assert_clean_failure(result, 1, "[file.outside]", str(outside))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_contrib_folder_is_an_error(repo: Path) -> None:
    (repo / "contrib").chmod(0)
    try:
        result = run_cvmbok("check", "contrib", cwd=repo, timeout=HANG)
    finally:
        (repo / "contrib").chmod(0o755)
    assert_clean_failure(result, 1, "contrib")


@pytest.mark.parametrize("width, height, claimed", [
    (100_000, 100_000, "10,000,000,000 pixels"),  # past Pillow's own bomb limit: refused while opening
    (8_000, 6_000, "8,000 x 6,000 pixels"),  # under Pillow's limit, over ours
])
def test_a_decompression_bomb_is_refused_as_too_many_pixels(repo: Path, width: int, height: int, claimed: str) -> None:
    from cvmbok.policy.images import MAX_PIXELS

    folder = repo / "contrib" / SAMPLE_SUBMITTED
    folder.mkdir(exist_ok=True)
    png_bomb(folder / "bomb.png", width, height)
    path = contribution(repo, SAMPLE_SUBMITTED)
    path.write_text(path.read_text(encoding="utf-8") + f"\n![A chart of the uplift]({SAMPLE_SUBMITTED}/bomb.png)\n",
                    encoding="utf-8")
    result = run_cvmbok("check", str(path), cwd=repo, timeout=HANG)
    assert_clean_failure(result, 1, "bomb.png", "[image.too-large]", claimed, f"at most {MAX_PIXELS:,} pixels",
                         "save it smaller")
    assert "cannot be read" not in result.stdout


def test_a_review_note_over_the_limit_is_misuse(repo: Path) -> None:
    before = snapshot(repo)
    result = run_cvmbok("review", SAMPLE_SUBMITTED, "--request-changes", "--note", "Shorten it. " * 400, cwd=repo,
                        timeout=HANG)
    assert_clean_failure(result, 2, "invalid value for", "note")
    assert snapshot(repo) == before


def test_invalid_utf8_in_arguments_and_the_key_is_misuse(repo: Path) -> None:
    result = subprocess.run([*cvmbok_command(), "check", "contrib/caf\udcff.md"], cwd=repo, capture_output=True,
                            text=True, timeout=HANG)
    assert_clean_failure(result, 2, "is not valid UTF-8")
    result = run_cvmbok("check", "contrib", cwd=repo, env={"CVMBOK_NAMES_KEY": "key\udcff" * 10}, timeout=HANG)
    assert_clean_failure(result, 2, "CVMBOK_NAMES_KEY is not valid UTF-8")


def test_a_deleted_current_folder_is_misuse(repo: Path) -> None:
    gone = repo / "gone"
    gone.mkdir()
    command = " ".join(f"'{part}'" for part in cvmbok_command())
    result = subprocess.run(["bash", "-c", f"cd '{gone}' && rmdir '{gone}' && exec {command} status"],
                            capture_output=True, text=True, timeout=HANG)
    assert_clean_failure(result, 2, "the current folder no longer exists")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_new_in_a_read_only_contrib_is_a_refusal(repo: Path) -> None:
    (repo / "contrib").chmod(0o555)
    try:
        result = run_cvmbok("new", "--title", "A read-only folder test", "--section", "work-of-cvm/lifecycle",
                            "--kind", "lesson", "--industry", "retail", "--non-interactive", cwd=repo, timeout=HANG)
    finally:
        (repo / "contrib").chmod(0o755)
    assert_clean_failure(result, 1, "Permission denied")


def test_a_file_vale_cannot_read_does_not_blind_the_others(repo: Path) -> None:
    """Real Vale exits 2 on broken front matter it is given: that file is reported, the other checked."""
    from cvmbok.vale import ValeInput, run_vale

    broken = ValeInput("contrib/broken.md", "---\ntitle: [unclosed\n---\n\nThe CLTV rose.\n")
    good = ValeInput("contrib/good.md", "The CLTV rose.\n")
    findings = run_vale([broken, good], repo / ".vale.ini")
    rules = {(f.path, f.rule) for f in findings}
    assert ("contrib/broken.md", "terms.unreadable") in rules
    assert ("contrib/good.md", "CVMBoK.Terms") in rules


# -- adversarial inputs: finish, and refuse what is too deep ---------------------------------------

FRONT = ('---\nid: {cid}\ntitle: "A test insight about retention offers"\nsection: work-of-cvm/lifecycle\n'
         "kind: lesson\nindustry: retail\nregion: europe\nstatus: submitted\nconsent:\n  publish: yes\n"
         "  acknowledge: no\n---\n\n")


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n\nText.\n"


def at_the_limit(unit: str, head: str = "") -> str:
    """`unit` with plain words in place of '{pad}', so that a file of it (after `head`) at the size
    limit makes 95% of the tokens `markup_density` allows: the densest markup of its kind still parsed."""
    from cvmbok.document import MAX_BYTES, MAX_TOKENS, markup_density

    bare = unit.replace("{pad}", "")
    per_unit = (markup_density(head + bare * 100).tokens - markup_density(head).tokens) / 100
    length = int(per_unit * MAX_BYTES / (0.95 * MAX_TOKENS))
    words = ("retention " * (length // 10 + 1))[: max(0, length - len(bare))].strip()
    return unit.replace("{pad}", words)


DENSE_UNITS = {
    "dense-list": "- {pad}\n",
    "dense-numbered": "1. {pad}\n",
    "dense-fields": ":a: {pad}\n",
    "dense-lines": "Churn {pad}\n",
    "dense-autolinks": "<http://a.b> {pad} ",
    "dense-emphasis": "*a _b {pad} ",
    "dense-table-rows": "| a | b | {pad} |\n",
}
"""Kinds of markup, each at 95% of the density limit (see `at_the_limit`)."""


def adversarial(size: int = 20_000) -> dict[str, tuple[str, str]]:
    """name -> (file text, rule expected or ''), each about `size` bytes of its pattern."""
    def fill(pattern: str) -> str:
        return pattern * max(1, size // len(pattern))

    heads = {name: "| a | b | c |\n|---|---|---|\n" if "table" in name else "" for name in DENSE_UNITS}
    dense = {name: (FRONT + heads[name] + fill(at_the_limit(unit, heads[name])) + "\n", "")
             for name, unit in DENSE_UNITS.items()}
    return dense | {
        "figures": (FRONT + fill("In the region revenue rose by 12,345,678 and 23,456,789 ") + "\n", ""),
        "legal-form": (FRONT + fill("Northwind Brothers and Partners ") + "Holdings\n", ""),
        "billion-laughs": (billion_laughs(), "schema.yaml-alias"),
        "nested-lists": (FRONT + fill("- ") + "x\n", "markup.too-deep"),
        "nested-quotes": (FRONT + fill("> ") + "x\n", "markup.too-deep"),
        "deep-yaml": ("---\nid: " + "[" * (size // 2) + "]" * (size // 2) + "\n---\n\nText.\n", "schema.yaml-depth"),
        "nested-directives": (FRONT + "".join("`" * (203 - i) + "{note}\n" for i in range(200)) + "text\n"
                              + "".join("`" * (4 + i) + "\n" for i in range(200)), "markup.too-deep"),
        "open-brackets": (FRONT + fill("[") + "\n", "markup.too-deep"),
        "emphasis": (FRONT + fill("*a _b **c __d ") + "\n", ""),
        "backticks": (FRONT + fill("` `` ``` ") + "\n", ""),
        "html-like": (FRONT + fill("<a <b </c ") + "\n", ""),
        "link-starts": (FRONT + fill("[a](b ") + "\n", ""),
        "one-long-word": (FRONT + fill("x") + "\n", ""),
        "short-lines": (FRONT + fill("Churn fell.\n") + "\n", ""),
        "one-long-line": (FRONT + fill("Churn fell by a tenth in the quarter after the offer. ") + "\n", ""),
        "non-ascii": (FRONT + fill("Kündigungen fielen um ein Zehntel – “schnell” und günstig. ") + "\n", ""),
        "indented-lists": (FRONT + fill("".join("  " * depth + "- item\n" for depth in range(25)) + "\n"), ""),
        "many-directives": (FRONT + fill(":::{note}\nChurn fell.\n:::\n\n```{tip}\nKeep a control group.\n```\n\n"), ""),
        "many-links": (FRONT + fill("See [the study](https://example.org/study) and [notes](#notes).\n"), ""),
        "many-references": (FRONT + "".join(f"[r{n}]: https://example.org/{n}\n" for n in range(size // 30)), ""),
        "many-code-spans": (FRONT + fill("Run `a` then `b`, ") + "\n", ""),
        "many-roles": (FRONT + fill("The {term}`CLV` rose and {sub}`2` fell. ") + "\n", ""),
        "many-footnotes": (FRONT + "".join(f"Churn fell.[^{n}]\n\n[^{n}]: A note.\n\n" for n in range(size // 40)), ""),
        "many-headings": (FRONT + fill("## Results\n\nChurn fell.\n\n### Detail\n\nIt rose.\n\n"), ""),
        "huge-table": (FRONT + "| a | b | c |\n|---|---|---|\n" + fill("| 1 | churn fell | 3 |\n"), ""),
        "raw-html-tags": (FRONT + fill("<b>x</b> ") + "\n", "markup.raw-html"),
        "many-images": (FRONT + fill("![a chart](cvm-adv111/chart.png) ") + "\n", "markup.image-missing"),
        "wide-table": (FRONT + "".join("|" + "a|" * 1000 + "\n|" + "-|" * 1000 + "\n" + "x\n" * 65 + "\n"
                                       for _ in range(max(1, size // 4200))), "file.too-dense"),
        "many-fields": (FRONT + fill(":a: b\n") + "\n", ""),
        "blank-lines": (FRONT + "\n" * size + "Churn fell.\n", ""),
    }


@pytest.mark.parametrize("name", sorted(adversarial()))
def test_adversarial_input_is_handled_in_time(repo: Path, name: str) -> None:
    text, rule = adversarial()[name]
    path = repo / "contrib" / f"cvm-adv111-{name}.md"
    path.write_text(text.replace("{cid}", "cvm-adv111"), encoding="utf-8")
    result = run_within_limits("check", str(path), cwd=repo)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]
    if rule:
        assert f"[{rule}]" in result.stdout


@pytest.mark.faults
@pytest.mark.parametrize("name", sorted(adversarial()))
def test_adversarial_input_at_the_size_limit_is_handled_in_time(repo: Path, name: str) -> None:
    from cvmbok.document import MAX_BYTES

    text, _ = adversarial(MAX_BYTES)[name]
    path = repo / "contrib" / f"cvm-adv111-{name}.md"
    path.write_text(text.replace("{cid}", "cvm-adv111")[:MAX_BYTES - 10], encoding="utf-8")
    result = run_within_limits("check", str(path), cwd=repo)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]


def test_too_much_markup_is_one_clear_finding_and_nothing_parses_it(repo: Path) -> None:
    """A file dense with block starts is refused before any parser (Vale included) sees it."""
    from cvmbok.document import MAX_TOKENS

    path = repo / "contrib" / "cvm-den111-dense.md"
    path.write_text(FRONT.replace("{cid}", "cvm-den111") + "- CLV\n" * 40_000, encoding="utf-8")
    result = run_within_limits("check", "--format", "json", str(path), cwd=repo)
    assert_clean_failure(result, 1, "file.too-dense", f"at most {MAX_TOKENS:,} are read")
    rules = [finding["rule"] for finding in json.loads(result.stdout)]
    assert rules.count("file.too-dense") == 1
    assert "CVMBoK.Abbreviations" not in rules  # Vale was not given the file


def test_the_books_own_prose_at_the_size_limit_is_not_too_dense(repo: Path) -> None:
    """The book's pages, one after another up to the size limit, are parsed and checked."""
    from cvmbok.document import MAX_BYTES, split_front_matter

    pages = [split_front_matter(p.read_text(encoding="utf-8"))[1] for p in sorted((repo / "source").rglob("*.md"))]
    prose = "\n\n".join(pages)
    text = FRONT.replace("{cid}", "cvm-bok111") + prose * (MAX_BYTES // len(prose.encode("utf-8")) + 1)
    text = text.encode("utf-8")[: MAX_BYTES - 10].decode("utf-8", errors="ignore")
    path = repo / "contrib" / "cvm-bok111-book.md"
    path.write_text(text[: text.rfind("\n\n")] + "\n", encoding="utf-8")
    result = run_within_limits("check", "--only", "markup", str(path), cwd=repo)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr[-2000:]
    assert "[file.too-dense]" not in result.stdout and "[markup.merge-marker]" in result.stdout  # parsed and checked


def test_over_the_size_limit_is_one_clear_finding(repo: Path) -> None:
    path = repo / "contrib" / "cvm-big111-big.md"
    path.write_text(FRONT.replace("{cid}", "cvm-big111") + "Plain words. " * 90_000, encoding="utf-8")
    result = run_within_limits("check", str(path), cwd=repo)
    from cvmbok.document import MAX_BYTES

    assert_clean_failure(result, 1, "[file.too-large]", f"the limit is {MAX_BYTES:,}")


# -- kills at random points (slow) -----------------------------------------------------------------


def kill_after(args: list[str], repo: Path, delay: float, sig: int = signal.SIGKILL) -> int:
    process = subprocess.Popen([*cvmbok_command(), *args], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(sig)
    process.communicate(timeout=HANG)
    return process.returncode


@pytest.mark.faults
@pytest.mark.parametrize("args", [["merge", SAMPLE_ACCEPTED], ["review", SAMPLE_SUBMITTED, "--start", "--reviewer", "ed-k7"]])
def test_random_kills_leave_the_tree_unchanged_or_completed(repo: Path, args: list[str]) -> None:
    rng = random.Random(1500)
    before = snapshot(repo)
    for _ in range(5):
        kill_after(args, repo, rng.uniform(0.2, 3.0), rng.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT]))
        status = run_cvmbok("status", cwd=repo, timeout=HANG)
        assert "Traceback" not in status.stderr, status.stderr
        assert leftovers(repo) == []
        after = snapshot(repo)
        if after == before:
            continue
        # completed: the command's whole effect is there, consistently
        text = contribution(repo, args[1]).read_text(encoding="utf-8")
        if args[0] == "merge":
            assert "status: merged" in text
            assert (repo / ACCEPTED_PAGE).read_text(encoding="utf-8").count(f"contribution {SAMPLE_ACCEPTED} begin") == 1
            assert "Size the control group" in (repo / "source" / "whats-new.md").read_text(encoding="utf-8")
        else:
            assert "status: in-review" in text
        return


GIT = ["git", "-c", "user.name=CVMBoK tests", "-c", "user.email=tests@cvmbok.invalid", "-c", "commit.gpgsign=false"]


@pytest.mark.faults
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_release_stopped_during_the_build_leaves_nothing_stamped(repo: Path, sig: int) -> None:
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True)
    stamped_files = ("edition.toml", "source/changelog.md")
    before = {name: (repo / name).read_bytes() for name in stamped_files}
    process = subprocess.Popen([*cvmbok_command(), "release", "2099.1"], cwd=repo, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    deadline = time.monotonic() + 600
    for line in process.stderr:  # stop it once the build has started, at a random moment
        if "building the" in line or time.monotonic() > deadline:
            break
    time.sleep(random.Random(sig).uniform(0.5, 4.0))
    process.send_signal(sig)
    process.communicate(timeout=HANG)
    if sig == signal.SIGTERM:
        assert process.returncode == 130
        assert {name: (repo / name).read_bytes() for name in stamped_files} == before  # at once
    status = run_cvmbok("status", cwd=repo, timeout=HANG)
    assert "Traceback" not in status.stderr
    assert {name: (repo / name).read_bytes() for name in stamped_files} == before
    assert not list((repo / "build").glob("release-build-*")) and leftovers(repo) == []
    git_status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    assert git_status.strip() == ""
