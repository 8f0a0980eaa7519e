// Starts Swagger UI on /api/docs/ (kept out of the HTML so the page needs no inline script).
window.addEventListener('DOMContentLoaded', function () {
    var root = document.getElementById('swagger-ui');
    window.ui = SwaggerUIBundle({
        url: root.getAttribute('data-spec-url') || '/api/openapi.yml',
        domNode: root,
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        plugins: [SwaggerUIBundle.plugins.DownloadUrl],
        layout: 'StandaloneLayout',
        tagsSorter: 'alpha',
        validatorUrl: null,
        persistAuthorization: false
    });
});
