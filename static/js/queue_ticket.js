// Keep a queue ticket page current: position, wait, status and the numbers being served.
(function () {
  "use strict";

  var card = document.getElementById("ticket");
  if (!card || !card.dataset.pollSeconds) {
    return;
  }
  var closedStatuses = ["done", "cancelled", "no_show"];

  function field(name) {
    return card.querySelector('[data-field="' + name + '"]');
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return values[key];
    });
  }

  function showNowServing(queue) {
    var target = field("nowServing");
    target.textContent = "";
    if (!queue.nowServing.length) {
      target.textContent = card.dataset.textNone;
      return;
    }
    queue.nowServing.forEach(function (item) {
      var chip = document.createElement("span");
      chip.className = "serving-chip";
      chip.textContent = item.ticketNumber + " · " + (item.place || card.dataset.textFrontDesk);
      target.appendChild(chip);
      target.appendChild(document.createTextNode(" "));
    });
  }

  function showTicket(ticket) {
    var pill = field("statusLabel");
    pill.textContent = ticket.statusLabel;
    pill.className = "status-pill status-" + ticket.status;
    card.dataset.status = ticket.status;
    field("position").textContent = ticket.position ? String(ticket.position) : "–";
    field("wait").textContent = ticket.estimatedWaitMinutes === null
      ? "–" : fill(card.dataset.textMinutes, { minutes: ticket.estimatedWaitMinutes });

    var call = "";
    if (ticket.status === "called") {
      call = card.dataset.textCalled;
    } else if (ticket.status === "in_treatment" && ticket.roomName) {
      call = fill(card.dataset.textRoom, { room: ticket.roomName });
    }
    if (field("call").textContent !== call) {
      field("call").textContent = call;
    }
    var cancelForm = document.querySelector('[data-field="cancelForm"]');
    if (cancelForm) {
      cancelForm.hidden = ticket.status !== "waiting";
    }
  }

  function refresh() {
    var variables = { id: card.dataset.ticketId, branch: card.dataset.branch };
    return window.AmazeGraphQL.run("QueueTicketUpdate", variables).then(function (data) {
      if (data.queueTicket) {
        showTicket(data.queueTicket);
      }
      if (data.queueStatus) {
        showNowServing(data.queueStatus);
      }
      field("connection").classList.remove("is-offline");
      if (data.queueTicket && closedStatuses.indexOf(data.queueTicket.status) !== -1) {
        window.location.reload(); // the closed ticket page shows no live fields
      }
    });
  }

  window.AmazeQueuePoll.start(refresh, Number(card.dataset.pollSeconds), {
    offline: function () {
      var note = field("connection");
      note.textContent = card.dataset.textOffline;
      note.classList.add("is-offline");
    },
    online: function () {
      field("connection").textContent = "";
    }
  });
})();
