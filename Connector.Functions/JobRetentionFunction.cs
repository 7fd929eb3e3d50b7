using Connector.Core.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions;

/// <summary>Every day at 03:17 UTC: deletes jobs older than <c>Jobs:RetentionDays</c>, with their index rows (<see cref="JobRetention"/>).</summary>
public sealed class JobRetentionFunction(JobRetention retention)
{
    public const string Schedule = "0 17 3 * * *";

    [Function("JobRetention")]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.PurgeAsync(cancellationToken: cancellationToken);
}
