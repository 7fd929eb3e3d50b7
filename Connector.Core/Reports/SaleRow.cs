namespace Connector.Core.Reports;

/// <summary>
/// One Sale as the report reads it from the archive (columns <see cref="SaleArchiveQuery.Select"/>).
/// <paramref name="CustomerId"/> is the archive's <c>contact/contactId</c>: 0 when the sale has no company.
/// <paramref name="SaleDate"/> is null when the archive has none (it sends <c>0001-01-01T00:00:00</c>).
/// </summary>
public sealed record SaleRow(
    int SaleId,
    DateTimeOffset? SaleDate,
    string? Status,
    decimal? Amount,
    int CustomerId,
    string? CustomerName,
    string? Heading);
