from django.urls import path

from klimanett.awards import views

app_name = "awards"
urlpatterns = [
    path("arets-klimapartner/", views.nominate, name="nominate"),
    path("arets-klimapartner/jury/<int:year>/", views.jury, name="jury"),
    path(
        "arets-klimapartner/jury/<int:year>/<int:nominee>/",
        views.score_nominee,
        name="score_nominee",
    ),
]
