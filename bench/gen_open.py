#!/usr/bin/env python3
"""gen_open.py - an export with many distinct open answers, for timing the
open-answer analysis (names masked, terms found) in bench/run.sh.

usage: python3 bench/gen_open.py ROWS OUT.csv [--no-open]

Writes a group column, one agreement item and (unless --no-open) an open
question whose answers are all different: 8-25 words each, drawn from about
160 Finnish stems in many inflected forms (most of them real words, some
not, as in typed answers), names, numbers, and now and then a Swedish or
English answer, so that the distinct word forms number in the tens of
thousands, as in real exports.  Deterministic (seeded).
"""
import csv
import random
import sys

STEMS = """palvelu hoitaja lääkäri neuvola jono aika asiakas henkilökunta vastaanotto
puhelin soitto chat sovellus ajanvaraus odotus hoito kotihoito terveysasema sairaala
päivystys resepti laboratorio näyte tulos kokemus tieto ohje apu tuki neuvonta
perhe lapsi vanhempi äiti isä vauva koulu opettaja kuraattori psykologi terapia
mielenterveys päihde kuntoutus fysioterapia liikunta ryhmä kerho toiminta tapahtuma
kunta kylä keskus toimipiste bussi kyyti matka etäisyys parkkipaikka ovi aula
digi verkko sivu lomake viesti sähköposti kirje lasku maksu hinta raha talous
työ työntekijä esihenkilö johto päätös muutos kehitys hanke kokeilu malli prosessi
kirjaus järjestelmä tietokone kone laite ongelma virhe vika häiriö katko viive
nopeus laatu turvallisuus luottamus ystävällisyys kohtelu asenne kiire resurssi
henkilö vuoro yö ilta viikonloppu loma kesä talvi kevät syksy vuosi kuukausi viikko
päivä tunti minuutti hetki kerta""".split()
ENDINGS = ["", "n", "a", "ssa", "sta", "lla", "lta", "lle", "ksi", "na", "t", "ja", "ista",
           "iin", "ille", "issa", "jen", "ni", "si", "mme", "kin", "kaan", "han", "ssakin"]
ADJ = """hyvä huono nopea hidas ystävällinen kiireinen pitkä lyhyt helppo vaikea selkeä
sekava toimiva uusi vanha tärkeä turha kallis halpa mukava ihana kamala""".split()
ADJ_END = ["", "ä", "n", "t", "iä", "mpi", "mmin", "sti", "llä", "ksi"]
VERBS = ["toimi", "auttoi", "odotin", "pääsin", "sain", "soitin", "kävin", "toivoisin",
         "pitäisi", "voisi", "kannattaa", "parani", "heikkeni", "muuttui", "vastasi",
         "kuunteli", "ymmärsi", "hoiti", "ohjasi", "neuvoi", "kesti", "jonotin"]
STOP = ["ja", "on", "oli", "ei", "että", "myös", "kun", "mutta", "se", "niin", "vain",
        "jo", "vielä", "todella", "aina", "kyllä", "ihan", "tosi", "liian", "paljon"]
NAMES = ["Maijalle", "Virtaselle", "Liisa", "Korhonen", "Pekan", "Mäkiselle", "Anna",
         "Matille", "Kaisalle", "Niemelle", "Heikki", "Sannalle"]
SV = ["Personalen är bra och väntetiden var kort.", "Det var svårt att få tid till läkaren.",
      "Tack till sjuksköterskan Karin för hjälpen."]
EN = ["The staff was very kind and the waiting time was short.",
      "It was hard to get an appointment with the doctor.",
      "Thanks to nurse Jane for the help."]
AGREE = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
         "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]


def answer(rng, i):
    r = rng.random()
    if r < 0.03:
        return "%s (%d)" % (rng.choice(SV), i)
    if r < 0.06:
        return "%s (%d)" % (rng.choice(EN), i)
    words = []
    for _ in range(rng.randint(8, 25)):
        x = rng.random()
        if x < 0.35:
            words.append(rng.choice(STOP))
        elif x < 0.7:
            words.append(rng.choice(STEMS) + rng.choice(ENDINGS))
        elif x < 0.82:
            words.append(rng.choice(ADJ) + rng.choice(ADJ_END))
        elif x < 0.95:
            words.append(rng.choice(VERBS))
        elif x < 0.98:
            words.append(rng.choice(NAMES))
        else:
            words.append(str(rng.randint(1, 2030)))
    words.append("#%d" % i)   # every answer different
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    with_open = "--no-open" not in sys.argv
    rng = random.Random(24)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        head = ["Vastaajaryhmä", "Palvelu on toiminut hyvin"]
        if with_open:
            head.append("Mitä muuta haluat sanoa palveluista?")
        w.writerow(head)
        for i in range(rows):
            row = [rng.choice(["Asukas", "Henkilöstö", "Kumppani"]), rng.choice(AGREE)]
            a = answer(rng, i)
            if with_open:
                row.append(a)
            w.writerow(row)


main()
