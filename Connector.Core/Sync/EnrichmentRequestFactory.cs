using Connector.Core.Enrichment;

namespace Connector.Core.Sync;

public static class EnrichmentRequestFactory
{
    public static EnrichmentRequest From(SyncContact contact, string? tenant) => new(
        "superoffice", tenant, contact.ContactId, contact.Name, contact.Department, contact.OrgNr,
        contact.Urls, contact.Domains, contact.Country, contact.City, contact.Phones, contact.Emails,
        contact.Category, contact.Business);
}
