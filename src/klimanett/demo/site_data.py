"""The demo site's news and good examples (issue 6): invented stories in bokmål.

Every organisation named here is a demo organisation from ``data.ORGANISATIONS`` (referred to by
its domain), and every figure is invented. Most examples involve active partners; a few involve
organisations that are not partners (a collaborator, one that has left), so the list on
/eksempler/ shows the partners' examples first. ``days`` count back from the day the demo is
built; ``years_ago`` gives the year the measure was carried out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoNews:
    slug: str
    title: str
    days: int
    intro: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DemoExample:
    slug: str
    title: str
    organisations: tuple[str, ...]  # demo domains; the first is the one whose measure it tells
    category: str  # Measure.Category
    years_ago: int
    days: int
    summary: str
    story: tuple[str, ...]
    reduction_t: str | None = None
    reduction_percent: str | None = None
    cost_nok: int | None = None
    contact: tuple[str, str] = ("", "")  # name, e-mail under example.no
    quote: tuple[str, str] | None = None  # quote, who said it
    link_measure: bool = False  # link the organisation's own measure of the category


@dataclass(frozen=True)
class DemoAnnualReport:
    """The secretariat's text; `{year}` is the year the report covers."""

    title: str
    intro: str
    heading: str
    paragraphs: tuple[str, ...]


ANNUAL_REPORT = DemoAnnualReport(
    title="Klimarapport {year}",
    intro="Slik gikk det med utslippene til partnerne i nettverket i {year}, samlet fra de "
    "godkjente klimaregnskapene.",
    heading="Sekretariatet oppsummerer",
    paragraphs=(
        "Tiltakene som går igjen hos partnerne, er overgang fra fossil diesel i "
        "anleggsmaskiner og varebiler, og energieffektivisering i bygg. Tallene under viser "
        "hvor langt de har kommet, og hvor mange som er i rute mot målene sine.",
        "Samtidig ser vi at utslippene i scope 3 er usikre: mange regner bare med reiser og "
        "avfall. Neste år prioriterer vi hjelp til innkjøp og leverandørkjeder, og vi minner "
        "om at alle nye partnere skal sette seg et mål innen ett år.",
        "Tallene under er summen av de godkjente regnskapene. Partnere som har valgt å "
        "publisere regnskapet sitt, er nevnt med navn; de andre inngår bare i summene.",
    ),
)


NEWS: tuple[DemoNews, ...] = (
    DemoNews(
        "fire-nye-partnere",
        "Fire nye partnere i nettverket",
        6,
        "Et hotell, en barnehage, et elektrofirma og en logistikkbedrift har signert "
        "klimaavtalen. Nettverket har nå flere partnere enn noen gang.",
        (
            "Partnerne forplikter seg til å lage klimaregnskap hvert år, sette mål og følge opp "
            "en handlingsplan. Sekretariatet hjelper dem i gang med det første regnskapet.",
            "– Det viktigste er å komme i gang. Tallene blir bedre for hvert år, sier "
            "sekretariatet.",
        ),
    ),
    DemoNews(
        "klimaregnskap-frist",
        "Husk fristen for klimaregnskapet",
        24,
        "Klimaregnskapet for i fjor skal være levert innen 1. april. Nytt i år er at "
        "regnskapet kan importeres fra regneark.",
        (
            "Logg inn på Min side for å starte. Tallene fra i fjor ligger klare, så du ser "
            "endringene med én gang.",
            "Har du spørsmål, er sekretariatet tilgjengelig på åpen kontordag hver torsdag.",
        ),
    ),
    DemoNews(
        "rapport-regionens-utslipp",
        "Ny rapport: utslippene i regionen går ned",
        52,
        "Nettverkets årsrapport viser at partnerne samlet har kuttet utslippene sine, mest "
        "innen transport og oppvarming.",
        (
            "Rapporten bygger på partnernes godkjente klimaregnskap og på kommunestatistikken. "
            "Den viser også hvor det går tregere: innkjøp og avfall.",
        ),
    ),
    DemoNews(
        "studietur-biogass",
        "Studietur til biogassanlegget",
        95,
        "Tjue partnere besøkte renseanlegget som lager biogass av slam og varmer opp "
        "bygningene med spillvarme fra avløpsvannet.",
        (
            "Turen var en del av temaåret for sirkulærøkonomi. Neste studietur går til en "
            "byggeplass uten fossile maskiner.",
        ),
    ),
)

EXAMPLES: tuple[DemoExample, ...] = (
    DemoExample(
        "varmepumpe-pa-skolen",
        "Varmepumpe erstattet oljekjelen på barneskolen",
        ("elvebyen-eiendom", "gravbakken-elektro"),
        "heating",
        2,
        40,
        "Elvebyen Eiendomsforvaltning byttet den siste oljekjelen i en barneskole med en "
        "væske-til-vann-varmepumpe. Gravbakken Elektro sto for styringen.",
        (
            "Skolen fra 1970-tallet hadde fortsatt en oljekjel som reserve. Nå henter tolv "
            "energibrønner varmen fra berggrunnen.",
            "Energiforbruket til oppvarming falt med over halvparten det første året, og "
            "vaktmesteren følger forbruket time for time.",
        ),
        reduction_t="38.5",
        reduction_percent="92",
        cost_nok=4_800_000,
        contact=("Hanne Vik", "hanne.vik@elvebyen-eiendom.example.no"),
        quote=(
            "Elevene merker ingenting – bortsett fra at det ikke lukter olje lenger.",
            "Vaktmester på skolen",
        ),
        link_measure=True,
    ),
    DemoExample(
        "elektriske-varebiler",
        "Elektriske varebiler til servicekjøringen",
        ("gravbakken-elektro",),
        "transport",
        1,
        75,
        "Gravbakken Elektro har byttet alle de elleve servicebilene til elektriske "
        "varebiler, med lading på lageret om natten.",
        (
            "Montørene kjører korte turer i Grenland, så rekkevidden var aldri et problem. "
            "Det krevde mer å få plass til verktøy og kabeltromler.",
        ),
        reduction_t="31.2",
        reduction_percent="85",
        cost_nok=650_000,
        contact=("Ole Gravbakken", "ole@gravbakken-elektro.example.no"),
        link_measure=True,
    ),
    DemoExample(
        "hvo-i-anleggsmaskiner",
        "HVO100 i alle anleggsmaskinene",
        ("torvhaugen-bygg",),
        "transport",
        2,
        110,
        "Torvhaugen Bygg fyller gravemaskiner og hjullastere med HVO100 uten palmeolje, "
        "mens de venter på elektriske maskiner i riktig størrelse.",
        (
            "Leverandøren dokumenterer råstoffet for hver leveranse. Maskinene trengte ingen "
            "ombygging.",
            "Neste steg er to elektriske minigravere til byggeplasser i sentrum.",
        ),
        reduction_t="210",
        reduction_percent="60",
        cost_nok=380_000,
        contact=("Silje Torvhaugen", "silje@torvhaugen-bygg.example.no"),
        link_measure=True,
    ),
    DemoExample(
        "solceller-pa-lageret",
        "Solceller på taket av lageret",
        ("nordbyen-handel", "gravbakken-elektro"),
        "building_electricity",
        1,
        20,
        "Nordbyen Handelskompani har lagt 900 solcellepaneler på lagertaket. Anlegget "
        "dekker en tredel av strømforbruket over året.",
        (
            "Taket måtte forsterkes før panelene kom på plass. Strømmen brukes først av "
            "kjølerommene, og overskuddet selges.",
        ),
        reduction_t="4.1",
        reduction_percent="33",
        cost_nok=2_100_000,
        contact=("Kari Nordby", "kari@nordbyen-handel.example.no"),
    ),
    DemoExample(
        "ombruk-av-kontormobler",
        "Ombrukte kontormøbler i det nye kontoret",
        ("elvetangen",),
        "procurement",
        1,
        140,
        "Da Elvetangen Energiteknikk flyttet, ble 80 prosent av møblene ombrukt: egne møbler "
        "ble trukket om, og resten kjøpt brukt.",
        (
            "Arkitekten fikk i oppdrag å tegne rundt det som fantes. Pulter med hev-senk ble "
            "kjøpt brukt fra et nedlagt kontor i Oslo.",
        ),
        reduction_t="18",
        reduction_percent="75",
        cost_nok=240_000,
        contact=("Per Elvetangen", "per@elvetangen.example.no"),
        quote=("Det ble billigere, og kontoret fikk mer sjel.", "Daglig leder"),
    ),
    DemoExample(
        "spillvarme-fra-ovnene",
        "Spillvarme fra ovnene varmer produksjonshallen",
        ("brevikstrand",),
        "heating",
        3,
        190,
        "Brevikstrand Prosessteknikk henter varmen fra røykgassen i herdeovnene og bruker den "
        "til å varme opp hallen om vinteren.",
        (
            "Før gikk varmen rett ut i pipa. Nå gjør en varmeveksler og en akkumulatortank at "
            "gasskjelen nesten aldri starter.",
        ),
        reduction_t="145",
        reduction_percent="70",
        cost_nok=3_200_000,
        link_measure=True,
    ),
    DemoExample(
        "matsvinn-pa-hotellet",
        "Halvert matsvinn på hotellet",
        ("havnelys-hotell",),
        "waste",
        1,
        60,
        "Havnelys Hotell veier matavfallet hver dag og har endret frokostbuffeten. Matsvinnet "
        "er halvert på to år.",
        ("Mindre fat, påfyll oftere og rester til personalmaten ga de største kuttene.",),
        reduction_t="12.5",
        reduction_percent="50",
        cost_nok=45_000,
        contact=("Lise Havnelys", "lise@havnelys-hotell.example.no"),
    ),
    DemoExample(
        "biogass-og-ellastebiler",
        "Biogass og ellastebiler ut fra terminalen",
        ("vindholmen-logistikk",),
        "transport",
        2,
        230,
        "Vindholmen Logistikk kjører nå distribusjonen i Vestfold med fire ellastebiler og "
        "seks biogasslastebiler.",
        (
            "Ruteplanleggingen ble lagt om slik at de elektriske bilene tar de korte rutene med "
            "mange stopp.",
        ),
        reduction_t="320",
        reduction_percent="40",
        cost_nok=9_500_000,
        link_measure=True,
    ),
    DemoExample(
        "elektriske-lastebiler-prove",
        "Prøveprosjekt med to elektriske lastebiler",
        ("porsvold-transport",),
        "transport",
        4,
        400,
        "Porsvold Transport prøvde to elektriske lastebiler på bytrafikken i Grenland i et år. "
        "Erfaringene deles fritt med andre transportører.",
        ("Bilene fungerte godt på korte ruter, men ladingen i rushtiden var en utfordring.",),
        reduction_t="55",
        reduction_percent="90",
        cost_nok=1_400_000,
    ),
    DemoExample(
        "reparasjonskafe",
        "Reparasjonskafé hver måned",
        ("gronne-hender",),
        "waste",
        1,
        10,
        "Grønne Hender Telemark arrangerer reparasjonskafé på biblioteket. Frivillige "
        "reparerer klær, sykler og småelektronikk.",
        ("Over 400 ting ble reparert i fjor. Mange kommer igjen for å lære å reparere selv.",),
        reduction_t="3",
    ),
)
