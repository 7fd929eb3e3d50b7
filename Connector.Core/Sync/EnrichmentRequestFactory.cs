using Connector.Core.SuperOffice;
using Connector.Core.Enrichment;

namespace Connector.Core.Sync;

public static class EnrichmentRequestFactory
{
    public static EnrichmentRequest From(SyncContact contact, string? tenant) => From(contact.ContactId, contact.Profile, tenant);

    public static EnrichmentRequest From(int contactId, CompanyProfile company, string? tenant) => new(
        "superoffice", tenant, contactId, company.Name, company.Department, company.OrgNr,
        company.Urls, company.Domains, company.Country, company.City, company.Phones, company.Emails,
        company.Category, company.Business);
}
