// htmx only when it is used. The list shows and works without it (its forms post and redirect); on a phone that only
// reads mail it is 17 KB that never needs to come. The first time the person reaches a form or link that htmx
// enhances (focus, pointer or key), it is fetched; until it has arrived, that form simply posts as without JavaScript.
(function () {
  var loader = document.currentScript;
  var requested = false;
  function wanted(event) {
    var target = event.target;
    if (requested || !target || !target.closest || !target.closest("[data-hx-post],[data-hx-get]")) {
      return;
    }
    requested = true;
    // htmx sets itself up at once only when the document has finished loading; earlier (readyState « interactive »)
    // it would wait for a DOMContentLoaded that has already passed, and never enhance anything.
    if (document.readyState === "complete") {
      add();
    } else {
      window.addEventListener("load", add);
    }
  }
  function add() {
    var script = document.createElement("script");
    script.src = loader.getAttribute("data-htmx");
    document.head.appendChild(script);
  }
  ["focusin", "pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, wanted, true);
  });
})();
