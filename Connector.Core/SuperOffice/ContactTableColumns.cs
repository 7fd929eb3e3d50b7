namespace Connector.Core.SuperOffice;

/// <summary>
/// The columns of SuperOffice's <c>contact</c> table, the names a <c>contact.*</c> webhook lists in <c>Changes</c>
/// (https://docs.superoffice.com/en/database/tables/contact.html, and "Changes field names" in
/// https://docs.superoffice.com/en/automation/webhook/dev/notification.html). Web addresses, e-mails, phones, addresses
/// and domains live in tables of their own (URL, Email, phone, address, company_domain), so none of them is here.
/// </summary>
public static class ContactTableColumns
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "contact_id", "name", "kananame", "department", "number1", "number2", "associate_id", "country_id",
        "business_idx", "category_idx", "xstop", "nomailing", "registered", "registered_associate_id", "updated",
        "updated_associate_id", "text_id", "mother_id", "userdef_id", "orgNr", "soundEx", "source", "userdef2_id",
        "activeInterests", "updatedCount", "group_id", "tzLocationId", "ticketPriorityId", "deleted", "supportLanguageId",
        "supportAssociateId", "supportPersonId", "dbi_agent_id", "dbi_key", "dbi_last_syncronized", "dbi_last_modified",
        "activeErpLinks", "DeletedDate",
    };

    /// <summary>Whether <paramref name="name"/> is a contact table column (compared ignoring case).</summary>
    public static bool Contains(string name) => All.Contains(name);
}
