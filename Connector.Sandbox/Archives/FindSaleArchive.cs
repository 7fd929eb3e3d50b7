using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Archives;

/// <summary>
/// The FindSale archive behind <c>GET {api}/v1/Sale</c>: the columns the sandbox serves, with the restriction types
/// of SuperOffice's FindSale reference. <c>contactId</c> is a list column (restricted with <c>oneOf</c> /
/// <c>notOneOf</c>); the company's id as a number is <c>contact/contactId</c>.
/// </summary>
public static class FindSaleArchive
{
    /// <summary>SaleStatus ids (Open 1, Sold 2, Lost 3, Stalled 4) for <c>saleStatus oneOf (...)</c>.</summary>
    private static int StatusId(string status) => status switch
    {
        "Open" => 1,
        "Sold" => 2,
        "Lost" => 3,
        "Stalled" => 4,
        _ => 0,
    };

    public static ArchiveProvider<Sale> Create(Func<int, string?> contactName, int ownerAssociateId) => new(
        "FindSale", "sale", "saleId",
        [
            new("saleId", ArchiveColumnType.Int, s => s.SaleId),
            new("heading", ArchiveColumnType.String, s => s.Heading),
            new("amount", ArchiveColumnType.Decimal, s => s.Amount),
            new("date", ArchiveColumnType.Date, s => s.Date),
            // List columns show their item's text; UNCONFIRMED for contactId, which the sandbox shows as the id.
            new("saleStatus", ArchiveColumnType.ListAny, s => s.Status) { Id = s => StatusId(s.Status) },
            new("contactId", ArchiveColumnType.ListAny, s => s.ContactId) { Id = s => s.ContactId },
            // UNCONFIRMED: what the joined company columns hold for a sale without a company; the sandbox shows 0 and "".
            new("contact/contactId", ArchiveColumnType.Int, s => s.ContactId),
            new("contact/name", ArchiveColumnType.String, s => s.ContactId == 0 ? "" : contactName(s.ContactId) ?? ""),
            new("updatedDate", ArchiveColumnType.Date, s => s.Updated),
            new("registeredDate", ArchiveColumnType.Date, s => s.Registered),
            new("description", ArchiveColumnType.String, s => s.Description, CanOrderBy: false),
            new("hasQuote", ArchiveColumnType.Bool, s => s.HasQuote),
            new("currency", ArchiveColumnType.ListAny, _ => "EUR") { Id = _ => 1 },
            new("associateId", ArchiveColumnType.Associate, _ => "RJ") { Id = _ => ownerAssociateId },
            new("probPercent", ArchiveColumnType.Int, s => s.Status switch { "Sold" => 100, "Lost" => 0, _ => 50 }),
        ],
        ["saleId", "heading", "amount", "date", "saleStatus", "contactId"]);
}
