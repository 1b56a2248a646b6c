from django.urls import URLPattern, path

from klimanett.library import views

app_name = "library"
urlpatterns: list[URLPattern] = [
    path("", views.library, name="library"),
    path("<slug:slug>/", views.resource_detail, name="resource_detail"),
]
