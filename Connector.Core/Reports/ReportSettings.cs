namespace Connector.Core.Reports;

/// <summary>The settings a report ran with, recorded in its summary.</summary>
public sealed record ReportSettings(int SaleLimit, int PageSize, IReadOnlyList<string> Keywords, string? ProductCodePattern, bool UseProductFamilies);
