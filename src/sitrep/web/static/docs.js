// The OpenAPI page (/docs): Swagger UI, started from this file so that the page needs no inline script
// and can be served with a Content-Security-Policy. No validator badge (it would call an outside host).
"use strict";

window.addEventListener("DOMContentLoaded", function () {
  if (typeof SwaggerUIBundle !== "function") {
    document.getElementById("swagger-ui").textContent =
      "Swagger UI is not vendored (run npm ci in src/sitrep/web); the schema is at /openapi.json.";
    return;
  }
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
