"""Private names as keyed hashes: `cvmbok names add` and the check, with the key present, absent and wrong."""

from __future__ import annotations

import json
from pathlib import Path

from cvmbok.names.hashing import HashStore, digest, key_check, load_store, render_store

from .conftest import run_cvmbok

KEY = "editors-secret-key-0123456789abcdef"
WRONG = "someone-elses-key-0123456789abcdef"
PERSON = "Ottoline Vexford-Quaile"
TEXT = (
    "# Notes\n\n"
    "The churn model was built by Ottoline Vexford-Quaile in 2023.\n"
    "Later O. Vexford-Quaile and Vexford-Quaile, Ottoline reviewed it; Vexford-Quaile's notes helped.\n"
    "The uplift model was built by the analytics team.\n"
)


def add(repo: Path, name: str, key: str | None = KEY, *extra: str, stdin: str | None = None):
    env = {"CVMBOK_NAMES_KEY": key} if key is not None else {"CVMBOK_NAMES_KEY": ""}
    return run_cvmbok("names", "add", "--person", name, *extra, cwd=repo, env=env, input=stdin)


def check(repo: Path, key: str | None) -> tuple[int, list[dict]]:
    doc = repo / "contrib-note.md"
    doc.write_text(TEXT, encoding="utf-8")
    env = {"CVMBOK_NAMES_KEY": key or ""}
    result = run_cvmbok("check", "--only", "leaks", "--format", "json", str(doc), cwd=repo, env=env)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_add_writes_only_hashes_and_the_check_finds_every_form(scratch_repo: Path) -> None:
    result = add(scratch_repo, PERSON)
    assert result.returncode == 0, result.stderr
    hashes = scratch_repo / "styles" / "names" / "people.hashes"
    content = hashes.read_text(encoding="utf-8")
    for part in ("ottoline", "vexford", "quaile"):
        assert part not in content.lower()
    assert not [p for p in hashes.parent.iterdir() if p.name.startswith(".people.hashes")]  # no temp file left
    store = load_store(hashes)
    assert len(store.digests) == 4  # full (= given + surname here), initial + surname, surname + given, surname
    code, findings = check(scratch_repo, KEY)
    assert code == 1
    people = [(f["line"], f["column"], f["match"]) for f in findings if f["rule"] == "leak.person"]
    line3, line4 = TEXT.splitlines()[2:4]
    assert people == [
        (3, line3.index("Ottoline") + 1, "Ottoline Vexford-Quaile"),
        (4, line4.index("O. V") + 1, "O. Vexford-Quaile"),
        (4, line4.index("Vexford-Quaile, O") + 1, "Vexford-Quaile, Ottoline"),
        (4, line4.index("Vexford-Quaile's") + 1, "Vexford-Quaile"),
    ]
    assert all(f["severity"] == "error" for f in findings if f["rule"] == "leak.person")


def test_without_the_key_the_check_says_so_once_and_passes(scratch_repo: Path) -> None:
    assert add(scratch_repo, PERSON).returncode == 0
    code, findings = check(scratch_repo, None)
    # the registry of private names is not read; the name is still caught by the person heuristics
    # ("built by" is a person cue), which need no key
    assert not [f for f in findings if f["severity"] == "error" and f["rule"] != "leak.person-name"]
    notices = [f for f in findings if f["rule"] == "leak.person-unchecked"]
    assert len(notices) == 1 and notices[0]["severity"] == "warning"
    assert "CVMBOK_NAMES_KEY" in notices[0]["message"]
    assert not [f for f in findings if f["rule"] == "leak.person"]


def test_with_a_wrong_key_nothing_is_found_and_the_check_says_why(scratch_repo: Path) -> None:
    assert add(scratch_repo, PERSON).returncode == 0
    code, findings = check(scratch_repo, WRONG)
    registry_rules = [f["rule"] for f in findings if f["rule"] in ("leak.person", "leak.person-unchecked")]
    assert registry_rules == ["leak.person-unchecked"]  # no registered match; the heuristics are another matter
    assert "not the key" in [f for f in findings if f["rule"] == "leak.person-unchecked"][0]["message"]


def test_adding_with_a_different_key_is_refused(scratch_repo: Path) -> None:
    assert add(scratch_repo, PERSON).returncode == 0
    before = (scratch_repo / "styles" / "names" / "people.hashes").read_text(encoding="utf-8")
    result = add(scratch_repo, "Another Person", WRONG)
    assert result.returncode == 2 and "not the key" in result.stderr
    assert (scratch_repo / "styles" / "names" / "people.hashes").read_text(encoding="utf-8") == before


def test_add_needs_a_long_key(scratch_repo: Path) -> None:
    missing = add(scratch_repo, PERSON, None)
    assert missing.returncode == 2 and "CVMBOK_NAMES_KEY is not set" in missing.stderr
    short = add(scratch_repo, PERSON, "short")
    assert short.returncode == 2 and "shorter" in short.stderr


def test_name_from_stdin_and_non_distinctive_surname(scratch_repo: Path) -> None:
    result = add(scratch_repo, "-", KEY, "--not-distinctive", stdin="Ottoline Vexford-Quaile\n")
    assert result.returncode == 0, result.stderr
    assert "Ottoline" not in result.stdout
    code, findings = check(scratch_repo, KEY)
    matches = [f["match"] for f in findings if f["rule"] == "leak.person"]
    assert "Ottoline Vexford-Quaile" in matches
    assert "Vexford-Quaile" not in matches  # the surname alone is not registered


def test_adding_twice_is_idempotent(scratch_repo: Path) -> None:
    assert add(scratch_repo, PERSON).returncode == 0
    hashes = scratch_repo / "styles" / "names" / "people.hashes"
    first = hashes.read_text(encoding="utf-8")
    again = add(scratch_repo, PERSON)
    assert again.returncode == 0 and "added 0" in again.stdout
    assert hashes.read_text(encoding="utf-8") == first


def test_committed_hashes_file_parses_and_render_round_trips(repo_root: Path) -> None:
    store = load_store(repo_root / "styles" / "names" / "people.hashes")
    assert load_store_from_text(render_store(store), repo_root) == store
    key = KEY.encode()
    made = HashStore(key_check(key), frozenset({digest(key, "janepublic").hex()}))
    assert load_store_from_text(render_store(made), repo_root) == made


def load_store_from_text(text: str, tmp: Path) -> HashStore:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.hashes"
        path.write_text(text, encoding="utf-8")
        return load_store(path)


# -- the registry fails loudly ---------------------------------------------------------

def hashes_of(repo: Path) -> Path:
    return repo / "styles" / "names" / "people.hashes"


def test_a_file_cut_back_to_its_header_is_an_error_not_an_empty_registry(scratch_repo: Path) -> None:
    assert add(scratch_repo, PERSON).returncode == 0
    path = hashes_of(scratch_repo)
    header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line.startswith("#"))
    for damaged in (header, path.read_text(encoding="utf-8").rsplit("\n", 2)[0] + "\n"):  # header only; one digest lost
        path.write_text(damaged, encoding="utf-8")
        for key in (KEY, None):
            doc = scratch_repo / "contrib-note.md"
            doc.write_text(TEXT, encoding="utf-8")
            result = run_cvmbok("check", "--only", "leaks", str(doc), cwd=scratch_repo, env={"CVMBOK_NAMES_KEY": key or ""})
            assert result.returncode == 2, result.stdout + result.stderr
            assert "private names cannot be checked" in result.stderr and "Traceback" not in result.stderr


def test_without_the_key_check_line_every_key_is_refused(scratch_repo: Path) -> None:
    assert add(scratch_repo, PERSON).returncode == 0
    path = hashes_of(scratch_repo)
    path.write_text("".join(l for l in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not l.startswith("key-check:")), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    doc = scratch_repo / "contrib-note.md"
    doc.write_text(TEXT, encoding="utf-8")
    checked = run_cvmbok("check", "--only", "leaks", str(doc), cwd=scratch_repo, env={"CVMBOK_NAMES_KEY": WRONG})
    assert checked.returncode == 2 and "key-check line is missing" in checked.stderr
    added = add(scratch_repo, "Another Person", WRONG)
    assert added.returncode == 2 and "key-check line is missing" in added.stderr
    assert path.read_text(encoding="utf-8") == before


def test_adding_with_a_wrong_key_never_replaces_the_key_check(scratch_repo: Path) -> None:
    """Even while no person is registered yet, the first key that wrote the file stays the key."""
    path = hashes_of(scratch_repo)
    path.write_text(render_store(HashStore(key_check(KEY.encode()), frozenset())), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    result = add(scratch_repo, PERSON, WRONG)
    assert result.returncode == 2 and "not the key" in result.stderr
    assert path.read_text(encoding="utf-8") == before


def test_a_name_too_short_to_match_is_refused(scratch_repo: Path) -> None:
    before = hashes_of(scratch_repo).read_text(encoding="utf-8")
    for name in ("J", "Li"):
        result = add(scratch_repo, name)
        assert result.returncode == 2 and "too short to ever be found" in result.stderr, result.stderr
    assert hashes_of(scratch_repo).read_text(encoding="utf-8") == before
    short_surname = add(scratch_repo, "Ottoline Li")
    assert short_surname.returncode == 0 and "cannot be matched and were not added" in short_surname.stderr
