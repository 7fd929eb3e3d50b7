using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Configuration;
using Connector.Core.SuperOffice;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>webhook register --url https://...</c>: a webhook for <c>Webhook:Events</c>, signed with <c>Webhook:Secret</c>.
/// Refuses a non-HTTPS URL (SuperOffice calls only HTTPS), except http to 127.0.0.1/localhost for the sandbox.
/// Does nothing when a webhook with that URL exists already.
/// </summary>
public static class WebhookRegisterCommand
{
    public const string DefaultName = WebhookOptions.DefaultName;

    public static Command Create(CommandBinder binder)
    {
        var url = new Option<string>("--url")
        {
            Description = "The webhook endpoint, e.g. https://<app>.azurewebsites.net/api/superoffice/webhook?code=<function key>.",
            Required = true,
        };
        var name = new Option<string>("--name") { Description = "The webhook's name in SuperOffice.", DefaultValueFactory = _ => DefaultName };
        var command = new Command("register", "Register the connector's webhook in SuperOffice (secret from Webhook:Secret, events from Webhook:Events).") { url, name };

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            var target = CheckUrl(scope.ParseResult.GetValue(url)!);
            var options = scope.Options<WebhookOptions>();
            if (string.IsNullOrEmpty(options.Secret))
            {
                throw new CliUsageException("Webhook:Secret is empty; set it in local.settings.json, .env or Webhook__Secret: SuperOffice signs with it and the app verifies it.");
            }
            var client = scope.Get<SuperOfficeWebhookClient>();
            var existing = (await client.GetWebhooksAsync(cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(w => string.Equals(w.TargetUrl, target.ToString(), StringComparison.OrdinalIgnoreCase));
            var created = existing is null;
            var webhook = existing ?? await client.CreateWebhookAsync(new WebhookDefinition
            {
                Name = scope.ParseResult.GetValue(name),
                Events = [.. options.EventSet.Order(StringComparer.Ordinal)],
                TargetUrl = target.ToString(),
                Secret = options.Secret,
                State = WebhookDefinition.Active,
                Type = "webhook",
            }, cancellationToken).ConfigureAwait(false);

            var view = WebhookView.From(webhook);
            if (scope.Json)
            {
                scope.WriteJson(view, CliJson.Output.WebhookView);
            }
            else
            {
                scope.Out.WriteLine(created
                    ? $"Registered webhook {view.WebhookId} \"{view.Name}\" ({view.State}) for {string.Join(", ", view.Events)} → {view.TargetUrl}"
                    : $"Webhook {view.WebhookId} \"{view.Name}\" ({view.State}) already calls {view.TargetUrl}; nothing registered.");
            }
            return ExitCodes.Success;
        });
    }

    /// <summary>An absolute https URL; http only to the loopback host (the sandbox, a local func host).</summary>
    public static Uri CheckUrl(string text)
    {
        if (SecretUrl.TargetProblem(text) is { } problem)
        {
            throw new CliUsageException(problem.StartsWith("must", StringComparison.Ordinal) ? $"--url {problem}" : $"--url '{WebhookView.MaskUrl(text)}' {problem}");
        }
        return new Uri(text);
    }
}
