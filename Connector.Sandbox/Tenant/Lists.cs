namespace Connector.Sandbox.Tenant;

public sealed record Country(int Id, string Name, string TwoLetter);

/// <summary>The fixed lists of the seed tenant (countries, business, category, product families).</summary>
public static class Lists
{
    public static readonly IReadOnlyList<Country> Countries =
    [
        new(276, "Deutschland", "DE"), new(578, "Norge", "NO"), new(752, "Sverige", "SE"),
        new(208, "Danmark", "DK"), new(246, "Suomi", "FI"), new(40, "Österreich", "AT"),
    ];

    public static readonly IReadOnlyList<ListItem> Businesses =
        [new(1, "Handel"), new(2, "Industrie"), new(3, "Dienstleistung"), new(4, "IT"), new(5, "Tourismus")];

    public static readonly IReadOnlyList<ListItem> Categories =
        [new(1, "Kunde"), new(2, "Interessent"), new(3, "Partner"), new(4, "Lieferant")];

    public static readonly IReadOnlyList<(ListItem Item, string Tooltip)> ProductFamilies =
    [
        (new(1, "Omnie"), "Omnie Geräte (CD-01, CD-02)"),
        (new(2, "Sensoren"), "Sensoren und Zubehör"),
        (new(3, "Service"), "Wartung und Service"),
        (new(4, "Lizenzen"), "Software-Lizenzen"),
        (new(5, "Schulung"), "Schulungen vor Ort und online"),
    ];

    public static string Name(IReadOnlyList<ListItem> list, int id) => list.FirstOrDefault(i => i.Id == id)?.Name ?? "";
}
