namespace Connector.Core.Reports;

/// <summary>One page of the Sale archive, in archive order (newest first).</summary>
public sealed record SalePage(IReadOnlyList<SaleRow> Rows);
