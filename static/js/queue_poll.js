// Repeat a refresh every few seconds while the tab is visible; queue pages use it to update
// themselves. `refresh` returns a promise: a rejection counts as a lost connection, and the
// next attempts wait longer (up to four times the interval) until one succeeds again.
(function () {
  "use strict";

  function start(refresh, seconds, handlers) {
    var baseDelay = seconds * 1000;
    var failures = 0;
    var timer = null;
    var running = false;
    handlers = handlers || {};

    function schedule() {
      clearTimeout(timer);
      if (document.hidden) {
        return; // resumes on visibilitychange
      }
      var delay = baseDelay * Math.min(1 + failures, 4);
      timer = setTimeout(tick, delay);
    }

    function tick() {
      if (running) {
        return;
      }
      running = true;
      refresh().then(function () {
        if (failures && handlers.online) {
          handlers.online();
        }
        failures = 0;
      }, function (error) {
        failures += 1;
        if (handlers.offline) {
          handlers.offline(error);
        }
      }).then(function () {
        running = false;
        schedule();
      });
    }

    document.addEventListener("visibilitychange", function () {
      if (document.hidden) {
        clearTimeout(timer);
      } else {
        tick(); // catch up at once when the tab comes back
      }
    });
    window.addEventListener("online", tick);
    schedule();
    return { refreshNow: tick };
  }

  window.AmazeQueuePoll = { start: start };
})();
