/* lang.c - kysely's own words in Finnish, Swedish and English (ky_lang.h). */
#include <string.h>

#include "ky_lang.h"

static const struct ky_words fi = {
	.code = "fi",
	.x_valid_pct = "% kelvollisista vastauksista",
	.x_diverging = "% kelvollisista vastauksista  (kielteinen ←  → myönteinen)",
	.x_respondents_pct = "% kysymykseen vastanneista",
	.x_mean_ci = "Keskiarvo ja 95 %:n luottamusväli",
	.all = "Kaikki",
	.suppressed = "piilotettu",
	.pct_respondents = "% vastanneista",
	.note_n_bar = "n = kelvolliset vastaukset palkissa",
	.note_scale = "asteikko %s, koodit 1–%zu",
	.note_nonsub = "'%s' erikseen, %% kaikista vastauksista",
	.note_suppressed = "tietosuojan vuoksi ryhmiä, joissa on alle %u vastausta (tai joiden "
			   "tuloksen voisi päätellä muista ryhmistä), ei näytetä",
	.note_means = "piste: keskiarvo, jana: 95 %:n luottamusväli; n = kelvolliset vastaukset",
	.note_choice = "n = kysymykseen vastanneet",
	.rank_level = "%zu. sija",
	.nps_level = { "Arvostelijat (0–6)", "Passiiviset (7–8)", "Suosittelijat (9–10)" },
	.means_title = "Keskiarvot ryhmittäin: %s",
	.title = "Kyselyn tulokset",
	.respondents = "Vastaajia",
	.invited = "Kutsuttuja",
	.response_rate = "vastausprosentti",
	.input = "Aineisto",
	.input_desc = "Tiedosto",
	.sep_semicolon = "erottimena puolipiste",
	.sep_comma = "erottimena pilkku",
	.sep_tab = "erottimena sarkain",
	.sep_pipe = "erottimena pystyviiva",
	.with_bom = "alussa BOM-merkki",
	.groups_by = "Ryhmittely",
	.no_group = "ryhmä puuttuu",
	.audiences_asked = "Samat väittämät kysyttiin vastaajaryhmiltä eri kysymyksin",
	.audiences_blocks = "kukin vastasi oman ryhmänsä kysymyksiin",
	.audiences_exports = "kultakin ryhmältä oma aineisto",
	.scale = "Asteikko",
	.unipolar = "yksisuuntainen",
	.bipolar = "kaksisuuntainen",
	.codes = "koodit",
	.col_item = "Väittämä", .col_group = "Ryhmä", .col_n = "n", .col_mean = "Keskiarvo",
	.col_ci = "95 %:n lv.", .col_median = "Mediaani", .col_top2 = "2 ylintä %",
	.col_nonsub = "Ei kantaa", .col_missing = "Puuttuu", .col_answer = "Vastaus",
	.col_pct_valid = "% kelvollisista", .col_option = "Vaihtoehto",
	.col_pct_resp = "% vastanneista", .col_ranked_pct = "Sijoittaneet %",
	.col_mean_rank = "Keskim. sija", .col_borda = "Borda", .col_test = "Testi",
	.col_groups = "Ryhmät", .col_p_holm = "p (Holm)", .col_effect = "Efektikoko",
	.col_block = "Kysymys", .col_items = "Väittämiä", .col_complete = "Täydellisiä",
	.col_alpha = "Alfa", .col_alpha_std = "Stand. alfa", .col_reversed = "Käännetyt",
	.col_promoters = "Suosittelijat %", .col_passives = "Passiiviset %",
	.col_detractors = "Arvostelijat %", .col_nps = "NPS",
	.no_answer = "(ei vastausta)",
	.nonsub_suffix = " (ei kantaa)",
	.vs = "vs",
	.all_groups = "kaikki ryhmät",
	.sec_other = "Muut kysymykset",
	.sec_differences = "Ryhmien väliset erot",
	.sec_scales = "Summamuuttujat",
	.sec_multiselect = "Monivalinta",
	.sec_ranking = "Järjestäminen",
	.sec_nps = "Suositteluindeksi (NPS)",
	.sec_open = "Avoimet vastaukset",
	.sec_not_analysed = "Sarakkeet, joita ei analysoitu kysymyksinä",
	.sec_warnings = "Varoitukset",
	.sec_method = "Menetelmät",
	.diff_intro = "Järjestystesti ryhmittelyittäin (kaksi ryhmää: Mann–Whitneyn U, useampi: "
		      "Kruskal–Wallis); p-arvot Holm-korjattu kysymyksen väittämien kesken.",
	.diff_none = "Ryhmien välillä ei ole tilastollisesti merkitseviä eroja (Holm-korjattu "
		     "p < 0,05).",
	.diff_more = "Kaikki testit, parivertailut ja efektikoot ovat tiedostossa comparisons.csv.",
	.mw = "Mann–Whitney U",
	.kw = "Kruskal–Wallis H",
	.wrank = "painotettu sijatesti (svyranktest)",
	.effect_word = { "ei käytännössä eroa", "pieni ero", "kohtalainen ero", "suuri ero" },
	.scales_intro = "Cronbachin alfa vastaajista, jotka vastasivat jokaiseen väittämään "
			"(reliability.csv: väittämien korjatut osio–kokonaispistekorrelaatiot ja "
			"alfa ilman väittämää; scales.csv: summapistemäärä ryhmittäin).",
	.multiselect_intro = "Osuus kysymykseen vastanneista; vastaaja voi valita useita.",
	.ranking_intro = "Vaihtoehdot Borda-pisteiden mukaan (sija r K:sta antaa K − r + 1 "
			 "pistettä); sijoittaneiden osuus kysymykseen vastanneista.",
	.nps_intro = "Suosittelijat vastasivat 9–10, passiiviset 7–8 ja arvostelijat 0–6; NPS = "
		     "suosittelijoiden % − arvostelijoiden %, 95 %:n luottamusvälillä.",
	.open_intro = "Kysymyksittäin ja ryhmittäin vastausjärjestyksessä; samanlaiset vastaukset "
		      "kerran, lukumäärä suluissa.",
	.open_masked = "Sähköpostiosoitteet, puhelinnumerot, henkilötunnukset ja henkilöiden nimet "
		       "on peitetty.",
	.open_unmasked = "Henkilötietoja ei ole peitetty (--no-mask).",
	.open_more = "… ja %llu muuta vastausta (ei listattu: yli %d erilaista tekstiä)",
	.others = "Muut ryhmät tai ryhmä puuttuu",
	.other_answers_of = "Muut vastaukset kysymykseen %s. %s",
	.other_answers_in = "Muut vastaukset avoimissa vastauksissa: %s. %s",
	.open_hidden = "%llu vastausta pienistä ryhmistä tai ilman ryhmää jätettiin pois "
		       "tietosuojan vuoksi.",
	.mask_email = "[sähköposti]",
	.mask_phone = "[puhelinnumero]",
	.mask_hetu = "[henkilötunnus]",
	.mask_name = "[nimi]",
	.terms_intro = "Useimmin mainitut sanat perusmuodossaan ryhmittäin: kuinka moni vastaus "
		       "mainitsee sanan jossakin muodossa (täytesanat ja luvut pois). Sana näytetään, "
		       "kun vähintään kaksi vastausta mainitsee sen, pienissä ryhmissä vähintään "
		       "tietosuojarajan verran. Taulukkona: keywords.csv.",
	.col_term = "Sana",
	.col_answers = "Vastauksia",
	.col_pct_answers = "% vastauksista",
	.quotes = "Poimintoja",
	.terms_none = "Mikään sana ei toistu tarpeeksi monessa vastauksessa.",
	.terms_snowball = "Voikko ei ollut käytettävissä: suomenkieliset sanat on yhdistetty "
			  "Snowball-vartalonkatkaisulla, ei perusmuotoon.",
	.all_answers = "Kaikki vastaukset",
	.x_answers_pct = "% vastauksista",
	.note_terms = "sana perusmuodossaan; osuus ryhmän vastauksista, jotka mainitsevat sen",
	.quote_open = "”",
	.quote_close = "”",
	.method = {
		"Tunnusluvut lasketaan kelvollisista vastauksista: kannattomat vastaukset (kuten "
		"”En osaa sanoa” tai ”En ole käyttänyt”) ja tyhjät solut lasketaan, mutta jätetään "
		"pois. Koodit alkavat 1:stä asteikon kielteisestä tai matalimmasta päästä.",
		"Keskiarvo, keskihajonta (n − 1) ja 95 %:n t-luottamusväli; mediaani R:n "
		"kvantiilityypin 7 mukaan; ”2 ylintä %” on kahden ylimmän koodin osuus "
		"kelvollisista vastauksista.",
		"Ryhmiä verrataan Mann–Whitneyn U-testillä (sidokset keskisijoin, "
		"normaaliapproksimaatio jatkuvuuskorjauksella), Welchin t-testillä, "
		"Kruskal–Wallisin H-testillä ja Pearsonin khii toiseen -testillä (harvoille 2 × 2 "
		"-tauluille Fisherin tarkka testi); p-arvot korjataan Holmin ja "
		"Benjaminin–Hochbergin menetelmillä kunkin kysymyksen väittämien kesken.",
		"Efektikoot sanallistetaan näin: järjestyskorrelaatio (rank-biserial) |r| alle 0,1 "
		"ei käytännössä eroa, alle 0,3 pieni, alle 0,5 kohtalainen, muuten suuri; "
		"Kruskal–Wallisin ε² rajoin 0,01, 0,08 ja 0,26; Cohenin d rajoin 0,2, 0,5 ja 0,8; "
		"Cramérin V rajoin 0,1, 0,3 ja 0,5.",
		"Vastaajat, joiden ryhmätieto puuttuu, ovat mukana vain kaikkien vastaajien luvuissa. "
		"Kaikki taulukot: descriptives.csv, frequencies.csv, comparisons.csv, "
		"reliability.csv, scales.csv, multiselect.csv, ranking.csv, nps.csv, summary.json.",
	},
	.method_suppression = "Tietosuoja: ryhmän tulokset piilotetaan, jos ryhmässä on alle %u "
			      "vastausta; samoin piilotetaan ryhmä, jonka tuloksen voisi päätellä "
			      "vähentämällä muut ryhmät kokonaisuudesta.",
	.method_no_suppression = "Pienten ryhmien piilotus on pois käytöstä (--min-n 0).",
	.weighted_front = "Luvut on painotettu (%s). Prosentit, keskiarvot, hajonnat, mediaanit, "
			  "luottamusvälit ja testit ovat painotettuja; n on painottamaton vastaajamäärä.",
	.weights_column = "painot sarakkeesta %s",
	.weights_raked = "vastaajat on vakioitu väestön reunajakaumiin: %s",
	.weights_raked_base = "sarakkeen %s painot vakioitu väestön reunajakaumiin: %s",
	.method_weights = "Painotetut estimaatit vastaavat R:n survey-paketin asetelmaa "
			  "svydesign(ids = ~1, weights = ~w): keskiarvon keskivirhe linearisoituna "
			  "(svymean, osajoukkoestimointi), t-jakauman vapausasteina asetelman degf, "
			  "top-2-osuuden väli logit-muunnoksella (svyciprop), kvartiilit svyquantilen "
			  "oletussäännöllä, ryhmävertailut svyttest, svyranktest (painotetut keskiarvosijat) "
			  "ja svychisq (Rao–Scottin F). Lukumäärät ja pienten ryhmien piilotus perustuvat "
			  "painottamattomiin vastaajamääriin. Reliabiliteetti, summamuuttujat, monivalinnat, "
			  "järjestykset ja NPS ovat painottamattomia.",
	.method_raking = "Painot tehtiin vakioimalla (raking, iteratiivinen suhteutus) vastaajat "
			 "väestön reunajakaumiin muuttujittain %s; iteraatioita %u, painojen summa on "
			 "väestön koko. Keskivirheet lasketaan painoista sellaisinaan: vakioinnin "
			 "pienentävää vaikutusta ei oteta huomioon, joten ne ovat varovaisia.",
	.method_weights_summary = "Painojen vaihteluväli %s–%s, painotuksen asetelmavaikutus "
				  "(Kish) %s ja efektiivinen otoskoko %s.",
	.generated_by = "Tuotettu ohjelmalla kysely",
	.sec_findings = "Keskeiset havainnot",
	.find_none = "Kiinteiden sääntöjen mukaisia havaintoja ei ole.",
	.find_rate = "Vastausprosentti %s (%s vastaajaa %s kutsutusta).",
	.find_highest = "%s – suurin kahden ylimmän vaihtoehdon osuus: ”%s” %s "
			"(keskiarvo %s, 95 %%:n luottamusväli %s–%s, n = %s).",
	.find_lowest = "%s – pienin kahden ylimmän vaihtoehdon osuus: ”%s” %s "
		       "(keskiarvo %s, 95 %%:n luottamusväli %s–%s, n = %s).",
	.find_diff = "”%s”: %s vastasi korkeammin kuin %s (Mann–Whitney, Holm-korjattu p %s; "
		     "%s, r = %s).",
	.find_diff_means = " Keskiarvot %s ja %s.",
	.find_nonsub = "”%s”: %s vastauksista oli ”%s” (%s/%s).",
	.find_change = "”%s” (%s): keskiarvo %s %s → %s (%s → %s; Holm-korjattu p %s).",
	.find_rose = "nousi", .find_fell = "laski",
	.scale_score = "Summapistemäärä",
};

static const struct ky_words sv = {
	.code = "sv",
	.x_valid_pct = "% av giltiga svar",
	.x_diverging = "% av giltiga svar  (negativ ←  → positiv)",
	.x_respondents_pct = "% av dem som besvarade frågan",
	.x_mean_ci = "Medelvärde med 95 % konfidensintervall",
	.all = "Alla",
	.suppressed = "dold",
	.pct_respondents = "% av svarande",
	.note_n_bar = "n = giltiga svar per stapel",
	.note_scale = "skala %s, koder 1–%zu",
	.note_nonsub = "'%s' visas separat, i %% av alla svar",
	.note_suppressed = "för anonymitetens skull visas inte grupper med färre än %u svar (eller "
			   "grupper vars resultat kan räknas fram ur de andra)",
	.note_means = "punkt: medelvärde, linje: 95 % konfidensintervall; n = giltiga svar",
	.note_choice = "n = antal som besvarade frågan",
	.rank_level = "Plats %zu",
	.nps_level = { "Kritiker (0–6)", "Passiva (7–8)", "Ambassadörer (9–10)" },
	.means_title = "Medelvärden per grupp: %s",
	.title = "Enkätresultat",
	.respondents = "Svarande",
	.invited = "Inbjudna",
	.response_rate = "svarsfrekvens",
	.input = "Indata",
	.input_desc = "Fil",
	.sep_semicolon = "semikolonseparerad",
	.sep_comma = "kommaseparerad",
	.sep_tab = "tabbseparerad",
	.sep_pipe = "separerad med lodstreck",
	.with_bom = "med BOM-tecken",
	.groups_by = "Gruppering",
	.no_group = "grupp saknas",
	.audiences_asked = "Samma påståenden ställdes till svarsgrupperna med olika frågor",
	.audiences_blocks = "var och en svarade på sin grupps frågor",
	.audiences_exports = "ett eget dataunderlag per grupp",
	.scale = "Skala",
	.unipolar = "unipolär",
	.bipolar = "bipolär",
	.codes = "koder",
	.col_item = "Påstående", .col_group = "Grupp", .col_n = "n", .col_mean = "Medelvärde",
	.col_ci = "95 % KI", .col_median = "Median", .col_top2 = "Två högsta %",
	.col_nonsub = "Ingen åsikt", .col_missing = "Saknas", .col_answer = "Svar",
	.col_pct_valid = "% av giltiga", .col_option = "Alternativ",
	.col_pct_resp = "% av svarande", .col_ranked_pct = "Rangordnat %",
	.col_mean_rank = "Medelrang", .col_borda = "Borda", .col_test = "Test",
	.col_groups = "Grupper", .col_p_holm = "p (Holm)", .col_effect = "Effektstorlek",
	.col_block = "Fråga", .col_items = "Påståenden", .col_complete = "Kompletta",
	.col_alpha = "Alfa", .col_alpha_std = "Stand. alfa", .col_reversed = "Omvända",
	.col_promoters = "Ambassadörer %", .col_passives = "Passiva %",
	.col_detractors = "Kritiker %", .col_nps = "NPS",
	.no_answer = "(inget svar)",
	.nonsub_suffix = " (ingen åsikt)",
	.vs = "mot",
	.all_groups = "alla grupper",
	.sec_other = "Övriga frågor",
	.sec_differences = "Skillnader mellan grupper",
	.sec_scales = "Summavariabler",
	.sec_multiselect = "Flerval",
	.sec_ranking = "Rangordning",
	.sec_nps = "Rekommendationsindex (NPS)",
	.sec_open = "Öppna svar",
	.sec_not_analysed = "Kolumner som inte analyserades som frågor",
	.sec_warnings = "Varningar",
	.sec_method = "Metod",
	.diff_intro = "Rangtest per gruppering (två grupper: Mann–Whitney U, fler: "
		      "Kruskal–Wallis); p-värden Holm-justerade inom frågan.",
	.diff_none = "Inga statistiskt signifikanta skillnader mellan grupperna (Holm-justerat "
		     "p < 0,05).",
	.diff_more = "Alla test, parjämförelser och effektstorlekar finns i comparisons.csv.",
	.mw = "Mann–Whitney U",
	.kw = "Kruskal–Wallis H",
	.wrank = "viktat rangtest (svyranktest)",
	.effect_word = { "försumbar skillnad", "liten skillnad", "måttlig skillnad",
			 "stor skillnad" },
	.scales_intro = "Cronbachs alfa för svarande som besvarade alla påståenden "
			"(reliability.csv: korrigerad korrelation mellan påstående och totalpoäng "
			"samt alfa utan påståendet; scales.csv: skalpoängen per grupp).",
	.multiselect_intro = "Andel av dem som besvarade frågan; flera val möjliga.",
	.ranking_intro = "Alternativen enligt Borda-poäng (plats r av K ger K − r + 1 poäng); "
			 "andel som rangordnat av dem som besvarade frågan.",
	.nps_intro = "Ambassadörer svarade 9–10, passiva 7–8 och kritiker 0–6; NPS = "
		     "% ambassadörer − % kritiker, med 95 % konfidensintervall.",
	.open_intro = "Per fråga och grupp i svarsordning; likadana svar en gång med antalet "
		      "inom parentes.",
	.open_masked = "E-postadresser, telefonnummer, personbeteckningar och personnamn är "
		       "maskerade.",
	.open_unmasked = "Personuppgifter är inte maskerade (--no-mask).",
	.open_more = "… och %llu svar till (inte listade: över %d olika texter)",
	.others = "Övriga grupper eller grupp saknas",
	.other_answers_of = "Övriga svar på frågan %s. %s",
	.other_answers_in = "Övriga svar bland de öppna svaren: %s. %s",
	.open_hidden = "%llu svar från små grupper eller utan grupp utelämnades av "
		       "anonymitetsskäl.",
	.mask_email = "[e-post]",
	.mask_phone = "[telefonnummer]",
	.mask_hetu = "[personbeteckning]",
	.mask_name = "[namn]",
	.terms_intro = "De oftast nämnda orden i grundform per grupp: hur många svar som nämner "
		       "ordet i någon form (småord och tal utelämnade). Ett ord visas när minst två "
		       "svar nämner det, i små grupper minst anonymitetsgränsen. Som tabell: "
		       "keywords.csv.",
	.col_term = "Ord",
	.col_answers = "Svar",
	.col_pct_answers = "% av svaren",
	.quotes = "Citat",
	.terms_none = "Inget ord återkommer i tillräckligt många svar.",
	.terms_snowball = "Voikko fanns inte: finska ord har förts samman med Snowball-stemming, "
			  "inte till grundform.",
	.all_answers = "Alla svar",
	.x_answers_pct = "% av svaren",
	.note_terms = "ordet i grundform; andel av gruppens svar som nämner det",
	.quote_open = "”",
	.quote_close = "”",
	.method = {
		"Statistiken bygger på giltiga svar: svar utan åsikt (som ”Vet inte” eller ”Har "
		"inte använt”) och tomma celler räknas men utesluts. Koderna börjar från 1 i "
		"skalans negativa eller lägsta ände.",
		"Medelvärde, standardavvikelse (n − 1) och 95 % t-intervall; median enligt R:s "
		"kvantiltyp 7; ”Två högsta %” är andelen giltiga svar i de två högsta koderna.",
		"Grupperna jämförs med Mann–Whitney U (lika värden får medelrang, "
		"normalapproximation med kontinuitetskorrektion), Welchs t-test, Kruskal–Wallis H "
		"och Pearsons chi-två-test (Fishers exakta test för glesa 2 × 2-tabeller); "
		"p-värdena justeras med Holm och Benjamini–Hochberg inom varje fråga.",
		"Effektstorlekarna beskrivs i ord: rang-biseriell |r| under 0,1 försumbar, under 0,3 "
		"liten, under 0,5 måttlig, annars stor; Kruskal–Wallis ε² med gränserna 0,01, 0,08 "
		"och 0,26; Cohens d med 0,2, 0,5 och 0,8; Cramérs V med 0,1, 0,3 och 0,5.",
		"Svarande utan gruppuppgift ingår endast i siffrorna för alla svarande. Alla "
		"tabeller: descriptives.csv, frequencies.csv, comparisons.csv, reliability.csv, "
		"scales.csv, multiselect.csv, ranking.csv, nps.csv, summary.json.",
	},
	.method_suppression = "Anonymitet: en grupps resultat döljs om gruppen har färre än %u "
			      "svar, liksom en grupp vars resultat kan räknas fram genom att dra "
			      "av de andra grupperna från helheten.",
	.method_no_suppression = "Döljandet av små grupper är avstängt (--min-n 0).",
	.weighted_front = "Siffrorna är viktade (%s). Procent, medelvärden, spridningsmått, "
			  "medianer, konfidensintervall och tester är viktade; n är det oviktade "
			  "antalet svarande.",
	.weights_column = "vikter från kolumnen %s",
	.weights_raked = "de svarande har kalibrerats till befolkningens marginaler: %s",
	.weights_raked_base = "kolumnen %s vikter kalibrerade till befolkningens marginaler: %s",
	.method_weights = "De viktade skattningarna motsvarar R-paketet surveys design "
			  "svydesign(ids = ~1, weights = ~w): medelvärdets medelfel genom "
			  "linjärisering (svymean, domänskattning), t-fördelning med designens degf, "
			  "topp-2-andelens intervall på logitskalan (svyciprop), kvartiler med "
			  "svyquantiles standardregel, gruppjämförelser med svyttest, svyranktest "
			  "(viktade medelrang) och svychisq (Rao–Scotts F). Antal och döljandet av små "
			  "grupper bygger på oviktade antal. Reliabilitet, summavariabler, flerval, "
			  "rangordningar och NPS är oviktade.",
	.method_raking = "Vikterna gjordes genom raking (iterativ proportionell anpassning) till "
			 "befolkningens marginaler för %s; %u iterationer, vikterna summerar till "
			 "befolkningens storlek. Medelfelen räknas med vikterna som givna: "
			 "kalibreringens effekt beaktas inte, så de är försiktiga.",
	.method_weights_summary = "Vikterna varierar %s–%s, viktningens designeffekt (Kish) %s "
				  "och effektiv urvalsstorlek %s.",
	.generated_by = "Skapad med kysely",
	.sec_findings = "Viktigaste resultat",
	.find_none = "Inga resultat enligt de fasta reglerna.",
	.find_rate = "Svarsfrekvens %s (%s svarande av %s inbjudna).",
	.find_highest = "%s – störst andel för de två översta alternativen: ”%s” %s "
			"(medelvärde %s, 95 %% konfidensintervall %s–%s, n = %s).",
	.find_lowest = "%s – minst andel för de två översta alternativen: ”%s” %s "
		       "(medelvärde %s, 95 %% konfidensintervall %s–%s, n = %s).",
	.find_diff = "”%s”: %s svarade högre än %s (Mann–Whitney, Holm-justerat p %s; %s, "
		     "r = %s).",
	.find_diff_means = " Medelvärden %s och %s.",
	.find_nonsub = "”%s”: %s av svaren var ”%s” (%s/%s).",
	.find_change = "”%s” (%s): medelvärdet %s %s → %s (%s → %s; Holm-justerat p %s).",
	.find_rose = "ökade", .find_fell = "minskade",
	.scale_score = "Summapoäng",
};

static const struct ky_words en = {
	.code = "en",
	.x_valid_pct = "% of valid answers",
	.x_diverging = "% of valid answers  (negative ←  → positive)",
	.x_respondents_pct = "% of those who answered the question",
	.x_mean_ci = "Mean with 95 % confidence interval",
	.all = "All",
	.suppressed = "suppressed",
	.pct_respondents = "% of respondents",
	.note_n_bar = "n = valid answers per bar",
	.note_scale = "%s scale, codes 1–%zu",
	.note_nonsub = "'%s' shown apart, as %% of all answers",
	.note_suppressed = "for anonymity, groups with fewer than %u answers (and any group that "
			   "would reveal one by subtraction) are not shown",
	.note_means = "dot: mean, line: 95 % confidence interval; n = valid answers",
	.note_choice = "n = those who answered the question",
	.rank_level = "Rank %zu",
	.nps_level = { "Detractors (0–6)", "Passives (7–8)", "Promoters (9–10)" },
	.means_title = "Means by group: %s",
	.title = "Survey results",
	.respondents = "Respondents",
	.invited = "Invited",
	.response_rate = "response rate",
	.input = "Input",
	.input_desc = "File",
	.sep_semicolon = "semicolon-separated",
	.sep_comma = "comma-separated",
	.sep_tab = "tab-separated",
	.sep_pipe = "pipe-separated",
	.with_bom = "with byte-order mark",
	.groups_by = "Grouping",
	.no_group = "no group given",
	.audiences_asked = "The same statements were put to the audiences in different questions",
	.audiences_blocks = "each answered their own group's questions",
	.audiences_exports = "one export per audience",
	.scale = "Scale",
	.unipolar = "unipolar",
	.bipolar = "bipolar",
	.codes = "codes",
	.col_item = "Item", .col_group = "Group", .col_n = "n", .col_mean = "Mean",
	.col_ci = "95 % CI", .col_median = "Median", .col_top2 = "Top-2 %",
	.col_nonsub = "Non-subst.", .col_missing = "Missing", .col_answer = "Answer",
	.col_pct_valid = "% of valid", .col_option = "Option",
	.col_pct_resp = "% of respondents", .col_ranked_pct = "Ranked %",
	.col_mean_rank = "Mean rank", .col_borda = "Borda", .col_test = "Test",
	.col_groups = "Groups", .col_p_holm = "p (Holm)", .col_effect = "Effect size",
	.col_block = "Block", .col_items = "Items", .col_complete = "Complete",
	.col_alpha = "Alpha", .col_alpha_std = "Std. alpha", .col_reversed = "Reversed",
	.col_promoters = "Promoters %", .col_passives = "Passives %",
	.col_detractors = "Detractors %", .col_nps = "NPS",
	.no_answer = "(no answer)",
	.nonsub_suffix = " (non-substantive)",
	.vs = "vs",
	.all_groups = "all groups",
	.sec_other = "Other questions",
	.sec_differences = "Differences between groups",
	.sec_scales = "Multi-item scales",
	.sec_multiselect = "Multi-select",
	.sec_ranking = "Ranking",
	.sec_nps = "Net Promoter Score",
	.sec_open = "Open answers",
	.sec_not_analysed = "Columns not analysed as questions",
	.sec_warnings = "Warnings",
	.sec_method = "Method",
	.diff_intro = "Rank test per grouping (two groups: Mann–Whitney U, more: Kruskal–Wallis); "
		      "p-values Holm-adjusted within each question block.",
	.diff_none = "No item differs between groups at p < 0.05 (Holm-adjusted within each "
		     "question block).",
	.diff_more = "Every test, pair and effect size is in comparisons.csv.",
	.mw = "Mann–Whitney U",
	.kw = "Kruskal–Wallis H",
	.wrank = "weighted rank test (svyranktest)",
	.effect_word = { "negligible difference", "small difference", "medium difference",
			 "large difference" },
	.scales_intro = "Cronbach's alpha on respondents who answered every item (reliability.csv "
			"has each item's corrected item–total correlation and alpha if deleted; "
			"scales.csv the scale score by group).",
	.multiselect_intro = "Share of those who answered the question; several options allowed.",
	.ranking_intro = "Options by Borda score (a rank r of K positions gives K − r + 1 points); "
			 "ranked % of those who answered.",
	.nps_intro = "Promoters answer 9–10, passives 7–8, detractors 0–6; NPS = % promoters − "
		     "% detractors, with a 95 % interval.",
	.open_intro = "Per question and group in the order given; identical answers once, with "
		      "their number in brackets.",
	.open_masked = "E-mail addresses, phone numbers, personal identity codes and people's "
		       "names are masked.",
	.open_unmasked = "Personal data is not masked (--no-mask).",
	.open_more = "… and %llu more answers (not listed: over %d distinct texts)",
	.others = "Other groups or no group given",
	.other_answers_of = "Other answers to question %s. %s",
	.other_answers_in = "Other answers among the open answers: %s. %s",
	.open_hidden = "%llu answers from small groups or without a group are left out for "
		       "anonymity.",
	.mask_email = "[email]",
	.mask_phone = "[phone]",
	.mask_hetu = "[personal id]",
	.mask_name = "[name]",
	.terms_intro = "The words mentioned most often, by base form and group: how many answers "
		       "mention the word in any form (stop words and numbers left out). A word is "
		       "shown when at least two answers mention it, in small groups at least the "
		       "anonymity threshold. As a table: keywords.csv.",
	.col_term = "Word",
	.col_answers = "Answers",
	.col_pct_answers = "% of answers",
	.quotes = "Quotes",
	.terms_none = "No word recurs in enough answers.",
	.terms_snowball = "Voikko was not available: Finnish words were joined by Snowball "
			  "stemming, not by base form.",
	.all_answers = "All answers",
	.x_answers_pct = "% of answers",
	.note_terms = "word by base form; share of the group's answers mentioning it",
	.quote_open = "“",
	.quote_close = "”",
	.method = {
		"Statistics use valid answers only: non-substantive answers (such as \"En osaa "
		"sanoa\" or \"En ole käyttänyt\") and empty cells are counted but excluded. Codes "
		"run from 1 at the negative or lowest end of the scale.",
		"Mean with SD (n − 1) and a 95 % t-interval; median as R's quantile type 7; "
		"top-2 % is the share of valid answers in the two highest codes.",
		"Groups are compared with Mann–Whitney U (ties mid-ranked, normal approximation "
		"with continuity correction), Welch's t, Kruskal–Wallis H and Pearson's chi-square "
		"(Fisher's exact test for sparse 2 × 2 tables); p-values are adjusted with Holm and "
		"Benjamini–Hochberg within each question block.",
		"Effect sizes in words: rank-biserial |r| below 0.1 negligible, below 0.3 small, "
		"below 0.5 medium, else large; Kruskal–Wallis ε² at 0.01, 0.08 and 0.26; Cohen's d "
		"at 0.2, 0.5 and 0.8; Cramér's V at 0.1, 0.3 and 0.5.",
		"Respondents with an empty group cell count in \"all\" only. Full tables: "
		"descriptives.csv, frequencies.csv, comparisons.csv, reliability.csv, scales.csv, "
		"multiselect.csv, ranking.csv, nps.csv, summary.json.",
	},
	.method_suppression = "Anonymity: a group's results are hidden when it has fewer than %u "
			      "answers, and so is any group whose results could be found by "
			      "subtracting the other groups from the total.",
	.method_no_suppression = "Hiding small groups is off (--min-n 0).",
	.weighted_front = "The numbers are weighted (%s). Percentages, means, SDs, medians, "
			  "intervals and tests are weighted; n is the unweighted number of "
			  "respondents.",
	.weights_column = "weights from the column %s",
	.weights_raked = "respondents raked to the population margins of %s",
	.weights_raked_base = "the weights of column %s raked to the population margins of %s",
	.method_weights = "Weighted estimates follow R's survey package for "
			  "svydesign(ids = ~1, weights = ~w): standard errors of means by "
			  "linearisation (svymean, domain estimation), t on the design's degrees of "
			  "freedom, top-2 intervals on the logit scale (svyciprop), quartiles by "
			  "svyquantile's default rule, group tests by svyttest, svyranktest (weighted "
			  "mid-ranks) and svychisq (Rao-Scott F). Counts and the hiding of small groups "
			  "use the unweighted numbers. Reliability, scale scores, multi-select, ranking "
			  "and NPS are unweighted.",
	.method_raking = "The weights were made by raking (iterative proportional fitting) the "
			 "respondents to the population margins of %s in %u iterations; they add "
			 "up to the population. Standard errors treat the weights as given: the "
			 "gain from calibration is not credited, so they are conservative.",
	.method_weights_summary = "Weights range from %s to %s; the design effect of weighting "
				  "(Kish) is %s and the effective sample size %s.",
	.generated_by = "Made with kysely",
	.sec_findings = "Key findings",
	.find_none = "No findings by the fixed rules.",
	.find_rate = "Response rate %s (%s respondents of %s invited).",
	.find_highest = "%s – highest share in the top two options: “%s” %s "
			"(mean %s, 95 %% CI %s–%s, n = %s).",
	.find_lowest = "%s – lowest share in the top two options: “%s” %s "
		       "(mean %s, 95 %% CI %s–%s, n = %s).",
	.find_diff = "“%s”: %s answered higher than %s (Mann–Whitney, Holm-adjusted p %s; %s, "
		     "r = %s).",
	.find_diff_means = " Means %s and %s.",
	.find_nonsub = "“%s”: %s of the answers were “%s” (%s/%s).",
	.find_change = "“%s” (%s): the mean %s %s → %s (%s → %s; Holm-adjusted p %s).",
	.find_rose = "rose", .find_fell = "fell",
	.scale_score = "Scale score",
};

const struct ky_words *ky_words(enum ky_lang lang)
{
	return lang == KY_LANG_SV ? &sv : lang == KY_LANG_EN ? &en : &fi;
}

int ky_lang_parse(const char *s, enum ky_lang *lang)
{
	static const char *const code[] = { "fi", "sv", "en" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, code[i])) {
			*lang = (enum ky_lang)i;
			return 0;
		}
	return -1;
}

/* What each table of tables.xlsx and each of its columns means, for the
 * workbook's first sheet.  Columns keep their English names (as in the
 * CSVs); only the explanations are translated. */
struct meaning {
	const char *name, *text[3];   /* fi, sv, en */
};

static const struct meaning table_meanings[] = {
	{ "frequencies", { "Vastausten jakaumat: jokaisen kysymyksen jokainen vastausvaihtoehto kaikille ja ryhmittäin.",
			   "Svarsfördelningar: varje svarsalternativ för varje fråga, för alla och per grupp.",
			   "Answer distributions: every answer option of every question, for everyone and per group." } },
	{ "descriptives", { "Tunnusluvut: n, keskiarvo, hajonta, mediaani, kvartiilit, 95 %:n luottamusvälit ja kahden parhaan osuus.",
			    "Beskrivande mått: n, medelvärde, standardavvikelse, median, kvartiler, 95 % konfidensintervall och andelen för de två översta alternativen.",
			    "Descriptive statistics: n, mean, SD, median, quartiles, 95 % confidence intervals and the top-2 share." } },
	{ "comparisons", { "Ryhmien väliset testit: Mann–Whitney, Welchin t, Kruskal–Wallis ja khiin neliö; p-arvot korjattu kysymysryhmittäin (Holm, Benjamini–Hochberg).",
			   "Test mellan grupper: Mann–Whitney, Welchs t, Kruskal–Wallis och chi-två; p-värden justerade per frågeblock (Holm, Benjamini–Hochberg).",
			   "Tests between groups: Mann–Whitney, Welch's t, Kruskal–Wallis and chi-square; p-values adjusted per question block (Holm, Benjamini–Hochberg)." } },
	{ "reliability", { "Mittarien luotettavuus: Cronbachin alfa kysymysryhmälle ja väittämittäin.",
			   "Skalornas reliabilitet: Cronbachs alfa för blocket och per påstående.",
			   "Reliability of the scales: Cronbach's alpha per block and per item." } },
	{ "scales", { "Summamuuttujat: kysymysryhmän väittämien keskiarvo vastaajittain, kaikille ja ryhmittäin.",
		      "Summavariabler: medelvärdet av blockets påståenden per svarande, för alla och per grupp.",
		      "Scale scores: each respondent's mean of the block's items, for everyone and per group." } },
	{ "multiselect", { "Monivalintakysymykset: kunkin vaihtoehdon valinnut osuus vastaajista ja valinnoista.",
			   "Flervalsfrågor: andelen svarande och val för varje alternativ.",
			   "Multi-select questions: the share of respondents and of selections for each option." } },
	{ "ranking", { "Järjestyskysymykset: sijoitusten jakauma, keskimääräinen sija ja Borda-pisteet.",
		       "Rangordningsfrågor: fördelningen av placeringar, medelplacering och Borda-poäng.",
		       "Ranking questions: the distribution of ranks, mean rank and Borda score." } },
	{ "nps", { "Suositteluindeksi (NPS): suosittelijat, passiiviset ja arvostelijat sekä indeksi luottamusväleineen.",
		   "Rekommendationsindex (NPS): promotorer, passiva och kritiker samt indexet med konfidensintervall.",
		   "Net Promoter Score: promoters, passives and detractors, and the score with its confidence interval." } },
	{ "keywords", { "Avointen vastausten sanat perusmuodossa ryhmittäin: kuinka moni vastaus mainitsee sanan, ja esimerkkivastaus (nimet peitetty).",
			"Ord i de öppna svaren i grundform per grupp: hur många svar som nämner ordet, och ett exempelsvar (namn maskerade).",
			"Words of the open answers by base form and group: how many answers mention the word, and an example answer (names masked)." } },
	{ "changes", { "Muutokset kierrosten välillä: myöhempi miinus aiempi, luottamusvälit ja testit.",
		       "Förändringar mellan omgångarna: senare minus tidigare, konfidensintervall och test.",
		       "Changes between rounds: later minus earlier, confidence intervals and tests." } },
};

static const struct meaning column_meanings[] = {
	{ "item_id", { "Kysymyksen tunnus", "Frågans id", "Question id" } },
	{ "item_text", { "Kysymyksen teksti", "Frågans text", "Question text" } },
	{ "question_id", { "Kysymyksen tunnus", "Frågans id", "Question id" } },
	{ "question_text", { "Kysymyksen teksti", "Frågans text", "Question text" } },
	{ "grouping", { "Taustamuuttuja, jonka mukaan ryhmitelty (* = kaikki vastaajat)",
			"Bakgrundsvariabel som grupperar (* = alla svarande)",
			"Background column that groups the rows (* = all respondents)" } },
	{ "group", { "Ryhmä (* = kaikki vastaajat)", "Grupp (* = alla svarande)", "Group (* = all respondents)" } },
	{ "code", { "Vastausvaihtoehdon koodi", "Svarsalternativets kod", "Code of the answer option" } },
	{ "label", { "Vastausvaihtoehto", "Svarsalternativ", "Answer option" } },
	{ "count", { "Vastausten lukumäärä", "Antal svar", "Number of answers" } },
	{ "percent_valid", { "Osuus asiavastauksista (%)", "Andel av de substantiella svaren (%)", "Share of substantive answers (%)" } },
	{ "kind", { "Rivin laji (asteikko, luokka, ei asiavastaus)", "Radens typ (skala, kategori, icke-substantiellt svar)",
		    "Kind of row (scale, category, non-substantive answer)" } },
	{ "percent_of_answers", { "Osuus kaikista vastauksista (%)", "Andel av alla svar (%)", "Share of all answers (%)" } },
	{ "note", { "Huomautus (esim. piilotettu tietosuojan vuoksi)", "Anmärkning (t.ex. dold för anonymitetens skull)",
		    "Note (e.g. hidden for anonymity)" } },
	{ "n_valid", { "Asiavastausten määrä", "Antal substantiella svar", "Number of substantive answers" } },
	{ "n_nonsubstantive", { "En osaa sanoa -tyyppisten vastausten määrä", "Antal svar som 'Vet inte'", "Number of answers such as 'Don't know'" } },
	{ "n_missing", { "Vastaamatta jättäneet", "Antal som inte svarat", "Number who did not answer" } },
	{ "mean", { "Keskiarvo", "Medelvärde", "Mean" } },
	{ "sd", { "Keskihajonta", "Standardavvikelse", "Standard deviation" } },
	{ "median", { "Mediaani", "Median", "Median" } },
	{ "q1", { "Alakvartiili", "Nedre kvartil", "Lower quartile" } },
	{ "q3", { "Yläkvartiili", "Övre kvartil", "Upper quartile" } },
	{ "mean_ci_low", { "Keskiarvon 95 %:n luottamusvälin alaraja", "Medelvärdets 95 % konfidensintervall, nedre gräns", "Mean's 95 % confidence interval, lower limit" } },
	{ "mean_ci_high", { "Keskiarvon 95 %:n luottamusvälin yläraja", "Medelvärdets 95 % konfidensintervall, övre gräns", "Mean's 95 % confidence interval, upper limit" } },
	{ "top2_pct", { "Kahden parhaan vaihtoehdon osuus (%)", "Andel för de två översta alternativen (%)", "Share of the top two options (%)" } },
	{ "top2_ci_low", { "Osuuden 95 %:n luottamusvälin alaraja (Wilson)", "Andelens 95 % konfidensintervall, nedre gräns (Wilson)", "Share's 95 % confidence interval, lower limit (Wilson)" } },
	{ "top2_ci_high", { "Osuuden 95 %:n luottamusvälin yläraja (Wilson)", "Andelens 95 % konfidensintervall, övre gräns (Wilson)", "Share's 95 % confidence interval, upper limit (Wilson)" } },
	{ "type", { "Kysymyksen tyyppi", "Frågans typ", "Question type" } },
	{ "scale", { "Asteikko", "Skala", "Scale" } },
	{ "test", { "Testi", "Test", "Test" } },
	{ "group_a", { "Ensimmäinen verrattava ryhmä", "Första gruppen som jämförs", "First group compared" } },
	{ "group_b", { "Toinen verrattava ryhmä", "Andra gruppen som jämförs", "Second group compared" } },
	{ "n_a", { "Vastaajia ryhmässä A (muutoksissa aiemmalla kierroksella)", "Svarande i grupp A (förändringar: i den tidigare omgången)", "Answers in group A (changes: in the earlier round)" } },
	{ "n_b", { "Vastaajia ryhmässä B (muutoksissa myöhemmällä kierroksella)", "Svarande i grupp B (förändringar: i den senare omgången)", "Answers in group B (changes: in the later round)" } },
	{ "statistic", { "Testisuure", "Teststatistika", "Test statistic" } },
	{ "df", { "Vapausasteet", "Frihetsgrader", "Degrees of freedom" } },
	{ "p", { "p-arvo", "p-värde", "p-value" } },
	{ "p_holm", { "p-arvo Holmin korjauksella", "p-värde med Holms korrigering", "p-value, Holm-adjusted" } },
	{ "p_bh", { "p-arvo Benjamini–Hochbergin korjauksella", "p-värde med Benjamini–Hochbergs korrigering", "p-value, Benjamini–Hochberg-adjusted" } },
	{ "effect", { "Efektikoko", "Effektstorlek", "Effect size" } },
	{ "effect_name", { "Efektikoon mitta", "Mått på effektstorleken", "Measure of the effect size" } },
	{ "block", { "Kysymysryhmän tunnus", "Blockets id", "Question block id" } },
	{ "block_text", { "Kysymysryhmän teksti", "Blockets text", "Question block text" } },
	{ "n_items", { "Väittämien määrä", "Antal påståenden", "Number of items" } },
	{ "n_complete", { "Kaikkiin väittämiin vastanneet", "Svarande som besvarat alla påståenden", "Respondents who answered every item" } },
	{ "alpha", { "Cronbachin alfa", "Cronbachs alfa", "Cronbach's alpha" } },
	{ "alpha_std", { "Standardoitu alfa", "Standardiserad alfa", "Standardised alpha" } },
	{ "r_item_total", { "Korjattu väittämä–kokonaispistekorrelaatio", "Korrigerad korrelation påstående–total", "Corrected item–total correlation" } },
	{ "alpha_if_deleted", { "Alfa, jos väittämä poistetaan", "Alfa om påståendet tas bort", "Alpha if the item is deleted" } },
	{ "reversed", { "Käännetty väittämä (1 = kyllä)", "Omvänt påstående (1 = ja)", "Reverse-keyed item (1 = yes)" } },
	{ "n", { "Vastaajien määrä", "Antal svarande", "Number of respondents" } },
	{ "option", { "Vaihtoehto", "Alternativ", "Option" } },
	{ "n_respondents", { "Kysymykseen vastanneet", "Svarande på frågan", "Respondents to the question" } },
	{ "pct_respondents", { "Osuus vastaajista (%)", "Andel av svarande (%)", "Share of respondents (%)" } },
	{ "pct_selections", { "Osuus kaikista valinnoista (%)", "Andel av alla val (%)", "Share of all selections (%)" } },
	{ "n_ranked", { "Vaihtoehdon sijoittaneet", "Svarande som placerat alternativet", "Respondents who ranked the option" } },
	{ "pct_ranked", { "Osuus vastaajista, jotka sijoittivat vaihtoehdon (%)", "Andel svarande som placerat alternativet (%)", "Share of respondents who ranked the option (%)" } },
	{ "mean_rank", { "Keskimääräinen sija", "Medelplacering", "Mean rank" } },
	{ "borda", { "Borda-pisteet", "Borda-poäng", "Borda score" } },
	{ "borda_mean", { "Borda-pisteet vastaajaa kohden", "Borda-poäng per svarande", "Borda score per respondent" } },
	{ "rank_", { "Kuinka moni sijoitti vaihtoehdon tälle sijalle", "Hur många placerade alternativet på denna plats", "How many ranked the option in this place" } },
	{ "promoters", { "Suosittelijat (9–10)", "Promotorer (9–10)", "Promoters (9–10)" } },
	{ "passives", { "Passiiviset (7–8)", "Passiva (7–8)", "Passives (7–8)" } },
	{ "detractors", { "Arvostelijat (0–6)", "Kritiker (0–6)", "Detractors (0–6)" } },
	{ "pct_promoters", { "Suosittelijoiden osuus (%)", "Andel promotorer (%)", "Share of promoters (%)" } },
	{ "pct_passives", { "Passiivisten osuus (%)", "Andel passiva (%)", "Share of passives (%)" } },
	{ "pct_detractors", { "Arvostelijoiden osuus (%)", "Andel kritiker (%)", "Share of detractors (%)" } },
	{ "nps", { "Suositteluindeksi (NPS)", "Rekommendationsindex (NPS)", "Net Promoter Score" } },
	{ "nps_ci_low", { "NPS:n 95 %:n luottamusvälin alaraja", "NPS 95 % konfidensintervall, nedre gräns", "NPS 95 % confidence interval, lower limit" } },
	{ "nps_ci_high", { "NPS:n 95 %:n luottamusvälin yläraja", "NPS 95 % konfidensintervall, övre gräns", "NPS 95 % confidence interval, upper limit" } },
	{ "round_a", { "Aiempi kierros", "Tidigare omgång", "Earlier round" } },
	{ "round_b", { "Myöhempi kierros", "Senare omgång", "Later round" } },
	{ "mean_a", { "Keskiarvo aiemmalla kierroksella", "Medelvärde i den tidigare omgången", "Mean in the earlier round" } },
	{ "mean_b", { "Keskiarvo myöhemmällä kierroksella", "Medelvärde i den senare omgången", "Mean in the later round" } },
	{ "diff", { "Keskiarvon muutos (myöhempi − aiempi)", "Förändring i medelvärdet (senare − tidigare)", "Change in the mean (later − earlier)" } },
	{ "diff_ci_low", { "Muutoksen 95 %:n luottamusvälin alaraja (Welch)", "Förändringens 95 % konfidensintervall, nedre gräns (Welch)", "Change's 95 % confidence interval, lower limit (Welch)" } },
	{ "diff_ci_high", { "Muutoksen 95 %:n luottamusvälin yläraja (Welch)", "Förändringens 95 % konfidensintervall, övre gräns (Welch)", "Change's 95 % confidence interval, upper limit (Welch)" } },
	{ "top2_a", { "Kahden parhaan osuus aiemmalla kierroksella (%)", "Andel för de två översta i den tidigare omgången (%)", "Top-2 share in the earlier round (%)" } },
	{ "top2_b", { "Kahden parhaan osuus myöhemmällä kierroksella (%)", "Andel för de två översta i den senare omgången (%)", "Top-2 share in the later round (%)" } },
	{ "top2_diff", { "Kahden parhaan osuuden muutos (%-yksikköä)", "Förändring i andelen för de två översta (procentenheter)", "Change in the top-2 share (points)" } },
	{ "top2_diff_ci_low", { "Osuuden muutoksen 95 %:n luottamusvälin alaraja (Newcombe)", "Andelsförändringens 95 % konfidensintervall, nedre gräns (Newcombe)", "Top-2 change's 95 % confidence interval, lower limit (Newcombe)" } },
	{ "top2_diff_ci_high", { "Osuuden muutoksen 95 %:n luottamusvälin yläraja (Newcombe)", "Andelsförändringens 95 % konfidensintervall, övre gräns (Newcombe)", "Top-2 change's 95 % confidence interval, upper limit (Newcombe)" } },
	{ "weighted_count", { "Painotettu lukumäärä (painojen summa)", "Viktat antal (summan av vikterna)", "Weighted count (sum of the weights)" } },
	{ "weighted_n", { "Asiavastausten painojen summa", "Summan av vikterna för de substantiella svaren", "Sum of the weights of the substantive answers" } },
	{ "n_eff", { "Efektiivinen otoskoko (Kish)", "Effektiv urvalsstorlek (Kish)", "Effective sample size (Kish)" } },
	{ "mean_se", { "Keskiarvon keskivirhe (painotettu)", "Medelvärdets standardfel (viktat)", "Standard error of the mean (weighted)" } },
	{ "df2", { "Toiset vapausasteet (F-testi)", "Andra frihetsgrader (F-test)", "Denominator degrees of freedom (F test)" } },
	{ "chi2", { "Khiin neliö -testisuure", "Chi-två-statistika", "Chi-square statistic" } },
	{ "chi2_df", { "Khiin neliö -testin vapausasteet", "Chi-två-testets frihetsgrader", "Chi-square degrees of freedom" } },
	{ "chi2_p", { "Khiin neliö -testin p-arvo", "Chi-två-testets p-värde", "Chi-square p-value" } },
	{ "term", { "Sana perusmuodossaan (ruotsi ja englanti: yleisin kirjoitusasu)", "Ordet i grundform (svenska och engelska: den vanligaste formen)",
		    "The word by base form (Swedish and English: its most frequent form)" } },
	{ "n_answers", { "Vastaukset, jotka mainitsevat sanan jossakin muodossa", "Svar som nämner ordet i någon form",
			 "Answers mentioning the word in any form" } },
	{ "pct_answers", { "Osuus ryhmän vastauksista kysymykseen (%)", "Andel av gruppens svar på frågan (%)",
			   "Share of the group's answers to the question (%)" } },
	{ "example", { "Lyhyt vastaus, joka käyttää sanaa (nimet peitetty)", "Ett kort svar som använder ordet (namn maskerade)",
		       "A short answer using the word (names masked)" } },
};

static const char *meaning_of(const struct meaning *m, size_t n, enum ky_lang lang,
			      const char *name)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(m[i].name);
		int prefix = k && m[i].name[k - 1] == '_';   /* "rank_": rank_1, rank_2, ... */
		if (prefix ? !strncmp(name, m[i].name, k) : !strcmp(name, m[i].name))
			return m[i].text[lang <= KY_LANG_EN ? lang : 0];
	}
	return NULL;
}

const char *ky_table_meaning(enum ky_lang lang, const char *table)
{
	return meaning_of(table_meanings, sizeof(table_meanings) / sizeof(table_meanings[0]),
			  lang, table);
}

const char *ky_column_meaning(enum ky_lang lang, const char *column)
{
	return meaning_of(column_meanings, sizeof(column_meanings) / sizeof(column_meanings[0]),
			  lang, column);
}
