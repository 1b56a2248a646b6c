from __future__ import annotations

from ninja import Field, ModelSchema, Schema

from klimanett.partners.models import Organisation


class PublicPartner(Schema):
    slug: str
    name: str
    kind: str
    sector: str
    municipality_number: str
    municipality: str
    website: str
    description: str


class OrganisationOut(ModelSchema):
    municipality_number: str

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "org_number",
            "slug",
            "kind",
            "sector",
            "employees",
            "website",
            "description",
            "public_profile",
        ]

    @staticmethod
    def resolve_municipality_number(obj: Organisation) -> str:
        return obj.municipality.number


class OrganisationPatch(Schema):
    name: str | None = None
    employees: int | None = None
    website: str | None = None
    description: str | None = None
    public_profile: bool | None = None


class Error(Schema):
    """Every error's body: what went wrong, and the fields at fault (``{}`` when none is)."""

    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)
