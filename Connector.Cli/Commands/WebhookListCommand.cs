using System.CommandLine;
using System.Globalization;
using Connector.Cli.Output;
using Connector.Core.SuperOffice;

namespace Connector.Cli.Commands;

/// <summary><c>webhook list</c>: the tenant's webhooks (id, name, state, events, target without its key).</summary>
public static class WebhookListCommand
{
    public static Command Create(CommandBinder binder) => binder.Bind(
        new Command("list", "List the tenant's webhooks."),
        async (scope, cancellationToken) =>
        {
            var webhooks = (await scope.Get<SuperOfficeWebhookClient>().GetWebhooksAsync(cancellationToken).ConfigureAwait(false))
                .Select(w => WebhookView.From(w)).ToList();
            if (scope.Json)
            {
                scope.WriteJson(webhooks, CliJson.Output.ListWebhookView);
                return ExitCodes.Success;
            }
            if (webhooks.Count == 0)
            {
                scope.Out.WriteLine("No webhooks; `webhook register --url https://...` adds the connector's.");
                return ExitCodes.Success;
            }
            var table = new TextTable("ID", "NAME", "STATE", "EVENTS", "TARGET");
            foreach (var webhook in webhooks)
            {
                table.Add(webhook.WebhookId.ToString(CultureInfo.InvariantCulture), webhook.Name, webhook.State, string.Join(",", webhook.Events), webhook.TargetUrl);
            }
            table.WriteTo(scope.Out);
            return ExitCodes.Success;
        });
}
