from django.urls import path

from klimanett.accounting import restatement_views, views

app_name = "accounting"
urlpatterns = [
    path("organisasjoner/<int:pk>/klimaregnskap/", views.account_list, name="account_list"),
    path(
        "organisasjoner/<int:pk>/klimaregnskap/basisaar/",
        restatement_views.base_year_choose,
        name="base_year_choose",
    ),
    path(
        "organisasjoner/<int:pk>/klimaregnskap/omregning/",
        restatement_views.organisation_restatement,
        name="organisation_restatement",
    ),
    path(
        "klimaregnskap/<int:pk>/omregn/<str:version>/",
        restatement_views.account_recalculate,
        name="account_recalculate",
    ),
    path("klimaregnskap/<int:pk>/", views.account_detail, name="account_detail"),
    path("klimaregnskap/<int:pk>/rediger/", views.account_edit, name="account_edit"),
    path("klimaregnskap/<int:pk>/send-inn/", views.account_submit, name="account_submit"),
    path("klimaregnskap/<int:pk>/behandle/", views.account_review, name="account_review"),
    path("klimaregnskap/<int:pk>/importer/", views.account_import, name="account_import"),
    path(
        "klimaregnskap/<int:pk>/eksport.<str:fmt>",
        views.account_export,
        name="account_export",
    ),
    path(
        "klimaregnskap/<int:pk>/eksport-vsme.<str:fmt>",
        views.account_export_vsme,
        name="account_export_vsme",
    ),
    path(
        "klimaregnskap/<int:pk>/importmal.xlsx",
        views.account_import_template,
        name="account_import_template",
    ),
]
