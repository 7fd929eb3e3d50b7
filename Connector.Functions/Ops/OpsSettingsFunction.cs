using Connector.Core.Configuration;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Ops;

/// <summary><c>GET /api/ops/settings</c>: every setting the app reads, with its effective value; every secret masked.</summary>
public sealed class OpsSettingsFunction(EffectiveSettings settings)
{
    [Function("OpsSettings")]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/settings")] HttpRequest request)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        return Responses.Ops(new SettingsAnswer(settings.List()), HttpJson.Default.SettingsAnswer);
    }
}
