namespace Connector.Core.Reports;

/// <summary>
/// Where the report reads Sales from: the SuperOffice Sale archive, newest first, only sales linked to a company
/// (see <see cref="SaleArchiveQuery"/>), page by page. The seam the archive-backed source implements.
/// </summary>
public interface ISaleSource
{
    /// <summary>
    /// Reads up to <paramref name="limit"/> sales (0 = all) in pages of <paramref name="pageSize"/>, each page as
    /// soon as it arrives. An empty sequence means the archive returned no sales.
    /// </summary>
    IAsyncEnumerable<SalePage> ReadPagesAsync(int limit, int pageSize, CancellationToken ct);
}
