namespace Connector.Sandbox.Tenant;

/// <summary>A phone, e-mail or URL entry of a contact.</summary>
public sealed record ContactValue(string Value, string Description = "")
{
    /// <summary>Stripped form, as SuperOffice fills <c>StrippedValue</c> (digits only for phones, lower case otherwise).</summary>
    public string Stripped(bool phone) => phone
        ? new string(Value.Where(char.IsDigit).ToArray())
        : Value.Trim().ToLowerInvariant();
}

public sealed record Address(string Address1 = "", string Zip = "", string City = "");

/// <summary>The editable state of a company (contact). Compared field by field to find the changed columns.</summary>
public sealed record ContactData
{
    public string Name { get; init; } = "";
    public string Department { get; init; } = "";
    public string OrgNr { get; init; } = "";
    public string Number1 { get; init; } = "";
    public string Number2 { get; init; } = "";
    public IReadOnlyList<ContactValue> Emails { get; init; } = [];
    public IReadOnlyList<ContactValue> Urls { get; init; } = [];
    public IReadOnlyList<ContactValue> Phones { get; init; } = [];
    public IReadOnlyList<string> Domains { get; init; } = [];
    public int CountryId { get; init; }
    public int BusinessId { get; init; }
    public int CategoryId { get; init; }
    public Address Postal { get; init; } = new();
    public Address Street { get; init; } = new();
    public IReadOnlyDictionary<string, string> Udfs { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The contact table's column names that differ between two states (the webhook's <c>Changes</c>). E-mails, web
    /// addresses, phones, domains and addresses are rows of other tables, so they name no contact column.
    /// </summary>
    public IReadOnlyList<string> ChangedColumns(ContactData other)
    {
        var columns = new List<string>();
        void Check(bool changed, string column)
        {
            if (changed && !columns.Contains(column))
            {
                columns.Add(column);
            }
        }
        Check(Name != other.Name, "name");
        Check(Department != other.Department, "department");
        Check(OrgNr != other.OrgNr, "orgNr");
        Check(Number1 != other.Number1, "number1");
        Check(Number2 != other.Number2, "number2");
        Check(CountryId != other.CountryId, "country_id");
        Check(BusinessId != other.BusinessId, "business_idx");
        Check(CategoryId != other.CategoryId, "category_idx");
        Check(UdfFields.Any(f => Udf(f.ProgId) != other.Udf(f.ProgId)), "userdef_id");
        return columns;
    }

    /// <summary>Whether rows of the contact's other tables (Email, URL, phone, company_domain, address) differ.</summary>
    public bool RelatedRowsDiffer(ContactData other) =>
        !Emails.SequenceEqual(other.Emails) || !Urls.SequenceEqual(other.Urls) || !Phones.SequenceEqual(other.Phones)
        || !Domains.SequenceEqual(other.Domains) || Postal != other.Postal || Street != other.Street;

    private static IReadOnlyList<UdfField> UdfFields => UdfLayout.Fields;

    public string Udf(string progId) =>
        Udfs.TryGetValue(progId, out var value) ? value : UdfLayout.EmptyValue(UdfLayout.Find(progId)!);
}

/// <summary>A stored company with its bookkeeping.</summary>
public sealed class ContactRecord(int contactId, ContactData data, DateTime created, int createdBy)
{
    public int ContactId { get; } = contactId;
    public ContactData Data { get; set; } = data;
    public DateTime Created { get; } = created;
    public int CreatedAssociateId { get; } = createdBy;
    public DateTime Updated { get; set; } = created;
    public int UpdatedAssociateId { get; set; } = createdBy;
    public int UpdatedCount { get; set; }
    public int Deleted { get; set; }
}
