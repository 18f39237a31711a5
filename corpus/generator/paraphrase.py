"""Paraphrases of the criteria lines, stated as done, as not done, or as only intended.

Three banks of rules and data (phrases/criteria_dev.toml, phrases/criteria_dev2.toml,
phrases/criteria_holdout.toml), each written separately: an assessment is developed
against "dev" and "dev2" and only measured on "holdout". Each bank has its own subject
(how "the PCT" speaks of itself), synonym table, list style, sentence frames for a met
line, plain negative frames and intention frames, and hand-written overrides for lines
the rules would mangle.

A criterion line is flattened (its nested items joined into one sentence), split into
subject and verb phrase, and rendered in the bank's voice; the bank's synonyms are
applied, and any run of more than six words still shared with the line's own text is
broken (a function word swapped, or a bank filler inserted). Every text this module
returns has been checked: it shares at most MAX_SHARED consecutive words with the line,
case and punctuation ignored.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.generator.banks import bank as _bank

MAX_SHARED = 6
BANKS = ("dev", "dev2", "holdout")  # developed against dev and dev2; holdout is only measured

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The words of a text, case and punctuation ignored ("PCT's" is "pct", "s")."""
    return _WORD.findall(text.lower())


def longest_shared_run(a: str, b: str) -> int:
    """The longest run of consecutive words two texts share (case, punctuation ignored)."""
    x, y = words(a), words(b)
    best = 0
    previous = [0] * (len(y) + 1)
    for i in range(1, len(x) + 1):
        current = [0] * (len(y) + 1)
        xi = x[i - 1]
        for j in range(1, len(y) + 1):
            if xi == y[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best = current[j]
        previous = current
    return best


@lru_cache(maxsize=4096)
def _ngrams(text: str, n: int = MAX_SHARED + 1) -> frozenset:
    w = words(text)
    return frozenset(tuple(w[i:i + n]) for i in range(len(w) - n + 1))


def shares_too_much(candidate: str, criterion: str) -> bool:
    grams = _ngrams(criterion)
    w = words(candidate)
    n = MAX_SHARED + 1
    return any(tuple(w[i:i + n]) in grams for i in range(len(w) - n + 1))


def criterion_bank(name: str) -> dict:
    if name not in BANKS:
        raise ValueError(f"unknown paraphrase bank '{name}' (one of {', '.join(BANKS)})")
    return _bank(f"criteria_{name}")


# --- grammar ------------------------------------------------------------------------------

AUX = {"is", "are", "has", "have", "can", "does", "do", "will", "should"}
ADVERBS = {"somewhat", "strongly", "also", "clearly", "actively", "proactively", "rigorously", "formally",
           "regularly", "explicitly", "systematically", "continuously", "effectively", "successfully", "and",
           "constructively", "routinely", "jointly", "always", "both", "still"}
# third-person verbs the criteria use after their subject (the rest are recognised by their subject)
VERBS_3SG = set("""
demonstrates conducts monitors participates understands ensures presents provides fosters works
creates agrees takes coordinates co-ordinates promotes listens disseminates reviews seeks identifies
prioritises assesses uses supports solicits considers defines engages employs generates performs obtains
maintains holds tracks collects analyses improves collects applies builds sets reflects rigorously prepares
involves facilitates determines tests includes allocates measures links aggregates develops models examines benchmarks implements offers consults
shares sorts outlines manages stratifies publishes undertakes commissions evaluates negotiates reports
influences leads recruits drives informs links enables values adopts bases focuses plans runs knows
acts impacts responds manages procures compares matches incorporates makes collates initiates shapes reduces invests disinvests translates challenges refreshes
""".split())
# words that are verbs after the subject but usually nouns further on ("benchmarks and reports")
NOUNISH = set("""benchmarks reports plans links targets models tests measures values uses bases leads runs shares
sets tracks reviews drives needs results supports influences""".split())
PLURAL_VERBS = set("""
agree indicate include occur span provide address carry drive use link receive are have do support
enable reflect show inform agree demonstrate allow contain ensure underpin deliver identify meet set drive process
""".split())
IRREGULAR_BASE = {"has": "have", "is": "be", "are": "be", "does": "do", "focuses": "focus"}
PARTICIPLES_IRREGULAR = {"led", "set", "built", "taken", "made", "shown", "done", "undertaken", "sought", "brought",
                         "put", "run", "begun", "understood", "developed"}


def base_form(verb: str) -> str:
    low = verb.lower()
    if low in IRREGULAR_BASE:
        return IRREGULAR_BASE[low]
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


@dataclass(frozen=True)
class Clause:
    """A criterion line split for rendering: prefix ("For each pathway initiative,"), subject, verb phrase."""

    prefix: str  # may be ""
    subject: str  # "The PCT", "Data", "Key stakeholders"; "" when it could not be split
    pct: bool  # the subject is the PCT itself
    plural: bool
    verb: str  # the finite verb as written ("demonstrates", "has", "can")
    kind: str  # "be" | "have" (possession) | "perfect" | "modal" | "lexical"
    adverbs: str  # adverbs between subject and verb
    rest: str  # everything after the verb
    whole: str  # the flattened sentence


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first[1].isupper() or first[1].isdigit() or "'" in first):
        return text
    return text[:1].lower() + text[1:]


def flatten(text: str, style: str = "and") -> str:
    """One sentence from a line with nested items: 'stem – a – b – c' -> 'stem a, b and c'."""
    parts = [p.strip() for p in text.split(" – ")]
    stem, items = parts[0], [_lower_first(p) for p in parts[1:] if p]
    if not items:
        return stem
    stem = stem.rstrip(":").rstrip()
    if len(items) == 1:
        joined = items[0]
    elif style == "semicolon":
        joined = "; ".join(items[:-1]) + "; and " + items[-1]
    else:
        joined = ", ".join(items[:-1]) + " and " + items[-1]
    return f"{stem} {joined}"


_PCT_SUBJECT = re.compile(r"^(.*?)(?:^|,\s+|\s)(the PCT)\s+(.*)$", re.IGNORECASE)


def split_clause(sentence: str) -> Clause:
    tokens = sentence.split()
    low = [t.lower().strip(",") for t in tokens]
    # the subject runs from the start (or from "the PCT" after an opening phrase) to the first verb
    start = 0
    opens_with_pct = low[:2] == ["the", "pct"]
    for i in range(len(low) - 1):
        if opens_with_pct:
            break
        if low[i] == "the" and low[i + 1] in ("pct", "pct:") and i > 0 and tokens[i - 1].endswith((",", ")")):
            start = i
            break
    for v in range(start + 1, min(len(tokens), start + 15)):
        word = low[v]
        if word in ADVERBS or (word.endswith("ly") and word not in ("supply", "apply", "only")):
            continue
        is_verb = word in AUX or word in VERBS_3SG or (word in PLURAL_VERBS and not low[v - 1] in ("the", "a", "to"))
        if not is_verb or low[v - 1] in ("that", "which", "who"):
            continue
        if word in VERBS_3SG and v + 1 < len(low) and (low[v + 1] in AUX or low[v + 1] in PLURAL_VERBS):
            continue  # a noun: "Quality reports are", "Improvement plans are"
        j = v - 1  # adverbs sit between subject and verb
        while j > start and (low[j] in ADVERBS or low[j].endswith("ly")) and low[j] not in ("supply", "apply"):
            j -= 1
        subject = " ".join(tokens[start:j + 1])
        if not subject:
            break
        adverbs = " ".join(tokens[j + 1:v])
        rest = " ".join(tokens[v + 1:])
        verb = tokens[v].rstrip(",")
        nxt = low[v + 1] if v + 1 < len(low) else ""
        if word in ("is", "are"):
            kind = "be"
        elif word in ("has", "have"):
            after = [w for w in low[v + 1:v + 4] if not (w.endswith("ly") and w not in ("supply", "apply"))]
            nxt = after[0] if after else nxt
            kind = "perfect" if (nxt.endswith("ed") or nxt in PARTICIPLES_IRREGULAR) else "have"
        elif word in ("can", "will", "should"):
            kind = "modal"
        else:
            kind = "lexical"
        plural = word in PLURAL_VERBS and word not in VERBS_3SG or word in ("are", "have", "do")
        if tokens[v].endswith(",") and word in ("has", "is"):  # "The PCT has, and effectively uses, ..."
            break
        pct = bool(re.fullmatch(r"(the )?pct", subject.lower()))
        return Clause(" ".join(tokens[:start]), subject, pct, plural, verb, kind, adverbs, rest, sentence)
    return Clause("", "", False, False, "", "", "", sentence, sentence)


# --- rendering ----------------------------------------------------------------------------


class Renderer:
    """Renders criteria lines in one bank's voice."""

    def __init__(self, name: str):
        self.name = name
        self.data = criterion_bank(name)
        voice = self.data["voice"]
        self.person = voice["person"]  # "we" (first person plural) or "third"
        self.synonyms = {k.lower(): v for k, v in self.data["synonyms"].items()}
        self.function_words = self.data["function_words"]
        keys = sorted(self.synonyms, key=lambda k: (-len(k), k))
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])", re.IGNORECASE)

    # words ---------------------------------------------------------------------------------
    def synonym(self, text: str, variant: int) -> str:
        def swap(match: re.Match) -> str:
            found = match.group(0)
            options = self.synonyms[found.lower()]
            if isinstance(options, str):
                options = [options]
            choice = options[variant % len(options)]
            if found[:1].isupper() and choice[:1].islower() and match.start() == 0:
                choice = choice[:1].upper() + choice[1:]
            return choice
        return self.pattern.sub(swap, text)

    def break_runs(self, text: str, criterion: str, variant: int) -> str:
        """Swap function words or insert fillers until no run of 7+ words is shared."""
        grams = _ngrams(criterion)
        fillers = self.data["fillers"]
        n = MAX_SHARED + 1
        for attempt in range(40):
            units = text.split(" ")
            flat: list[int] = []  # token -> unit index
            tokens: list[str] = []
            for u, unit in enumerate(units):
                for w in words(unit):
                    tokens.append(w)
                    flat.append(u)
            hit = next((i for i in range(len(tokens) - n + 1) if tuple(tokens[i:i + n]) in grams), None)
            if hit is None:
                return text
            span = sorted(set(flat[hit:hit + n]))
            middle = span[len(span) // 2:] + span[:len(span) // 2]
            for u in middle:
                bare = units[u].lower().strip(",;:.()")
                if bare in self.function_words and units[u].strip(",;:.()") == bare:
                    options = self.function_words[bare]
                    options = [options] if isinstance(options, str) else options
                    replacement = options[(variant + attempt) % len(options)]
                    if bare in words(replacement):
                        continue
                    units[u] = units[u].replace(bare, replacement, 1)
                    break
            else:
                u = self._insertion_point(units, span)
                filler = fillers[(variant + attempt) % len(fillers)]
                if u > 0 and units[u - 1].endswith((",", ";", ":")):
                    units.insert(u, f"{filler},")
                elif u > 0:
                    units[u - 1] += ","
                    units.insert(u, f"{filler},")
                else:
                    units.insert(u, f"{filler[:1].upper()}{filler[1:]},")
            text = " ".join(units)
        raise AssertionError(f"could not paraphrase away from: {criterion}")

    @staticmethod
    def _insertion_point(units: list[str], span: list[int]) -> int:
        """Where a filler reads least badly inside a shared run: at a clause or phrase
        boundary, never inside a name ("Local Involvement Networks") or brackets."""
        joints = {"and", "or", "with", "to", "in", "for", "where", "which", "that", "through", "across", "by",
                  "on", "at", "so", "whilst", "while", "including", "particularly"}
        best, best_score = span[len(span) // 2], -99
        middle = (span[0] + span[-1]) / 2
        depth = 0
        opened = {}
        for u in range(0, span[-1] + 1):
            opened[u] = depth
            depth += units[u].count("(") - units[u].count(")")
        for u in span[1:] or span:
            before, here = units[u - 1] if u > 0 else "", units[u]
            score = 0.0
            if before.endswith((",", ";", ":")):
                score += 3
            if here.lower().strip("(,") in joints:
                score += 2
            if here.startswith("("):
                score += 1
            if before[:1].isupper() and here[:1].isupper():
                score -= 5
            if opened.get(u, 0) > 0:
                score -= 4
            if any(c.isdigit() for c in here + before):
                score -= 1
            score -= abs(u - middle) * 0.1
            if score > best_score:
                best, best_score = u, score
        return best

    # grammar -------------------------------------------------------------------------------
    def subject(self, clause: Clause, slots: dict, variant: int) -> tuple[str, bool]:
        """(subject text, is first-person plural)"""
        if clause.pct:
            if self.person == "we":
                return "we", True
            names = self.data["voice"]["self_names"]
            return _fill(names[variant % len(names)], slots), False
        return self.synonym(clause.subject, variant), False

    def _verb_forms(self, clause: Clause, we: bool) -> dict:
        """affirm / negative / base verb groups (without the rest)."""
        voice = self.data["voice"]
        yet = voice["yet"]  # "yet" or "currently"; or a table by clause kind, with a "default"
        if isinstance(yet, dict):
            yet = yet.get(clause.kind, yet["default"])
        adv = (clause.adverbs + " ") if clause.adverbs else ""
        verb = clause.verb.lower()
        plural = we or clause.plural
        if clause.kind == "be":
            be = "are" if plural else "is"
            return {"affirm": f"{adv}{be}", "neg": f"{be} not {yet} {adv}".rstrip(), "base": f"{adv}be".strip()}
        if clause.kind == "perfect":
            have = "have" if plural else "has"
            return {"affirm": f"{adv}{have}", "neg": f"{have} not {yet} {adv}".rstrip(), "base": f"{adv}have".strip()}
        if clause.kind == "modal":
            if verb == "can":
                return {"affirm": f"{adv}can", "neg": f"cannot {yet} {adv}".rstrip(), "base": f"{adv}be able to".strip()}
            return {"affirm": f"{adv}{verb}", "neg": f"{verb} not {yet} {adv}".rstrip(), "base": adv.strip()}
        base = base_form(verb)
        do = "do" if plural else "does"
        affirm = base if plural else verb
        if clause.kind == "have":
            affirm = "have" if plural else "has"
        # a second coordinated verb ("monitors and considers"): put it in the same form
        return {"affirm": f"{adv}{affirm}", "neg": f"{do} not {yet} {adv}{base}", "base": f"{adv}{base}"}

    def _rest(self, clause: Clause, we: bool, base: bool | None = None) -> str:
        """The words after the verb. Coordinated verbs just after it ("monitors and considers")
        take the plural form with `we`, the base form with `base` (after "will", "does not")."""
        base = we if base is None else base
        tokens = clause.rest.split(" ")
        if we or base:
            for i, token in enumerate(tokens):
                bare = token.lower().strip(",")
                if i >= 8 and bare in NOUNISH:
                    continue
                after = tokens[i - 1].lower() if i > 0 else ""
                joined = after.strip(",") in ("and", "or", "to") or (after.endswith(",") and i < 6)
                if (bare in VERBS_3SG or bare in ("has", "is")) and joined:
                    word = token.strip(",")
                    form = {"has": "have", "is": "are" if not base or (we and base is we) else "be"}.get(word, base_form(word))
                    tokens[i] = token.replace(word, form)
        rest = " ".join(tokens)
        if we:
            rest = re.sub(r"\b(the PCT's|its)\b", "our", rest)
            rest = re.sub(r"\bitself\b", "ourselves", rest)
            rest = re.sub(r"\bthe PCT (agenda|business|board|strategy)\b", r"our \1", rest)
            rest = re.sub(r"\bthe PCT\b", "us", rest)
        return rest

    def forms(self, line_id: str, text: str, slots: dict, variant: int) -> dict:
        """The bank's clauses for one line: 'affirm', 'neg' (full sentences, no final stop) and 'future'."""
        override = self.data.get("overrides", {}).get(line_id)
        if override:
            return {k: _fill(v, slots) for k, v in override.items()}
        survey = self.survey_forms(text, slots, variant)
        if survey:
            return survey
        sentence = flatten(text, self.data["voice"]["list_style"])
        clause = split_clause(sentence)
        if not clause.subject:
            whole = self.synonym(sentence, variant).rstrip(".")
            frames = self.data["clause_frames"]
            return {"affirm": frames["affirm"][variant % len(frames["affirm"])].format_map(_Merged(slots, clause=_lower_first(whole))),
                    "neg": frames["neg"][variant % len(frames["neg"])].format_map(_Merged(slots, clause=_lower_first(whole))),
                    "future": frames["future"][variant % len(frames["future"])].format_map(_Merged(slots, clause=_lower_first(whole)))}
        subject, we = self.subject(clause, slots, variant)
        verbs = self._verb_forms(clause, we)
        rest = self._rest(clause, we)
        rest_base = rest if we else self._rest(clause, False, base=True)
        prefix = self.synonym(clause.prefix, variant)
        if prefix and not prefix.endswith(","):
            prefix += ","

        def sentence_of(verb_group: str, base: bool = False) -> str:
            body = self.synonym(f"{verb_group} {rest_base if base else rest}".strip(), variant)
            body = f"{subject} {body}".strip()
            if prefix:
                body = f"{prefix} {body}"
            return body[:1].upper() + body[1:]

        future_verb = f"will {verbs['base']}".strip()
        do_support = clause.kind in ("lexical", "have", "modal")  # "does not yet X and Y": Y in base form too
        return {"affirm": sentence_of(verbs["affirm"]), "neg": sentence_of(verbs["neg"], do_support),
                "future": sentence_of(future_verb, True)}

    def survey_forms(self, text: str, slots: dict, variant: int) -> dict | None:
        match = re.match(r"^(Key stakeholders|The local population|The public and patients) (somewhat |strongly )?"
                         r"agree(?: to some extent)? that (.*)$", text)
        if not match:
            return None
        group, degree, rest = match.groups()
        degree = (degree or "").strip() or ("somewhat" if "to some extent" in text else "plain")
        survey = self.data["survey"]
        who = survey["groups"][group]
        who = _fill(who[variant % len(who)] if isinstance(who, list) else who, slots)
        inner = split_clause(rest)
        if inner.subject:
            subj, we = self.subject(inner, slots, variant)
            verbs = self._verb_forms(inner, we)
            that = f"{subj} {self.synonym(verbs['affirm'] + ' ' + self._rest(inner, we), variant)}"
        else:
            that = self.synonym(rest, variant)
        forms = {}
        for form in ("affirm", "neg", "future_bare"):
            options = survey[form.replace("_bare", "")][degree]
            options = [options] if isinstance(options, str) else options
            forms[form] = options[variant % len(options)].format_map(_Merged(slots, who=who, that=that))
            forms[form] = forms[form][:1].upper() + forms[form][1:]
        return forms

    # statements ----------------------------------------------------------------------------
    def statement(self, line_id: str, text: str, status: str, slots: dict, rng: random.Random) -> str:
        """A paragraph stating the line as met, or (status 'not_met') as not done or only intended."""
        variant = rng.randrange(6)
        slots = _Merged(slots, when=rng.choice(self.data["voice"]["future_months"]))
        forms = self.forms(line_id, text, slots, variant)
        frames = self.data["frames"]
        # with voice.name_keeps_case, a clause opening with the PCT's own name ("Oakley PCT ...") keeps its case
        name = slots["pct"] if self.data["voice"].get("name_keeps_case") else None

        def lower(clause: str) -> str:
            return clause if name and clause.startswith(name) else _lower_first(clause)
        if status != "met" and forms.get("future_bare") and rng.random() < 0.5:
            core = forms["future_bare"]
            tail = rng.choice(frames["not_met_tail"])
        elif status == "met":
            frame = rng.choice(frames["met"])
            core = frame.format_map(_Merged(slots, clause=forms["affirm"], clause_lc=lower(forms["affirm"])))
            tail = rng.choice(frames["met_tail"])
        else:
            if rng.random() < 0.5 or "future" not in forms:
                frame = rng.choice(frames["negative"])
                core = frame.format_map(_Merged(slots, clause=forms["neg"], clause_lc=lower(forms["neg"])))
            else:
                frame = rng.choice(frames["intention"])
                core = frame.format_map(_Merged(slots, clause=forms["future"], clause_lc=lower(forms["future"])))
            tail = rng.choice(frames["not_met_tail"])
        core = _tidy(core)
        if not core.endswith((".", "?", "!")):
            core += "."
        text_out = core[:1].upper() + core[1:]
        if tail:
            text_out += " " + _fill(tail, slots)
        text_out = self.break_runs(text_out, text, variant)
        if shares_too_much(text_out, text):  # break_runs guarantees this; keep the promise checked
            raise AssertionError(f"{line_id}: planted text shares more than {MAX_SHARED} words with the criterion")
        return text_out


class _Merged(dict):
    """Named values first, then the PCT's slots (which may draw fresh values)."""

    def __init__(self, slots, **named):
        super().__init__(named)
        self.slots = slots

    def __missing__(self, key):
        return self.slots[key]


def _fill(template: str, slots) -> str:
    return template.format_map(_Merged(slots))


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).replace(" ,", ",").replace("..", ".").replace(",,", ",")
    text = re.sub(r"\b([Aa])n ([b-df-hj-np-tv-z])", r"\1 \2", text)
    text = re.sub(r"\b([Aa]) ([aeio])", r"\1n \2", text)
    return text


@lru_cache(maxsize=None)
def renderer(name: str) -> Renderer:
    return Renderer(name)
