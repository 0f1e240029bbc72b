// Recipient suggestions as one types in À, Cc, Cci: the ARIA 1.2 editable combobox with list autocomplete (WAI-ARIA
// APG). Without this script the fields keep the browser's <datalist>; with it, the list attribute goes so that the
// two never show at once. Several addresses per field: only the part after the last comma or semicolon is looked up
// and replaced. Texts come from the server (data- attributes of this script), in the page's language.
(function () {
  var script = document.currentScript;
  var status = document.getElementById(script.getAttribute("data-status"));
  var url = script.getAttribute("data-url");
  var said = "";

  function text(name, count) {
    return script.getAttribute("data-" + name).replace("{0}", count);
  }

  // Polite live region, rendered empty by the server (a region that exists before it speaks is announced reliably).
  // Said only when it changes: typing on through the same results does not repeat it.
  function announce(message) {
    if (message !== said) {
      said = message;
      status.textContent = message;
    }
  }

  // The server's rule (Recipients.Split): commas, semicolons and line breaks separate addresses, except inside quotes
  // and angle brackets (« "Dubois, Hélène" <h.dubois@…> » is one address).
  function lastPart(value) {
    var cut = 0, quoted = false, angle = false;
    for (var i = 0; i < value.length; i++) {
      var c = value.charAt(i);
      if (quoted && c === "\\") {
        i++;
      } else if (c === "\"") {
        quoted = !quoted;
      } else if (!quoted && (c === "<" || c === ">")) {
        angle = c === "<";
      } else if (!quoted && !angle && (c === "," || c === ";" || c === "\n")) {
        cut = i + 1;
      }
    }
    return { head: value.slice(0, cut), typed: value.slice(cut).trim() };
  }

  function setUp(input) {
    var list = document.createElement("ul");
    var options = [];
    var active = -1;
    var timer = 0;
    var asked = 0;
    list.id = input.id + "-suggestions";
    list.className = "suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", text("label", 0));
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function open(yes) {
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) {
        focus(-1);
      }
    }

    // Visual focus only (aria-activedescendant): DOM focus stays in the field, so typing goes on where it was.
    function focus(index) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function show(items) {
      list.textContent = "";
      options = items.map(function (item, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.text;
        // mousedown would take the focus out of the field (and close the list) before the click chooses.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(item.text); });
        list.appendChild(option);
        return option;
      });
      var wasOpen = !list.hidden;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      open(items.length > 0);
      // « Aucune suggestion » only when a list goes away: typing a new address in full is not talked over at each key.
      if (items.length > 0 || wasOpen) {
        announce(items.length === 0 ? text("none", 0) : items.length === 1 ? text("one", 1) : text("many", items.length));
      }
    }

    function choose(value) {
      var head = lastPart(input.value).head;
      // The address typed so far is replaced; the ones before it stay; a separator follows so the next can be typed.
      input.value = (head ? head.replace(/\s*$/, " ") : "") + value + ", ";
      open(false);
      input.setSelectionRange(input.value.length, input.value.length);
    }

    function ask() {
      var typed = lastPart(input.value).typed;
      var mine = ++asked;
      if (typed.length === 0) {
        open(false);
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(typed), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          // Signed out meanwhile: the answer is the sign-in page, not a list; the field simply stays as it is.
          var json = response.ok && (response.headers.get("Content-Type") || "").indexOf("json") >= 0;
          return json ? response.json() : null;
        })
        .then(function (items) {
          // Only the answer to the latest keystroke, and only while the field still has the focus.
          if (items && mine === asked && document.activeElement === input) {
            show(items);
          }
        })
        .catch(function () { });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("blur", function () {
      clearTimeout(timer);
      asked++;
      open(false);
      // The next field starts afresh: its first count is said even if it is the same number.
      announce("");
    });
    input.addEventListener("keydown", function (event) {
      var shown = !list.hidden && options.length > 0;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          if (options.length === 0) {
            return;
          }
          event.preventDefault();
          if (!shown) {
            open(true);
          }
          var step = event.key === "ArrowDown" ? 1 : -1;
          // From the field, Down goes to the first option and Up to the last; past either end, back round.
          focus(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
          break;
        case "Enter":
          // With an option chosen, Enter takes it; otherwise it does what it does without script (sends the form).
          if (shown && active >= 0) {
            event.preventDefault();
            choose(options[active].textContent);
          }
          break;
        case "Tab":
          // APG list autocomplete: Tab takes the option in visual focus, then moves on as usual.
          if (shown && active >= 0) {
            choose(options[active].textContent);
          }
          break;
        case "Escape":
          if (shown) {
            event.preventDefault();
            open(false);
          }
          break;
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-recipients]"), setUp);
})();
