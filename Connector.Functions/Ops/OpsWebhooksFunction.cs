using System.Globalization;
using Connector.Core.Operations;
using Connector.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Connector.Functions.Ops;

/// <summary>The tenant's webhooks as SuperOffice sees them (<c>GET /api/ops/webhooks</c>) and re-enabling one (<c>POST /api/ops/webhooks/{id}/enable</c>).</summary>
public sealed class OpsWebhooksFunction(WebhookMonitor monitor, IConfiguration configuration, ILogger<OpsWebhooksFunction> logger)
{
    [Function("OpsWebhooks")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/webhooks")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        return await SuperOfficeAnswer.Of(async () =>
            Responses.Ops(new WebhooksAnswer(await monitor.GetAsync(cancellationToken)), HttpJson.Default.WebhooksAnswer), logger);
    }

    [Function("OpsEnableWebhook")]
    public async Task<IActionResult> Enable(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ops/webhooks/{webhookId}/enable")] HttpRequest request,
        string webhookId,
        CancellationToken cancellationToken)
    {
        OpsRequest.NoStore(request.HttpContext.Response);
        if (!OpsRequest.IsWriteAllowed(request))
        {
            return Responses.Problem(StatusCodes.Status403Forbidden, "Write refused", $"A write needs the header {OpsRequest.WriteHeader}.");
        }
        if (!int.TryParse(webhookId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            return Responses.BadRequest("The webhook id is a positive whole number.");
        }
        var who = OpsRequest.Operator(request, configuration);
        logger.LogInformation("Ops re-enable of webhook {WebhookId} requested by {Operator}", id, who);
        return await SuperOfficeAnswer.Of(async () =>
        {
            var webhook = await monitor.ReactivateAsync(id, cancellationToken);
            if (webhook is null)
            {
                return Responses.Problem(StatusCodes.Status404NotFound, "Webhook not found", $"SuperOffice has no webhook {id}.");
            }
            logger.LogInformation("Webhook {WebhookId} is {State} after the re-enable by {Operator}", id, webhook.State, who);
            return Responses.Ops(webhook, HttpJson.Default.WebhookHealth);
        }, logger);
    }
}
