// Waiting-room screen: poll the queue, redraw it, and announce newly called numbers with a
// chime and Indonesian speech. Browsers start audio only after a user gesture, hence the
// "Start sound" button; the on/off choice is kept in localStorage.
(function () {
  "use strict";

  var board = document.getElementById("board");
  if (!board) {
    return;
  }
  var SOUND_KEY = "amaze.board.sound";
  var SPEECH_REPEATS = 2;
  var CHIME_SECONDS = 1.1;
  var text = board.dataset;
  var audioContext = null;
  var pending = [];
  var speaking = false;
  var shownKeys = keysOf(JSON.parse(document.getElementById("board-initial").textContent));

  // Test and debugging hook: every announcement made since the page loaded.
  window.AmazeBoard = { announcements: [] };

  function field(name) {
    return board.querySelector('[data-field="' + name + '"]');
  }

  function keyOf(item) {
    return item.status + "|" + item.ticketNumber + "|" + item.place;
  }

  function keysOf(items) {
    return items.map(keyOf);
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return values[key];
    });
  }

  // Sound ------------------------------------------------------------------------------------

  function soundEnabled() {
    return window.localStorage.getItem(SOUND_KEY) !== "off";
  }

  function showSoundState() {
    var toggle = board.querySelector('[data-action="toggle-sound"]');
    var enabled = soundEnabled();
    toggle.setAttribute("aria-pressed", enabled ? "true" : "false");
    toggle.textContent = enabled ? text.textSoundOn : text.textSoundOff;
    var start = board.querySelector('[data-action="start-sound"]');
    start.hidden = !enabled || (audioContext !== null && audioContext.state === "running");
  }

  function unlockAudio() {
    var AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextClass) {
      return;
    }
    if (audioContext === null) {
      audioContext = new AudioContextClass();
    }
    audioContext.resume().then(showSoundState, showSoundState);
  }

  function playChime() {
    if (audioContext === null || audioContext.state !== "running") {
      return false;
    }
    // Two falling sine tones (A5 then E5), each with a short attack and a soft decay.
    [880, 659.25].forEach(function (frequency, index) {
      var start = audioContext.currentTime + index * 0.45;
      var oscillator = audioContext.createOscillator();
      var gain = audioContext.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      oscillator.connect(gain).connect(audioContext.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.65);
    });
    return true;
  }

  function indonesianVoice() {
    if (!("speechSynthesis" in window)) {
      return null;
    }
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i += 1) {
      if (voices[i].lang.toLowerCase().replace("_", "-").indexOf("id") === 0) {
        return voices[i];
      }
    }
    return null;
  }

  function speak(sentence, done) {
    var voice = indonesianVoice();
    if (voice === null) {
      done(); // no Indonesian voice: the chime alone has to do
      return;
    }
    var remaining = SPEECH_REPEATS;
    function next() {
      if (remaining === 0) {
        done();
        return;
      }
      remaining -= 1;
      var utterance = new window.SpeechSynthesisUtterance(sentence);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      utterance.onend = next;
      utterance.onerror = next;
      window.speechSynthesis.speak(utterance);
    }
    next();
  }

  // Announcements ------------------------------------------------------------------------------

  function spokenNumber(number) {
    // "A-007" is read as "A 7".
    return number.replace(/^([A-Z]+)-0*(\d+)$/, "$1 $2");
  }

  function announce(item) {
    var place = item.place || text.speechFrontDesk;
    var sentence = fill(text.speechTemplate, { number: spokenNumber(item.ticketNumber), place: place });
    var shown = item.ticketNumber + " → " + (item.place || text.textFrontDesk);
    window.AmazeBoard.announcements.push({ number: item.ticketNumber, place: item.place, speech: sentence });
    field("announcement").textContent = shown;
    board.dataset.lastAnnouncement = sentence;
    board.classList.add("is-announcing");
    window.setTimeout(function () {
      board.classList.remove("is-announcing");
    }, 8000);
    if (soundEnabled()) {
      pending.push(sentence);
      playNext();
    }
  }

  function playNext() {
    if (speaking || !pending.length) {
      return;
    }
    speaking = true;
    var sentence = pending.shift();
    var chimed = playChime();
    window.setTimeout(function () {
      speak(sentence, function () {
        speaking = false;
        playNext();
      });
    }, chimed ? CHIME_SECONDS * 1000 : 0);
  }

  // Drawing ----------------------------------------------------------------------------------

  function drawServing(items) {
    var list = field("nowServing");
    list.textContent = "";
    if (!items.length) {
      var empty = document.createElement("li");
      empty.className = "serving-empty";
      empty.textContent = text.textNone;
      list.appendChild(empty);
      return;
    }
    items.forEach(function (item) {
      var entry = document.createElement("li");
      entry.className = "serving-item status-" + item.status;
      var number = document.createElement("span");
      number.className = "serving-number";
      number.textContent = item.ticketNumber;
      var place = document.createElement("span");
      place.className = "serving-place";
      place.textContent = item.place || text.textFrontDesk;
      entry.appendChild(number);
      entry.appendChild(place);
      list.appendChild(entry);
    });
  }

  function drawNext(numbers) {
    var list = field("nextNumbers");
    list.textContent = "";
    var shown = numbers.slice(0, 8);
    if (!shown.length) {
      var empty = document.createElement("li");
      empty.className = "next-empty";
      empty.textContent = text.textNoNext;
      list.appendChild(empty);
    }
    shown.forEach(function (number) {
      var entry = document.createElement("li");
      entry.textContent = number;
      list.appendChild(entry);
    });
  }

  function clock(value) {
    // "09:00:00" reads "09.00" in Indonesian and "09:00" in English, as the server renders it.
    var separator = document.documentElement.lang === "id" ? "." : ":";
    return value.slice(0, 2) + separator + value.slice(3, 5);
  }

  function drawHours(hours) {
    var today = hours && hours.today;
    if (!today) {
      return;
    }
    field("hours").textContent = today.closed
      ? text.textClosed : text.textToday + " " + clock(today.opensAt) + "–" + clock(today.closesAt);
  }

  function draw(data) {
    drawHours(data.openingHours);
    var queue = data.queueStatus;
    if (!queue) {
      return;
    }
    drawServing(queue.nowServing);
    drawNext(queue.nextNumbers);
    field("waitingCount").textContent = String(queue.waitingCount);
    field("wait").textContent = fill(text.textMinutes, { minutes: queue.estimatedWaitMinutes });

    var fresh = queue.nowServing.filter(function (item) {
      return shownKeys.indexOf(keyOf(item)) === -1;
    });
    shownKeys = keysOf(queue.nowServing);
    fresh.forEach(announce);
  }

  function refresh() {
    return window.AmazeGraphQL.run("QueueBoard", { branch: text.branch }).then(function (data) {
      draw(data);
      field("connection").hidden = true;
      board.classList.remove("is-offline");
    });
  }

  function showClock() {
    var now = new Date();
    field("clock").textContent = now.toLocaleTimeString(document.documentElement.lang, {
      hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Jakarta"
    });
  }

  // Start ------------------------------------------------------------------------------------

  board.querySelector('[data-action="start-sound"]').addEventListener("click", function () {
    window.localStorage.setItem(SOUND_KEY, "on");
    unlockAudio();
    showSoundState();
  });
  board.querySelector('[data-action="toggle-sound"]').addEventListener("click", function () {
    var enabled = !soundEnabled();
    window.localStorage.setItem(SOUND_KEY, enabled ? "on" : "off");
    if (enabled) {
      unlockAudio();
    } else if ("speechSynthesis" in window) {
      pending = [];
      window.speechSynthesis.cancel();
    }
    showSoundState();
  });
  if ("speechSynthesis" in window) {
    window.speechSynthesis.getVoices(); // Chromium loads the voice list on first request
  }

  showSoundState();
  showClock();
  window.setInterval(showClock, 15000);
  window.AmazeQueuePoll.start(refresh, Number(text.pollSeconds), {
    offline: function () {
      field("connection").hidden = false;
      board.classList.add("is-offline");
    }
  });
})();
