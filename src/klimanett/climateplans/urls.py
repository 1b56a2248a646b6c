from django.urls import URLPattern, path

from klimanett.climateplans import (
    budget_views,
    guide_views,
    plan_views,
    scorecard_views,
    target_views,
)

app_name = "climateplans"
urlpatterns: list[URLPattern] = [
    # Targets
    path("organisasjoner/<int:pk>/mal/", target_views.target_list, name="target_list"),
    path("organisasjoner/<int:pk>/mal/nytt/", target_views.target_create, name="target_create"),
    path(
        "organisasjoner/<int:pk>/mal/standardforpliktelse/",
        target_views.standard_commitment,
        name="standard_commitment",
    ),
    path("organisasjoner/<int:pk>/malveiviser/", guide_views.target_guide, name="target_guide"),
    path("mal/<int:pk>/", target_views.target_detail, name="target_detail"),
    path("mal/<int:pk>/rediger/", target_views.target_edit, name="target_edit"),
    path("mal/<int:pk>/trekk-tilbake/", target_views.target_withdraw, name="target_withdraw"),
    # Action plan and measures
    path("organisasjoner/<int:pk>/tiltaksplan/", plan_views.action_plan, name="action_plan"),
    path(
        "organisasjoner/<int:pk>/tiltaksplan/innstillinger/",
        plan_views.plan_settings,
        name="plan_settings",
    ),
    path(
        "organisasjoner/<int:pk>/tiltaksplan/nytt-tiltak/",
        plan_views.measure_add,
        name="measure_add",
    ),
    path(
        "organisasjoner/<int:pk>/tiltaksplan/maler/",
        plan_views.measure_templates,
        name="measure_templates",
    ),
    path(
        "organisasjoner/<int:pk>/tiltaksplan/maler/<slug:key>/",
        plan_views.measure_add_from_template,
        name="measure_add_from_template",
    ),
    path("tiltak/<int:pk>/", plan_views.measure_detail, name="measure_detail"),
    path("tiltak/<int:pk>/rediger/", plan_views.measure_edit, name="measure_edit"),
    path("tiltak/<int:pk>/statusrapport/", plan_views.measure_report, name="measure_report"),
    # Climate budget
    path("mal/<int:pk>/klimabudsjett/", budget_views.climate_budget, name="climate_budget"),
    path(
        "mal/<int:pk>/klimabudsjett.<str:fmt>",
        budget_views.climate_budget_export,
        name="climate_budget_export",
    ),
    path(
        "organisasjoner/<int:pk>/resultatkort/",
        scorecard_views.scorecard_detail,
        name="scorecard",
    ),
]
