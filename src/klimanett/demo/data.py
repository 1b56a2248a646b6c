"""The demo network's fixed content: invented organisations, people and texts (bokmål).

Every organisation here is invented: the names are meant to sound like firms, farms and public
bodies in Vestfold and Telemark but belong to no real one. The municipalities and NACE sections
are real. Public bodies of the municipality and county kinds are invented municipal and county
enterprises (KF, FKF, IKS), never a real council.
"""

from __future__ import annotations

from dataclasses import dataclass

# Membership plans (see ``build``): what the organisation's history in the network looks like.
PARTNER = "partner"  # active partner
COLLABORATOR = "collaborator"  # active collaborator
PROSPECT = "prospect"  # in talks, nothing signed
ENDED = "ended"  # was a partner, left
REJOINED = "rejoined"  # was a partner, left, and came back

# Certification plans: scheme and state. The dates follow the current year (see ``build``).
MF = "miljofyrtarn"
ISO = "iso14001"
EMAS = "emas"
VALID, EXPIRED, PLANNED = "valid", "expired", "planned"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    domain: str  # the part before ".example.no"
    kind: str
    sector: str  # NACE section
    municipality: str  # municipality number (2024)
    employees: int
    description: str
    membership: str = PARTNER
    public: bool = True
    # (scheme, state) or (scheme, state, name of the other scheme)
    certifications: tuple[tuple[str, ...], ...] = ()


O = DemoOrganisation  # noqa: E741 - keeps the table below readable

# fmt: off
ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    # The first two have the well-known demo logins. Add new organisations at the end: the
    # organisation numbers are drawn in list order.
    O("Elvetangen Energiteknikk AS", "elvetangen", "company", "M", "4003", 42,
      "Rådgivende ingeniører innen energi og VVS. Vi hjelper byggeiere med å kutte energibruken, "
      "og har selv varmepumpe og solceller på kontorbygget.",
      certifications=((MF, VALID),)),
    O("Brevikstrand Prosessteknikk AS", "brevikstrand", "company", "C", "4001", 310,
      "Produserer prosessutstyr til kjemisk industri. Arbeider med spillvarme, elektrifisering "
      "av ovner og mindre avfall i produksjonen.",
      certifications=((ISO, VALID),)),
    # Skien
    O("Kverndalen Mekaniske AS", "kverndalen-mek", "company", "C", "4003", 130,
      "Mekanisk verksted med sveis, maskinering og montasje. Har byttet til elektriske trucker "
      "og kartlegger energibruken i hallene.",
      certifications=((ISO, PLANNED), (MF, VALID))),
    O("Bølgen Bakeri og Kafé AS", "bolgen-bakeri", "company", "I", "4003", 18,
      "Bakeri og kafé i sentrum. Vil redusere matsvinn og bytte til fornybar varme i ovnene.",
      membership=PROSPECT, public=False),
    O("Elvebyen Eiendomsforvaltning KF", "elvebyen-eiendom", "municipality", "L", "4003", 65,
      "Kommunalt foretak som forvalter skoler, barnehager og sykehjem. Energileder, "
      "energioppfølging og solceller på nye bygg.",
      certifications=((MF, VALID),)),
    O("Lysåsen Regnskapskontor AS", "lysasen-regnskap", "company", "M", "4003", 9,
      "Regnskap og lønn for små og mellomstore bedrifter. Hjelper kundene med å komme i gang "
      "med klimaregnskap.",
      public=False, certifications=((MF, EXPIRED),)),
    O("Fjordbyen fagskole for teknikk", "fjordbyen-fagskole", "academia", "P", "4003", 85,
      "Fagskole med studier i energi, elkraft og bygg. Studentene gjør klimaoppgaver for "
      "partnere i nettverket.",
      membership=COLLABORATOR, certifications=((MF, VALID),)),
    O("Grønne Hender Telemark", "gronne-hender", "ngo", "S", "4003", 3,
      "Frivillig forening for byhager, reparasjonskafeer og ombruk i nabolaget.",
      membership=COLLABORATOR),
    # Porsgrunn
    O("Vasskjær Hydrogenlab AS", "vasskjaer-hydrogen", "company", "M", "4001", 24,
      "Laboratorium og testsenter for hydrogen og ammoniakk som energibærer i industri "
      "og skipsfart."),
    O("Porsvold Transport AS", "porsvold-transport", "company", "H", "4001", 56,
      "Godstransport og distribusjon i Grenland. Prøvde to elektriske lastebiler.",
      membership=ENDED),
    O("Kystklima forskningssenter", "kystklima", "academia", "M", "4001", 38,
      "Uavhengig forskningssenter for klimatilpasning og utslippskutt i kystbyer.",
      membership=COLLABORATOR),
    O("Gravbakken Elektro AS", "gravbakken-elektro", "company", "F", "4001", 27,
      "Elektroinstallatør med solceller, ladeanlegg og styring av energibruk i bygg.",
      certifications=((MF, VALID),)),
    O("Saltvika Vann og Avløp KF", "saltvika-va", "municipality", "E", "4001", 48,
      "Kommunalt foretak for vann og avløp. Utnytter biogass fra slammet og varme fra "
      "avløpsvannet.",
      certifications=((ISO, VALID),)),
    # Tønsberg
    O("Nordbyen Handelskompani AS", "nordbyen-handel", "company", "G", "3905", 74,
      "Grossist innen kjøkkenutstyr. Samler varelevering, bruker gjenbrukskasser og har "
      "solceller på lageret.",
      certifications=((MF, VALID),)),
    O("Havnelys Hotell AS", "havnelys-hotell", "company", "I", "3905", 95,
      "Hotell og konferansesenter ved havna. Arbeider med matsvinn, energistyring og "
      "svanemerking.",
      certifications=(("other", VALID, "Svanemerket"),)),
    O("Torvhaugen Bygg AS", "torvhaugen-bygg", "company", "F", "3905", 140,
      "Entreprenør for bolig og næringsbygg. Utslippsfrie byggeplasser er målet innen 2028.",
      certifications=((ISO, VALID),)),
    O("Kystfylket Skolebygg FKF", "kystfylket-skolebygg", "county_authority", "L", "3905", 120,
      "Fylkeskommunalt foretak som bygger og drifter videregående skoler. Stiller klimakrav "
      "til materialer og massetransport.",
      membership=COLLABORATOR, certifications=((MF, VALID),)),
    O("Bryggekanten Data AS", "bryggekanten-data", "company", "J", "3905", 33,
      "Utvikler fagsystemer for kommuner. Har flyttet driften til et datasenter med "
      "varmegjenvinning.",
      public=False),
    O("Statens kompetansesenter for fornybar varme", "fornybar-varme", "state_agency", "O",
      "3905", 45,
      "Statlig fagmiljø for varmepumper, fjernvarme og bioenergi. Gir råd til kommuner og "
      "næringsliv.",
      membership=COLLABORATOR, certifications=((MF, VALID),)),
    # Sandefjord
    O("Mørkefjord Marine AS", "morkefjord-marine", "company", "C", "3907", 88,
      "Bygger arbeidsbåter i aluminium, med elektrisk og hybrid fremdrift.",
      certifications=((ISO, PLANNED),)),
    O("Vindholmen Logistikk AS", "vindholmen-logistikk", "company", "H", "3907", 210,
      "Lager og tredjepartslogistikk. Biogass- og ellastebiler, og solceller på terminalene.",
      certifications=((ISO, VALID),)),
    O("Kilen Forsikringsmegling AS", "kilen-forsikring", "company", "K", "3907", 12,
      "Forsikringsmegler for næringslivet. Vil hjelpe kundene med å forstå klimarisiko.",
      membership=PROSPECT, public=False),
    O("Lindholt Flyteknikk AS", "lindholt-flyteknikk", "company", "C", "3907", 160,
      "Vedlikehold av fly og komponenter. Kartlegger utslipp fra testkjøring og innkjøp.",
      certifications=((ISO, VALID), (EMAS, PLANNED))),
    O("Kystlinjen Kollektiv FKF", "kystlinjen-kollektiv", "county_authority", "H", "3907", 60,
      "Fylkeskommunalt foretak som planlegger båtruter og bussruter. Alle nye kontrakter "
      "krever utslippsfri drift.",
      membership=COLLABORATOR),
    O("Humlebakken Barnehager SA", "humlebakken-barnehager", "company", "P", "3907", 40,
      "Tre foreldreeide barnehager med mye uteliv, lite matsvinn og ombruk av klær og leker.",
      certifications=((MF, VALID),)),
    # Larvik
    O("Lagunen Sjømat AS", "lagunen-sjomat", "company", "C", "3909", 67,
      "Foredler sjømat fra lokale fiskere. Har byttet kuldemedium og får strøm fra egne solceller.",
      membership=REJOINED, certifications=((MF, VALID),)),
    O("Kvartsberget Steinindustri AS", "kvartsberget-stein", "company", "B", "3909", 75,
      "Bryter og bearbeider naturstein. Elektriske anleggsmaskiner og ombruk av restblokker.",
      certifications=((ISO, VALID),)),
    O("Lyngrabben gård", "lyngrabben-gard", "farm", "A", "3909", 4,
      "Melkeproduksjon og korn. Biogass fra husdyrgjødsel og mer karbon i jorda."),
    O("Kvitsand Camping og Fritid AS", "kvitsand-camping", "company", "I", "3909", 11,
      "Camping og hytteutleie ved sjøen. Ladepunkter, solfangere og kildesortering for gjestene.",
      certifications=((MF, PLANNED),)),
    O("Steinvika Båtsenter AS", "steinvika-batsenter", "company", "G", "3909", 22,
      "Salg og service av fritidsbåter, også elektriske.",
      membership=ENDED),
    # Horten
    O("Rustadbukta Sensorteknologi AS", "rustadbukta-sensor", "company", "C", "3901", 190,
      "Utvikler og produserer sensorer for måling av vannkvalitet. Mindre emballasje og "
      "returordning for utstyr.",
      certifications=((ISO, VALID), (EMAS, VALID))),
    O("Skippergata Kulturhus AS", "skippergata-kulturhus", "company", "R", "3901", 14,
      "Konsertscene og kulturkafé. Grønne arrangementer med kollektivbillett i konsertbilletten.",
      certifications=((MF, VALID),)),
    O("Tangerud Økogård", "tangerud-okogard", "farm", "A", "3901", 3,
      "Økologisk grønnsaksproduksjon og gårdsbutikk.",
      certifications=(("other", VALID, "Debio økologisk"),)),
    O("Ankerbrygga Næringspark AS", "ankerbrygga", "company", "L", "3901", 8,
      "Eier og drifter næringsbygg ved sjøen. Energioppgraderer byggene etter en felles plan "
      "med leietakerne.",
      certifications=((MF, VALID),)),
    # Holmestrand
    O("Berglia Aluminiumsprofiler AS", "berglia-aluminium", "company", "C", "3903", 260,
      "Ekstruderer aluminiumsprofiler, med økende andel resirkulert metall.",
      certifications=((ISO, VALID), (EMAS, VALID))),
    O("Ekornrød frukt og bær", "ekornrod-frukt", "farm", "A", "3903", 6,
      "Epler, plommer og bær. Dryppvanning og elektrisk gårdsmaskin."),
    O("Vassbotn Renovasjon IKS", "vassbotn-renovasjon", "municipality", "E", "3903", 52,
      "Interkommunalt selskap for avfall og gjenvinning, med ombruksbutikk og elektriske "
      "renovasjonsbiler.",
      certifications=((ISO, VALID),)),
    # Færder
    O("Skjærgårdslys Feriesenter AS", "skjaergardslys", "company", "I", "3911", 16,
      "Feriesenter med hytter og båtutleie i skjærgården.",
      membership=PROSPECT, public=False),
    O("Fyrlykta Havbruk AS", "fyrlykta-havbruk", "company", "A", "3911", 19,
      "Dyrker blåskjell og tare, som tar opp næringssalter fra sjøen.",
      certifications=((MF, PLANNED),)),
    O("Fjordlys Naturvernforening", "fjordlys-natur", "ngo", "S", "3911", 2,
      "Frivillige som rydder strender, kartlegger ålegras og holder kurs i naturvern."),
    # Notodden
    O("Juvfoss Kraftlag AS", "juvfoss-kraft", "company", "D", "4005", 23,
      "Produserer vannkraft i tre småkraftverk og bygger ladepunkter i regionen.",
      certifications=((MF, VALID),)),
    O("Grovabrua Trebearbeiding AS", "grovabrua-tre", "company", "C", "4005", 58,
      "Lager vinduer og dører i tre fra regionen. Flis og spon går til egen varmesentral.",
      certifications=((MF, EXPIRED),)),
    O("Direktoratet for grønn mobilitet, regionkontor Sør", "gronn-mobilitet", "state_agency",
      "O", "4005", 28,
      "Statlig regionkontor som gir råd og tilskudd til utslippsfri transport.",
      membership=COLLABORATOR),
    # Bamble
    O("Rønnevik Industriservice AS", "ronnevik-industriservice", "company", "N", "4012", 140,
      "Renhold, stillas og vedlikehold for prosessindustrien.",
      public=False, certifications=((ISO, PLANNED),)),
    O("Sykkelglede Grenland", "sykkelglede", "ngo", "S", "4012", 1,
      "Forening som lærer barn og voksne å sykle, og låner ut lastesykler.",
      membership=COLLABORATOR),
    # Kragerø
    O("Tåkeholmen Båtrute AS", "takeholmen-batrute", "company", "H", "4014", 21,
      "Rutebåter mellom øyene. Den første hybridbåten ble satt i drift i fjor."),
    O("Lyngholmen Helsehus AS", "lyngholmen-helse", "company", "Q", "4014", 34,
      "Privat helsehus med fysioterapi og rehabilitering. Energisparing og grønne innkjøp.",
      certifications=((MF, VALID),)),
    # Midt-Telemark
    O("Midtfjell høgskolesenter", "midtfjell-hogskolesenter", "academia", "P", "4020", 120,
      "Studiesenter med studier i friluftsliv, natur og bærekraft, og etter- og videreutdanning.",
      membership=COLLABORATOR, certifications=((MF, VALID),)),
    O("Nordigard Frukt og Sider", "nordigard-frukt", "farm", "A", "4020", 5,
      "Fruktgård med eget sideri. Tar imot frukt fra naboene, så mindre går til spille."),
    # Tinn
    O("Fjellvarmen Energi AS", "fjellvarmen-energi", "company", "D", "4026", 17,
      "Nærvarme fra flis og spillvarme til boliger og hytter."),
    O("Skårsetra Fjellhotell AS", "skarsetra-fjellhotell", "company", "I", "4026", 26,
      "Fjellhotell med lokal mat. Bergvarme og elbil-lading for gjestene.",
      certifications=((MF, VALID),)),
    # The smaller municipalities
    O("Søftestad Sag og Høvleri AS", "softestad-sag", "company", "C", "4018", 36,
      "Sagbruk og høvleri. Bark og flis blir til bioenergi.",
      certifications=((MF, VALID),)),
    O("Fjellgarden Villsau", "fjellgarden-villsau", "farm", "A", "4036", 2,
      "Villsau på utmarksbeite hele året, med salg av kjøtt og ull."),
    O("Kveitehylen Gardsysteri AS", "kveitehylen-ysteri", "company", "C", "4022", 7,
      "Ysteri med melk fra egne geiter. Solfangere varmer vannet til ysteriet."),
    O("Tveitan Skogeierlag SA", "tveitan-skogeierlag", "company", "A", "4010", 4,
      "Skogeiere som samarbeider om skogkultur og hogst.",
      membership=ENDED),
    O("Gautehei Hyttebygg AS", "gautehei-hyttebygg", "company", "F", "4016", 15,
      "Bygger hytter i tre, med fokus på mindre avfall og lokale materialer.",
      membership=PROSPECT, public=False),
    O("Vestheia Kraftforvaltning KF", "vestheia-kraft", "municipality", "D", "4028", 6,
      "Kommunalt foretak som forvalter konsesjonskraft og kraftinntekter, og støtter "
      "energitiltak i bygdene.",
      public=False),
    O("Hjartbekk Økologiske Geitegård", "hjartbekk-geit", "farm", "A", "4024", 3,
      "Økologiske geiter og kje, gårdsturisme om sommeren.",
      certifications=(("other", PLANNED, "Debio økologisk"),)),
    O("Kanalstua Opplevelser AS", "kanalstua", "company", "R", "4034", 9,
      "Padleturer og guiding langs kanalen.",
      membership=PROSPECT, public=False),
    O("Tjørnlia Bioenergi SA", "tjornlia-bioenergi", "company", "D", "4032", 5,
      "Bondeeid varmesentral som leverer flisvarme til skolen og omsorgssenteret."),
)
# fmt: on

# Invented people: common Norwegian first and last names, combined at random.
FIRST_NAMES = (
    "Anne",
    "Ingrid",
    "Kari",
    "Marit",
    "Liv",
    "Hilde",
    "Nina",
    "Silje",
    "Ida",
    "Camilla",
    "Tone",
    "Randi",
    "Marte",
    "Sofie",
    "Elin",
    "Astrid",
    "Guro",
    "Hanne",
    "Kristin",
    "Maria",
    "Ola",
    "Per",
    "Jan",
    "Lars",
    "Bjørn",
    "Knut",
    "Erik",
    "Tor",
    "Geir",
    "Morten",
    "Håkon",
    "Even",
    "Sindre",
    "Eirik",
    "Jonas",
    "Magnus",
    "Anders",
    "Terje",
    "Øyvind",
    "Stian",
)
LAST_NAMES = (
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Berg",
    "Haugen",
    "Hagen",
    "Bakken",
    "Moen",
    "Lie",
    "Dahl",
    "Strand",
    "Lund",
    "Solberg",
    "Sætre",
    "Holm",
    "Gundersen",
    "Aas",
    "Myhre",
    "Halvorsen",
    "Brekke",
    "Nygård",
    "Tveit",
    "Aasen",
    "Fjeld",
    "Bø",
    "Lunde",
    "Rønning",
    "Vik",
    "Skogen",
)

# Random pairs that happen to name a well-known person are skipped.
WELL_KNOWN_NAMES = frozenset({"Nina Hagen", "Erna Solberg", "Jan Egeland", "Tone Damli"})

# Top management, who sign the member agreement, by organisation kind.
SIGNATORY_TITLES = {
    "company": ("Daglig leder", "Administrerende direktør", "Daglig leder", "Adm. direktør"),
    "farm": ("Gårdbruker og daglig leder", "Eier og daglig leder"),
    "municipality": ("Daglig leder", "Direktør"),
    "county_authority": ("Direktør",),
    "state_agency": ("Regiondirektør", "Direktør"),
    "academia": ("Rektor", "Direktør"),
    "ngo": ("Styreleder", "Daglig leder"),
}
CONTACT_TITLES = (
    "Miljøleder",
    "Bærekraftsansvarlig",
    "HMS- og kvalitetsleder",
    "Klimarådgiver",
    "Energileder",
    "Kvalitetssjef",
    "Prosjektleder klima",
)
SMALL_CONTACT_TITLES = ("Daglig leder", "Eier", "Styremedlem")

# Short evidence texts for the agreement commitments, by commitment code.
# {year} is the reporting year, {previous} the year before.
EVIDENCE_DONE: dict[str, tuple[str, ...]] = {
    "top_management": (
        "Styret vedtok klimastrategien; ledergruppen følger opp klimamålene hvert kvartal.",
        "Klimaarbeidet er fast sak på ledermøtet, og styret gikk gjennom resultatene i {year}.",
        "Daglig leder har ansvaret; mål og resultater behandles i styremøtet hvert år.",
    ),
    "climate_account": (
        "Klimaregnskap for {previous} ferdig etter GHG-protokollen (scope 1, 2 og reiser).",
        "Klimaregnskapet for {previous} er levert i Klimanett og lagt fram for ledelsen.",
        "Klimaregnskap for {previous} med energi, drivstoff, avfall og innkjøp; publisert.",
    ),
    "climate_budget": (
        "Handlingsplan med åtte tiltak, ansvarlige og frister vedtatt i {year}.",
        "Klimabudsjett med mål om 50 % kutt innen 2030; tiltakene følges opp hvert halvår.",
        "Tiltaksplan oppdatert i {year}, prioritert etter kostnad per tonn CO₂-ekvivalenter.",
    ),
    "green_procurement": (
        "Klima- og miljøkrav vektes 20–30 % i alle anskaffelser over 100 000 kroner.",
        "Ny innkjøpsrutine: utslippsfrie varebiler, brukte møbler og færre leverandører.",
        "Krav om miljøsertifisering og returordning til de ti største leverandørene.",
    ),
    "energy_circular": (
        "LED-belysning og ny varmepumpe; energibruken gikk ned 15 % fra {previous}.",
        "Solceller på taket satt i drift; ombruk av paller og emballasje med leverandørene.",
        "Avfall sorteres i sju fraksjoner; sorteringsgraden økte fra 61 % til 78 %.",
    ),
    "long_term_project": (
        "Langsiktig prosjekt: utslippsfri maskinpark innen 2028; de første maskinene er levert.",
        "Spillvarme fra produksjonen varmer nabobygget; første byggetrinn ferdig i {year}.",
        "Samarbeid med fagskolen om biogass fra eget organisk avfall; pilotanlegg i drift.",
    ),
}
EVIDENCE_IN_PROGRESS: dict[str, tuple[str, ...]] = {
    "top_management": (
        "Forslag til klimastrategi behandles i ledergruppen.",
        "Klimamålene skal opp i styret i løpet av året.",
    ),
    "climate_account": (
        "Samler inn tall for energi, drivstoff og avfall for {previous}.",
        "Venter på tall fra energileverandøren før klimaregnskapet for {previous} er ferdig.",
    ),
    "climate_budget": (
        "Tiltaksliste under arbeid; skal prioriteres etter kostnad og effekt.",
        "Arbeidsgruppe lager handlingsplan med mål for 2030.",
    ),
    "green_procurement": (
        "Innkjøpsrutinen revideres med klimakrav.",
        "Har startet dialog med de største leverandørene om utslipp.",
    ),
    "energy_circular": (
        "Energikartlegging av byggene er bestilt.",
        "Prøver ombruksordning for emballasje sammen med to leverandører.",
    ),
    "long_term_project": (
        "Forstudie om spillvarme og solenergi er i gang.",
        "Søker samarbeidspartnere til et prosjekt om elektrifisering av transporten.",
    ),
}
NOT_RELEVANT_PROCUREMENT = "Svært få innkjøp i år; egen innkjøpsrutine er ikke aktuelt ennå."

# The front page.
HOME_TITLE = "Klima- og energinettverket i Vestfold og Telemark"
AIMS_HEADING = "Målene våre"
HOME_INTRO = (
    "<p>Nettverket samler bedrifter, kommuner, "
    "offentlige virksomheter, fagmiljøer og organisasjoner som vil gå foran i klima- og "
    "miljøarbeidet. Sammen kutter vi utslipp, bruker energien smartere og deler det vi lærer.</p>"
    "<p>Fylket har som mål å kutte klimagassutslippene med 60 % innen 2030, sammenlignet med "
    "2009. Nettverket hjelper partnerne med å gjøre sin del: med klimaregnskap, mål, tiltak og "
    "gode eksempler.</p>"
)
AIMS = (
    (
        "En relevant partner",
        "Være en relevant partner for private og offentlige virksomheter som vil sette klima- "
        "og miljøarbeidet først.",
    ),
    (
        "Mål for klima og energi",
        "Veilede og utfordre bedrifter og kommuner til å sette seg mål for klima og energi, "
        "og til å nå dem.",
    ),
    (
        "Åpne møteplasser",
        "Skape åpne møteplasser for samarbeid, innovasjon og læring på tvers av bransjer "
        "og sektorer.",
    ),
    (
        "Vise de beste",
        "Løfte fram regionens beste virksomheter og eksempler, med partnerne først.",
    ),
    (
        "Samle og dele kunnskap",
        "Samle, systematisere og dele kunnskap og gode eksempler, så flere kan ta dem i bruk.",
    ),
)

# Standard pages under the home page: (title, slug, intro, body as (block type, text)).
_ABOUT = (
    ("heading", "Hvem er vi?"),
    (
        "paragraph",
        "<p>Klima- og energinettverket i Vestfold og Telemark er et nettverk for private og "
        "offentlige virksomheter som vil gå foran i klima- og miljøarbeidet. Partnerne er alt "
        "fra små gårdsbruk og kafeer til store industribedrifter og offentlige virksomheter.</p>",
    ),
    ("heading", "Hva gjør nettverket?"),
    (
        "paragraph",
        "<ul><li>Vi hjelper partnerne med klimaregnskap, mål og tiltak.</li>"
        "<li>Vi arrangerer møteplasser der partnerne lærer av hverandre.</li>"
        "<li>Vi samler kunnskap og gode eksempler i et åpent bibliotek.</li>"
        "<li>Vi viser fram partnerne og det de får til.</li></ul>",
    ),
    ("heading", "Fylkets klimamål"),
    (
        "paragraph",
        "<p>Målet er å kutte klimagassutslippene i fylket med 60 % innen 2030, sammenlignet med "
        "2009. Det krever innsats fra både næringsliv og offentlig sektor.</p>",
    ),
)
_JOIN = (
    ("heading", "Slik blir dere partner"),
    (
        "paragraph",
        "<ol><li>Ta kontakt med sekretariatet på "
        '<a href="mailto:post@klimanett.example.no">post@klimanett.example.no</a>, '
        "så avtaler vi et første møte.</li>"
        "<li>Toppledelsen signerer partneravtalen med sju forpliktelser.</li>"
        "<li>Dere får tilgang til Min side, der dere holder opplysningene om virksomheten "
        "oppdatert og rapporterer på forpliktelsene hvert år.</li></ol>",
    ),
    ("heading", "Forpliktelsene"),
    (
        "paragraph",
        "<p>Partnerne forankrer klimaarbeidet i toppledelsen, lager klimaregnskap hvert år, har "
        "en handlingsplan, stiller klimakrav i innkjøp, arbeider med energi og sirkulærøkonomi, "
        "har minst ett langsiktig klima- eller energiprosjekt og er miljøsertifisert eller har "
        "en plan for det.</p>",
    ),
    ("heading", "Kontingent"),
    (
        "paragraph",
        "<p>Kontingenten avhenger av hvor mange ansatte virksomheten har. Sekretariatet sender "
        "faktura én gang i året.</p>",
    ),
)
STANDARD_PAGES = (
    (
        "Om nettverket",
        "om-nettverket",
        "Et nettverk for virksomheter i Vestfold og Telemark som vil kutte utslipp og bruke "
        "energien smartere.",
        _ABOUT,
    ),
    (
        "Bli partner",
        "bli-partner",
        "Vil din virksomhet gå foran i klimaarbeidet? Slik blir dere partner i nettverket.",
        _JOIN,
    ),
)

# Climate accounts (issue 3): invented activity figures for the active partners.
# How a line's quantity moves from year to year (see ``plan._accounts``):
FOSSIL = "fossil"  # falls with the partner's yearly cut
ELECTRIC = "electric"  # rises as vehicles and heating are electrified
STEADY = "steady"  # falls at half the pace: efficiency, less waste
PHASE_OUT = "phase_out"  # falls fast: fossil heating oil, banned for heating buildings from 2020
TRAVEL = "travel"  # falls at half the pace, with the pandemic dip of 2020–2021


@dataclass(frozen=True)
class AccountLineSpec:
    activity: str
    unit: str
    per_employee: float  # quantity in ``unit`` per employee in 2019
    trend: str
    notes: tuple[str, ...] = ()
    optional: bool = False  # about half of the partners with the profile have the line


L = AccountLineSpec

FUEL_CARD = "Fra drivstoffkort"
GRID_INVOICE = "Faktura fra nettselskapet"
HEAT_INVOICE = "Faktura fra fjernvarmeleverandøren"
WASTE_REPORT = "Årsoppgave fra renovatøren"
TRAVEL_REPORT = "Rapport fra reisebyrået"

# fmt: off
ACCOUNT_PROFILES: dict[str, tuple[AccountLineSpec, ...]] = {
    "transport": (
        L("diesel", "l", 9000, FOSSIL, (FUEL_CARD, "Fra drivstoffkort og egen tank")),
        L("petrol", "l", 150, FOSSIL, (FUEL_CARD,)),
        L("electricity", "kWh", 3500, ELECTRIC, (GRID_INVOICE, "Målt, inkl. ladeanlegg")),
        L("waste_residual_incineration", "t", 0.15, STEADY, (WASTE_REPORT,)),
        L("flight_domestic", "pkm", 400, TRAVEL, (TRAVEL_REPORT,)),
        L("hvo", "l", 400, ELECTRIC, ("HVO100 fra tankanlegget",), optional=True),
        L("district_heating", "kWh", 2500, STEADY, (HEAT_INVOICE,), optional=True),
        L("heating_oil", "l", 150, PHASE_OUT, ("Reservetank på verkstedet",), optional=True),
        L("waste_sorted_recycling", "t", 0.2, STEADY, (WASTE_REPORT,), optional=True),
    ),
    "farm": (
        L("diesel", "l", 2000, FOSSIL, ("Anleggsdiesel, fra tankanlegget", FUEL_CARD)),
        L("petrol", "l", 120, FOSSIL, ()),
        L("electricity", "kWh", 12000, ELECTRIC, (GRID_INVOICE,)),
        L("waste_residual_incineration", "t", 0.25, STEADY, (WASTE_REPORT,)),
        L("car_diesel", "km", 1500, FOSSIL, ("Kjørebok",)),
        L("heating_oil", "l", 300, PHASE_OUT, (), optional=True),
        L("wood_pellets", "kWh", 5000, ELECTRIC, ("Pelletskamin i verkstedet",), optional=True),
        L("lpg", "kg", 80, STEADY, ("Gass til tørke og kjøkken",), optional=True),
        L("hvo", "l", 200, ELECTRIC, ("HVO100 i traktoren",), optional=True),
        L("waste_sorted_recycling", "t", 0.3, STEADY, ("Landbruksplast til gjenvinning",),
          optional=True),
    ),
    "construction": (
        L("diesel", "l", 2500, FOSSIL, (FUEL_CARD, "Anleggsdiesel fra leverandørens rapport")),
        L("petrol", "l", 100, FOSSIL, (FUEL_CARD,)),
        L("electricity", "kWh", 3000, ELECTRIC, ("Byggestrøm, faktura fra nettselskapet",)),
        L("waste_residual_incineration", "t", 1.5, STEADY, (WASTE_REPORT,)),
        L("waste_sorted_recycling", "t", 2.0, STEADY, (WASTE_REPORT,)),
        L("flight_domestic", "pkm", 300, TRAVEL, (TRAVEL_REPORT,)),
        L("hvo", "l", 300, ELECTRIC, ("HVO100 på byggeplass",), optional=True),
        L("heating_oil", "l", 200, PHASE_OUT, ("Byggtørk",), optional=True),
        L("waste_landfill", "t", 0.05, STEADY, ("Forurensede masser",), optional=True),
        L("car_electric", "km", 800, ELECTRIC, ("Kjørebok",), optional=True),
    ),
    "municipal": (
        L("electricity", "kWh", 60000, STEADY, (GRID_INVOICE, "Fra energioppfølgingssystemet")),
        L("district_heating", "kWh", 40000, ELECTRIC, (HEAT_INVOICE,)),
        L("heating_oil", "l", 600, PHASE_OUT, ("Fyringsolje i reservekjel",)),
        L("diesel", "l", 400, FOSSIL, (FUEL_CARD,)),
        L("car_electric", "km", 1000, ELECTRIC, ("Kjørebok for elbilene",)),
        L("waste_residual_incineration", "t", 0.3, STEADY, (WASTE_REPORT,)),
        L("petrol", "l", 80, FOSSIL, (FUEL_CARD,), optional=True),
        L("wood_pellets", "kWh", 8000, ELECTRIC, ("Pelletskjel på skolen",), optional=True),
        L("waste_food_biogas", "t", 0.1, STEADY, (WASTE_REPORT,), optional=True),
        L("water_supply", "m3", 150, STEADY, ("Målt forbruk",), optional=True),
        L("flight_domestic", "pkm", 300, TRAVEL, (TRAVEL_REPORT,), optional=True),
    ),
    "utility": (
        L("diesel", "l", 3000, FOSSIL, (FUEL_CARD,)),
        L("electricity", "kWh", 40000, ELECTRIC, (GRID_INVOICE,)),
        L("district_heating", "kWh", 6000, STEADY, (HEAT_INVOICE,)),
        L("car_electric", "km", 1500, ELECTRIC, ("Kjørebok for elbilene",)),
        L("waste_residual_incineration", "t", 0.4, STEADY, ()),
        L("hvo", "l", 500, ELECTRIC, ("HVO100 fra tankanlegget",), optional=True),
        L("heating_oil", "l", 200, PHASE_OUT, (), optional=True),
        L("petrol", "l", 80, FOSSIL, (FUEL_CARD,), optional=True),
        L("flight_domestic", "pkm", 250, TRAVEL, (TRAVEL_REPORT,), optional=True),
    ),
    "industry": (
        L("electricity", "MWh", 40, STEADY, (GRID_INVOICE, "Fra nettselskapets årsoversikt")),
        L("diesel", "l", 600, FOSSIL, ("Trucker og firmabiler, fra drivstoffkort",)),
        L("waste_residual_incineration", "t", 1.0, STEADY, (WASTE_REPORT,)),
        L("waste_sorted_recycling", "t", 2.0, STEADY, (WASTE_REPORT,)),
        L("flight_domestic", "pkm", 600, TRAVEL, (TRAVEL_REPORT,)),
        L("flight_short_haul", "pkm", 800, TRAVEL, (TRAVEL_REPORT,)),
        L("lpg", "kg", 300, FOSSIL, ("Propan til ovner",), optional=True),
        L("heating_oil", "l", 250, PHASE_OUT, (), optional=True),
        L("petrol", "l", 50, FOSSIL, (FUEL_CARD,), optional=True),
        L("district_heating", "kWh", 5000, STEADY, (HEAT_INVOICE,), optional=True),
        L("car_electric", "km", 300, ELECTRIC, (), optional=True),
        L("flight_long_haul", "pkm", 400, TRAVEL, (TRAVEL_REPORT,), optional=True),
    ),
    "hospitality": (
        L("electricity", "kWh", 9000, STEADY, (GRID_INVOICE,)),
        L("lpg", "kg", 150, FOSSIL, ("Propan til kjøkkenet",)),
        L("waste_food_biogas", "t", 0.25, STEADY, ("Matavfall, årsoppgave fra renovatøren",)),
        L("waste_residual_incineration", "t", 0.4, STEADY, (WASTE_REPORT,)),
        L("water_supply", "m3", 120, STEADY, ("Målt forbruk",)),
        L("district_heating", "kWh", 4000, ELECTRIC, (HEAT_INVOICE,), optional=True),
        L("heating_oil", "l", 200, PHASE_OUT, (), optional=True),
        L("diesel", "l", 100, FOSSIL, (FUEL_CARD,), optional=True),
        L("flight_domestic", "pkm", 200, TRAVEL, (TRAVEL_REPORT,), optional=True),
    ),
    "office": (
        L("electricity", "kWh", 4500, STEADY, (GRID_INVOICE, "Andel av fellesmåler, fra utleier")),
        L("flight_domestic", "pkm", 2500, TRAVEL, (TRAVEL_REPORT,)),
        L("car_petrol", "km", 1200, FOSSIL, ("Kjøregodtgjørelse fra lønnssystemet",)),
        L("car_electric", "km", 300, ELECTRIC, ("Kjøregodtgjørelse fra lønnssystemet",)),
        L("waste_residual_incineration", "t", 0.06, STEADY, ("Anslag fra utleier",)),
        L("district_heating", "kWh", 3500, STEADY, (HEAT_INVOICE,), optional=True),
        L("flight_short_haul", "pkm", 1200, TRAVEL, (TRAVEL_REPORT,), optional=True),
        L("taxi", "pkm", 150, STEADY, ("Fra kredittkortet",), optional=True),
        L("rail", "pkm", 800, ELECTRIC, (TRAVEL_REPORT,), optional=True),
        L("paper", "t", 0.01, STEADY, ("Innkjøpsstatistikk",), optional=True),
        L("diesel", "l", 150, FOSSIL, (FUEL_CARD,), optional=True),
    ),
}
# fmt: on

# Revenue per employee (NOK, 2025) by NACE section; sections not listed report no revenue.
REVENUE_PER_EMPLOYEE = {
    "A": 1_200_000, "B": 2_400_000, "C": 2_600_000, "D": 4_500_000, "E": 1_600_000,
    "F": 2_200_000, "G": 4_000_000, "H": 1_900_000, "I": 1_000_000, "J": 1_700_000,
    "K": 2_000_000, "L": 3_000_000, "M": 1_400_000, "N": 900_000, "P": 800_000,
    "Q": 1_000_000, "R": 900_000,
}  # fmt: skip
# Heated floor area per employee (m²) by profile.
HEATED_AREA_PER_EMPLOYEE = {
    "transport": 40, "farm": 150, "construction": 15, "municipal": 2000, "utility": 60,
    "industry": 120, "hospitality": 60, "office": 25,
}  # fmt: skip

# The checks the secretariat follows up (issue 3, item 6), each planted in one partner's account
# for the last year: domain → anomaly. The partners are active since 2023 at the latest.
MWH_MIXUP = "mwh_mixup"  # the kWh figure typed into the MWh field: 1000 times its history
JUMP = "jump"  # more than 30 % up in one category (diesel)
NO_ELECTRICITY = "no_electricity"  # no electricity line at all
GUARANTEES = "guarantees"  # electricity with guarantees of origin this year only
ANOMALIES = {
    "berglia-aluminium": MWH_MIXUP,
    "vindholmen-logistikk": JUMP,
    "humlebakken-barnehager": NO_ELECTRICITY,
    "nordbyen-handel": GUARANTEES,
}
# The last year's status for the partners of the well-known logins: a draft for the contact to
# finish, a submitted account for the secretariat to approve.
LAST_YEAR_STATUS = {"elvetangen": "draft", "brevikstrand": "submitted"}
