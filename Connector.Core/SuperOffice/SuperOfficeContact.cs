using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>
/// A contact (company) as the connector needs it, read tolerantly from <c>GET v1/Contact/{id}</c>, plus the raw JSON as
/// returned (for debugging and for GET→modify→PUT).
/// </summary>
public sealed record SuperOfficeContact
{
    public required int ContactId { get; init; }
    public CompanyProfile Profile { get; init; } = CompanyProfile.Empty;
    public DateTimeOffset? UpdatedDate { get; init; }
    public bool Deleted { get; init; }
    public UdfReadResult UserDefinedFields { get; init; } = UdfReadResult.None;
    public required string RawJson { get; init; }

    /// <summary>Reads a contact entity. Odd fields are skipped, never fatal; only a body that is no JSON object throws.</summary>
    public static SuperOfficeContact Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A contact must be a JSON object, not {root.ValueKind}.");
        }
        var address = JsonValues.Property(root, "Address");
        return new SuperOfficeContact
        {
            ContactId = JsonValues.Int(root, "ContactId") ?? 0,
            Profile = new CompanyProfile
            {
                Name = JsonValues.Text(root, "Name"),
                Department = JsonValues.Text(root, "Department"),
                OrgNr = JsonValues.Text(root, "OrgNr"),
                Urls = JsonValues.Values(JsonValues.Property(root, "Urls")),
                Domains = JsonValues.Values(JsonValues.Property(root, "Domains")),
                Country = JsonValues.Display(JsonValues.Property(root, "Country"), "Name", "EnglishName", "Value", "TwoLetterISOCountry"),
                City = CityOf(address),
                Phones = JsonValues.Values(JsonValues.Property(root, "Phones")),
                Emails = JsonValues.Values(JsonValues.Property(root, "Emails")),
                Category = JsonValues.Display(JsonValues.Property(root, "Category"), "Value", "Name"),
                Business = JsonValues.Display(JsonValues.Property(root, "Business"), "Value", "Name"),
            },
            UpdatedDate = JsonValues.Date(JsonValues.FirstProperty(root, "UpdatedDate", "Updated")),
            Deleted = JsonValues.Bool(JsonValues.Property(root, "Deleted")) ?? false,
            UserDefinedFields = UserDefinedFieldsReader.ReadFromEntity(root),
            RawJson = json,
        };
    }

    /// <summary>The address carrier's shape is UNCONFIRMED (docs/superoffice/rest-api.md): street city, else postal city, else a flat City.</summary>
    private static string? CityOf(JsonElement? address)
    {
        if (address is not { ValueKind: JsonValueKind.Object } a)
        {
            return null;
        }
        foreach (var part in new[] { "Street", "Postal" })
        {
            if (JsonValues.Property(a, part) is { ValueKind: JsonValueKind.Object } p && JsonValues.Text(p, "City") is { Length: > 0 } city)
            {
                return city;
            }
        }
        return JsonValues.Text(a, "City");
    }
}
