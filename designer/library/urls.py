"""Account pages under ``/accounts/``."""

from __future__ import annotations

from django.urls import path

from designer.library import views

app_name = "library"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.signout, name="logout"),
]
