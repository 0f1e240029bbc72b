// The session's idle limit, said before it strikes (WCAG 2.2.1). The server gives what is left and when to warn
// (data- attributes of #expiry, see _SessionTimeout.cshtml). At the warning time the server is asked again, without
// that counting as activity: another tab may have kept the session going. Then the dialog: « Rester connecté » (or
// Escape: the person is there) extends the session on the server. At the end, a form the server keeps for its owner
// (compose, « Préférences ») is posted to the same rescue path as a form posted after expiry, and the page is replaced
// (location.replace: Back does not bring the mail back) by the signed-out page.
(function () {
  var dialog = document.getElementById("expiry");
  if (!dialog || !window.fetch) {
    return;
  }
  var form = dialog.querySelector("form");
  var button = form.querySelector("button");
  var left = dialog.querySelector(".left");
  var warnMs = dialog.getAttribute("data-warn") * 1000;
  var units = dialog.getAttribute("data-units").split("|");
  var kept = document.querySelector("form[data-keep]");
  var deadline, timer, ticker, back, ending;

  function plan(seconds) {
    deadline = Date.now() + seconds * 1000;
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, deadline - warnMs - Date.now()));
  }

  function ask(url, options) {
    options.headers = { Accept: "application/json" };
    options.credentials = "same-origin";
    return fetch(url, options).then(function (response) {
      return response.ok ? response.json() : { remaining: 0 };
    });
  }

  // What the server says is left: far enough to wait again quietly, within the warning time (also after « Rester
  // connecté » near the absolute limit, which cannot be extended: the warning then simply stays), or nothing.
  function follow(status) {
    clearTimeout(timer);
    if (status.remaining * 1000 > warnMs + 1000) {
      close();
      plan(status.remaining);
    } else if (status.remaining > 0) {
      deadline = Date.now() + status.remaining * 1000;
      open();
      timer = setTimeout(check, status.remaining * 1000);
    } else {
      end();
    }
  }

  function check() {
    ask(dialog.getAttribute("data-status"), { cache: "no-store" }).then(follow, function () {
      // The server did not answer: ask again shortly; past the end, a reading page clears itself anyway.
      if (Date.now() >= deadline && !kept) {
        end();
      } else {
        timer = setTimeout(check, 5000);
      }
    });
  }

  function open() {
    tick();
    if (!ticker) {
      back = document.activeElement;
      dialog.querySelector(".kept").hidden = !kept;
      if (dialog.showModal) {
        dialog.showModal();
      } else {
        dialog.setAttribute("open", "");
      }
      button.focus();
      ticker = setInterval(tick, 1000);
    }
  }

  function close() {
    if (ticker) {
      clearInterval(ticker);
      ticker = null;
      if (dialog.open) {
        dialog.close ? dialog.close() : dialog.removeAttribute("open");
      }
      if (back && back.focus && document.contains(back)) {
        back.focus();
      }
    }
  }

  // « 1 minute 45 secondes »: the words come from the page, in its language.
  function tick() {
    var s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var m = Math.floor(s / 60);
    var parts = [];
    s %= 60;
    if (m) {
      parts.push(m === 1 ? units[0] : units[1].replace("{0}", m));
    }
    if (s || !m) {
      parts.push(s === 1 ? units[2] : units[3].replace("{0}", s));
    }
    left.textContent = parts.join(" ");
  }

  function extend(event) {
    event.preventDefault();
    ask(form.action, { method: "POST", body: new FormData(form) }).then(follow, function () {
      // Not reached: the dialog stays, the button can be pressed again.
    });
  }

  function end() {
    if (ending) {
      return;
    }
    ending = true;
    clearTimeout(timer);
    clearInterval(ticker);
    var signedOut = dialog.getAttribute("data-end");
    if (!kept) {
      location.replace(signedOut);
      return;
    }
    // The session is over on the server (asking said so): this post goes to the form's Keep handler, which keeps
    // it for its owner and answers with the sign-in page that says so.
    fetch(kept.getAttribute("data-keep"), { method: "POST", body: new FormData(kept), credentials: "same-origin" }).then(function (response) {
      location.replace(response.redirected ? response.url : signedOut);
    }, function () {
      // Nothing typed is thrown away while the server cannot take it.
      ending = false;
      timer = setTimeout(end, 5000);
    });
  }

  form.addEventListener("submit", extend);
  dialog.addEventListener("cancel", extend);
  plan(+dialog.getAttribute("data-remaining"));
})();
