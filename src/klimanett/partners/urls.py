from django.urls import path

from klimanett.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.my_organisations, name="my_organisations"),
    path("organisasjoner/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisasjoner/<int:pk>/rediger/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisasjoner/<int:pk>/forpliktelser/<int:year>/",
        views.commitments_edit,
        name="commitments_edit",
    ),
    path(
        "organisasjoner/<int:pk>/sertifisering/ny/",
        views.certification_edit,
        name="certification_add",
    ),
    path(
        "organisasjoner/<int:pk>/sertifisering/<int:certification_pk>/",
        views.certification_edit,
        name="certification_edit",
    ),
    path(
        "organisasjoner/<int:pk>/sertifisering/<int:certification_pk>/slett/",
        views.certification_delete,
        name="certification_delete",
    ),
]
