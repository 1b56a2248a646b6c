from django.urls import path

from klimanett.region import views

app_name = "region"

urlpatterns = [
    path("", views.region_dashboard, name="dashboard"),
    path("utslipp.csv", views.emissions_csv, name="emissions_csv"),
    path("<str:number>/", views.municipality_dashboard, name="municipality"),
]
