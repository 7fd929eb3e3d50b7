namespace Connector.Core.Reports;

/// <summary>
/// The one place the report's Sale archive query is written down (<c>GET {api}/v1/Sale</c>, the FindSale archive);
/// the archive-backed <see cref="ISaleSource"/> sends exactly these. The column facts are in
/// <c>docs/superoffice/archives.md</c>.
/// </summary>
public static class SaleArchiveQuery
{
    /// <summary>
    /// <c>$select</c>: only the archive columns the report uses. The company's id is read from
    /// <c>contact/contactId</c>, the <c>int</c> column the filter restricts, not from <c>contactId</c>, a list column.
    /// </summary>
    public const string Select = "saleId,heading,amount,date,saleStatus,contact/contactId,contact/name";

    /// <summary>The column that holds the company's id (0 or absent: no company).</summary>
    public const string CompanyIdColumn = "contact/contactId";

    /// <summary>
    /// <c>$orderBy</c>: newest first, so <c>SaleLimit</c> keeps the most recent sales, then the primary key. SuperOffice
    /// builds every page anew, so sales that share a date may come back in another order on the next page; without
    /// <c>saleId</c> as the last key the pages would skip some sales and repeat others.
    /// </summary>
    public const string OrderBy = "date desc,saleId desc";

    /// <summary>
    /// <c>$filter</c> for "linked to a company": <c>contact/contactId</c> is an <c>int</c> column, which takes
    /// <c>gt</c>. Not <c>contactId gt 0</c>: FindSale's <c>contactId</c> is a list column (<c>listAny</c>), which takes
    /// only <c>oneOf</c>/<c>notOneOf</c> (and <c>equals</c>), so <c>gt</c> has no documented meaning there. The
    /// prototype's <c>Contact ne null</c> named no FindSale column and a value (<c>null</c>) the archive does not
    /// know, and it returned nothing. The report still drops a row whose company id is 0, whatever the archive sends.
    /// </summary>
    public const string HasCompanyFilter = CompanyIdColumn + " gt 0";
}
