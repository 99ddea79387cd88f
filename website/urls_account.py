"""Account, shop and testimonial pages for customers (Indonesian paths; /en/ adds English)."""

from django.urls import include, path

from website.views import account, shop, testimonials

account_patterns = [
    path("", account.overview, name="overview"),
    path("daftar/", account.register, name="register"),
    path("masuk/", account.sign_in, name="sign_in"),
    path("keluar/", account.sign_out, name="sign_out"),
    path("profil/", account.profile, name="profile"),
    path("perawatan/", account.treatment_list, name="treatments"),
    path("perawatan/<str:record_id>/", account.treatment_detail, name="treatment_detail"),
    path("pesanan/", account.order_list, name="orders"),
    path("pesanan/<str:order_id>/", account.order_detail, name="order_detail"),
    path("voucher/", account.voucher_list, name="vouchers"),
    path("data-saya/", account.my_data, name="my_data"),
]

shop_patterns = [
    path("", shop.product_list, name="products"),
    path("keranjang/", shop.cart, name="cart"),
    path("checkout/", shop.checkout, name="checkout"),
    path("pesanan/<str:order_id>/selesai/", shop.order_done, name="order_done"),
]

urlpatterns = [
    path("akun/", include((account_patterns, "account"))),
    path("toko/", include((shop_patterns, "shop"))),
    # /testimoni/ itself is a Wagtail page; this path is matched before Wagtail's routing.
    path("testimoni/tulis/", testimonials.write_testimonial, name="testimonial_write"),
]
