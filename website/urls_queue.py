"""Queue pages: take a number, ticket, waiting-room board, kiosk, rooms."""

urlpatterns = []
