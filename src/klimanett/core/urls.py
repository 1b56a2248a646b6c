from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from klimanett.core import views
from klimanett.core.forms import PasswordResetForm, SetPasswordForm

app_name = "core"
urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-inn/totp/", views.two_factor_view, name="two_factor"),
    path(
        "logg-inn/glemt-passord/",
        auth_views.PasswordResetView.as_view(
            template_name="core/password_reset_form.html",
            email_template_name="core/password_reset_email.txt",
            subject_template_name="core/password_reset_subject.txt",
            form_class=PasswordResetForm,
            success_url=reverse_lazy("core:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "logg-inn/glemt-passord/sendt/",
        auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "logg-inn/nytt-passord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="core/password_reset_confirm.html",
            form_class=SetPasswordForm,
            success_url=reverse_lazy("core:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "logg-inn/nytt-passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="core/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("logg-ut/", views.logout_view, name="logout"),
    path("min-side/personvern/", views.privacy_view, name="privacy"),
    path("min-side/personvern/eksport/", views.export_personal_data_view, name="export_data"),
    path("min-side/personvern/slett/", views.delete_account_view, name="delete_account"),
]
