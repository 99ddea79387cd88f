from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from common.graphql.view import AmazeGraphQLView

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # CSRF is checked inside the view: only for requests that carry cookies (see csrf_rejection).
    path("graphql/", csrf_exempt(AmazeGraphQLView.as_view()), name="graphql"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Private files on local disk, behind signed links from common.private_media.
    path("private-media/", include("common.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.AMAZE_BENCH:
    # Comparison endpoints of `make bench` (Wagtail's REST API, the floor view); never public.
    urlpatterns += [path("", include("bench.urls"))]

urlpatterns += i18n_patterns(
    # The site's own views (queue, account, shop) come before Wagtail's catch-all page routing.
    path("", include("website.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "website.views.page_not_found"
