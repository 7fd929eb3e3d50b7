namespace Connector.Core.Jobs;

/// <summary>
/// A run found that another run of the same job took its claim over (its own claim had lapsed): it stops at once and
/// leaves the job, and what the job writes, to the other run.
/// </summary>
public sealed class JobClaimLostException(string jobId) : Exception($"Another run took job {jobId} over.")
{
    public string JobId { get; } = jobId;
}
