using Connector.Core.Watchdog;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Connector.Functions;

/// <summary>
/// The webhook watchdog on the <c>Webhook:WatchdogSchedule</c> timer: one <see cref="WebhookWatchdog"/> pass per
/// occurrence. A failed pass is recorded on its job and logged, never thrown: a timer that throws is not retried, and
/// a missing right in SuperOffice must not become a storm of errors; the next occurrence tries again.
/// </summary>
/// <remarks>
/// The host resolves <c>%Webhook:WatchdogSchedule%</c> from the app setting <c>Webhook__WatchdogSchedule</c>. Empty
/// turns the watchdog off: the host then cannot resolve the schedule, lists this one function as in error and runs
/// the others; should it run anyway, the pass sees the empty setting and does nothing.
/// </remarks>
public sealed class WebhookWatchdogFunction(WebhookWatchdog watchdog, ILogger<WebhookWatchdogFunction> logger)
{
    public const string ScheduleExpression = "%Webhook:WatchdogSchedule%";

    [Function("WebhookWatchdog")]
    public async Task Run([TimerTrigger(ScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken)
    {
        try
        {
            var result = await watchdog.RunScheduledAsync(cancellationToken);
            if (result.Outcome == WatchdogOutcome.Failed)
            {
                logger.LogError("Webhook watchdog pass {JobId} failed: {Reason}; its job record says why", result.JobId, result.Job?.Reason);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Before the pass could record itself (storage unreachable): logged; the next occurrence tries again.
            logger.LogError(e, "Webhook watchdog pass could not start");
        }
    }
}
