// Run a named GraphQL operation from the page, with the session's CSRF token and language.
// Pages embed operations with {% graphql_operation "Name" %}; this reads and posts them.
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function operationText(name) {
    var element = document.getElementById("op-" + name);
    if (!element) {
      throw new Error("Operation " + name + " is not on this page.");
    }
    return JSON.parse(element.textContent);
  }

  // Resolve with the response's `data`; reject with an Error whose `errors` lists GraphQL errors.
  function runOperation(name, variables) {
    return fetch("/graphql/", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
        "Accept-Language": document.documentElement.lang || "id"
      },
      body: JSON.stringify({ query: operationText(name), variables: variables || {}, operationName: name })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (body.errors && body.errors.length) {
          var error = new Error(body.errors[0].message);
          error.errors = body.errors;
          throw error;
        }
        return body.data;
      });
    });
  }

  window.AmazeGraphQL = { run: runOperation };
})();
