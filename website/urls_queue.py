"""Queue pages: take a number, ticket, waiting-room board, kiosk, rooms."""

from django.urls import path

from website.views import board, kiosk, queue

app_name = "queue"

# Paths stay Indonesian in both languages; English pages add the /en/ prefix.
urlpatterns = [
    path("antrian/", queue.take_number, name="take"),
    path("antrian/tiket/<int:pk>/", queue.ticket, name="ticket"),
    path("layar-antrian/<slug:branch>/", board.board, name="board"),
    path("kiosk/<slug:branch>/", kiosk.kiosk, name="kiosk"),
    path("kiosk/<slug:branch>/tiket/<int:pk>/", kiosk.kiosk_ticket, name="kiosk_ticket"),
    path("kamar/", queue.rooms, name="rooms"),
]
