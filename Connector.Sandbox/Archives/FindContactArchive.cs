using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Archives;

/// <summary>
/// The FindContact archive behind <c>GET {api}/v1/Contact</c> (companies): the columns the sandbox serves, with the
/// restriction types of SuperOffice's FindContact reference. <c>updatedDate</c> and <c>registeredDate</c> are the
/// company's last change and creation in UTC, kept to the tick; rows show them to the second.
/// </summary>
public static class FindContactArchive
{
    public static ArchiveProvider<ContactRecord> Create() => new(
        "FindContact", "contact", "contactId",
        [
            new("contactId", ArchiveColumnType.Int, c => c.ContactId),
            new("name", ArchiveColumnType.String, c => c.Data.Name),
            new("department", ArchiveColumnType.String, c => c.Data.Department),
            new("orgnr", ArchiveColumnType.String, c => c.Data.OrgNr),
            new("number", ArchiveColumnType.String, c => c.Data.Number1),
            new("countryId", ArchiveColumnType.Int, c => c.Data.CountryId),
            new("country", ArchiveColumnType.ListAny, c => Lists.Countries.FirstOrDefault(x => x.Id == c.Data.CountryId)?.Name ?? "")
            {
                Id = c => c.Data.CountryId,
            },
            new("business", ArchiveColumnType.ListAny, c => Lists.Name(Lists.Businesses, c.Data.BusinessId)) { Id = c => c.Data.BusinessId },
            new("category", ArchiveColumnType.ListAny, c => Lists.Name(Lists.Categories, c.Data.CategoryId)) { Id = c => c.Data.CategoryId },
            new("updatedDate", ArchiveColumnType.Date, c => c.Updated),
            new("registeredDate", ArchiveColumnType.Date, c => c.Created),
        ],
        ["contactId", "name", "department", "orgnr", "updatedDate"]);
}
