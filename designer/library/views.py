"""Sign up, log in and log out pages (plain Django templates, no JavaScript)."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from designer.library.forms import SignUpForm
from designer.library.services import user_create


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account with a personal team, sign in, and open the editor."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_create(
            username=form.cleaned_data["username"],
            email=form.cleaned_data.get("email") or "",
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_next_url(request))
    return render(request, "registration/signup.html", {"form": form, "next": _next_url(request)})


def _next_url(request: HttpRequest) -> str:
    """Where to go after signing up: a local ``next`` (the editor page the user came from) or /."""
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


class SignInView(LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def signout(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation (a link must not log anyone out); POST logs out."""
    if request.method == "POST":
        logout(request)
        return redirect("library:login")
    return render(request, "registration/logout.html")
