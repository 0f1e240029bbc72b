// Recipient suggestions as one types in À, Cc, Cci: the ARIA 1.2 editable combobox with list autocomplete (APG).
// Without this script the fields keep the browser's <datalist>; with it the list attribute goes, so the two never
// show at once. Only the address after the last separator is looked up and replaced. Texts: data- attributes below.
(function () {
  var script = document.currentScript;
  var status = document.getElementById(script.getAttribute("data-status"));
  var said = "";

  function text(name, count) {
    return script.getAttribute("data-" + name).replace("{0}", count);
  }

  // The polite live region exists (empty) from the start, so screen readers hear its changes; said once per change.
  function announce(message) {
    if (message !== said) {
      status.textContent = said = message;
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
      } else if (!quoted && !angle && ",;\n".indexOf(c) >= 0) {
        cut = i + 1;
      }
    }
    return { head: value.slice(0, cut), typed: value.slice(cut).trim() };
  }

  function setUp(input) {
    var list = document.createElement("ul");
    var options = [], active = -1, timer = 0, asked = 0;
    list.id = input.id + "-suggestions";
    list.className = "suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", text("label"));
    list.hidden = true;
    input.after(list);
    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function open(yes) {
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes);
      if (!yes) {
        focus(-1);
      }
    }

    // Visual focus only (aria-activedescendant): the focus stays in the field, so typing goes on where it was.
    function focus(index) {
      if (options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        options[index].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    }

    function show(items) {
      var wasOpen = !list.hidden;
      focus(-1);
      list.textContent = "";
      options = items.map(function (item, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.text;
        // mousedown would move the focus out of the field (closing the list) before the click chooses.
        option.onmousedown = function (event) { event.preventDefault(); };
        option.onclick = function () { choose(item.text); };
        list.appendChild(option);
        return option;
      });
      open(items.length > 0);
      // « Aucune suggestion » only when a list goes away: a new address typed in full is not talked over.
      if (items.length > 0 || wasOpen) {
        announce(text(items.length === 0 ? "none" : items.length === 1 ? "one" : "many", items.length));
      }
    }

    // The address being typed is replaced, those before it stay; a separator follows, ready for the next one.
    function choose(value) {
      var head = lastPart(input.value).head;
      input.value = (head ? head.replace(/\s*$/, " ") : "") + value + ", ";
      open(false);
    }

    function ask() {
      var typed = lastPart(input.value).typed, mine = ++asked;
      if (!typed) {
        return open(false);
      }
      fetch(script.getAttribute("data-url") + "?q=" + encodeURIComponent(typed), { headers: { Accept: "application/json" } })
        .then(function (response) {
          // Signed out meanwhile: the answer is the sign-in page, not a list; the field simply stays as it is.
          return response.ok && /json/.test(response.headers.get("Content-Type")) ? response.json() : null;
        })
        .then(function (items) {
          // Only the answer to the latest keystroke, and only while the field still has the focus.
          if (items && mine === asked && document.activeElement === input) {
            show(items);
          }
        }, function () { });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("blur", function () {
      clearTimeout(timer);
      asked++;
      open(false);
      // The next field starts afresh: its first count is said even when it is the same number.
      announce("");
    });
    input.addEventListener("keydown", function (event) {
      var shown = !list.hidden, key = event.key;
      if ((key === "ArrowDown" || key === "ArrowUp") && options.length) {
        event.preventDefault();
        open(true);
        var step = key === "ArrowDown" ? 1 : -1, n = options.length;
        // From the field Down goes to the first option and Up to the last; past either end, round again.
        focus(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
      } else if (key === "Enter" && shown && active >= 0) {
        // With an option in visual focus Enter takes it; otherwise it sends the form, as without script.
        event.preventDefault();
        choose(options[active].textContent);
      } else if (key === "Tab" && shown && active >= 0) {
        // APG list autocomplete: Tab takes the option in visual focus, then moves on as usual.
        choose(options[active].textContent);
      } else if (key === "Escape" && shown) {
        event.preventDefault();
        open(false);
      }
    });
  }

  document.querySelectorAll("input[data-recipients]").forEach(setUp);
})();
