"""The intake's URLs: contributor pages at the top, editor pages under /editor/."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from .views import common, contributor, editor

urlpatterns = [
    path("", contributor.home, name="home"),
    path("submit", contributor.submit, name="submit"),
    path("receipt", contributor.come_back, name="come-back"),
    path("static/<str:name>", common.static_file, name="static"),
    path("editor/sign-in", auth_views.LoginView.as_view(template_name="intake/sign-in.html"), name="sign-in"),
    path("editor/sign-out", auth_views.LogoutView.as_view(next_page="/editor/sign-in"), name="sign-out"),
    path("editor/", editor.queue, name="editor-queue"),
    path("editor/s/<str:public_id>", editor.submission, name="editor-submission"),
]
