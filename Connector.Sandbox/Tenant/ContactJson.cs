using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Tenant;

/// <summary>Contact entity JSON (ContactEntityWithLinks) to and from the stored <see cref="ContactData"/>.</summary>
public static class ContactJson
{
    public static string Date(DateTime value) =>
        value == DateTime.MinValue ? "0001-01-01T00:00:00" : value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The documented, well-formed entity; <paramref name="udfShape"/> says how its UserDefinedFields are written.</summary>
    public static JsonObject ToJson(ContactRecord record, string apiBaseUrl, UdfShape udfShape = UdfShape.Documented)
    {
        var d = record.Data;
        var country = Lists.Countries.FirstOrDefault(c => c.Id == d.CountryId);
        // UNCONFIRMED: the nested Country/Business/Category/Address carriers are not expanded in the docs' samples.
        return new JsonObject
        {
            ["ContactId"] = record.ContactId,
            ["Name"] = d.Name,
            ["Department"] = d.Department,
            ["OrgNr"] = d.OrgNr,
            ["Number1"] = d.Number1,
            ["Number2"] = d.Number2,
            ["UpdatedDate"] = Date(record.Updated),
            ["CreatedDate"] = Date(record.Created),
            ["Emails"] = Values(d.Emails, phone: false),
            ["Urls"] = Values(d.Urls, phone: false),
            ["Phones"] = Values(d.Phones, phone: true),
            // UNCONFIRMED: Domains' element shape. Even contacts carry plain strings, odd ones value objects, so a
            // client has to read both.
            ["Domains"] = record.ContactId % 2 == 0
                ? new JsonArray(d.Domains.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray())
                : Values(d.Domains.Select(x => new ContactValue(x)).ToList(), phone: false),
            ["Country"] = country is null ? null : new JsonObject
            {
                ["CountryId"] = country.Id, ["Name"] = country.Name, ["TwoLetterISOCountry"] = country.TwoLetter,
            },
            ["Business"] = d.BusinessId == 0 ? null : new JsonObject { ["Id"] = d.BusinessId, ["Value"] = Lists.Name(Lists.Businesses, d.BusinessId) },
            ["Category"] = d.CategoryId == 0 ? null : new JsonObject { ["Id"] = d.CategoryId, ["Value"] = Lists.Name(Lists.Categories, d.CategoryId) },
            ["Address"] = new JsonObject { ["Postal"] = AddressJson(d.Postal), ["Street"] = AddressJson(d.Street) },
            ["Deleted"] = record.Deleted,
            ["UpdatedBy"] = new JsonObject { ["AssociateId"] = record.UpdatedAssociateId },
            ["CreatedBy"] = new JsonObject { ["AssociateId"] = record.CreatedAssociateId },
            ["UserDefinedFields"] = UdfsIn(udfShape, d),
            ["_Links"] = new JsonObject
            {
                ["Self"] = $"{apiBaseUrl}v1/contact/{record.ContactId}",
                ["Archive"] = $"{apiBaseUrl}v1/contact",
            },
        };
    }

    private static JsonArray Values(IReadOnlyList<ContactValue> values, bool phone) =>
        new(values.Select(v => (JsonNode?)new JsonObject
        {
            ["Value"] = v.Value, ["StrippedValue"] = v.Stripped(phone), ["Description"] = v.Description,
        }).ToArray());

    private static JsonObject AddressJson(Address a) =>
        new() { ["Address1"] = a.Address1, ["Zip"] = a.Zip, ["City"] = a.City };

    /// <summary>The documented flat string map: list fields as "[I:n]" plus "&lt;progId&gt;:DisplayText".</summary>
    public static JsonObject Udfs(ContactData d)
    {
        var udfs = new JsonObject();
        foreach (var field in UdfLayout.Fields)
        {
            var value = d.Udf(field.ProgId);
            udfs[field.ProgId] = value;
            if (field.FieldType == "List")
            {
                udfs[field.ProgId + ":DisplayText"] = UdfLayout.ListDisplayText(value);
            }
        }
        return udfs;
    }

    private static JsonNode? UdfsIn(UdfShape shape, ContactData d) => shape switch
    {
        UdfShape.BentValues => MalformedUdfs(d),
        UdfShape.KeyValuePairs => new JsonArray(Udfs(d).Select(u => (JsonNode?)new JsonObject { ["Key"] = u.Key, ["Value"] = u.Value?.DeepClone() }).ToArray()),
        UdfShape.Tuples => new JsonArray(Udfs(d).Select(u => (JsonNode?)new JsonArray(u.Key, u.Value?.DeepClone())).ToArray()),
        UdfShape.JsonString => JsonValue.Create(Udfs(d).ToJsonString()),
        UdfShape.Null => null,
        UdfShape.Number => JsonValue.Create(0),
        _ => Udfs(d),
    };

    /// <summary>
    /// The malformed tenant: a list value as a nested object, the checkbox as an array, the date as null, numbers
    /// as JSON numbers. Code that reads every value as a string (or hashes the values) fails on it.
    /// </summary>
    private static JsonObject MalformedUdfs(ContactData d)
    {
        var udfs = Udfs(d);
        var region = d.Udf("SuperOffice:4");
        udfs["SuperOffice:4"] = new JsonObject { ["Value"] = region, ["DisplayText"] = UdfLayout.ListDisplayText(region) };
        udfs["SuperOffice:2"] = new JsonArray(d.Udf("SuperOffice:2"));
        udfs["SuperOffice:3"] = null;
        udfs["SuperOffice:7"] = decimal.TryParse(d.Udf("SuperOffice:7"), CultureInfo.InvariantCulture, out var n) ? n : 0;
        udfs["SuperOffice:8"] = decimal.TryParse(d.Udf("SuperOffice:8"), CultureInfo.InvariantCulture, out var m) ? m : 0;
        return udfs;
    }

    /// <summary>
    /// Reads the editable fields back from an entity document (after a patch, or a PUT/POST body). Missing
    /// properties keep the current value (UNCONFIRMED for PUT; the sandbox is lenient). Non-string UDF values are
    /// coerced to strings, so writes always store strings.
    /// </summary>
    public static ContactData Read(JsonObject json, ContactData current)
    {
        var udfs = new Dictionary<string, string>(current.Udfs);
        if (Get(json, "UserDefinedFields") is JsonObject udfJson)
        {
            foreach (var (key, value) in udfJson)
            {
                if (key.EndsWith(":DisplayText", StringComparison.OrdinalIgnoreCase) || key.EndsWith(":DisplayTooltip", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                // UNCONFIRMED: how SuperOffice treats an unknown UDF key. The sandbox refuses it, so a wrong ProgId shows.
                var field = UdfLayout.Find(key) ?? throw new ApiError(400, "UnknownUserDefinedField", $"'{key}' is not a contact user-defined field ProgId.");
                udfs[field.ProgId] = UdfLayout.Normalize(field, Scalar(value) ?? "");
            }
        }
        return current with
        {
            Name = Text(json, "Name") ?? current.Name,
            Department = Text(json, "Department") ?? current.Department,
            OrgNr = Text(json, "OrgNr") ?? current.OrgNr,
            Number1 = Text(json, "Number1") ?? current.Number1,
            Number2 = Text(json, "Number2") ?? current.Number2,
            Emails = ValueList(json, "Emails") ?? current.Emails,
            Urls = ValueList(json, "Urls") ?? current.Urls,
            Phones = ValueList(json, "Phones") ?? current.Phones,
            Domains = ValueList(json, "Domains")?.Select(v => v.Value).ToList() ?? current.Domains,
            CountryId = Id(json, "Country", "CountryId") ?? current.CountryId,
            BusinessId = Id(json, "Business", "Id") ?? current.BusinessId,
            CategoryId = Id(json, "Category", "Id") ?? current.CategoryId,
            Postal = ReadAddress(Get(json, "Address") is JsonObject a ? Get(a, "Postal") : null, current.Postal),
            Street = ReadAddress(Get(json, "Address") is JsonObject b ? Get(b, "Street") : null, current.Street),
            Udfs = udfs,
        };
    }

    public static JsonNode? Get(JsonObject json, string name)
    {
        foreach (var (key, value) in json)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    private static bool Has(JsonObject json, string name) => json.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    private static string? Text(JsonObject json, string name) => Has(json, name) ? Scalar(Get(json, name)) ?? "" : null;

    /// <summary>A JSON value as the string SuperOffice would store; objects with a Value, and arrays, give their first value.</summary>
    public static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "True" : "False",
        JsonValue v => v.ToJsonString(),
        JsonObject o => Scalar(Get(o, "Value")),
        JsonArray a => a.Count == 0 ? "" : Scalar(a[0]),
        _ => null,
    };

    private static List<ContactValue>? ValueList(JsonObject json, string name)
    {
        if (!Has(json, name))
        {
            return null;
        }
        if (Get(json, name) is not JsonArray array)
        {
            return [];
        }
        return array.Select(item => item is JsonObject o
                ? new ContactValue(Scalar(Get(o, "Value")) ?? "", Scalar(Get(o, "Description")) ?? "")
                : new ContactValue(Scalar(item) ?? ""))
            .Where(v => v.Value.Length > 0)
            .ToList();
    }

    private static int? Id(JsonObject json, string name, string idName)
    {
        if (!Has(json, name))
        {
            return null;
        }
        var node = Get(json, name);
        var id = node is JsonObject o ? Scalar(Get(o, idName)) : Scalar(node);
        return int.TryParse(id, out var value) ? value : 0;
    }

    private static Address ReadAddress(JsonNode? node, Address current) => node is JsonObject o
        ? new Address(
            Text(o, "Address1") ?? current.Address1,
            Text(o, "Zip") ?? current.Zip,
            Text(o, "City") ?? current.City)
        : current;
}
