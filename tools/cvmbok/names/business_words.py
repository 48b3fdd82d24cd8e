"""The words of re-identifying detail in the languages contributors write besides English.

"Wir verwalteten 1.204.500 Kfz-Policen in Österreich", "el tercer banco de Uruguay",
"Türkiye'nin ikinci büyük katılım bankası": the figures, ranks and events of
`reidentify` said in German, Dutch, the Nordic languages, French, Spanish, Portuguese,
Italian, Polish and Turkish. Three kinds of lookup, because the languages build words
differently:

* whole words ("klanten", "sucursales", "Umsatz");
* the end of a closed compound in German, Dutch and the Nordic languages
  ("energie|klanten", "Jahres|umsatz", "privat|kunder", "Strom|anbieter");
* the start of an agglutinated Turkish word ("abone|miz", "müşteri|ler", "banka|sı").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .namedata import is_place

FOREIGN_BUSINESS_NOUNS: dict[str, str] = {
    **dict.fromkeys("""klanten klant kunden kunde kundinnen kunder kunderne kundene clientes cliente clients clienti
        abonnés abonnes abonnenten abonnees abonnenter abonnementer abonados assinantes abbonati leden mitglieder
        membres miembros socios membros medlemmar medlemmer versicherte polissen policen polizze pólizas polizas
        apólices apolices polices försäkringar forsikringer rekeningen konten cuentas contas conti comptes
        passagiere passagiers pasajeros passageiros passeggeri passagerare haushalte huishoudens hogares foyers
        utenti usuarios usuários utilisateurs nutzer gebruikers användare brugere klientów klienci abonentów
        abonenci członków użytkowników polis poliçe suministro suministros contratos contrats contratti contracten
        verträge försäkringstagare forsikringstagere nasabah pelanggan wateja wanachama kundenkarten avtal elavtal
        kontrakter asiakasta asiakkaita jäsentä jäsenet clienți clienţi clientii abonați abonaţi membri zákazníků
        zákazníci klientů předplatitelů ügyfél ügyfelet ügyfelünk előfizető előfizetőnk anggota soci tesserati
        titulares asegurados segurados assurés sociétaires adhérents afiliados fahrgäste reisende correntistas
        cuentahabientes""".split(), "customers"),
    **dict.fromkeys("""filialen filiale filiali sucursales sucursal agencias agences agenzie agências agencias
        kantoren vestigingen winkels tiendas lojas negozi magasins geschäfte märkte butiker butikker supermercados
        supermarchés supermarkten supermercati sportelli oddziałów placówek sklepów kontor hoteles hôtels hotéis
        alberghi ruter rutter rutas rotas rotte strecken myymälää myymälöitä konttoria toimipistettä sucursale
        agenții poboček prodejen fiókot üzletet gerai cabang toko tankstellen estaciones postos stazioni standorte
        apotheken farmacias farmácias""".split(), "sites"),
    **dict.fromkeys("""umsatz jahresumsatz omzet omsättning omsättningen omsætning omsetning omsetningen fatturato
        facturación facturacion ingresos receita faturamento chiffre ciro gelir przychody przychód obroty
        beitragseinnahmen prämien premies primas prêmios premi pendapatan penjualan mapato výnos výnosy výnosů
        tržby obrat obratu liikevaihto facturamos facturó facturaron faturamos faturou faturámos fatturiamo omsatte
        omsatt omsætter erwirtschafteten venituri cifră árbevétel ventas vendas vendite ricavi erlöse umsätze
        recettes revenus""".split(), "revenue"),
    **dict.fromkeys("""mitarbeiter medewerkers empleados employés employes funcionários funcionarios dipendenti
        anställda ansatte medarbejdere pracowników työntekijää työntekijöitä henkilöstöä angajați angajaţi
        zaměstnanců alkalmazott munkatárs karyawan pegawai beschäftigte colaboradores trabajadores salariés
        collaborateurs werknemers medarbetare""".split(), "staff"),
    **dict.fromkeys("""marktanteil marktaandeel cuota quota participação participacao marknadsandel markedsandel
        udział anteil cotă cota pangsa payı podíl részesedés marché mercado mercato rynku""".split(), "share"),
}
"""Whole words, lowercase, and the kind of figure they make (the kinds of `reidentify.BUSINESS_NOUNS`)."""
COMPOUND_ENDINGS: dict[str, str] = {
    **dict.fromkeys("klanten kunden kundinnen kunder kunderne kundene leden mitglieder policen polissen "
                    "abonnenten abonnees abonnenter versicherte rekeningen konten tagare tagere".split(), "customers"),
    **dict.fromkeys("filialen winkels geschäfte märkte butiker butikker vestigingen".split(), "sites"),
    **dict.fromkeys("umsatz omzet omsättning omsætning omsetning".split(), "revenue"),
    **dict.fromkeys("mitarbeiter medewerkers anställda ansatte".split(), "staff"),
    **dict.fromkeys("marktanteil marktaandeel marknadsandel markedsandel".split(), "share"),
}
"""Last parts of closed compounds ("Bestands|kunden", "energie|klanten", "Jahres|umsatz")."""
TURKISH_STEMS: dict[str, str] = {
    "abone": "customers", "müşteri": "customers", "musteri": "customers", "üye": "customers",
    "poliçe": "customers", "police": "customers", "şube": "sites", "sube": "sites", "mağaza": "sites",
    "magaza": "sites", "çalışan": "staff", "calisan": "staff", "personel": "staff", "ciro": "revenue",
    "gelir": "revenue", "pazar": "share",
}
"""Turkish stems that take endings ("abone|miz", "müşteri|lerimiz", "şube|si").

Short stems of other languages are not read this way: "abonnement" is no subscriber."""
MIN_COMPOUND_FIRST = 3
"""Letters before a compound ending ("Kfz" is written apart: "Kfz-Policen")."""


@lru_cache(maxsize=65536)
def business_kind(word: str) -> str:
    """The kind of figure a lowercase word of another language makes, or ""."""
    kind = FOREIGN_BUSINESS_NOUNS.get(word)
    if kind:
        return kind
    for ending, kind in COMPOUND_ENDINGS.items():
        if word.endswith(ending) and len(word) - len(ending) >= MIN_COMPOUND_FIRST:
            return kind
    for stem, kind in TURKISH_STEMS.items():
        if word.startswith(stem) and len(word) > len(stem):
            return kind
    return ""


COMPANY_STEMS: dict[str, str] = {
    "bank": "banking", "banc": "banking", "banq": "banking", "kasse": "banking",
    "versicher": "insurance", "verzeker": "insurance", "försäkr": "insurance", "forsikr": "insurance",
    "assur": "insurance", "asegur": "insurance", "segur": "insurance", "assicur": "insurance",
    "sigorta": "insurance", "mutuelle": "insurance", "ubezpiecz": "insurance",
    "operato": "telecom", "operatö": "telecom", "operado": "telecom", "opérateu": "telecom", "operatø": "telecom", "mobilfunk": "telecom", "telekom": "telecom",
    "telecom": "telecom", "telco": "telecom", "netzbetreiber": "telecom", "telefon": "telecom",
    "händler": "retail", "handel": "retail", "retailer": "retail", "minorist": "retail", "varejist": "retail",
    "detaillant": "retail", "distribut": "retail", "supermerc": "retail", "supermarkt": "retail",
    "supermarch": "retail", "kette": "retail", "keten": "retail", "kedja": "retail", "kjede": "retail",
    "cadena": "retail", "catena": "retail", "enseigne": "retail", "perakende": "retail", "zincir": "retail",
    "fluggesellschaft": "airline", "aerolínea": "airline", "aerolinea": "airline", "compagnie aérienne": "airline",
    "flygbolag": "airline", "havayolu": "airline", "airline": "airline",
    "stromanbieter": "utilities", "energieversorger": "utilities", "energieleverancier": "utilities",
    "anbieter": "", "aanbieder": "", "leverancier": "", "leverantör": "", "leverandør": "", "proveedor": "",
    "fornecedor": "", "fornitore": "", "fournisseur": "", "provider": "", "betreiber": "", "empresa": "",
    "compañía": "", "compania": "", "companhia": "", "compagnie": "", "compagnia": "", "unternehmen": "",
    "bolag": "", "selskab": "", "selskap": "", "şirket": "", "sirket": "", "rede": "", "rete": "", "réseau": "",
    "gruppe": "", "groep": "", "grupo": "", "gruppo": "", "groupe": "", "konzern": "", "sharik": "", "masraf": "banking", "mushaghghil": "telecom",
    "al-mushaghghil": "telecom", "almushaghghil": "telecom", "al-masraf": "banking", "almasraf": "banking",
    "al-sharika": "", "alsharika": "", "mushaghil": "telecom", "al-mushaghil": "telecom",
    "biztosít": "insurance", "szolgáltató": "", "távközlési": "telecom", "légitársaság": "airline", "áruház": "retail",
    "televisi": "media", "télévisi": "media", "operátor": "telecom", "pojišť": "insurance", "poisťov": "insurance",
    "řetěz": "retail", "reťaz": "retail", "společnost": "", "spoločnosť": "",
    "πάροχ": "", "τράπεζ": "banking", "ασφαλιστ": "insurance", "εταιρ": "", "αεροπορικ": "airline", "αλυσίδ": "retail",
    "chēn": "retail", "chen": "retail", "doraggusutoa": "retail", "sūpā": "retail", "supa": "retail", "kōkū": "airline",
    "koku": "airline", "tsūshin": "telecom", "tsushin": "telecom", "kyaria": "telecom",
    "perusahaan": "", "kampuni": "", "shirika": "", "benki": "banking", "bima": "insurance", "asuransi": "insurance",
    "maskapai": "airline", "syarikat": "", "spółk": "", "firma": "",
    "vakuutus": "insurance", "yhtiö": "", "yhtio": "", "pankki": "banking", "operaattori": "telecom",
    "mobiilioperaattori": "telecom", "kauppa": "retail", "ginkō": "banking", "ginko": "banking", "hoken": "insurance",
    "keitai": "telecom", "kaisha": "", "mvno": "telecom", "mno": "telecom",
    "оператор": "telecom", "банк": "banking", "страхов": "insurance", "компани": "", "ритейлер": "retail",
    "сеть": "retail", "авиакомпани": "airline", "мобильн": "telecom", "телеком": "telecom", "страхова": "insurance",
    "شركة": "", "شركات": "", "بنك": "banking", "مصرف": "banking", "مشغل": "telecom", "تأمين": "insurance",
    "طيران": "airline", "ناقل": "airline",
}
"""Starts of words that name a company of an industry ("" when the word says only "company")."""
COMPANY_ENDINGS: dict[str, str] = {
    **dict.fromkeys("bank banken kasse".split(), "banking"),
    **dict.fromkeys("händler kette keten kedja".split(), "retail"),
    **dict.fromkeys("""versicherer verzekeraar operatören operatør operatøren kedjan anbieter betreiber leverancier
        aanbieder bolag bolaget selskab selskap selskabet selskapet versorger konzern leverantör leverantören leverandør
        leverandøren
        leverancier""".split(), ""),
}
"""Ends of closed compounds that name a company, with its industry ("Strom|anbieter", "zorg|verzekeraar")."""


@lru_cache(maxsize=65536)
def company_word(word: str) -> str | None:
    """The industry a lowercase word of another language names a company of ("" for a company of
    no particular industry), or None when it names no company."""
    for stem, industry in COMPANY_STEMS.items():
        if word.startswith(stem):
            return industry
    for ending, industry in COMPANY_ENDINGS.items():
        if word.endswith(ending) and len(word) > len(ending):
            return industry
    return None


_SELF_NAMING = (
    r"|(?:ehemalige[rnms]?\s+)?(?:staats)?monopolist(?:en)?|ex-monopolist(?:en)?|ancien\s+monopole|antiguo\s+monopolio"
    r"|ex-?monopolio|antigo\s+monopólio|ex-?monopolista|ex-?monopolie"
    r"|companhia\s+a[ée]rea\s+de\s+bandeira|aerol[íi]nea\s+de\s+bandera|compa[ñn][íi]a\s+de\s+bandera"
    r"|compagnia\s+(?:aerea\s+)?di\s+bandiera|compagnie\s+a[ée]rienne\s+nationale|nationale\s+fluggesellschaft"
    r"|(?:al-)?naqil\s+al-watani|piacvezető"
)
"""Former monopolies, flag carriers and the market leader in other languages: phrases that name the company
themselves, in `FOREIGN_RANK_RE` and `STANDALONE_RANKS` alike."""
FOREIGN_RANK_RE = re.compile(
    r"(?<![\w-])(?:"
    r"(?:zweit|dritt|viert)?gr[öo](?:ß|ss)te[rnms]?|marktführer|einzige[rnms]?"  # de
    r"|(?:tweede|derde|vierde)\s+grootste|grootste|(?:de|het|als)\s+enige|marktleider"  # nl
    r"|(?:näst|tredje)\s+största|största|först\s+(?:i|med)|(?:den|det)\s+första|(?:den|det)\s+enda|(?:den|det)\s+eneste|største|næststørste|nest\s+største"  # sv, da, nb
    r"|(?:el|la)\s+(?:mayor|segund[oa]|tercer[oa]?|cuart[oa]|únic[oa]|unic[oa]|primer[oa]?)"  # es
    r"|(?:segund[oa]|tercer[oa]?)\s+mayor|líder\s+del\s+mercado|operador[a]?\s+(?:histórico|historico|incumbente|dominante)"
    r"|(?:o|a)\s+(?:maior|segund[oa]|terceir[oa]|únic[oa]|unic[oa]|primeir[oa])"  # pt
    r"|(?:le|la|l['’])\s*(?:premi(?:er|ère)|deuxième|troisième|seul[e]?|plus\s+grand[e]?)"  # fr
    r"|(?:deuxième|troisième|premier|première)|opérateur\s+historique|leader\s+du\s+marché"
    r"|(?:il|la|l['’])\s*(?:prim[oa]|second[oa]|terz[oa]|unic[oa]|più\s+grande|maggiore)"  # it
    r"|operatore\s+(?:storico|dominante)|leader\s+di\s+mercato"
    r"|największy|największa|największym|największą|jedynym|jedyną|drugi\s+największy|jedyny|jedyna|(?:drugim|trzecim|drugi|trzeci|drugą|drugi)\s+co\s+do\s+wielkości"  # pl
    r"|satu-satunya|terbesar|(?:kedua|ketiga)\s+terbesar"  # id, ms
    r"|suurin|suurimpana|suurimman|suurimmaksi|(?:toiseksi|kolmanneksi)\s+suurin|ainoa|ainoana|ainoan"  # fi
    r"|yuiitsu\s+no|saidai\s+no|ichiban\s+ōkina|ichiban\s+okina"  # ja (romaji)
    r"|(?:kampuni|benki|shirika|kampuni\s+ya\s+\w+)\s+(?:pekee|kubwa\s+zaidi)"  # sw (the adjective follows)
    r"|en\s+büyük|(?:ikinci|üçüncü)\s+büyük|tek|ilk"  # tr
    r"|awwal|al-awwal|akbar|al-akbar|thani\s+akbar|al-wahid|al-wahida"  # ar (romanized: "awwal sharikat ta'min fi Oman")
    r"|(?:nummer|número|numero|numéro)\s+(?:eins|zwei|drei|één|een|twee|drie|ett|två|tre|uno|dos|tres|due|un|deux|trois"
    r"|dois|três|1|2|3)"  # "Nummer zwei im Festnetzmarkt", "número dos en seguros"
    r"|liderul\s+pie[țţt]ei|lider\s+de\s+pia[țţt][ăa]|lider\s+rynku|pazar\s+lideri|markedsleder(?:en)?|marknadsledare(?:n)?"
    r"|markkinajohtaja|pemimpin\s+pasar|l[íi]der\s+(?:do|de)\s+mercado"
    r"|(?:(?:második|harmadik|negyedik)\s+)?legnagyobb|egyetlen|első"  # hu
    r"|saisho\s+ni|hajimete"  # ja (romaji: "Nihon de saisho ni ... shita MVNO")
    r"|единственн(?:ый|ая|ое|ым|ой)|крупнейш(?:ий|ая|ее|им|ей)|перв(?:ый|ая|ым|ой)|втор(?:ой|ая|ым)"  # ru, uk
    r"|найбільш(?:ий|а|им)|єдин(?:ий|а|им)"
    r"|أكبر|أول|الوحيد|الوحيدة|ثاني\s+أكبر"  # ar (script)
    + _SELF_NAMING +
    r"|(?:al-)?mushagh(?:gh)?il\s+al-tarikhi"
    r"|(?:druh[ýá]|třetí|tretí)?\s?najväčš(?:í|ia|ou)|(?:druh[ýá]|třetí)?\s?největší|jedin[ýá]|první|prvn[ií]"  # cs, sk
    r"|(?:ο|η|το)\s+μεγαλύτερ(?:ος|η|ο)|(?:ο|η|το)\s+μοναδικ(?:ός|ή|ό)|(?:ο|η|το)\s+πρώτ(?:ος|η|ο)|δεύτερ(?:ος|η|ο)\s+μεγαλύτερ(?:ος|η|ο)"  # el
    r")(?![\w-])",
    re.IGNORECASE,
)
"""Rank and uniqueness words; they count only before a word that names a company (`company_word`)."""
STANDALONE_RANKS = re.compile(
    r"operador[a]?\s+(?:histórico|historico|incumbente|dominante)|opérateur\s+historique|operatore\s+(?:storico|dominante)"
    r"|marktführer|marktleider|líder\s+del\s+mercado|leader\s+du\s+marché|leader\s+di\s+mercato"
    r"|(?:kampuni|benki|shirika|kampuni\s+ya\s+\w+)\s+(?:pekee|kubwa\s+zaidi)"
    r"|liderul\s+pie[țţt]ei|lider\s+de\s+pia[țţt][ăa]|lider\s+rynku|pazar\s+lideri|markedsleder(?:en)?|marknadsledare(?:n)?"
    r"|markkinajohtaja|pemimpin\s+pasar|l[íi]der\s+(?:do|de)\s+mercado"
    + _SELF_NAMING + r"|(?:al-)?mushagh(?:gh)?il\s+al-tarikhi", re.IGNORECASE)
"""Ranks that name the company themselves ("operador histórico", "Marktführer")."""
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
RANK_WORDS = frozenset("""größte größter größten größtes größtem grösste grösster grössten zweitgrößte zweitgrößter
    drittgrößte drittgrößter marktführer einzige einziger einzigen einziges grootste enige marktleider största
    enda eneste største næststørste mayor segundo segunda tercer tercero tercera cuarto cuarta único única unico
    unica primer primera histórico historico incumbente dominante líder maior terceiro terceira primeiro primeira
    premier première deuxième troisième seul seule grand grande historique marché primo prima secondo seconda
    terzo terza più maggiore storico mercato największy największa jedyny jedyna büyük tek ilk wielkości
    satu-satunya terbesar pekee zaidi największym największą jedynym jedyną först första awwal akbar al-akbar suurin suurimpana suurimman suurimmaksi ainoa ainoana ainoan yuiitsu saidai ichiban l'unico l'unica l’unico l’unica l'unique nummer número numero numéro liderul lider lideri markedsleder
    markedslederen marknadsledare marknadsledaren markkinajohtaja pemimpin legnagyobb egyetlen első piacvezető
    saisho hajimete monopolist monopolisten staatsmonopolist staatsmonopolisten ex-monopolist monopole monopolio
    monopólio monopolista ex-monopolio ex-monopolista monopolie bandeira bandera bandiera nationale al-watani
    watani единственный единственная единственное единственным единственной крупнейший крупнейшая крупнейшее
    крупнейшим крупнейшей первый первая первым первой второй вторая вторым найбільший найбільша найбільшим єдиний
    єдина єдиним أكبر أول الوحيد الوحيدة ثاني al-awwal al-wahid al-wahida al-tarikhi největší největšího
    najväčšia najväčší najväčšou jediný jediná první μεγαλύτερος μεγαλύτερη μεγαλύτερο μοναδικός μοναδική μοναδικό
    πρώτος πρώτη πρώτο""".split())
"""A word every phrase of `FOREIGN_RANK_RE` contains: a text without any of them skips that pattern."""
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»*_`"


def may_rank(text: str) -> bool:
    """Could `text` hold a rank phrase of another language? One split and a set intersection: the
    pattern itself costs a tenth of a second per megabyte of English prose that never matches."""
    tokens = {token.strip(_PUNCTUATION) for token in set(text.lower().split())}
    return not RANK_WORDS.isdisjoint(tokens | {t.split("'")[-1].split("’")[-1] for t in tokens if "'" in t or "’" in t})
MARKET_ENDINGS = ("markt", "marknad", "marknaden", "marked", "markedet", "mercado", "marché", "mercato", "rynku", "pazar")
"""Ends of words for a market: the number two of one is a company ("im Festnetzmarkt", "en el mercado")."""
POSTPOSED_RANKS = frozenset({"terbesar", "kedua terbesar", "ketiga terbesar", "akbar", "al-akbar", "al-awwal", "al-wahid",
                             "al-wahida"})
"""Ranks of languages that put them after the noun they rank ("operator seluler terbesar")."""
RANK_REACH = 4
JAPANESE_RANKS = frozenset("saisho hajimete saidai yuiitsu ichiban".split())
"""First words of the romanized Japanese ranks, whose noun ends the clause ("saisho ni eSIM o dōnyū shita MVNO")."""
"""Words after a rank word in which the company word must come ("el tercer banco", "la mayor cadena de supermercados")."""


def foreign_rank(text: str, a: int, b: int) -> re.Match[str] | None:
    """The first rank or uniqueness phrase of another language in text[a:b] that is about a company."""
    for m in FOREIGN_RANK_RE.finditer(text, a, b):
        if STANDALONE_RANKS.fullmatch(m.group()):
            return m
        reach = 2 * RANK_REACH if m.group().lower().split()[0] in JAPANESE_RANKS else RANK_REACH  # the noun comes last
        following = _WORD_RE.findall(text, m.end(), min(b, m.end() + 80))[:reach]
        for w in following:
            if company_word(w.lower().replace("-", "")) is not None:
                return m
        if m.group().lower() in POSTPOSED_RANKS:
            preceding = _WORD_RE.findall(text, max(a, m.start() - 60), m.start())[-3:]
            if any(company_word(w.lower().replace("-", "")) is not None for w in preceding):
                return m  # "operator seluler terbesar ketiga": Indonesian puts the rank after the noun
        if m.group().lower().endswith((" i", " in")) and following and is_place(following[0]):
            return m  # "först i Sverige med ...": first in a country says who, whatever follows
        if m.group()[:1] in "nN" and any(w.lower().endswith(MARKET_ENDINGS) for w in following):
            return m  # "Nummer zwei im österreichischen Festnetzmarkt": the number two of a market is a company
    return None


FOREIGN_EVENT_RE = re.compile(
    r"(?<![\w-])(?:fusion|fusie|fusión|fusion|fusão|fusao|fusione|fusionen|fusionerade|fusjonerte|birleşme|birleşti"
    r"|übernahme|overname|adquisición|aquisição|acquisizione|rachat|opkøb|uppköp|satın\s+alma"
    r"|privatisierung|privatisering|privatización|privatizacion|privatização|privatizacao|privatizzazione"
    r"|privatisation|özelleştirme|prywatyzacja"
    r"|börsengang|beursgang|beursnotering|salida\s+a\s+bolsa|introduction\s+en\s+bourse|quotazione|halka\s+arz"
    r"|börsnotering|börsnoterades|børsnotering"
    r"|umbenennung|umbenannt|rebranding|cambio\s+de\s+marca|changement\s+de\s+nom|mudança\s+de\s+marca"
    r"|cambio\s+di\s+(?:marchio|nome)|ridenominazione|zmiana\s+nazwy|nimenmuutos|namnbyte|navneskift|isim\s+değişikliği"
    r"|gegründet|opgericht|fundada|fundado|fondée|fondé|fondata|grundades|kuruldu"
    r"|debiut(?:u|em|owaliśmy)?|wejści[ea]\s+na\s+giełdę|changement\s+de\s+marque|changement\s+d['’]enseigne"
    r"|névváltás|tőzsdére\s+lépés|cambio\s+de\s+nombre|mudança\s+de\s+nome"
    r"|privati[zs]\w*|privatyz\w*|fuziune|fuzionat\w*|listat\w*\s+la\s+bursă|fúzi\w*|fúze|privatizace)(?![\w-])",
    re.IGNORECASE,
)
"""Corporate events of other languages; they count only with a year in the sentence (`reidentify`)."""
FOREIGN_LAUNCH_RE = re.compile(
    r"(?<![\w-])(?:lanzamos|lanzamiento|lançamos|lançamento|lanciato|lancio|lancering|lanceerden|lanserade|lanserte"
    r"|lancé|lancée|lancés|gestartet|eingeführt|startade|başlattık)(?![\w-])", re.IGNORECASE)
"""Launches of other languages: like "launched in", they count only with a year and a place
("Nous avons lancé le test en 2019" names nothing)."""
MULTIPLIER_WORDS = (
    "mio", "mrd", "mln", "mld", "mn", "bn", "miljoner", "miljarder", "millones", "milioni", "miliardi", "millions",
    "milliards", "milhões", "milhoes", "bilhões", "bilhoes", "miljoen", "miljard", "milyon", "milyar", "millionen",
    "milliarden", "miljoonaa", "mil millones", "milionów", "miliardów", "juta", "miliar", "triliun",
    "milhão", "milhao", "millón", "millon", "milion", "miliony", "milyonu", "milioane", "miliarde",
    "milioonaa", "miljon", "millioner", "milliarder", "milioner",
)
"""Words for a million and a billion after a figure ("318,4 Mio. Euro", "3 184 miljoner kronor")."""
BILLION_WORDS = ("mrd", "mld", "miljarder", "miliardi", "milliards", "bilhões", "bilhoes", "miljard", "milyar",
                 "milliarden", "mil millones", "miliardów", "bn", "billion", "miliar", "triliun", "miliarde", "milliarder")
