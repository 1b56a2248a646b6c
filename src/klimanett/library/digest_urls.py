from django.urls import path

from klimanett.library import digest_views

app_name = "digest"
urlpatterns = [
    path("", digest_views.subscribe, name="subscribe"),
    path("sendt/", digest_views.subscribe_sent, name="subscribe_sent"),
    path("bekreft/<str:token>/", digest_views.confirm, name="confirm"),
    path("avmeld/<str:token>/", digest_views.unsubscribe, name="unsubscribe"),
]
