from django.urls import path

from klimanett.accounting import views

app_name = "accounting"
urlpatterns = [
    path("organisasjoner/<int:pk>/klimaregnskap/", views.account_list, name="account_list"),
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
]
