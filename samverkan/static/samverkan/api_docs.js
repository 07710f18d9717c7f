/* Swagger UI for /api/docs from the platform's own files (no inline script: the
   Content-Security-Policy allows none). Every request "Try it out" sends carries the session's
   CSRF token, as the platform's own forms do. */
(function () {
  "use strict";
  const settingsElement = document.getElementById("swagger-settings");
  const settings = JSON.parse(settingsElement.textContent);
  const csrfToken = settingsElement.dataset.csrfToken;
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis];
  settings.requestInterceptor = function (request) {
    if (csrfToken) {
      request.headers["X-CSRFToken"] = csrfToken;
    }
    return request;
  };
  SwaggerUIBundle(settings);
})();
