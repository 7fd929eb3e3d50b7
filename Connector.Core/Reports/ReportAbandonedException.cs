namespace Connector.Core.Reports;

/// <summary>
/// Thrown between pages when a run has lost its claim to another run of the same id: it stops at once and leaves
/// the blobs alone (the other run writes the same names).
/// </summary>
internal sealed class ReportAbandonedException : Exception
{
    public ReportAbandonedException()
        : base("Another run took this report run's claim over.")
    {
    }
}
