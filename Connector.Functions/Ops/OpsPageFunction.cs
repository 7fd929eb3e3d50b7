using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Ops;

/// <summary>
/// The operations page (<c>GET /api/ops</c>) and its stylesheet and script (<c>GET /api/ops/assets/{file}</c>), from
/// resources embedded in this assembly. These three hold no data and are the only functions without a key: the page
/// asks for the function key in a form and keeps it in the tab's session storage, so the key never travels in an
/// address (history, logs); every data endpoint behind it needs the key. A strict Content-Security-Policy allows
/// only the app's own script, style and requests.
/// </summary>
public sealed class OpsPageFunction
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    [Function("OpsPage")]
    public IActionResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops")] HttpRequest request) =>
        Serve(request, "ops.html");

    [Function("OpsAsset")]
    public IActionResult Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/assets/{file}")] HttpRequest request,
        string file) =>
        OpsAssets.IsAsset(file) && file != "ops.html"
            ? Serve(request, file)
            : Responses.Problem(StatusCodes.Status404NotFound, "Not found", "There is no such file of the operations page.");

    private static IActionResult Serve(HttpRequest request, string file)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        var (content, contentType) = OpsAssets.Get(file);
        return new BytesAnswer(content, contentType);
    }
}
