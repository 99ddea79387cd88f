"""The queue in Debian's Chromium: a visitor's ticket, the waiting-room screen and the kiosk.

The front desk works through the GraphQL API with its own session, as its desk screen would,
while the visitor's ticket page and the waiting-room screen must show each change without a
reload. Screenshots of every queue page at phone and desktop width, in Indonesian and English,
go to artifacts/screenshots/.
"""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS

pytestmark = pytest.mark.browser

FRONT_DESK = "resepsionis"
FRONT_DESK_PASSWORD = "front-desk-browser-test"
VISITOR_EMAIL = "sari.visitor@example.com"
VISITOR_PASSWORD = "Tiket-antrian-2026"
# CSS millimetres at the 96 px per inch that Chromium uses for print layout.
PX_PER_MM = 96 / 25.4
# Longer than the pages' 5 s polling interval with its back-off after failures (up to 20 s).
UPDATE_TIMEOUT_MS = 30_000

LOGIN = """mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { csrfToken errors { message } }
}"""
REGISTER = """mutation Register($fullName: String!, $phone: String!, $email: String!, $password: String!) {
  register(fullName: $fullName, phone: $phone, email: $email, password: $password) { errors { field message } }
}"""
SET_STATUS = """mutation SetStatus($id: ID!, $status: String!) {
  setTicketStatus(id: $id, status: $status) { ticket { number status } errors { message } }
}"""
CALL_NEXT = """mutation CallNext($branch: String!) {
  callNextTicket(branch: $branch) { ticket { number status } errors { message } }
}"""
START_TREATMENT = """mutation Start($ticketId: ID!, $roomId: ID!) {
  startTreatment(ticketId: $ticketId, roomId: $roomId) { ticket { number roomName } errors { message } }
}"""
ROOMS = """query Rooms($branch: String!) { queueStatus(branch: $branch) { rooms { id name status } } }"""

# Replaces speechSynthesis with a recorder that offers one Indonesian voice, and counts the
# oscillators the chime starts, so the test can check what a clinic's speakers would play.
FAKE_AUDIO = """
(() => {
  window.__spoken = [];
  window.__chimes = 0;
  const withVoice = %(with_voice)s;
  const voices = withVoice ? [{ name: "Bahasa Indonesia", lang: "id-ID" }] : [];
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  Object.defineProperty(window, "speechSynthesis", { value: {
    getVoices: () => voices,
    cancel: () => {},
    speak: (utterance) => {
      window.__spoken.push({ text: utterance.text, lang: utterance.lang });
      setTimeout(() => utterance.onend && utterance.onend(), 10);
    },
  } });
  const original = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    window.__chimes += 1;
    return original.call(this);
  };
})();
"""


def graphql(request_context, query: str, variables: dict, csrf_token: str = "") -> dict:
    """Post like a page script: a request that carries cookies must send the CSRF token too."""
    headers = {"Content-Type": "application/json"}
    cookies = {cookie["name"]: cookie["value"] for cookie in request_context.storage_state()["cookies"]}
    csrf_token = csrf_token or cookies.get("csrftoken", "")
    if csrf_token:
        headers["X-CSRFToken"] = csrf_token
    response = request_context.post("/graphql/", data={"query": query, "variables": variables}, headers=headers)
    assert response.ok, response.text()
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def sign_in(request_context, username: str, password: str) -> str:
    """Sign in through the API (the session cookie stays in the context); return the CSRF token."""
    result = graphql(request_context, LOGIN, {"username": username, "password": password})["login"]
    assert result["errors"] == [], result
    return result["csrfToken"]


def spoken_number(number: str) -> str:
    prefix, digits = number.split("-")
    return f"{prefix} {int(digits)}"


def screenshot_pages(context, base_url: str, name: str, path: str) -> None:
    """Save `path` at phone and desktop width, in Indonesian and English, and check it fits."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    for language, prefix in (("id", ""), ("en", "/en")):
        for size_name, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            response = page.goto(base_url + prefix + path, wait_until="load")
            assert response is not None and response.ok, (path, language)
            assert page.locator("html").get_attribute("lang") == language
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} ({language}, {size_name}) is {overflow}px wider than the screen"
            page.screenshot(path=str(SCREENSHOTS / f"queue-{name}-{language}-{size_name}.png"), full_page=True)
    page.close()


@pytest.fixture
def front_desk_password(demo_clinic):
    user = get_user_model().objects.get(username=FRONT_DESK)
    user.set_password(FRONT_DESK_PASSWORD)
    user.save(update_fields=["password"])


def test_called_number_reaches_ticket_and_board(front_desk_password, chromium, live_server):
    playwright, browser = chromium
    base_url = live_server.url

    desk = playwright.request.new_context(base_url=base_url)
    desk_csrf = sign_in(desk, FRONT_DESK, FRONT_DESK_PASSWORD)

    # The visitor registers and signs in through the API, then takes a number on the page.
    visitor = browser.new_context(base_url=base_url, viewport=VIEWPORTS["phone"], locale="id-ID")
    result = graphql(
        visitor.request,
        REGISTER,
        {"fullName": "Sari Wulandari", "phone": "0812 7777 1234", "email": VISITOR_EMAIL, "password": VISITOR_PASSWORD},
    )["register"]
    assert result["errors"] == [], result
    sign_in(visitor.request, VISITOR_EMAIL, VISITOR_PASSWORD)

    ticket_page = visitor.new_page()
    ticket_page.goto("/antrian/")
    assert ticket_page.title() == "Ambil nomor antrian · Amaze Skin Care"
    ticket_page.get_by_label("Cabang").select_option("kemang")
    ticket_page.get_by_label("Layanan").select_option(label="Kunjungan umum atau konsultasi")
    ticket_page.get_by_role("button", name="Ambil nomor antrian").click()
    ticket_page.wait_for_url(re.compile(r"/antrian/tiket/\d+/$"))
    number = ticket_page.locator(".ticket-number").inner_text()
    assert re.fullmatch(r"U-\d{3}", number), number
    ticket_id = ticket_page.locator("#ticket").get_attribute("data-ticket-id")
    assert ticket_page.locator('[data-field="position"]').inner_text().isdigit()
    assert "sekitar" in ticket_page.locator('[data-field="wait"]').inner_text()
    ticket_page.evaluate("window.__sameDocument = true")

    # Two waiting-room screens: one with an Indonesian voice, one without any voice.
    screens = {}
    for name, with_voice in (("voice", "true"), ("silent", "false")):
        screen = browser.new_context(base_url=base_url, viewport=VIEWPORTS["desktop"], locale="id-ID")
        screen.add_init_script(FAKE_AUDIO % {"with_voice": with_voice})
        board = screen.new_page()
        board.goto("/layar-antrian/kemang/")
        assert board.title() == "Layar ruang tunggu · Amaze Skin Care Kemang · Amaze Skin Care"
        assert board.locator(".next-list li", has_text=number).count() == 1
        board.get_by_role("button", name="Nyalakan suara").click()
        assert board.get_by_role("button", name="Nyalakan suara").is_hidden()
        assert board.get_by_role("button", name="Suara aktif").get_attribute("aria-pressed") == "true"
        board.evaluate("window.__sameDocument = true")
        screens[name] = (screen, board)
    board = screens["voice"][1]

    # The front desk calls the visitor's number.
    called = graphql(desk, SET_STATUS, {"id": ticket_id, "status": "called"}, desk_csrf)["setTicketStatus"]
    assert called["errors"] == [], called

    ticket_page.locator("#ticket[data-status='called']").wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert ticket_page.locator('[data-field="call"]').inner_text() == "Giliran Anda! Silakan ke meja resepsionis."
    assert ticket_page.locator('[data-field="cancelForm"]').is_hidden()
    assert ticket_page.evaluate("window.__sameDocument") is True

    announcement = f"Nomor antrian {spoken_number(number)}, silakan ke meja resepsionis"
    for name, (screen, page) in screens.items():
        page.locator(".serving-item", has_text=number).wait_for(timeout=UPDATE_TIMEOUT_MS)
        assert page.locator(".serving-item", has_text=number).locator(".serving-place").inner_text() == "Resepsionis"
        assert page.locator(".next-list li", has_text=number).count() == 0
        assert page.evaluate("window.__sameDocument") is True
        page.wait_for_function("window.__chimes >= 2")  # the chime is two tones
        assert page.locator('[data-field="announcement"]').inner_text() == f"{number} → Resepsionis"
    board.wait_for_function("window.__spoken.length >= 2")
    assert board.evaluate("window.__spoken") == [{"text": announcement, "lang": "id-ID"}] * 2
    assert screens["silent"][1].evaluate("window.__spoken") == []

    # The visitor goes to a free room; both pages name it.
    rooms = graphql(desk, ROOMS, {"branch": "kemang"}, desk_csrf)["queueStatus"]["rooms"]
    room = next(room for room in rooms if room["status"] == "available")
    started = graphql(desk, START_TREATMENT, {"ticketId": ticket_id, "roomId": room["id"]}, desk_csrf)["startTreatment"]
    assert started["errors"] == [], started
    ticket_page.locator("#ticket[data-status='in_treatment']").wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert ticket_page.locator('[data-field="call"]').inner_text() == f"Silakan ke {room['name']}."
    board.locator(".serving-item", has_text=room["name"]).wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert board.locator(".serving-item", has_text=room["name"]).locator(".serving-number").inner_text() == number
    room_announcement = f"Nomor antrian {spoken_number(number)}, silakan ke {room['name']}"
    board.wait_for_function("window.__spoken.length >= 4")
    assert board.evaluate("window.__spoken.slice(2).map(entry => entry.text)") == [room_announcement] * 2

    # The screen loses the network, keeps its numbers, and catches up once it is back.
    screen, board = screens["voice"]
    screen.set_offline(True)
    board.locator('[data-field="connection"]').wait_for(state="visible", timeout=UPDATE_TIMEOUT_MS)
    assert board.locator('[data-field="connection"]').inner_text() == "Menyambung ulang…"
    assert board.locator(".serving-item", has_text=number).count() == 1
    next_call = graphql(desk, CALL_NEXT, {"branch": "kemang"}, desk_csrf)["callNextTicket"]
    assert next_call["errors"] == [], next_call
    next_number = next_call["ticket"]["number"]
    screen.set_offline(False)
    board.locator(".serving-item", has_text=next_number).wait_for(timeout=UPDATE_TIMEOUT_MS)
    board.locator('[data-field="connection"]').wait_for(state="hidden", timeout=UPDATE_TIMEOUT_MS)
    assert board.evaluate("window.__sameDocument") is True
    assert next_number in [entry["number"] for entry in board.evaluate("window.AmazeBoard.announcements")]

    # Switching the sound off is remembered across reloads.
    board.get_by_role("button", name="Suara aktif").click()
    board.reload()
    assert board.get_by_role("button", name="Suara mati").get_attribute("aria-pressed") == "false"

    path = ticket_page.url.removeprefix(base_url)
    screenshot_pages(visitor, base_url, "take-number", "/antrian/")
    screenshot_pages(visitor, base_url, "ticket", path)
    screenshot_pages(visitor, base_url, "rooms", "/kamar/")
    screenshot_pages(screens["silent"][0], base_url, "board", "/layar-antrian/kemang/")
    for screen, _page in screens.values():
        screen.close()
    visitor.close()
    desk.dispose()


def test_kiosk_receipt_rooms_and_english(front_desk_password, chromium, live_server):
    playwright, browser = chromium
    base_url = live_server.url
    kiosk = browser.new_context(base_url=base_url, viewport={"width": 1024, "height": 768}, locale="id-ID")
    page = kiosk.new_page()

    # A signed-out tablet is sent to the staff sign-in, which returns to the kiosk.
    response = page.goto("/kiosk/kemang/?kembali=5")
    assert response.status == 403
    page.get_by_role("link", name="Masuk staf").click()
    page.locator("#id_username").fill(FRONT_DESK)
    page.locator("#id_password").fill(FRONT_DESK_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(re.compile(r"/kiosk/kemang/\?kembali=5$"))
    assert page.title() == "Ambil nomor · Amaze Skin Care Kemang · Amaze Skin Care"

    page.get_by_role("button", name=re.compile("^Facial Glow Brightening")).click()
    page.wait_for_url(re.compile(r"/kiosk/kemang/tiket/\d+/\?kertas=58&kembali=5$"))
    receipt_path = urlparse(page.url).path
    number = page.locator(".receipt-number").inner_text()
    assert re.fullmatch(r"A-\d{3}", number), number
    receipt_text = page.locator("#receipt").inner_text()
    assert "Facial Glow Brightening" in receipt_text
    assert "Amaze Skin Care Kemang" in receipt_text
    assert "sekitar" in receipt_text

    for paper in (58, 80):
        page.goto(page.url.replace("kertas=58", f"kertas={paper}"))
        page.emulate_media(media="print")
        assert page.locator(".kiosk-actions").is_hidden()
        box = page.locator("#receipt").bounding_box()
        assert box["width"] <= paper * PX_PER_MM + 0.5, (paper, box)
        overflowing = page.evaluate(
            """() => Array.from(document.querySelectorAll('#receipt *'))
                .filter(element => element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0)
                .map(element => element.className || element.tagName)"""
        )
        assert overflowing == [], (paper, overflowing)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#receipt").screenshot(path=str(SCREENSHOTS / f"queue-kiosk-receipt-{paper}mm.png"))
        page.emulate_media(media="screen")

    # With no one touching it, the kiosk returns to its start screen.
    page.wait_for_url(re.compile(r"/kiosk/kemang/\?kertas=80&kembali=5$"), timeout=15_000)
    assert page.get_by_role("button", name=re.compile("^Kunjungan umum atau konsultasi")).is_visible()

    screenshot_pages(kiosk, base_url, "kiosk", "/kiosk/kemang/")
    screenshot_pages(kiosk, base_url, "kiosk-ticket", receipt_path + "?kembali=300")

    # Rooms and the language switch, as a signed-out visitor.
    visitor = browser.new_context(base_url=base_url, viewport=VIEWPORTS["phone"], locale="id-ID")
    rooms = visitor.new_page()
    rooms.goto("/kamar/")
    assert rooms.title() == "Ruang perawatan kosong · Amaze Skin Care"
    assert rooms.locator(".room-kind").count() >= 1
    rooms.get_by_role("link", name="Ambil nomor antrian").first.click()
    rooms.wait_for_url(re.compile(r"/antrian/$"))
    assert rooms.locator("h1").inner_text() == "Ambil nomor antrian"
    assert rooms.get_by_role("link", name="Masuk untuk mengambil nomor").get_attribute("href") == (
        "/akun/masuk/?next=%2Fantrian%2F"
    )
    rooms.get_by_role("link", name="English").click()
    rooms.wait_for_url(re.compile(r"/en/antrian/$"))
    assert rooms.locator("html").get_attribute("lang") == "en"
    assert rooms.locator("h1").inner_text() == "Take a queue number"
    assert rooms.get_by_label("Branch").is_visible()
    assert rooms.get_by_role("link", name="Sign in to take a number").is_visible()
    assert rooms.title() == "Take a queue number · Amaze Skin Care"
    kiosk.close()
    visitor.close()
