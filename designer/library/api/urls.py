"""Routes of ``/api/``: resources with a trailing slash, actions and tools without."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from designer.library.api.views import account, designs, exports, revisions, teams, tools

DESIGN = "designs/<str:design_id>/"

urlpatterns = [
    path("designs/", designs.DesignListView.as_view(), name="design-list"),
    path(DESIGN, designs.DesignDetailView.as_view(), name="design-detail"),
    path(f"{DESIGN}fork/", designs.DesignForkView.as_view(), name="design-fork"),
    path(f"{DESIGN}export", exports.DesignExportView.as_view(), name="design-export"),
    path(f"{DESIGN}diff", revisions.DiffView.as_view(), name="design-diff"),
    path(f"{DESIGN}revisions/", revisions.RevisionListView.as_view(), name="revision-list"),
    path(
        f"{DESIGN}revisions/<int:number>/",
        revisions.RevisionDetailView.as_view(),
        name="revision-detail",
    ),
    path(
        f"{DESIGN}revisions/<int:number>/restore/",
        revisions.RevisionRestoreView.as_view(),
        name="revision-restore",
    ),
    path("teams/", teams.TeamListView.as_view(), name="team-list"),
    path("teams/<str:team_id>/", teams.TeamDetailView.as_view(), name="team-detail"),
    path("teams/<str:team_id>/members/", teams.MemberListView.as_view(), name="member-list"),
    path(
        "teams/<str:team_id>/members/<str:username>/",
        teams.MemberDetailView.as_view(),
        name="member-detail",
    ),
    path("validate", tools.ValidateView.as_view(), name="validate"),
    path("import", tools.ImportView.as_view(), name="import"),
    path("export", tools.ExportView.as_view(), name="export"),
    path("kubernetes-versions", tools.VersionsView.as_view(), name="kubernetes-versions"),
    path("me", account.MeView.as_view(), name="me"),
    path("auth/token", account.TokenView.as_view(), name="auth-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]

app_name = "api"
