using System.Runtime.CompilerServices;
using Connector.Core.SuperOffice;

namespace Connector.Core.Reports;

/// <summary>The report's <see cref="ISaleSource"/> over the SuperOffice Sale archive, with the query of <see cref="SaleArchiveQuery"/>.</summary>
public sealed class SuperOfficeSaleSource(SuperOfficeArchiveClient archive) : ISaleSource
{
    public async IAsyncEnumerable<SalePage> ReadPagesAsync(int limit, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = new ArchiveQuery
        {
            Select = SaleArchiveQuery.Select.Split(','),
            Filter = SaleArchiveQuery.HasCompanyFilter,
            OrderBy = SaleArchiveQuery.OrderBy,
            PageSize = pageSize,
            Limit = limit > 0 ? limit : null,
        };
        await foreach (var rows in archive.QueryPagesAsync(SuperOfficeArchiveClient.SalePath, query, ct).ConfigureAwait(false))
        {
            if (rows.Count > 0)
            {
                yield return new SalePage(rows.Select(ToSale).ToArray());
            }
        }
    }

    public static SaleRow ToSale(ArchiveRow row) => new(
        row.GetInt("saleId") ?? row.PrimaryKey ?? 0,
        row.GetDate("date"),
        row.GetText("saleStatus"),
        row.GetDecimal("amount"),
        row.GetInt(SaleArchiveQuery.CompanyIdColumn) ?? 0,
        row.GetText("contact/name"),
        row.GetText("heading"));
}
