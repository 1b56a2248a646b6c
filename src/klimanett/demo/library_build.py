"""The demo knowledge library: the sectors, a few more themes, and real public resources.

The resources are REAL public reports, standards, tools and statistics, with their real titles,
publishers, years and links (to the publisher's page for the resource, or its main site when a
deep link may move); the summaries are the network's own words. Keyed on the slug: a resource
that exists (perhaps edited in the demo) is left as it is, so a second run creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from wagtail.search import index

from klimanett.events.models import Event, Theme
from klimanett.library.models import Resource, Sector

SECTORS = {
    "offentlig-sektor": "Offentlig sektor",
    "industri": "Industri",
    "bygg-og-eiendom": "Bygg og eiendom",
    "transport-og-logistikk": "Transport og logistikk",
    "energi": "Energi",
    "handel-og-tjenester": "Handel og tjenester",
    "landbruk-og-mat": "Landbruk og mat",
}
# The demo events' themes (``events_build.THEMES``) and the library's own.
THEMES = {
    "energi": "Energi",
    "transport": "Transport",
    "innkjop": "Innkjøp",
    "sirkularokonomi": "Sirkulærøkonomi",
    "klimaregnskap": "Klimaregnskap",
    "klimatilpasning": "Klimatilpasning",
    "arealbruk": "Arealbruk",
    "baerekraftsrapportering": "Bærekraftsrapportering",
}

K = Resource.Kind
A = Resource.Audience
L = Resource.Language
ALL_SECTORS = tuple(SECTORS)


@dataclass(frozen=True)
class DemoResource:
    slug: str
    title: str
    publisher: str
    year: int
    url: str
    kind: str
    language: str
    audience: str
    themes: tuple[str, ...]
    sectors: tuple[str, ...]
    summary: str
    events: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()


R = DemoResource
MDIR = "https://www.miljodirektoratet.no/"
REGJERINGEN = "https://www.regjeringen.no/"
RESOURCES = (
    R(
        "klimakur-2030",
        "Klimakur 2030: Tiltak og virkemidler mot 2030",
        "Miljødirektoratet",
        2020,
        MDIR,
        K.REPORT,
        L.NB,
        A.BOTH,
        ("energi", "transport", "klimaregnskap"),
        ALL_SECTORS,
        "Den store gjennomgangen av hvordan Norge kan halvere de ikke-kvotepliktige utslippene "
        "innen 2030, tiltak for tiltak, med kostnader. Et godt sted å starte når dere skal finne "
        "de største kuttene i egen virksomhet.",
        templates=("diesel_vans_to_electric", "hvo_in_machinery", "oil_heating_to_heat_pump"),
    ),
    R(
        "klimatiltak-i-norge-mot-2030",
        "Klimatiltak i Norge mot 2030: Oppdatert kunnskapsgrunnlag "
        "om utslippsreduserende tiltak og virkemidler",
        "Miljødirektoratet",
        2023,
        MDIR,
        K.REPORT,
        L.NB,
        A.BOTH,
        ("energi", "transport"),
        ALL_SECTORS,
        "Oppdateringen av Klimakur: hvilke tiltak som er gjennomført, hva de koster nå, og hvor "
        "potensialet fortsatt er stort.",
        templates=("petrol_cars_to_electric", "fossil_heating_to_district_heating"),
    ),
    R(
        "klimagassutslipp-fra-kommuner",
        "Klimagassutslipp fra kommuner",
        "Miljødirektoratet",
        2024,
        "https://www.miljodirektoratet.no/klimagassutslipp-kommuner",
        K.DATASET,
        L.NB,
        A.MUNICIPALITIES,
        ("klimaregnskap",),
        ("offentlig-sektor",),
        "Statistikk over utslippene i hver kommune, fordelt på sektorer og kilder, oppdatert "
        "hvert år. Grunnlaget for kommunens klimabudsjett og for å se hvor utslippene faktisk "
        "kommer fra.",
    ),
    R(
        "klimasats",
        "Klimasats – støtte til klimasatsing i kommunene",
        "Miljødirektoratet",
        2016,
        MDIR,
        K.TOOL,
        L.NB,
        A.MUNICIPALITIES,
        ("energi", "transport", "innkjop"),
        ("offentlig-sektor",),
        "Støtteordningen for kommuner og fylkeskommuner som vil kutte utslipp. Nyttig både for "
        "å søke penger og for å se hva andre kommuner har fått støtte til.",
    ),
    R(
        "ghg-protocol-corporate-standard",
        "The Greenhouse Gas Protocol: A Corporate Accounting "
        "and Reporting Standard (Revised Edition)",
        "World Resources Institute og WBCSD",
        2004,
        "https://ghgprotocol.org/corporate-standard",
        K.GUIDE,
        L.EN,
        A.BOTH,
        ("klimaregnskap",),
        ALL_SECTORS,
        "Standarden nesten alle klimaregnskap bygger på: hvordan dere avgrenser virksomheten og "
        "deler utslippene i scope 1, 2 og 3.",
        events=("kurs-klimaregnskap-for-nybegynnere",),
    ),
    R(
        "ghg-protocol-scope-2-guidance",
        "GHG Protocol Scope 2 Guidance",
        "World Resources Institute og WBCSD",
        2015,
        "https://ghgprotocol.org/scope-2-guidance",
        K.GUIDE,
        L.EN,
        A.BOTH,
        ("klimaregnskap", "energi"),
        ALL_SECTORS,
        "Hvorfor strømmen regnes to ganger, lokasjonsbasert og markedsbasert, og hva "
        "opprinnelsesgarantier betyr for tallene.",
    ),
    R(
        "ghg-protocol-scope-3-standard",
        "Corporate Value Chain (Scope 3) Accounting and Reporting Standard",
        "World Resources Institute og WBCSD",
        2011,
        "https://ghgprotocol.org/corporate-value-chain-scope-3-standard",
        K.GUIDE,
        L.EN,
        A.BOTH,
        ("klimaregnskap", "innkjop"),
        ALL_SECTORS,
        "De 15 kategoriene i verdikjeden, fra innkjøpte varer til bruk av solgte produkter. For "
        "dere som vil se utslippene utenfor egne vegger.",
        events=("kurs-klimaregnskap-for-nybegynnere",),
    ),
    R(
        "ghg-protocol-gpc",
        "Global Protocol for Community-Scale Greenhouse Gas Inventories (GPC)",
        "World Resources Institute, C40 Cities og ICLEI",
        2014,
        "https://ghgprotocol.org/",
        K.GUIDE,
        L.EN,
        A.MUNICIPALITIES,
        ("klimaregnskap",),
        ("offentlig-sektor",),
        "Standarden for klimaregnskap for en hel by eller kommune som geografisk område, ikke "
        "bare kommunen som virksomhet.",
    ),
    R(
        "iso-14064-1",
        "ISO 14064-1:2018 Greenhouse gases – Part 1",
        "ISO",
        2018,
        "https://www.iso.org/",
        K.GUIDE,
        L.EN,
        A.BOTH,
        ("klimaregnskap",),
        ALL_SECTORS,
        "Den internasjonale standarden for klimagassregnskap på virksomhetsnivå, nyttig når "
        "regnskapet skal verifiseres av en tredjepart.",
    ),
    R(
        "ipcc-ar6-synthesis-report",
        "Climate Change 2023: Synthesis Report (AR6)",
        "IPCC",
        2023,
        "https://www.ipcc.ch/report/ar6/syr/",
        K.REPORT,
        L.EN,
        A.BOTH,
        ("klimatilpasning", "energi"),
        (),
        "Sammendraget av FNs klimapanels sjette hovedrapport: hva vi vet om klimaendringene, "
        "virkningene og løsningene. Kortversjonen for beslutningstakere er verdt en kveld.",
    ),
    R(
        "ipcc-ar6-wg3",
        "Climate Change 2022: Mitigation of Climate Change",
        "IPCC",
        2022,
        "https://www.ipcc.ch/report/ar6/wg3/",
        K.REPORT,
        L.EN,
        A.BOTH,
        ("energi", "transport", "arealbruk"),
        ALL_SECTORS,
        "Klimapanelets gjennomgang av hvordan utslippene kan kuttes i hver sektor, med "
        "kostnader og potensial.",
    ),
    R(
        "ipcc-ar6-wg2",
        "Climate Change 2022: Impacts, Adaptation and Vulnerability",
        "IPCC",
        2022,
        "https://www.ipcc.ch/report/ar6/wg2/",
        K.REPORT,
        L.EN,
        A.BOTH,
        ("klimatilpasning", "arealbruk"),
        ("offentlig-sektor", "landbruk-og-mat"),
        "Hvordan klimaendringene rammer samfunn og natur, og hva tilpasning kan og ikke kan gjøre.",
    ),
    R(
        "sbti-corporate-net-zero-standard",
        "SBTi Corporate Net-Zero Standard",
        "Science Based Targets initiative",
        2021,
        "https://sciencebasedtargets.org/",
        K.GUIDE,
        L.EN,
        A.COMPANIES,
        ("klimaregnskap",),
        ("industri", "handel-og-tjenester"),
        "Hva det vil si å ha et vitenskapsbasert netto null-mål: kutt først, kompensasjon bare "
        "for restutslippene.",
        events=("toppledermote-klimaregnskap-som-styringsverktoy",),
    ),
    R(
        "tcfd-recommendations",
        "Recommendations of the Task Force on Climate-related Financial Disclosures",
        "Task Force on Climate-related Financial Disclosures",
        2017,
        "https://www.fsb-tcfd.org/",
        K.REPORT,
        L.EN,
        A.COMPANIES,
        ("baerekraftsrapportering", "klimatilpasning"),
        ("industri", "handel-og-tjenester"),
        "Rammeverket for å rapportere klimarisiko: styring, strategi, risikostyring og mål.",
    ),
    R(
        "csrd",
        "Directive (EU) 2022/2464 (Corporate Sustainability Reporting Directive)",
        "Den europeiske union",
        2022,
        "https://eur-lex.europa.eu/eli/dir/2022/2464/oj",
        K.ARTICLE,
        L.EN,
        A.COMPANIES,
        ("baerekraftsrapportering",),
        ALL_SECTORS,
        "Direktivet som gjør bærekraftsrapportering til lovpålagt for store selskaper i EU og "
        "EØS. Greit å kjenne til også for leverandørene deres.",
    ),
    R(
        "esrs",
        "European Sustainability Reporting Standards (ESRS), Delegated Regulation (EU) 2023/2772",
        "Europakommisjonen",
        2023,
        "https://eur-lex.europa.eu/eli/reg_del/2023/2772/oj",
        K.GUIDE,
        L.EN,
        A.COMPANIES,
        ("baerekraftsrapportering", "klimaregnskap"),
        ALL_SECTORS,
        "Standardene for rapportering etter CSRD; E1 om klima sier hva som skal med av utslipp, "
        "mål og tiltak.",
    ),
    R(
        "efrag-vsme",
        "Voluntary Sustainability Reporting Standard for non-listed SMEs (VSME)",
        "EFRAG",
        2024,
        "https://www.efrag.org/",
        K.GUIDE,
        L.EN,
        A.COMPANIES,
        ("baerekraftsrapportering", "klimaregnskap"),
        ("handel-og-tjenester", "industri"),
        "En frivillig og enklere standard for små og mellomstore bedrifter som får spørsmål om "
        "bærekraft fra bank, kunder og oppdragsgivere.",
    ),
    R(
        "meld-st-13-2020-2021",
        "Meld. St. 13 (2020–2021) Klimaplan for 2021–2030",
        "Klima- og miljødepartementet",
        2021,
        REGJERINGEN,
        K.REPORT,
        L.NB,
        A.BOTH,
        ("energi", "transport"),
        ALL_SECTORS,
        "Regjeringens plan for å nå klimamålet for 2030, med økende CO2-avgift og tiltak i alle "
        "sektorer.",
    ),
    R(
        "klimaloven",
        "Lov om klimamål (klimaloven)",
        "Lovdata",
        2017,
        "https://lovdata.no/dokument/NL/lov/2017-06-16-60",
        K.ARTICLE,
        L.NB,
        A.BOTH,
        ("klimaregnskap",),
        ("offentlig-sektor",),
        "Loven som fester Norges klimamål for 2030 og 2050 og krever årlig rapportering til "
        "Stortinget.",
    ),
    R(
        "spr-klima-energi-klimatilpasning",
        "Statlige planretningslinjer for klima- og energiplanlegging og klimatilpasning",
        "Kommunal- og moderniseringsdepartementet",
        2018,
        REGJERINGEN,
        K.GUIDE,
        L.NB,
        A.MUNICIPALITIES,
        ("klimatilpasning", "arealbruk", "energi"),
        ("offentlig-sektor",),
        "Hva staten forventer av kommunenes klima- og energiplaner og av klimatilpasning i "
        "arealplanleggingen.",
    ),
    R(
        "nou-2023-25",
        "NOU 2023: 25 Omstilling til lavutslipp – Veivalg for klimapolitikken mot 2050",
        "Klimautvalget 2050",
        2023,
        REGJERINGEN,
        K.REPORT,
        L.NB,
        A.BOTH,
        ("energi", "arealbruk", "transport"),
        ALL_SECTORS,
        "Utvalget som så mot 2050: et lavutslippssamfunn krever endringer i alle sektorer, og "
        "arealbruken må med.",
    ),
    R(
        "nou-2023-3",
        "NOU 2023: 3 Mer av alt – raskere",
        "Energikommisjonen",
        2023,
        REGJERINGEN,
        K.REPORT,
        L.NB,
        A.BOTH,
        ("energi",),
        ("energi", "industri"),
        "Energikommisjonens råd om hvordan Norge kan få mer fornybar kraft og bruke energien "
        "bedre, raskt.",
    ),
    R(
        "nou-2018-17",
        "NOU 2018: 17 Klimarisiko og norsk økonomi",
        "Klimarisikoutvalget",
        2018,
        REGJERINGEN,
        K.REPORT,
        L.NB,
        A.BOTH,
        ("klimatilpasning", "baerekraftsrapportering"),
        ("offentlig-sektor", "industri"),
        "Hva klimaendringene og klimapolitikken betyr som risiko for norsk økonomi, og hvordan "
        "den bør synliggjøres.",
    ),
    R(
        "nou-2010-10",
        "NOU 2010: 10 Tilpassing til eit klima i endring",
        "Klimatilpassingsutvalet",
        2010,
        REGJERINGEN,
        K.REPORT,
        L.NN,
        A.MUNICIPALITIES,
        ("klimatilpasning", "arealbruk"),
        ("offentlig-sektor",),
        "Den første store norske utredningen om klimatilpasning, fortsatt et godt grunnlag for "
        "kommunenes arbeid.",
    ),
    R(
        "klima-i-norge-2100",
        "Klima i Norge 2100",
        "Norsk klimaservicesenter",
        2015,
        "https://klimaservicesenter.no/",
        K.REPORT,
        L.NB,
        A.MUNICIPALITIES,
        ("klimatilpasning",),
        ("offentlig-sektor", "bygg-og-eiendom", "landbruk-og-mat"),
        "Hvordan klimaet i Norge kan endre seg fram mot 2100: temperatur, nedbør, flom og "
        "havnivå. Kunnskapsgrunnlaget for klimatilpasning.",
    ),
    R(
        "ntp-2025-2036",
        "Meld. St. 14 (2023–2024) Nasjonal transportplan 2025–2036",
        "Samferdselsdepartementet",
        2024,
        REGJERINGEN,
        K.REPORT,
        L.NB,
        A.BOTH,
        ("transport",),
        ("transport-og-logistikk", "offentlig-sektor"),
        "Statens plan for veier, jernbane, sjø og luftfart de neste tolv årene, med målene for "
        "utslipp fra transport.",
        events=("nettverksmote-transport-og-lading",),
    ),
    R(
        "tek17",
        "Byggteknisk forskrift (TEK17)",
        "Direktoratet for byggkvalitet",
        2017,
        "https://dibk.no/",
        K.GUIDE,
        L.NB,
        A.BOTH,
        ("energi",),
        ("bygg-og-eiendom",),
        "Kravene til energi, klimagassregnskap og materialer i nye bygg, med veiledning.",
        events=("nettverksmote-energi-i-naeringsbygg",),
    ),
    R(
        "nve-hvor-kommer-strommen-fra",
        "Hvor kommer strømmen fra?",
        "NVE",
        2024,
        "https://www.nve.no/",
        K.DATASET,
        L.NB,
        A.BOTH,
        ("energi", "klimaregnskap"),
        ("energi",),
        "NVEs årlige varedeklarasjon for strøm: hvor strømmen kom fra, og utslippsfaktoren som "
        "klimaregnskapet trenger.",
        events=("nettverksmote-energi-i-naeringsbygg",),
        templates=("energy_management_electricity",),
    ),
    R(
        "ssb-utslipp-til-luft",
        "Utslipp til luft",
        "Statistisk sentralbyrå",
        2024,
        "https://www.ssb.no/",
        K.DATASET,
        L.NB,
        A.BOTH,
        ("klimaregnskap",),
        ALL_SECTORS,
        "Den offisielle statistikken over utslipp av klimagasser i Norge, fordelt på næringer.",
    ),
    R(
        "kriterieveiviseren",
        "Kriterieveiviseren",
        "Direktoratet for forvaltning og økonomistyring (DFØ)",
        2018,
        "https://anskaffelser.no/",
        K.TOOL,
        L.NB,
        A.BOTH,
        ("innkjop",),
        ("offentlig-sektor",),
        "Ferdige klima- og miljøkrav til anbud for blant annet transport, IT-utstyr, møbler, mat "
        "og bygg. Spar tid: kopier kravene og tilpass dem.",
        events=("webinar-gronne-innkjop-i-praksis", "verksted-sirkulaere-innkjop"),
    ),
    R(
        "dfo-veileder-klima-miljo-anskaffelser",
        "Veileder til regler om klima- og miljøhensyn i offentlige anskaffelser",
        "Direktoratet for forvaltning og økonomistyring (DFØ)",
        2024,
        "https://anskaffelser.no/verktoy/veiledere/veileder-til-regler-om-klima-og-miljohensyn-i-"
        "offentlige-anskaffelser",
        K.GUIDE,
        L.NB,
        A.BOTH,
        ("innkjop",),
        ("offentlig-sektor",),
        "Slik følger dere kravet om å vekte klima og miljø med minst 30 prosent, som gjelder fra "
        "2024, med eksempler for de viktigste innkjøpskategoriene.",
        events=("webinar-gronne-innkjop-i-praksis",),
    ),
    R(
        "nasjonal-strategi-sirkulaer-okonomi",
        "Nasjonal strategi for ein grøn, sirkulær økonomi",
        "Klima- og miljødepartementet",
        2021,
        REGJERINGEN,
        K.REPORT,
        L.NN,
        A.BOTH,
        ("sirkularokonomi",),
        ALL_SECTORS,
        "Regjeringens strategi for å bruke ressursene lenger og bedre, med eget kapittel om "
        "offentlige innkjøp.",
        events=("verksted-sirkulaere-innkjop",),
    ),
    R(
        "completing-the-picture",
        "Completing the Picture: How the Circular Economy Tackles Climate Change",
        "Ellen MacArthur Foundation",
        2019,
        "https://www.ellenmacarthurfoundation.org/",
        K.REPORT,
        L.EN,
        A.BOTH,
        ("sirkularokonomi",),
        ("industri", "bygg-og-eiendom", "landbruk-og-mat"),
        "Hvorfor energiomstillingen bare løser litt over halvparten av klimaproblemet, og hvordan "
        "sirkulære løsninger tar resten.",
        events=("verksted-sirkulaere-innkjop",),
        templates=("no_waste_to_landfill",),
    ),
    R(
        "circularity-gap-report-2024",
        "The Circularity Gap Report 2024",
        "Circle Economy",
        2024,
        "https://www.circularity-gap.world/",
        K.REPORT,
        L.EN,
        A.BOTH,
        ("sirkularokonomi",),
        ("industri", "handel-og-tjenester"),
        "Hvor stor del av materialene verden bruker som går i kretsløp, og hvorfor andelen synker.",
        templates=("less_residual_waste",),
    ),
    R(
        "iea-net-zero-by-2050",
        "Net Zero by 2050: A Roadmap for the Global Energy Sector",
        "IEA",
        2021,
        "https://www.iea.org/reports/net-zero-by-2050",
        K.REPORT,
        L.EN,
        A.BOTH,
        ("energi", "transport"),
        ("energi", "industri", "transport-og-logistikk"),
        "Det internasjonale energibyråets veikart for et energisystem uten netto utslipp i 2050.",
    ),
    R(
        "unep-emissions-gap-report-2023",
        "Emissions Gap Report 2023: Broken Record",
        "UNEP",
        2023,
        "https://www.unep.org/",
        K.REPORT,
        L.EN,
        A.BOTH,
        ("klimaregnskap",),
        (),
        "Gapet mellom landenes løfter og det som trengs for å nå Parisavtalen, målt hvert år.",
    ),
    R(
        "fossilfritt-sverige-fardplaner",
        "Färdplaner för fossilfri konkurrenskraft",
        "Fossilfritt Sverige",
        2018,
        "https://fossilfrittsverige.se/",
        K.EXAMPLE,
        L.SV,
        A.COMPANIES,
        ("transport", "energi"),
        ("industri", "transport-og-logistikk", "bygg-og-eiendom", "landbruk-og-mat"),
        "Svenske bransjer har laget egne veikart for å bli fossilfrie. Et godt eksempel på "
        "hvordan en bransje kan gå sammen om målene.",
    ),
    R(
        "klimakompasset",
        "Klimakompasset",
        "Erhvervsstyrelsen",
        2021,
        "https://klimakompasset.dk/",
        K.TOOL,
        L.DA,
        A.COMPANIES,
        ("klimaregnskap",),
        ("handel-og-tjenester", "industri"),
        "Et gratis dansk verktøy som hjelper små og mellomstore bedrifter med et første "
        "klimaregnskap. Lett å følge, også for norske brukere.",
    ),
    R(
        "oslo-klimabudsjett",
        "Klimabudsjett",
        "Oslo kommune",
        2017,
        "https://www.oslo.kommune.no/",
        K.EXAMPLE,
        L.NB,
        A.MUNICIPALITIES,
        ("klimaregnskap",),
        ("offentlig-sektor",),
        "Oslo styrer utslippene som pengene, med et klimabudsjett i det årlige budsjettet. "
        "Et eksempel mange kommuner har fulgt.",
    ),
    R(
        "klimaavtale-jordbruket",
        "Intensjonsavtale om reduserte klimagassutslipp og økt opptak "
        "av karbon fra jordbruket for perioden 2021–2030",
        "Landbruks- og matdepartementet",
        2019,
        REGJERINGEN,
        K.ARTICLE,
        L.NB,
        A.COMPANIES,
        ("arealbruk",),
        ("landbruk-og-mat",),
        "Avtalen mellom staten og jordbruket om å kutte 5 millioner tonn CO2-ekvivalenter fra "
        "2021 til 2030.",
    ),
)


def build_library() -> dict[str, int]:
    """Create the missing sectors, themes and resources; how many resources were made."""
    sectors = _by_slug(Sector, SECTORS)
    themes = _by_slug(Theme, THEMES)
    existing = set(
        Resource.objects.filter(slug__in=[r.slug for r in RESOURCES]).values_list("slug", flat=True)
    )
    todo = [spec for spec in RESOURCES if spec.slug not in existing]
    if not todo:
        return {"library resources": 0}
    wanted = {slug for spec in todo for slug in spec.events}
    events = {e.slug: e for e in Event.objects.filter(slug__in=wanted)}
    now = timezone.now()
    for spec in todo:
        resource = Resource.objects.create(
            slug=spec.slug,
            title=spec.title,
            summary=spec.summary,
            url=spec.url,
            publisher=spec.publisher,
            year=spec.year,
            language=spec.language,
            kind=spec.kind,
            audience=spec.audience,
            measure_templates=list(spec.templates),
            status=Resource.Status.PUBLISHED,
            published_at=now,
        )
        resource.themes.set([themes[slug] for slug in spec.themes])
        resource.sectors.set([sectors[slug] for slug in spec.sectors])
        resource.events.set([events[slug] for slug in spec.events if slug in events])
        # Indexed again now that the themes are set (saving indexed the row alone).
        index.insert_or_update_object(resource)
    return {"library resources": len(todo)}


def _by_slug(model: type[Sector] | type[Theme], names: dict[str, str]) -> dict[str, Any]:
    found = {o.slug: o for o in model.objects.filter(slug__in=names)}
    by_name = {o.name: o for o in model.objects.filter(name__in=names.values())}
    for slug, name in names.items():
        if slug not in found:
            found[slug] = by_name.get(name) or model.objects.create(name=name, slug=slug)
    return found
