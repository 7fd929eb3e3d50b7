namespace Connector.Core.Jobs;

/// <summary>A claim attempt: <see cref="Claimed"/> is the job as this caller now holds it, or null with <see cref="Current"/> as it is.</summary>
public sealed record JobClaim(JobRecord? Claimed, JobRecord? Current)
{
    public bool Succeeded => Claimed is not null;
}
