"""The wcc-2009 criteria data files say what the Year 2 handbook says.

Read with tomllib only (independent of the framework loader) and checked against the handbook
text in /work/shared/reference: counts, completeness of every appendix, and that every criteria
line is the handbook's own wording.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PLUGINS = REPO / "plugins"
from tests.shared_paths import REFERENCE

HANDBOOK = REFERENCE / "001_855a58cc2d623409.txt"

COMPETENCIES = [f"C{n}" for n in range(1, 12)]
GOVERNANCE_KEYS = {
    "strategy": ["vision_and_goals", "initiatives", "financial_consistency", "board_challenge", "milestones"],
    "finance": ["historical", "robust_management", "planning_assumptions", "base_case", "scenarios"],
    "board": ["organisation", "risk", "information", "performance", "delegation", "interaction"],
}
DOCUMENT_TYPES = [
    "communications_strategy", "laa_cover_page", "laa_performance_report", "jsna", "strategic_plan",
    "contracting_process_form", "pbc_governance", "pathway_description", "financial_plan", "od_plan",
    "accounts_ppp_excerpt", "provider_performance_report", "board_risk_report", "schemes_of_delegation",
    "board_minutes", "non_prescribed", "local_outcome_dataset",
]
CONDITION_KEYS = ["national_dataset_attached", "national_and_12_months", "sha_can_access_source",
                  "justification", "aspirations_set_like_national"]


# ----------------------------------------------------------------------------- helpers
@lru_cache(maxsize=None)
def load(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def competency(n: int) -> dict:
    return load(PLUGINS / "competencies" / "wcc2009" / f"c{n}" / "criteria.toml")


def component(key: str) -> dict:
    return load(PLUGINS / "governance" / "wcc2009" / key / "criteria.toml")


def framework() -> dict:
    return load(PLUGINS / "frameworks" / "wcc2009" / "framework.toml")


def outcomes() -> dict:
    return load(PLUGINS / "outcomes" / "wcc2009" / "metrics.toml")


def normalise(text: str) -> str:
    """Text as a reader sees it: no markup, bullets, table pipes, curly quotes or extra spaces."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("**", " ").replace("|", " ")
    text = re.sub(r"\*('[^']+')\*", r"\1", text)  # markdown italics around a quoted title
    text = re.sub(r"(?m)^\s*[-•–]\s+", " ", text)  # bullet at a line start
    text = re.sub(r"\s[-•–](?=\s)", " ", text)  # bullet or nested dash inside a flattened cell
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def handbook_lines() -> tuple[str, ...]:
    return tuple(HANDBOOK.read_text(encoding="utf-8").split("\n"))


@lru_cache(maxsize=1)
def handbook() -> str:
    return normalise("\n".join(handbook_lines()))


def section(first: str, last: str) -> list[str]:
    lines = list(handbook_lines())
    start = lines.index(first)
    return lines[start:lines.index(last, start)]


def all_criteria():
    """(where, criterion) for every criteria line of every file."""
    for n in range(1, 12):
        for sub in competency(n)["subcompetencies"]:
            for c in sub["criteria"]:
                yield f"C{n}{sub['key']} level {c['level']}", c
    for comp in GOVERNANCE_KEYS:
        for sub in component(comp)["subcomponents"]:
            for c in sub["criteria"]:
                yield f"{comp}.{sub['key']} {c['rating']}", c


@pytest.fixture(autouse=True)
def _handbook_present():
    if not HANDBOOK.is_file():
        pytest.skip(f"the handbook text is not at {HANDBOOK}")


# ----------------------------------------------------------------------------- counts
def test_there_are_eleven_competencies_numbered_c1_to_c11():
    keys = [competency(n)["key"] for n in range(1, 12)]
    assert keys == COMPETENCIES
    assert [competency(n)["number"] for n in range(1, 12)] == list(range(1, 12))
    assert all(competency(n)["framework"] == "wcc-2009" for n in range(1, 12))


def test_each_competency_has_sub_competencies_a_b_c_making_33():
    subs = [(n, s["key"]) for n in range(1, 12) for s in competency(n)["subcompetencies"]]
    assert len(subs) == 33
    for n in range(1, 12):
        assert [s["key"] for s in competency(n)["subcompetencies"]] == ["a", "b", "c"]


def test_sub_competency_titles_match_the_chapter_3_table():
    rows = {}
    for line in section("Sub-competencies for each competency", "Using a consistent methodology, a number of key materials will then be reviewed by a team of analysts, along with metrics from nationally defined datasets and results from surveys including the feedback survey and public perception survey. The list of documents and data sources used has been refreshed for Year 2 and is limited to those which will provide most value. The supporting evidence and subsequent analysis will be used to provide a briefing to the panel, in advance of the panel day, highlighting where criteria have been met and suggesting key areas of questioning or points of enquiry."):
        m = re.match(r"^Competency (\d+)\t(.*)$", line)
        if m:
            rows[int(m.group(1))] = m.group(2).split("\t")
    assert len(rows) == 11
    for n in range(1, 12):
        assert [s["title"] for s in competency(n)["subcompetencies"]] == rows[n]


def test_competency_titles_summaries_and_short_titles_are_the_handbooks():
    table = handbook()[handbook().index("The 11 competencies"):]
    for n in range(1, 12):
        data = competency(n)
        assert normalise(f"Competency {n} {data['title']} {data['summary']}") in handbook(), data["key"]
        assert f"{n:02d} {data['short_title'].casefold()}" in table.casefold(), data["key"]


def test_governance_titles_and_descriptions_are_the_handbooks():
    for comp in GOVERNANCE_KEYS:
        for sub in component(comp)["subcomponents"]:
            assert normalise(sub["title"]) in handbook(), f"{comp}.{sub['key']}"
            assert sub["description"], f"{comp}.{sub['key']}"
            for line in sub["description"]:
                assert normalise(line) in handbook(), f"{comp}.{sub['key']}: {line}"


def test_every_sub_competency_has_criteria_at_levels_2_3_and_4_and_none_at_level_1():
    for n in range(1, 12):
        for sub in competency(n)["subcompetencies"]:
            levels = {c["level"] for c in sub["criteria"]}
            assert levels == {2, 3, 4}, f"C{n}{sub['key']}: levels {sorted(levels)}"
            ordered = [c["level"] for c in sub["criteria"]]
            assert ordered == sorted(ordered), f"C{n}{sub['key']}: criteria not in level order"


def test_there_are_sixteen_governance_sub_components_with_the_fixed_keys():
    found = {comp: [s["key"] for s in component(comp)["subcomponents"]] for comp in GOVERNANCE_KEYS}
    assert found == GOVERNANCE_KEYS
    assert sum(len(v) for v in found.values()) == 16
    assert [component(c)["key"] for c in GOVERNANCE_KEYS] == list(GOVERNANCE_KEYS)


def test_every_governance_sub_component_has_red_amber_and_green_lines():
    for comp in GOVERNANCE_KEYS:
        for sub in component(comp)["subcomponents"]:
            ratings = [c["rating"] for c in sub["criteria"]]
            assert set(ratings) == {"red", "amber", "green"}, f"{comp}.{sub['key']}"
            order = {"red": 0, "amber": 1, "green": 2}
            assert ratings == sorted(ratings, key=order.get), f"{comp}.{sub['key']}: not red, amber, green"


def test_every_criteria_line_carries_its_flags_as_booleans():
    for where, c in all_criteria():
        for flag in ("inferred", "level_inferred", "panel"):
            assert isinstance(c[flag], bool), f"{where}: {flag}"
        assert c["text"].strip() == c["text"] and c["text"], where


# ----------------------------------------------------------------------------- wording
def test_every_criteria_line_is_the_handbooks_wording():
    # No exceptions are needed: a line built from nested bullets joins its stem and items with
    # " – ", which normalises to the flattened text of the handbook.
    missing = [f"{where}: {c['text']}" for where, c in all_criteria() if normalise(c["text"]) not in handbook()]
    assert missing == []


def test_a_joined_line_is_its_stem_and_items():
    joined = 0
    for where, c in all_criteria():
        if "items" in c:
            joined += 1
            assert len(c["items"]) >= 1, where
            assert c["text"] == c["stem"] + " – " + " – ".join(c["items"]), where
    assert joined > 50


def appendix_ii_blocks() -> dict[str, str]:
    """The handbook's flattened criteria text per sub-competency, level 1 cell dropped."""
    lines = section("II. Competencies – sub-competencies and criteria for each level",
                    "III. Governance – sub-components and criteria for each level")
    blocks, comp, key, buf = {}, None, None, []

    def flush():
        if key:
            text = "\n".join(buf)
            blocks[key] = normalise(text.split("Does not meet Level 2 requirements", 1)[1])

    for line in lines:
        m = re.match(r"^Competency (\d+)\b", line)
        if m or line in ("A", "B", "C") or line.startswith("* For example"):
            flush()
            buf = []
            key = None
            if m:
                comp = int(m.group(1))
            elif line in ("A", "B", "C"):
                key = f"C{comp}{line.lower()}"
            continue
        if re.match(r"^\|[-|]+\|$", line):  # markdown table rule
            continue
        buf.append(line)
    flush()
    return blocks


def test_appendix_ii_is_transcribed_whole_and_in_order():
    blocks = appendix_ii_blocks()
    assert len(blocks) == 33
    for n in range(1, 12):
        for sub in competency(n)["subcompetencies"]:
            key = f"C{n}{sub['key']}"
            # the block also holds the sub-competency title, which comes first
            expected = blocks[key].removeprefix(normalise(sub["title"])).strip()
            got = " ".join(normalise(c["text"]) for c in sub["criteria"])
            assert got == expected, key


def test_each_governance_rating_column_is_transcribed_contiguously():
    for comp in GOVERNANCE_KEYS:
        for sub in component(comp)["subcomponents"]:
            by_rating = {r: " ".join(normalise(c["text"]) for c in sub["criteria"] if c["rating"] == r)
                         for r in ("red", "amber", "green")}
            if sub["key"] == "initiatives":  # bullet lists under Red / Amber / Green headings
                whole = f"Red {by_rating['red']} Amber {by_rating['amber']} Green {by_rating['green']}"
            else:  # one table row: red, amber and green cells side by side
                whole = f"{by_rating['red']} {by_rating['amber']} {by_rating['green']}"
            assert whole in handbook(), f"{comp}.{sub['key']}"


SPOT_CHECKS = [
    ("C1", "a", 2, "Key stakeholders somewhat agree that the PCT is the local leader of the NHS"),
    ("C1", "b", 4, "The PCT has: – Led and implemented system-wide change – Impacted and informed other local commissioners and local partners"),
    ("C1", "c", 4, "PCT commissioning staff are motivated and excited with the roles that they adopt"),
    ("C2", "b", 3, "Shared posts have effective governance and joint accountability"),
    ("C2", "c", 4, "Key stakeholders strongly agree that the PCT is an effective partner in delivering health and well-being improvements for the local population"),
    ("C3", "b", 2, "The public and patients somewhat agree that the local NHS listens to the views of local people and acts in their interest"),
    ("C4", "c", 2, "The PCT has robust processes in place to ensure: – Decisions on PBC plans and business cases are communicated within 8 weeks – Perceived 'conflict of interest' issues are addressed"),
    ("C5", "c", 3, "The PCT regularly benchmarks itself against national targets and peer PCTs on: – Local health needs status – Priority health outcomes"),
    ("C6", "a", 3, "PCT scenarios are on an individual/case basis, identifying specific treatments or interactions required (particularly for high cost or high usage individuals or groups)"),
    ("C6", "c", 3, "Financial scenario planning is undertaken regularly (6–12 months) and there is clear rationale for changes in investment and disinvestment decisions by financial scenario (based upon degree of health outcome gain)"),
    ("C7", "c", 2, "The PCT is fulfilling its legal responsibility for choice of elective care"),
    ("C9", "b", 2, "The PCT rigorously prepares for all contract negotiations establishing: – A service specification and price – The best alternative to a negotiated agreement (BATNA) – A negotiation strategy – Negotiation team roles"),
    ("C10", "a", 3, "Data is no more than six weeks old and is proactively discussed with providers"),
    ("C10", "c", 4, "Required improvements are always delivered"),
    ("C11", "c", 2, "The PCT defines a set of initiatives to deliver the identified efficiency and effectiveness opportunities"),
    ("strategy", "vision_and_goals", "amber", "The vision is underpinned by some analytical research into needs/priorities (e.g. disease incidence rates)"),
    ("strategy", "initiatives", "green", "Initiatives: – Address the overall PCT vision – Are focused, limited in number and prioritised"),
    ("strategy", "board_challenge", "red", "The Chair and NEDs cannot – Name and explain the PCT's vision, goals and initiatives – Explain how the vision addresses the highest priority health needs of the local population"),
    ("finance", "historical", "red", "For 06/07 and 07/08, the PCT's end-of-year outturn was >1.0%* different from SHA expectations"),
    ("finance", "scenarios", "green", "The PCT has a plan that: – Details how it will break even under all financial scenarios for each of the next five years – Is credible"),
    ("board", "information", "amber", "PCT board reports and provider performance and quality reports do not consistently provide actionable data of a timely and accurate nature"),
    ("board", "performance", "green", "The PCT is: – Delivering on all existing 'Vital Signs' commitments – On trajectory or meeting all of 'Vital Signs' Tier 1 indicators"),
    ("board", "interaction", "green", "The board can speak of the trade-offs made in prioritisation and the rationale for the priorities based on a consistent set of criteria"),
]


@pytest.mark.parametrize("element, sub, level, text", SPOT_CHECKS)
def test_spot_check_lines_are_present_verbatim_at_their_level(element, sub, level, text):
    assert normalise(text) in handbook(), "the spot check itself is not the handbook's wording"
    if element.startswith("C"):
        subs = {s["key"]: s for s in competency(int(element[1:]))["subcompetencies"]}
        lines = [c["text"] for c in subs[sub]["criteria"] if c["level"] == level]
    else:
        subs = {s["key"]: s for s in component(element)["subcomponents"]}
        lines = [c["text"] for c in subs[sub]["criteria"] if c["rating"] == level]
    assert text in lines


# ----------------------------------------------------------------------------- flags
def test_lines_split_from_a_flattened_cell_are_marked_inferred_and_bullets_are_not():
    c1a = competency(1)["subcompetencies"][0]["criteria"]
    assert [c["inferred"] for c in c1a if c["level"] == 2] == [False, True, True, True, True]
    c2a = competency(2)["subcompetencies"][0]["criteria"]
    assert not any(c["inferred"] for c in c2a)  # every line of C2a is its own "- " bullet


def test_levels_are_explicit_for_competency_1_tables_and_inferred_for_the_flattened_lists():
    for n in range(1, 12):
        for sub in competency(n)["subcompetencies"]:
            flags = {c["level_inferred"] for c in sub["criteria"]}
            assert flags == ({False} if n == 1 else {True}), f"C{n}{sub['key']}"
    for comp in GOVERNANCE_KEYS:
        for sub in component(comp)["subcomponents"]:
            assert not any(c["level_inferred"] for c in sub["criteria"])


def test_what_the_chair_and_neds_or_board_members_can_say_is_judged_on_the_panel_day():
    for where, c in all_criteria():
        if re.match(r"(The Chair and NEDs can|Board members can)", c["text"]):
            assert c["panel"], where
    panel = [c["text"] for _, c in all_criteria() if c["panel"]]
    assert len(panel) >= 7


def test_survey_anchored_levels_follow_somewhat_agree_agree_strongly_agree():
    """Where a key-stakeholder statement appears, its strength matches the inferred level."""
    strength = {"somewhat agree": 2, "agree to some extent": 2, "agree": 3, "strongly agree": 4}
    checked = 0
    for n in range(1, 12):
        for sub in competency(n)["subcompetencies"]:
            for c in sub["criteria"]:
                m = re.match(r"^(Key stakeholders|The public and patients|The local population) (somewhat agree|strongly agree|agree to some extent|agree) ", c["text"])
                if m:
                    checked += 1
                    assert c["level"] == strength[m.group(2)], f"C{n}{sub['key']}: {c['text']}"
    assert checked >= 20


# ----------------------------------------------------------------------------- evidence
def test_every_document_type_of_the_submission_format_is_listed_in_order():
    assert [d["key"] for d in framework()["document_types"]] == DOCUMENT_TYPES


def test_document_counts_and_limits_follow_the_handbook():
    docs = {d["key"]: d for d in framework()["document_types"]}
    assert (docs["contracting_process_form"]["min_count"], docs["contracting_process_form"]["max_count"]) == (3, 3)
    assert docs["pathway_description"]["max_count"] == 3 and docs["pathway_description"]["max_pages"] == 5
    assert (docs["provider_performance_report"]["min_count"], docs["provider_performance_report"]["max_count"]) == (1, 2)
    assert docs["non_prescribed"]["max_count"] == 3 and docs["non_prescribed"]["requires_comment"]
    assert framework()["max_signposted_documents"] == 6
    assert framework()["max_non_prescribed"] == 3


def test_no_usual_name_belongs_to_two_document_types():
    owners: dict[str, str] = {}
    for d in framework()["document_types"]:
        for name in d["usual_names"]:
            assert owners.setdefault(name.casefold(), d["key"]) == d["key"], name


def test_documents_index_feeds_match_appendix_iv():
    columns = COMPETENCIES + ["strategy", "finance", "board"]
    lines = section("IV. Documents index", "V. Competencies – supporting evidence")
    rows = [line.split("\t") for line in lines if line.count("\t") == 14 and "●" in line]
    feeds = [[columns[i - 1] for i, cell in enumerate(row) if cell.strip() == "●"] for row in rows]
    prescribed = [d for d in framework()["document_types"] if d["key"] not in ("non_prescribed", "local_outcome_dataset")]
    assert [d["feeds"] for d in prescribed] == feeds


def test_supporting_evidence_names_only_known_document_types():
    known = set(DOCUMENT_TYPES)
    for n in range(1, 12):
        for sub in competency(n)["subcompetencies"]:
            assert set(sub["documents"]) <= known, f"C{n}{sub['key']}"
    for comp in GOVERNANCE_KEYS:
        for sub in component(comp)["subcomponents"]:
            assert set(sub["documents"]) <= known, f"{comp}.{sub['key']}"


# Appendix VI names the strategic plan as evidence for three board sub-components although
# appendix IV's strategic plan row has no mark in the Board column: the handbook disagrees
# with itself, and both are transcribed as printed.
APPENDIX_IV_VI_DISAGREEMENTS = {("board", "organisation", "strategic_plan"), ("board", "delegation", "strategic_plan"),
                                ("board", "interaction", "strategic_plan")}


def test_supporting_evidence_agrees_with_the_documents_index():
    feeds = {d["key"]: set(d["feeds"]) for d in framework()["document_types"]}
    disagreements = set()
    for n in range(1, 12):
        for sub in competency(n)["subcompetencies"]:
            for doc in sub["documents"]:
                if f"C{n}" not in feeds[doc]:
                    disagreements.add((f"C{n}", sub["key"], doc))
    for comp in GOVERNANCE_KEYS:
        for sub in component(comp)["subcomponents"]:
            for doc in sub["documents"]:
                if comp not in feeds[doc]:
                    disagreements.add((comp, sub["key"], doc))
    assert disagreements == APPENDIX_IV_VI_DISAGREEMENTS


def test_the_six_stakeholder_statements_and_the_competencies_they_feed():
    statements = framework()["survey_statements"]
    assert [s["question"] for s in statements] == [f"q{i}" for i in range(1, 7)]
    assert [s["competencies"] for s in statements] == [["C1"], ["C1"], ["C2"], ["C2"], ["C3"], ["C4"]]
    chapter4 = section("PCT feedback survey", "Stakeholder respondents nomination form")
    listed = [normalise(line) for line in chapter4 if line.startswith("- ") and "(Competency" in line]
    assert len(listed) == 6
    for s, line in zip(statements, listed):
        assert line.casefold().startswith(normalise(s["text"]).casefold()), s["question"]
        assert line.endswith(f"(Competency {s['competencies'][0][1:]});") or line.endswith(f"(Competency {s['competencies'][0][1:]}).")
    fed = {f"C{n}{sub['key']}": sub["stakeholder_questions"] for n in range(1, 12) for sub in competency(n)["subcompetencies"]}
    for s in statements:
        assert fed[s["subcompetencies"][0]] == [s["question"]]
    assert sum(len(q) for q in fed.values()) == 6


# ----------------------------------------------------------------------------- outcomes
def appendix_i_refs() -> list[str]:
    lines = section("I. Outcome metrics", "II. Competencies – sub-competencies and criteria for each level")
    refs = []
    for line in lines:
        refs += [f.strip() for f in line.split("\t") if re.fullmatch(r"\d+[ab]?", f.strip())]
    return refs


def test_every_outcome_metric_ref_of_appendix_i_is_present_once():
    expected = appendix_i_refs()
    assert len(expected) == len(set(expected)) and {"1a", "1b", "2a", "2b", "63"} <= set(expected)
    assert [m["ref"] for m in outcomes()["metrics"]] == expected


def test_the_national_outcomes_are_the_for_all_pcts_rows():
    lines = section("I. Outcome metrics", "II. Competencies – sub-competencies and criteria for each level")
    start = next(i for i, line in enumerate(lines) if line.startswith("For all PCTs"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Birth\t"))
    expected = [f.strip() for line in lines[start:end] for f in line.split("\t") if re.fullmatch(r"\d+[ab]?", f.strip())]
    data = outcomes()
    assert data["national"] == expected == ["1a", "1b", "2a", "2b"]
    assert [m["ref"] for m in data["metrics"] if m["national"]] == expected
    assert data["max_outcomes"] == 10 and data["max_local_defined"] == 3 and data["aspiration_years"] == 5


def test_metric_names_and_definitions_are_the_handbooks():
    for m in outcomes()["metrics"]:
        assert normalise(m["name"]) in handbook(), m["ref"]
        assert normalise(m["definition"]) in handbook(), m["ref"]
        assert isinstance(m["higher_is_better"], bool), m["ref"]
        assert m["area"], m["ref"]


def test_metric_polarity_spot_checks():
    polarity = {m["ref"]: m["higher_is_better"] for m in outcomes()["metrics"]}
    assert polarity["3"] is False  # infant mortality
    assert polarity["7"] is True  # breastfeeding
    assert polarity["2a"] is True  # life expectancy
    assert polarity["1a"] is False  # slope index of inequality
    assert polarity["39"] is True  # seen within four hours in A&E


def test_locally_defined_outcome_conditions_use_the_submission_keys():
    conditions = outcomes()["local_defined_conditions"]
    assert [c["key"] for c in conditions] == CONDITION_KEYS
    for c in conditions:
        assert normalise(c["text"]) in handbook(), c["key"]
