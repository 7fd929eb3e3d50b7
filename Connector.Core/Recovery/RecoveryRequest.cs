namespace Connector.Core.Recovery;

/// <summary>
/// A recovery: a sync job for every company updated (or created) from <see cref="Since"/> on, to the second. Job ids
/// are <c>{JobIdPrefix}-{contactId}-{WindowKey}</c>, so the same request run again queues nothing twice and a run that
/// stopped is finished by running it again. At most one new job per <see cref="Interval"/>.
/// </summary>
public sealed record RecoveryRequest(DateTimeOffset Since, string JobIdPrefix, string WindowKey, TimeSpan Interval, string Note)
{
    /// <summary>Only count and list the companies: queue nothing.</summary>
    public bool DryRun { get; init; }

    public string JobIdFor(int contactId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{JobIdPrefix}-{contactId}-{WindowKey}");
}
