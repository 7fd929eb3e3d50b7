namespace Connector.Core.Reports;

/// <summary>
/// The one place the report's Sale archive query is written down (<c>GET {api}/v1/Sale</c>, the FindSale archive);
/// the archive-backed <see cref="ISaleSource"/> sends exactly these.
/// </summary>
public static class SaleArchiveQuery
{
    /// <summary><c>$select</c>: only the archive columns the report uses.</summary>
    public const string Select = "saleId,heading,amount,date,saleStatus,contactId,contact/name";

    /// <summary><c>$orderBy</c>: newest first, so <c>SaleLimit</c> keeps the most recent sales.</summary>
    public const string OrderBy = "date desc";

    /// <summary>
    /// <c>$filter</c> for "linked to a company". The prototype sent <c>Contact ne null</c>: <c>Contact</c> is the
    /// Sale <em>entity</em> property, not an archive column (the column is <c>contactId</c>), and the archive has no
    /// <c>null</c> for it: a sale without a company has <c>contactId</c> 0. So that filter matched nothing and the
    /// report came out empty. <c>contactId gt 0</c> uses the real column and the "no company" value; <c>gt</c>
    /// rather than <c>ge 1</c>, because <c>ge</c>/<c>le</c> on <c>contactId</c> are marked "Fails" in SuperOffice's
    /// own query samples (RESTful-HTTP-Queries, ODataQueries.http).
    /// </summary>
    public const string HasCompanyFilter = "contactId gt 0";}
