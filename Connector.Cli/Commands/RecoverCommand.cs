using System.CommandLine;
using Connector.Core.Configuration;
using Connector.Core.Recovery;
using Connector.Core.Watchdog;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>recover --since TIME [--dry-run] [--rate N/s]</c>: the watchdog's recovery for a window an operator names (an
/// outage the watchdog could not see). Job ids are the watchdog's for a window starting at that second
/// (<c>recover-{contactId}-{yyyyMMddTHHmmssZ}</c>), so a rerun queues nothing twice. The rate defaults to
/// <c>Webhook:RecoveryRatePerSecond</c>.
/// </summary>
public static class RecoverCommand
{
    public static Command Create(CommandBinder binder) => RecoveryCommand.Create(binder, "recover",
        "Queue enrichment jobs for the companies changed since a time, e.g. the start of an outage (safe to interrupt and rerun).",
        "Companies updated or created at or after this time (UTC unless it has an offset), e.g. 2026-01-05T10:15:00Z.",
        since => new RecoveryRequest(since, WebhookWatchdog.RecoveryJobPrefix, new RecoveryWindow(since, since).Key, default,
            "Recovery of missed changes from the CLI."),
        scope => TimeSpan.FromSeconds(1 / scope.Options<WebhookOptions>().RecoveryRatePerSecond));
}
