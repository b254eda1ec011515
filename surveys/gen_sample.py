#!/usr/bin/env python3
"""Writes surveys/asukas-henkilosto-2024.csv: a synthetic impact survey of a
wellbeing services county (9/2024), shaped like a Webropol raw-data export:
semicolon-separated, UTF-8 with BOM, CRLF, one header row of question texts,
answers as option texts.  Deterministic: the same seed gives the same bytes.

    python3 surveys/gen_sample.py            # writes the file beside this script
"""
import os
import random

SEED = 20240917
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "asukas-henkilosto-2024.csv")

IMPACT_Q = ("Kuinka merkittävä vaikutus seuraavilla kehitetyillä palveluilla on ollut "
            "arkeesi tai työhösi?")
IMPACT = ["Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus",
          "Merkittävä vaikutus", "Erittäin merkittävä vaikutus"]
NOT_USED = "En ole käyttänyt"
# (service, staff only, residents' chance of "not used", mean shift)
SERVICES = [
    ("Hyvinvointilähete ja linkkihenkilötoiminta", False, 0.45, 0.2),
    ("Suora puhelinlinja ja chat", False, 0.15, 0.5),
    ("Kirjaamisen kehittäminen", True, 0.0, -0.2),
    ("Digitaaliset palvelut", False, 0.20, 0.3),
    ("Talousneuvola", False, 0.70, 0.0),
    ("Neuvolan kotikäynnit ja imetystuki", False, 0.60, 0.6),
    ("Omaperhe ja Omaolo", False, 0.40, 0.1),
    ("Päiväkeskustoiminta", False, 0.55, 0.4),
    ("Elintapavalmennus", False, 0.50, 0.2),
    ("Muutosvalmennus", True, 0.0, 0.3),
    ("Hoidon jatkuvuus", False, 0.10, -0.1),
    ("Terveys- ja hoitosuunnitelma", False, 0.30, 0.0),
]

AGREE_Q = "Mitä mieltä olet seuraavista väittämistä?"
AGREE = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
         "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]
DONT_KNOW = "En osaa sanoa"
# (statement, mean shift, reversed wording)
STATEMENTS = [
    ("Palvelut ovat helposti saatavilla", 0.2, False),
    ("Sain apua oikeaan aikaan", 0.3, False),
    ("Kehittämistyön tulokset näkyvät arjessa", 0.0, False),
    ("Uusista palveluista on tiedotettu riittävästi", -0.5, False),
    ("Asiointi on muuttunut hankalammaksi", 0.0, True),
]

AREAS = ["Perhepalvelut", "Ikääntyneiden palvelut", "Sosiaali- ja terveyskeskus",
         "Hyvinvoinnin edistäminen"]

INFO_Q = "Mistä olet saanut tietoa uusista palveluista? (voit valita useita)"
INFO = [("Hyvinvointialueen verkkosivut", 0.45), ("Sosiaalinen media", 0.30),
        ("Asiakastiedote tai kirje", 0.25), ("Työntekijältä vastaanotolla", 0.55),
        ("Ystävältä tai läheiseltä", 0.20), ("Paikallislehti", 0.12)]
RANK_Q = "Valitse viisi tärkeintä kehittämiskohdetta ja järjestä ne tärkeysjärjestykseen"
# (target, weight of being picked early)
TARGETS = [("Hoitoon pääsyn nopeus", 3.0), ("Palvelujen saavutettavuus", 2.2),
           ("Digitaaliset palvelut", 1.2), ("Hoidon jatkuvuus", 2.5),
           ("Henkilöstön riittävyys", 2.8), ("Ennaltaehkäisevät palvelut", 1.4),
           ("Asiakkaan osallisuus", 1.0), ("Tiedottaminen", 0.9)]
NPS_Q = ("Kuinka todennäköisesti suosittelisit hyvinvointialueen palveluja läheisellesi? "
         "(0 = en lainkaan todennäköisesti, 10 = erittäin todennäköisesti)")

OPEN_Q = "Mitä muuta haluat sanoa kehittämistyöstä?"
OPEN_ANSWERS = [
    "Chat on ollut todella hyvä lisä, vastaus tulee nopeasti.",
    "Puhelinlinjalle on edelleen vaikea päästä aamuisin; jonotin 40 minuuttia.",
    "Kotikäynnit neuvolasta auttoivat meitä paljon vauvan ensimmäisinä viikkoina.",
    "En tiennyt, että talousneuvola on olemassa. Tiedottamista pitää parantaa!",
    "Kirjaamisen uusi malli säästää aikaa, mutta koulutusta tarvitaan lisää.",
    "Päiväkeskus on äidilleni \"toinen koti\" – kiitos henkilökunnalle.",
    "Omaolo-palvelu ei toiminut mobiilissa.\nJouduin soittamaan kuitenkin.",
    "Hyvä että hoitosuunnitelma tehdään yhdessä; tuntuu että minua kuunnellaan.",
    "Muutosvalmennus oli hyödyllinen, esimies sitoutui myös.",
    "Liian paljon uusia järjestelmiä yhtä aikaa.",
    "Linkkihenkilö auttoi löytämään liikuntaryhmän, olen käynyt siellä nyt puoli vuotta.",
    "Palvelut ovat hajallaan, en tiedä mihin pitäisi ottaa yhteyttä.",
    "Yhteydenottopyyntö: etunimi.sukunimi@example.fi tai 040 123 4567, haluaisin kertoa lisää.",
    "Elintapavalmennuksesta sain konkreettisia vinkkejä; paino on pudonnut 6 kg.",
    "Hoidon jatkuvuus ei ole parantunut, tapaan joka kerta eri lääkärin.",
    "Digipalvelut sopivat minulle, mutta iäkkäät vanhempani eivät osaa käyttää niitä.",
    "Kiitos!",
    "Henkilöstöä on liian vähän, jotta uusia toimintamalleja ehtisi toteuttaa kunnolla.",
    "Moniammatillinen yhteistyö on lisääntynyt – se näkyy asiakastyössä.",
    "Kyselyssä olisi voinut olla vaihtoehto \"en osaa sanoa\" myös palveluista.",
]


def pick_level(rng, mean):
    """A 1..5 answer around MEAN (a respondent's tendency plus the item's)."""
    x = rng.gauss(mean, 0.95)
    return min(5, max(1, int(round(x))))


def main():
    rng = random.Random(SEED)
    groups = ["Asukas"] * 66 + ["Henkilöstö"] * 59
    rng.shuffle(groups)
    header = ["Vastaajanumero", "Vastausaika", "Vastaajaryhmä", "Palvelualue"]
    header += [IMPACT_Q + ":" + s[0] for s in SERVICES]
    header += [AGREE_Q + ":" + s[0] for s in STATEMENTS]
    header += [INFO_Q + ":" + o for o, _ in INFO]
    header += [RANK_Q + ":" + t for t, _ in TARGETS]
    header += [NPS_Q]
    header += [OPEN_Q]
    # the questions added later draw from their own generator, so that the
    # answers of the first columns stay as they were
    rng2 = random.Random(SEED + 1)
    rows = []
    open_left = list(OPEN_ANSWERS)
    minute = 0
    for i, group in enumerate(groups, start=1):
        resident = group == "Asukas"
        minute += rng.randint(3, 170)
        day = 2 + minute // (60 * 24) % 27
        hh, mm = 7 + minute // 60 % 14, minute % 60
        row = [str(i), "%d.9.2024 %d:%02d" % (day, hh, mm), group]
        area_w = [0.35, 0.25, 0.3, 0.1] if resident else [0.25, 0.3, 0.3, 0.15]
        area = rng.choices(AREAS, area_w)[0]
        row.append("" if rng.random() < 0.06 else area)
        tendency = rng.gauss(2.7 if resident else 3.2, 0.6)
        for name, staff_only, p_not_used, shift in SERVICES:
            if resident and staff_only:
                row.append("")                      # not shown to residents
            elif rng.random() < 0.03:
                row.append("")                      # skipped
            elif resident and rng.random() < p_not_used:
                row.append(NOT_USED)
            else:
                row.append(IMPACT[pick_level(rng, tendency + shift) - 1])
        agree_tendency = tendency + 0.6 + rng.gauss(0, 0.3)
        for name, shift, reverse in STATEMENTS:
            if rng.random() < 0.03:
                row.append("")
            elif rng.random() < (0.10 if resident else 0.05):
                row.append(DONT_KNOW)
            else:
                level = pick_level(rng, agree_tendency + shift)
                if reverse:
                    level = min(5, max(1, 6 - level + rng.choice([-1, 0, 0, 1])))
                row.append(AGREE[level - 1])
        # multi-select: 1 when chosen; some skip the question (all empty)
        if rng2.random() < 0.08:
            row += [""] * len(INFO)
        else:
            picks = ["1" if rng2.random() < p * (0.8 if resident else 1.2) else ""
                     for _, p in INFO]
            if not any(picks):
                picks[rng2.randrange(len(INFO))] = "1"
            row += picks
        # ranking: five of eight targets as "1." .. "5."; a few skip it
        if rng2.random() < 0.10:
            row += [""] * len(TARGETS)
        else:
            left = list(range(len(TARGETS)))
            ranks = [""] * len(TARGETS)
            for pos in range(1, 6):
                w = [TARGETS[i][1] * (1.3 if (i == 4 and not resident) else 1.0) for i in left]
                i = rng2.choices(left, w)[0]
                left.remove(i)
                ranks[i] = "%d." % pos
            row += ranks
        # recommendation 0-10
        if rng2.random() < 0.05:
            row.append("")
        else:
            x = rng2.gauss(6.8 + (tendency - 3) * 1.5, 2.0)
            row.append(str(min(10, max(0, int(round(x))))))
        wants_open = open_left and rng.random() < 0.17
        row.append(open_left.pop(0) if wants_open else "")
        rows.append(row)
    with open(OUT, "w", encoding="utf-8-sig", newline="") as f:
        for r in [header] + rows:
            f.write(";".join(quote(c) for c in r) + "\r\n")


def quote(cell):
    if any(ch in cell for ch in ';"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


if __name__ == "__main__":
    main()
