#!/usr/bin/env python3
"""Open answers whose term counts are known by construction, for
tests/cli_openans.sh.

  python3 tests/openans_gen.py gen DIR      writes DIR/{fi,sv,en}.csv, the
      expected keywords DIR/{fi,sv,en}.expected.csv and DIR/names.txt (every
      name form written into an answer, one a line)
  python3 tests/openans_gen.py check KEYWORDS.csv EXPECTED.csv
      compares kysely's keywords.csv with the expected rows: the same
      (grouping, group, term, n_answers, pct_answers) rows, ordered by
      n_answers then term within each group, every example an answer of the
      group that uses the term in one of its forms and holds no name.

Each answer is built from chosen terms (each in a randomly chosen inflected
form), stop words, numbers and people's names; a term's count in a group is
the number of the group's answers it was put into.  Nothing here asks
Voikko or Snowball: which forms belong to one term is written below by hand.
"""
import csv
import random
import sys

MIN_N = 5

# term -> its forms (the first is the most frequent one written for the
# Snowball languages, whose terms are shown by their most frequent form)
FI_TERMS = {
    "palvelu": ["palvelu", "palvelun", "palveluja", "palveluista", "palveluun", "palvelut"],
    "neuvola": ["neuvola", "neuvolassa", "neuvolan", "neuvolaan"],
    "jono": ["jono", "jonot", "jonossa", "jonoja"],
    "odotusaika": ["odotusaika", "odotusajat", "odotusajan"],
    "kiitos": ["kiitos", "kiitoksia", "kiitokset"],
    "hyvä": ["hyvä", "hyvää", "hyviä"],
    # a place name that Voikko knows as a surname too: a place (kept) in the
    # inessive, elative and illative, a name (masked) in other cases
    "Kokkola": ["Kokkolassa", "Kokkolasta", "Kokkolaan"],
}
FI_STOP = ["ja", "on", "oli", "että", "myös", "kun", "mutta", "ei"]
# names in inflected forms; each item is one run of name words
FI_NAMES = ["Maijalle", "Maija Virtaselle", "Virtasen", "Korhoselle", "Pekalle", "Liisalle",
            "Mäkiselle", "maijalle", "virtaselle", "Anna Virtanen", "Heikkilälle", "Kokkolalle",
            "Matille", "Niemiselle"]
SV_TERMS = {
    "personal": ["personal", "personalen", "personalens"],
    "väntetid": ["väntetid", "väntetiden", "väntetider"],
    "mottagning": ["mottagning", "mottagningen", "mottagningar"],
}
SV_STOP = ["och", "är", "att", "det", "inte", "som", "med"]
SV_NAMES = ["Anna Lindqvist", "Eriks", "Karin Johansson", "Maija"]
EN_TERMS = {
    "appointment": ["appointment", "appointments"],
    "waiting": ["waiting", "wait", "waited"],
    "staff": ["staff"],
    "nurse": ["nurse", "nurses"],
}
EN_STOP = ["the", "and", "was", "to", "it", "very", "with"]
EN_NAMES = ["John", "Mary's", "Sarah Connor", "Smith"]
TITLE_PHRASES = {   # a title, then a name that only the title reveals
    "fi": [("hoitaja", "Liisa"), ("lääkäri", "Korhonen")],
    "sv": [("sjuksköterskan", "Britt")],
    "en": [("Dr", "Smith"), ("nurse", "Jane")],
}
# group: answers; B is small (threshold min_n), C and D are hidden and pooled
GROUPS = [("A", 60), ("B", 12), ("C", 3), ("D", 3)]


def answer(rng, terms, stop, names, titles, used_names, title_term):
    k = rng.randint(1, 3)
    chosen = rng.sample(sorted(terms), k)
    words, written = [], []
    for t in chosen:
        forms = terms[t]
        f = forms[0] if rng.random() < 0.6 else rng.choice(forms)
        words.append(f)
        written.append(t)
    out = []
    for i, w in enumerate(words):
        if i:
            out.append(rng.choice(stop))
        out.append(w)
    if rng.random() < 0.5:   # a name after a stop word, never next to a term
        n = rng.choice(names)
        used_names.add(n)
        out += [rng.choice(stop), n, rng.choice(stop)]
        out.append(rng.choice(stop))
    if rng.random() < 0.2 and titles:   # a title and the name it reveals
        title, n = rng.choice(titles)
        used_names.add(n)
        out += [rng.choice(stop), title, n]
        if title_term(title) and title_term(title) not in written:
            written.append(title_term(title))
    if rng.random() < 0.3:
        out += [rng.choice(stop), str(rng.randint(2, 2030))]
    text = " ".join(out)
    text = text[0].upper() + text[1:] + "."
    return text, set(written)


def make(path, lang, terms, stop, names, seed, extra=None):
    rng = random.Random(seed)
    titles = TITLE_PHRASES[lang]
    # a title is a word like any other: counted as a term
    term_of_title = {"hoitaja": "hoitaja", "lääkäri": "lääkäri",
                     "sjuksköterskan": "sjuksköterskan", "Dr": "dr", "nurse": "nurse"}

    def title_term(t):
        return term_of_title.get(t)
    used = set()
    rows = []
    likert = {"fi": ["Samaa mieltä", "Eri mieltä", "Täysin samaa mieltä"],
              "sv": ["Instämmer", "Instämmer inte", "Instämmer helt"],
              "en": ["Agree", "Disagree", "Strongly agree"]}[lang]
    for g, n in GROUPS:
        for i in range(n):
            if i % 7 == 3 and rows and rows[-1][0] == g:   # some answers given twice
                rows.append([g, likert[i % 3], rows[-1][2], rows[-1][3]])
                continue
            text, written = answer(rng, terms, stop, names, titles, used, title_term)
            rows.append([g, likert[i % 3], text, written])
    if extra:   # answers in another language (guessed from their function words)
        for g, text, written in extra:
            rows.append([g, likert[0], text, written])
    head = {"fi": ["Ryhmä", "Olen tyytyväinen palveluun", "Mitä muuta haluat sanoa?"],
            "sv": ["Grupp", "Jag är nöjd med servicen", "Vad vill du säga?"],
            "en": ["Group", "I am satisfied with the service", "What else would you say?"]}[lang]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        for r in rows:
            w.writerow(r[:3])
    return head, rows, used


def fmt(x):
    s = "%.15g" % x
    return s


def expected(head, rows, terms_forms, snowball, pool_name):
    """Rows of keywords.csv by construction."""
    # the displayed text of a Snowball term: its most frequent written form
    display = {}
    if snowball:
        for t, forms in terms_forms.items():
            counts = {}
            for r in rows:
                low = r[2].lower()
                for word in low.replace(".", " ").split():
                    if word in forms:
                        counts[word] = counts.get(word, 0) + 1
            if counts:
                display[t] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))[0][0]
    sizes = {}
    for r in rows:
        sizes[r[0]] = sizes.get(r[0], 0) + 1
    hidden = {g for g, n in sizes.items() if n < MIN_N}
    assert len(hidden) != 1
    groups = [("*", "*", rows)]
    order = [g for g, _ in GROUPS]
    for g in order:
        if g not in hidden:
            groups.append((head[0], g, [r for r in rows if r[0] == g]))
    pool = [r for r in rows if r[0] in hidden]
    if pool and len(pool) >= MIN_N:
        groups.append((head[0], pool_name, pool))
    out = []
    for grouping, group, rs in groups:
        n = len(rs)
        thr = 2 if n >= 4 * MIN_N else max(2, MIN_N)
        counts = {}
        for r in rs:
            for t in r[3]:
                counts[t] = counts.get(t, 0) + 1
        shown = [(display.get(t, t), c) for t, c in counts.items() if c >= thr]
        shown.sort(key=lambda tc: (-tc[1], tc[0].encode()))
        for t, c in shown:
            out.append([grouping, group, t, str(c), fmt(100.0 * c / n)])
    return out


def gen(d):
    all_names = set()
    # in the Finnish export these two are Swedish (by their function
    # words): "personal" and "väntetid" by the Swedish stemmer; "bra" and
    # "svårt" are words there too
    sv_in_fi = [("A", "Personalen är bra och det är inte svårt.", {"personal", "bra", "svår"}),
                ("A", "Personalen och väntetiden är det som är bra.",
                 {"personal", "väntetid", "bra"})]
    fi_terms = dict(FI_TERMS)
    for lang, terms, stop, names, seed, extra, snow, pool in [
            ("fi", fi_terms, FI_STOP, FI_NAMES, 24, sv_in_fi, False,
             "Muut ryhmät tai ryhmä puuttuu"),
            ("sv", SV_TERMS, SV_STOP, SV_NAMES, 25, None, True,
             "Övriga grupper eller grupp saknas"),
            ("en", EN_TERMS, EN_STOP, EN_NAMES, 26, None, True,
             "Other groups or no group given")]:
        head, rows, used = make("%s/%s.csv" % (d, lang), lang, terms, stop, names, seed, extra)
        all_names |= used
        forms = dict(terms)
        forms.update({"hoitaja": ["hoitaja"], "lääkäri": ["lääkäri"],
                      "sjuksköterskan": ["sjuksköterskan"], "dr": ["dr"]})
        if lang == "fi":
            forms.update({"personal": ["personalen"], "väntetid": ["väntetiden"],
                          "bra": ["bra"], "svår": ["svårt"]})
        exp = expected(head, rows, forms, snow, pool)
        if lang == "fi":   # the two Swedish answers' stems are shown by their form
            exp = expected_fi_fix(exp)
        with open("%s/%s.expected.csv" % (d, lang), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            for r in exp:
                w.writerow(r)
        with open("%s/%s.forms.csv" % (d, lang), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            for t, fs in forms.items():
                w.writerow([t] + fs)
    with open("%s/names.txt" % d, "w", encoding="utf-8") as f:
        for n in sorted(all_names):
            for word in n.split():   # the name itself, without a genitive
                f.write({"Eriks": "Erik", "Mary's": "Mary"}.get(word, word) + "\n")


def expected_fi_fix(exp):
    shown = {"personal": "personalen", "väntetid": "väntetiden", "svår": "svårt"}
    out = [[g, grp, shown.get(t, t), c, p] for g, grp, t, c, p in exp]
    # re-sort within each group by the displayed text
    res, i = [], 0
    while i < len(out):
        j = i
        while j < len(out) and out[j][:2] == out[i][:2]:
            j += 1
        res += sorted(out[i:j], key=lambda r: (-int(r[3]), r[2].encode()))
        i = j
    return res


def check(keywords, exp_path, forms_path, names_path):
    got = list(csv.reader(open(keywords, encoding="utf-8", newline="")))
    head, got = got[0], got[1:]
    fails = 0
    if head != ["item_id", "item_text", "grouping", "group", "term", "n_answers",
                "pct_answers", "example"]:
        print("FAIL: keywords.csv header", head)
        fails += 1
    exp = list(csv.reader(open(exp_path, encoding="utf-8", newline="")))
    rows = [[r[2], r[3], r[4], r[5], r[6]] for r in got]
    if rows != exp:
        print("FAIL: keywords rows differ from the counts by construction")
        import difflib
        for line in difflib.unified_diff([",".join(r) for r in exp], [",".join(r) for r in rows],
                                         "expected", "kysely", lineterm="", n=1):
            print("   ", line)
        fails += 1
    forms = {}
    for r in csv.reader(open(forms_path, encoding="utf-8", newline="")):
        forms[r[0]] = [f.lower() for f in r[1:]]
    shown_as = {}
    for r in exp:
        for t, fs in forms.items():
            if r[2] == t or r[2] in fs:
                shown_as[r[2]] = fs
    names = [n.strip().lower() for n in open(names_path, encoding="utf-8") if n.strip()]
    for r in got:
        ex = r[7].lower()
        words = ex.replace(".", " ").replace(",", " ").split()
        fs = shown_as.get(r[4], [r[4].lower()])
        if not any(f in words for f in fs):
            print("FAIL: example of %r does not use it: %r" % (r[4], r[7]))
            fails += 1
        for n in names:
            if n in words:
                print("FAIL: example holds the name %r: %r" % (n, r[7]))
                fails += 1
    return fails


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2])
    else:
        sys.exit(1 if check(*sys.argv[2:6]) else 0)
