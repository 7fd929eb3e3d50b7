using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.SuperOffice;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>webhook status [id]</c>: each webhook's state and last error. Exit 1 when one is not <c>Active</c>
/// (e.g. <c>TooManyErrors</c> after failed deliveries), naming the command that re-enables it.
/// </summary>
public static class WebhookStatusCommand
{
    public static Command Create(CommandBinder binder)
    {
        var id = new Argument<int?>("id") { Description = "One webhook (default: all).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show each webhook's state (Active, Stopped, TooManyErrors) and last error.") { id };
        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            var client = scope.Get<SuperOfficeWebhookClient>();
            IReadOnlyList<WebhookDefinition> webhooks = scope.ParseResult.GetValue(id) is { } one
                ? [await client.GetWebhookAsync(one, cancellationToken).ConfigureAwait(false)]
                : await client.GetWebhooksAsync(cancellationToken).ConfigureAwait(false);

            var views = new List<WebhookView>();
            foreach (var webhook in webhooks)
            {
                views.Add(WebhookView.From(webhook, await client.GetWebhookLastErrorAsync(webhook.WebhookId, cancellationToken).ConfigureAwait(false)));
            }

            if (scope.Json)
            {
                scope.WriteJson(views, CliJson.Output.ListWebhookView);
            }
            else if (views.Count == 0)
            {
                scope.Out.WriteLine("No webhooks; `webhook register --url https://...` adds the connector's.");
            }
            else
            {
                foreach (var view in views)
                {
                    scope.Out.WriteLine($"Webhook {view.WebhookId} \"{view.Name}\": {view.State}");
                    scope.Out.WriteLine($"  target      {view.TargetUrl}");
                    scope.Out.WriteLine($"  events      {string.Join(", ", view.Events)}");
                    scope.Out.WriteLine($"  last error  {view.LastError ?? "(none)"}");
                }
            }

            var inactive = views.FirstOrDefault(v => !v.IsActive);
            if (inactive is not null)
            {
                throw new CliFailureException($"Webhook {inactive.WebhookId} is {inactive.State}; fix what its last error says, then run `so-connector webhook enable {inactive.WebhookId}`.");
            }
            return ExitCodes.Success;
        });
    }
}
