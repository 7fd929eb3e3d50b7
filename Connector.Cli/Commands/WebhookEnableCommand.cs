using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.SuperOffice;

namespace Connector.Cli.Commands;

/// <summary><c>webhook enable &lt;id&gt;</c>: a stopped webhook (e.g. <c>TooManyErrors</c>) back to <c>Active</c>.</summary>
public static class WebhookEnableCommand
{
    public static Command Create(CommandBinder binder)
    {
        var id = new Argument<int>("id") { Description = "The webhook id (see `webhook list`)." };
        var command = new Command("enable", "Set a webhook back to Active, e.g. after SuperOffice stopped it with TooManyErrors.") { id };
        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            var webhook = await scope.Get<SuperOfficeWebhookClient>().ActivateWebhookAsync(scope.ParseResult.GetValue(id), cancellationToken).ConfigureAwait(false);
            var view = WebhookView.From(webhook);
            if (scope.Json)
            {
                scope.WriteJson(view, CliJson.Output.WebhookView);
            }
            else
            {
                scope.Out.WriteLine($"Webhook {view.WebhookId} \"{view.Name}\" is {view.State}.");
            }
            if (!view.IsActive)
            {
                throw new CliFailureException($"Webhook {view.WebhookId} is still {view.State}; SuperOffice did not accept the change.");
            }
            return ExitCodes.Success;
        });
    }
}
