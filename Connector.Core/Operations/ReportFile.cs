namespace Connector.Core.Operations;

/// <summary>The files of a report run that can be downloaded.</summary>
public enum ReportFile
{
    /// <summary><c>sales-products-{stamp}.csv</c></summary>
    Sales,
    /// <summary><c>customer-products-{stamp}.csv</c></summary>
    Customers,
    /// <summary><c>summary-{stamp}.json</c></summary>
    Summary,
}
