"""Account, shop and testimonial pages for signed-in customers."""

urlpatterns = []
