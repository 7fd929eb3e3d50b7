using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Watchdog;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>webhook ensure [--dry-run]</c>: the watchdog's reconciliation once (register the webhook the settings declare,
/// correct its target, events or secret, re-activate it), recorded as a <c>Watchdog</c> job. No recovery: that is
/// <c>recover --since</c>. With <c>--dry-run</c> it only says what it would change, and records nothing.
/// </summary>
public static class WebhookEnsureCommand
{
    public static Command Create(CommandBinder binder)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what would change; change and record nothing." };
        var command = new Command("ensure",
            "Make SuperOffice's webhook match the settings (Webhook:Name, TargetUrl, Events, Secret) and re-activate it, as the watchdog does.") { dryRun };
        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            scope.RequireStorage();
            var dry = scope.ParseResult.GetValue(dryRun);
            var watchdog = scope.Get<WebhookWatchdog>();
            var result = dry
                ? await watchdog.PlanAsync(cancellationToken).ConfigureAwait(false)
                : await watchdog.RunAsync(WatchdogRun.Manual(scope.Get<TimeProvider>().GetUtcNow()), cancellationToken).ConfigureAwait(false);
            var d = result.Details;
            var report = new WebhookEnsureReport(dry, d?.Action ?? "None", d?.Changes ?? [], d?.WebhookId, d?.FoundState, d?.StateNow, d?.TargetUrl,
                dry ? null : result.JobId, result.Error);
            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.WebhookEnsureReport);
            }
            else
            {
                scope.Out.WriteLine(Describe(report));
            }
            if (result.Outcome == WatchdogOutcome.Failed)
            {
                throw new CliFailureException(result.Error ?? "The webhook could not be reconciled.");
            }
            return ExitCodes.Success;
        });
    }

    private static string Describe(WebhookEnsureReport r)
    {
        var would = r.DryRun ? "would be " : "";
        var text = r.Action switch
        {
            nameof(WebhookAction.None) => $"Webhook {r.WebhookId} is {r.FoundState} and as configured; nothing to do.",
            nameof(WebhookAction.Create) => $"Webhook {would}registered{(r.WebhookId is { } id ? $" as {id}" : "")} → {r.TargetUrl}.",
            nameof(WebhookAction.Update) => $"Webhook {r.WebhookId} (was {r.FoundState}): {string.Join(", ", r.Changes)} {would}changed → {r.TargetUrl}.",
            nameof(WebhookAction.LeaveStopped) => $"Webhook {r.WebhookId} is Stopped (by someone in SuperOffice); left as it is.",
            nameof(WebhookAction.CannotCreate) => "No webhook with that name in SuperOffice, and Webhook:TargetUrl is empty: nothing can be registered.",
            _ => r.Action,
        };
        return r.JobId is null ? text : $"{text} Job {r.JobId}.";
    }
}
