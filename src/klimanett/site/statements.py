"""The default text of the accessibility statement and the privacy page, in bokmål.

These are content: editors change them in the back office once the pages exist. The
accessibility statement follows the structure of the Norwegian statement
(uustatus.no): the law, the standard, known shortcomings, feedback and the supervisory
authority. Each body is a list of (block type, value) for the pages' StreamField.
"""

from __future__ import annotations

ACCESSIBILITY_TITLE = "Tilgjengelighetserklæring"
ACCESSIBILITY_SLUG = "tilgjengelighet"
ACCESSIBILITY_INTRO = (
    "Klimanett skal kunne brukes av alle. Her forteller vi hvilke krav nettstedet skal oppfylle, "
    "hva vi vet at ikke virker godt nok ennå, og hvordan du sier fra."
)
ACCESSIBILITY_BODY: list[tuple[str, str]] = [
    ("heading", "Krav i lov og forskrift"),
    (
        "paragraph",
        "<p>Nettstedet er omfattet av likestillings- og diskrimineringsloven og forskrift om "
        "universell utforming av informasjons- og kommunikasjonsteknologiske (IKT-)løsninger. "
        "Forskriften krever at nettstedet oppfyller suksesskriteriene i WCAG 2.1 på nivå A og "
        "AA, med unntak av dem som ikke gjelder i Norge.</p>",
    ),
    ("heading", "Slik arbeider vi med universell utforming"),
    (
        "paragraph",
        "<p>Nettstedet bygger på Designsystemet, det felles designsystemet for offentlig "
        "sektor. Vi tester sidene med tastatur og skjermleser, og med automatiske kontroller "
        "(axe) før hver ny versjon. Vi sikter mot WCAG 2.2 på nivå AA.</p>",
    ),
    ("heading", "Kjente mangler"),
    (
        "paragraph",
        "<ul><li>PDF-dokumenter som partnerne laster opp i kunnskapsbiblioteket, er ikke alltid "
        "tilgjengelige. Ta kontakt om du trenger innholdet i en annen form.</li>"
        "<li>Noen eldre bilder mangler god tekstbeskrivelse. Vi retter dem fortløpende.</li>"
        "<li>Diagrammer har tabell med de samme tallene, men forklaringene til diagrammene "
        "kan bli bedre.</li></ul>",
    ),
    ("heading", "Gi oss tilbakemelding"),
    (
        "paragraph",
        "<p>Finner du noe som ikke fungerer, eller trenger du innholdet i en annen form? Skriv "
        "til sekretariatet for nettverket i fylkeskommunen, så svarer vi innen ti arbeidsdager. "
        "Fortell gjerne hvilken side det gjelder og hvilket hjelpemiddel du bruker.</p>",
    ),
    ("heading", "Tilsyn og klage"),
    (
        "paragraph",
        "<p>Tilsynet for universell utforming av IKT (uutilsynet) i Digitaliseringsdirektoratet "
        "fører tilsyn med at nettsteder oppfyller kravene. Er du ikke fornøyd med svaret fra oss, "
        "kan du melde fra til uutilsynet på "
        '<a href="https://www.uutilsynet.no/">uutilsynet.no</a>. Du kan også klage til '
        "Diskrimineringsnemnda.</p>",
    ),
]

PRIVACY_TITLE = "Personvern"
PRIVACY_SLUG = "personvern"
PRIVACY_INTRO = (
    "Slik behandler klimanettverket personopplysninger: hva vi lagrer, hvorfor, hvor lenge, "
    "og hvilke rettigheter du har."
)
PRIVACY_BODY: list[tuple[str, str]] = [
    ("heading", "Behandlingsansvarlig"),
    (
        "paragraph",
        "<p>Fylkeskommunen driver klimanettverket og er behandlingsansvarlig for "
        "personopplysningene på dette nettstedet. Sekretariatet for nettverket svarer på spørsmål "
        "om personvern, og fylkeskommunens personvernombud kan også kontaktes.</p>",
    ),
    ("heading", "Hvilke personopplysninger vi behandler"),
    (
        "paragraph",
        "<ul><li><b>Kontaktpersoner hos partnerne:</b> navn, e-postadresse, telefon og rolle, "
        "slik at vi kan følge opp avtalen, klimaregnskapet og handlingsplanen. Opplysningene "
        "slettes når personen ikke lenger er kontaktperson.</li>"
        "<li><b>Påmeldinger til arrangementer:</b> navn, e-post, virksomhet og eventuelle "
        "hensyn (for eksempel allergier). Påmeldingene slettes 12 måneder etter "
        "arrangementet.</li>"
        "<li><b>Nyhetsbrev:</b> e-postadressen din, til du melder deg av. Du kan melde deg av "
        "fra lenken i hvert nyhetsbrev.</li>"
        "<li><b>Årets klimapartner:</b> hvem som nominerte hvem og begrunnelsen, og juryens "
        "poeng og kommentarer. Dette er ikke offentlig; bare vinneren og juryens begrunnelse "
        "publiseres.</li>"
        "<li><b>Gode eksempler:</b> navn og e-post til en kontaktperson hos virksomheten, når "
        "virksomheten ønsker at andre skal kunne ta kontakt. Opplysningene fjernes fra siden "
        "når personen ber om det.</li>"
        "<li><b>Innlogging og sikkerhet:</b> innloggingsforsøk og en logg over endringer, for å "
        "beskytte kontoene og data mot misbruk.</li></ul>",
    ),
    ("heading", "Rettslig grunnlag"),
    (
        "paragraph",
        "<p>Vi behandler opplysninger om kontaktpersoner og påmeldinger fordi det er nødvendig "
        "for å utføre en oppgave i allmennhetens interesse, nettverksarbeidet for klima og "
        "energi (personvernforordningen artikkel 6 nr. 1 bokstav e). Nyhetsbrevet sender vi "
        "etter samtykke (artikkel 6 nr. 1 bokstav a). Vi bruker ikke informasjonskapsler til "
        "sporing eller annonser.</p>",
    ),
    ("heading", "Dine rettigheter"),
    (
        "paragraph",
        "<p>Du har rett til innsyn i opplysningene vi har om deg, og til å få dem rettet eller "
        "slettet. Du kan også be om at behandlingen begrenses, og protestere mot den. Har du "
        "konto, kan du laste ned opplysningene om deg fra «Min side». Vi svarer på henvendelser "
        "innen 30 dager.</p>",
    ),
    ("heading", "Kontakt og klage"),
    (
        "paragraph",
        "<p>Skriv til sekretariatet for nettverket i fylkeskommunen om du har spørsmål. Mener du "
        "at vi behandler personopplysninger i strid med regelverket, kan du klage til "
        '<a href="https://www.datatilsynet.no/">Datatilsynet</a>.</p>',
    ),
]
