from django.urls import path

from klimanett.library import partner_views

app_name = "library_partner"
urlpatterns = [
    path("organisasjoner/<int:pk>/", partner_views.suggestions, name="suggestions"),
    path("organisasjoner/<int:pk>/foresla/", partner_views.suggest, name="suggest"),
]
