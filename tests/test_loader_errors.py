"""Bad fact files: each kind of mistake gives exit code 2 and one line naming the file and line, never a
traceback, and a failed build leaves the previous compiled graph as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build.pipeline import ensure_built

# A tiny but complete fact folder: one document citing a shared entity, statements, one observation.
# Line numbers in the expected messages below refer to these texts (d1.yaml is numbered in comments).
MINI = {
    "metrics.yaml": """\
metrics:
  - id: users
    name: {en: users, zh-Hans: 用户数}
    unit: person
""",
    "entities/organizations.yaml": """\
entities:
  - id: acme
    type: Company
    name: {en: Acme, zh-Hans: 阿克米}
    mentions:
      d1: [1, 3]
""",
    "documents/d1.yaml": """\
document:
  id: d1
  title: {en: A small test document}
  publisher: acme
  date: 2021-11-19
  language: en

entities:
  - id: acme-docs
    type: Product
    name: {en: Acme Docs, zh-Hans: 阿克米文档}
    para: 2
    launchDate: 2015
  - id: cloud-ai
    type: Technology
    name: {en: cloud AI}
    para: [2, 3]
  - id: wile-e-coyote
    type: Person
    name: {en: Wile E. Coyote}
    para: 4
  - id: acme-plan
    type: GovernmentPlan
    name: {en: Acme plan}
    para: 5

statements:
  - s: acme-docs
    para: 3
    ownedBy: acme
    usesTechnology: cloud-ai
  - s: wile-e-coyote
    para: 4
    jobTitle: {en: customer, zh-Hans: 顾客}
  - s: acme-plan
    para: 5
    issuer: acme
    issueDate: 2020-07

observations:
  - subject: acme-docs
    metric: users
    value: 381000000
    unit: person
    time: 2021-06
    comparedTo: 2020-12
    statedBy: acme
    para: 6
""",
}
# d1.yaml lines:  2 id | 6 language | 15 type: Technology | 17 para: [2, 3] | 20 name of wile-e-coyote
# 27 statements: | 29 para: 3 | 30 ownedBy | 31 usesTechnology | 32 - s: wile-e-coyote | 34 jobTitle
# 37 issuer | 38 issueDate | 41 - subject | 42 metric | 43 value | 44 unit | 46 comparedTo | 48 para: 6

D1 = "documents/d1.yaml"
ORGS = "entities/organizations.yaml"
F = "facts/documents/d1.yaml"

# (case id, file, old text, new text, the one expected message)
CASES = [
    ("yaml-syntax", D1, "    issueDate: 2020-07\n", "    issueDate: 2020-07: 08\n",
     f"{F}:38: YAML syntax error: mapping values are not allowed here"),
    ("yaml-syntax-in-shared-entities", ORGS, "    type: Company\n", "    type: Company: x\n",
     "facts/entities/organizations.yaml:3: YAML syntax error: mapping values are not allowed here"),
    ("duplicate-yaml-key", D1, "    issueDate: 2020-07\n", "    issueDate: 2020-07\n    issueDate: 2020-08\n",
     f"{F}:39: key 'issueDate' appears twice"),
    ("unknown-section", D1, "statements:\n", "statement:\n",
     f"{F}:27: unknown section 'statement' (expected one of: document, entities, metrics, observations, statements)"),
    ("unknown-key-in-observation", D1, "    comparedTo: 2020-12\n", "    comparedto: 2020-12\n",
     f"{F}:46: unknown key 'comparedto' in observation (allowed: comparedTo, metric, para, qualifier, startDate, "
     "statedBy, subject, time, unit, value)"),
    ("unknown-key-in-document", D1, "  date: 2021-11-19\n", "  published: 2021-11-19\n",
     f"{F}:5: unknown key 'published' in document (allowed: authors, date, id, language, para, publisher, title)"),
    ("unknown-class", D1, "    type: Technology\n", "    type: Technologie\n",
     f"{F}:15: unknown class 'Technologie' (did you mean Technology?)"),
    ("unknown-property", D1, "    ownedBy: acme\n", "    ownedby: acme\n",
     f"{F}:30: unknown property 'ownedby' (did you mean ownedBy?)"),
    ("unknown-unit", D1, "    unit: person\n", "    unit: persons\n",
     f"{F}:44: unknown unit 'persons' (did you mean person?)"),
    ("unknown-qualifier", D1, "    comparedTo: 2020-12\n", "    comparedTo: 2020-12\n    qualifier: roughly\n",
     f"{F}:47: unknown qualifier 'roughly'"),
    ("unknown-metric", D1, "    metric: users\n", "    metric: user\n",
     f"{F}:42: unknown metric 'user' (did you mean users?)"),
    ("dangling-reference", D1, "    usesTechnology: cloud-ai\n", "    usesTechnology: cloud-ml\n",
     f"{F}:31: unknown id 'cloud-ml': no entity declares it (did you mean cloud-ai?)"),
    ("text-where-id-expected", D1, "    issuer: acme\n", "    issuer: Acme Corporation\n",
     f"{F}:37: expected the id of an entity, found text 'Acme Corporation'"),
    ("mapping-where-id-expected", D1, "    ownedBy: acme\n", "    ownedBy: {en: Acme}\n",
     f"{F}:30: expected the id of an entity, not a mapping"),
    ("duplicate-id", D1, "statements:\n", "  - id: cloud-ai\n    type: Technology\n    name: {en: cloud ML}\n"
     "    para: 3\n\nstatements:\n",
     f"{F}:27: id 'cloud-ai' is declared twice (first at {F}:14)"),
    ("duplicate-id-across-files", ORGS, "    mentions:\n", "    mentions:\n      d1: 1\n  - id: cloud-ai\n"
     "    type: Technology\n    name: {en: cloud}\n    mentions:\n",
     f"facts/entities/organizations.yaml:7: id 'cloud-ai' is declared twice (first at {F}:14)"),
    ("malformed-id", D1, "  - id: cloud-ai\n", "  - id: Cloud_AI\n",
     f"{F}:14: id 'Cloud_AI' is malformed: use lower-case letters, digits and hyphens (e.g. 'tencent-docs')"),
    ("malformed-date-month", D1, "    issueDate: 2020-07\n", "    issueDate: 2021-13\n",
     f"{F}:38: malformed date '2021-13': month 13 does not exist"),
    ("malformed-date-day", D1, "    issueDate: 2020-07\n", "    issueDate: 2021-02-30\n",
     f"{F}:38: malformed date '2021-02-30': day 30 does not exist in 2021-02"),
    ("malformed-date-words", D1, "    issueDate: 2020-07\n", "    issueDate: June 2021\n",
     f"{F}:38: malformed date 'June 2021': use YYYY, YYYY-MM or YYYY-MM-DD"),
    ("malformed-number", D1, "    value: 381000000\n", "    value: 381 million\n",
     f"{F}:43: '381 million' is not a number: write the value in digits in its unit (e.g. 381000000)"),
    ("text-without-language", D1, "    jobTitle: {en: customer, zh-Hans: 顾客}\n", "    jobTitle: customer\n",
     f"{F}:34: text needs its language, e.g. {{en: ..., zh-Hans: ...}}"),
    ("missing-en-name", D1, "    name: {en: Wile E. Coyote}\n", "    name: {zh-Hans: 歪心狼}\n",
     f"{F}:20: missing English name: add 'en:' under 'name'"),
    ("missing-name", D1, "    name: {en: Wile E. Coyote}\n", "",
     f"{F}:18: missing 'name' (at least {{en: ...}})"),
    ("missing-para-statement", D1, "  - s: wile-e-coyote\n    para: 4\n", "  - s: wile-e-coyote\n",
     f"{F}:32: missing 'para'"),
    ("missing-para-observation", D1, "    para: 6\n", "",
     f"{F}:41: missing 'para'"),
    ("paragraph-zero", D1, "    para: 3\n", "    para: 0\n",
     f"{F}:29: paragraph '0' must be a positive whole number (the n-th non-blank line)"),
    ("paragraph-negative", D1, "    para: 3\n", "    para: -1\n",
     f"{F}:29: paragraph '-1' must be a positive whole number (the n-th non-blank line)"),
    ("paragraph-text", D1, "    para: 3\n", "    para: x\n",
     f"{F}:29: paragraph 'x' must be a positive whole number (the n-th non-blank line)"),
    ("paragraph-zero-in-list", D1, "    para: [2, 3]\n", "    para: [2, 0]\n",
     f"{F}:17: paragraph '0' must be a positive whole number (the n-th non-blank line)"),
    ("malformed-language-tag", D1, "    jobTitle: {en: customer, zh-Hans: 顾客}\n",
     "    jobTitle: {en: customer, zh_Hans: 顾客}\n",
     f"{F}:34: malformed language tag 'zh_Hans' (use a hyphen: zh-Hans)"),
    ("malformed-document-language", D1, "  language: en\n", "  language: zh_Hant\n",
     f"{F}:6: malformed language tag 'zh_Hant' (use a hyphen: zh-Hant)"),
    ("document-id-not-stem", D1, "  id: d1\n", "  id: d2\n",
     f"{F}:2: document id 'd2' does not match the file name 'd1'"),
    ("statements-without-document", ORGS, "      d1: [1, 3]\n",
     "      d1: [1, 3]\nstatements:\n  - s: acme\n    para: 1\n    foundingDate: 1949\n",
     "facts/entities/organizations.yaml:7: 'statements' need a 'document:' section in the same file to cite"),
    ("mentions-unknown-document", ORGS, "      d1: [1, 3]\n", "      dl: [1, 3]\n",
     "facts/entities/organizations.yaml:6: unknown document 'dl'"),
    ("shape-violation", D1, "    issuer: acme\n", "    issuer: cloud-ai\n",
     f"{F}:37: shape violation: kgr:acme-plan kg:issuer: Value does not have class kg:Organization "
     "(value kgr:cloud-ai)"),
]


def write_mini(root: Path) -> Path:
    facts = root / "facts"
    for name, text in MINI.items():
        (facts / name).parent.mkdir(parents=True, exist_ok=True)
        (facts / name).write_text(text, encoding="utf-8")
    return facts


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(build_dir: Path) -> dict[str, bytes]:
    """Every file under a build directory, by relative path."""
    return {p.relative_to(build_dir).as_posix(): p.read_bytes() for p in sorted(build_dir.rglob("*")) if p.is_file()}


def assert_one_error(result, message: str) -> None:
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\n"


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory) -> Path:
    """A build directory holding the compiled graph of the unbroken MINI folder."""
    root = tmp_path_factory.mktemp("mini")
    bdir = root / "build"
    assert ensure_built(write_mini(root), bdir).rebuilt
    return bdir


def test_mini_folder_is_valid(tmp_path, cli):
    facts = write_mini(tmp_path)
    result = cli("validate", facts=facts, bdir=tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 5 entities, 1 observations and ")


@pytest.mark.parametrize(("file", "old", "new", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, cli, mini_build, file, old, new, message):
    facts = write_mini(tmp_path)
    edit(facts / file, old, new)
    bdir = tmp_path / "build"
    shutil.copytree(mini_build, bdir)
    before = snapshot(bdir)

    result = cli("validate", facts=facts, bdir=bdir)
    assert result.exit_code == 2, result.output
    assert_one_error(result, message)

    result = cli("build", facts=facts, bdir=bdir)
    assert result.exit_code == 2, result.output
    assert_one_error(result, message)
    assert snapshot(bdir) == before, "a failed build must leave the previous build untouched"


def test_every_kind_is_covered():
    assert len({c[0] for c in CASES}) == len(CASES) >= 18


# The same checks on a copy of the shipped facts: (file, old, new, anchor, message with {line}); the line is
# that of the first line of the edited text that contains the anchor, so the shipped facts may grow.
D0 = "documents/000_a3adda4dcaacb95c.yaml"
REAL_CASES = [
    ("shape-violation-issuer-5g", D0, "    issuer: thirteen-government-departments\n", "    issuer: 5g\n", "issuer: 5g",
     "shape violation: kgr:new-business-forms-guideline-2020 kg:issuer: Value does not have class "
     "kg:Organization (value kgr:5g)"),
    ("unknown-property", D0, "    issuer: thirteen-government-departments\n",
     "    isuer: thirteen-government-departments\n", "isuer:", "unknown property 'isuer' (did you mean issuer?)"),
    ("yaml-error-in-shared-entities", "entities/topics.yaml", "  - id: 5g\n", "  - id: 5g: x\n", "id: 5g: x",
     "YAML syntax error: mapping values are not allowed here"),
    ("unknown-class-of-referenced-entity", D0, "  - id: pan-helin\n    type: Person\n",
     "  - id: pan-helin\n    type: Persn\n", "type: Persn", "unknown class 'Persn' (did you mean Person?)"),
    ("duplicate-id", "entities/people.yaml", "  - id: miao-rong\n", "  - id: pan-helin\n", "id: pan-helin",
     "id 'pan-helin' is declared twice (first at facts/documents/000_a3adda4dcaacb95c.yaml:{first})"),
]


@pytest.mark.parametrize(("file", "old", "new", "anchor", "message"), [c[1:] for c in REAL_CASES],
                         ids=[c[0] for c in REAL_CASES])
def test_bad_input_in_shipped_facts(facts_copy, tmp_path, cli, build_dir, seed_build, file, old, new, anchor, message):
    def line_of(path: Path, text: str) -> int:
        """The number of the first line that is `text` (when it ends with a newline) or contains it."""
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        return next(i for i, line in enumerate(lines, 1) if (line == text if text.endswith("\n") else text in line))

    first = line_of(facts_copy / D0, "  - id: pan-helin\n")  # where the duplicated id is declared first
    edit(facts_copy / file, old, new)
    expected = f"facts/{file}:{line_of(facts_copy / file, anchor)}: " + message.format(first=first)
    bdir = tmp_path / "build"
    shutil.copytree(build_dir, bdir)
    before = snapshot(bdir)

    for command in ("validate", "build"):
        result = cli(command, facts=facts_copy, bdir=bdir)
        assert result.exit_code == 2, result.output
        assert_one_error(result, expected)
    assert snapshot(bdir) == before


@pytest.mark.parametrize("case", ["malformed-id", "unknown-class", "yaml-syntax-in-shared-entities"])
def test_real_process_prints_no_traceback(tmp_path, case):
    """The same in a separate `python -m kg` process: stderr is the one line, exit code 2."""
    _, file, old, new, message = next(c for c in CASES if c[0] == case)
    facts = write_mini(tmp_path)
    edit(facts / file, old, new)
    env = {**os.environ, "KG_BUILD_DIR": str(tmp_path / "build")}
    env.pop("KG_FACTS", None)
    for command in ("validate", "build"):
        proc = subprocess.run([sys.executable, "-m", "kg", "--facts", str(facts), command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr == f"error: {message}\n"
        assert proc.stdout == ""
