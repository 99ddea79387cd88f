// Kiosk ticket screen: print on request, and return to the start screen after a countdown.
(function () {
  "use strict";

  var countdown = document.getElementById("kiosk-countdown");
  var printButton = document.querySelector('[data-action="print"]');
  if (printButton) {
    printButton.addEventListener("click", function () {
      window.print();
    });
  }
  if (!countdown) {
    return;
  }
  var remaining = Number(countdown.dataset.resetSeconds);
  var template = countdown.dataset.textCountdown;

  function show() {
    countdown.textContent = template.replace("%(seconds)s", String(remaining));
  }

  show();
  var timer = window.setInterval(function () {
    remaining -= 1;
    if (remaining <= 0) {
      window.clearInterval(timer);
      window.location.assign(countdown.dataset.startUrl);
      return;
    }
    show();
  }, 1000);
})();
