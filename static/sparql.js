// The query page of /sparql: runs the query with fetch, shows a table or the error with its
// position, and keeps the query in the address so it can be shared. No libraries.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  var query = document.getElementById("query");
  var format = document.getElementById("format");
  var status = document.getElementById("status");
  var results = document.getElementById("results");

  function text(value) {
    return document.createTextNode(value);
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = term.value;
      a.appendChild(text(term.value));
      td.appendChild(a);
    } else {
      td.appendChild(text(term.value + (term["xml:lang"] ? " @" + term["xml:lang"] : "")));
    }
    return td;
  }

  function table(json) {
    if (typeof json.boolean === "boolean") {
      status.textContent = "ASK: " + json.boolean;
      return;
    }
    var vars = json.head.vars;
    var rows = json.results.bindings;
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.scope = "col";
      th.appendChild(text(v));
      head.appendChild(th);
    });
    var body = t.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    results.appendChild(t);
    status.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
  }

  function run() {
    var q = query.value;
    var chosen = format.value;
    var params = new URLSearchParams({ query: q });
    if (chosen !== "table") params.set("format", chosen);
    history.replaceState(null, "", "/sparql?" + new URLSearchParams({ query: q }).toString());
    results.textContent = "";
    status.textContent = "Running…";
    var accept = chosen === "table" ? "application/sparql-results+json, text/turtle;q=0.9" : "*/*";
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: params.toString()
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return response.text().then(function (body) {
        if (!response.ok) {
          status.textContent = "Error " + response.status + ": " + body;
          return;
        }
        if (chosen === "table" && type.indexOf("application/sparql-results+json") === 0) {
          table(JSON.parse(body));
        } else {
          var pre = document.createElement("pre");
          pre.appendChild(text(body));
          results.appendChild(pre);
          status.textContent = type;
        }
      });
    }).catch(function (error) {
      status.textContent = "The request failed: " + error;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (button) {
    button.addEventListener("click", function () {
      query.value = button.getAttribute("data-query");
      query.focus();
    });
  });
  if (query.value.trim() !== "") run();
})();
