using Connector.Core.Reports;

namespace Connector.Tests.Reports;

/// <summary>Sales as the archive returns them (newest first), with the awkward cases a real tenant has.</summary>
public static class SampleSales
{
    public static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<SaleRow> Seeded =
    [
        new(101, Day(2026, 11, 20), "Sold", 1234.50m, 10, "Müller GmbH", "2xOmnie CD-01 mit Nachlass"),
        new(102, Day(2026, 11, 18), "Open", 99.9m, 11, "Schmidt, Weber & Co \"Nord\"", "Servicevertrag Omnie"),
        new(103, Day(2026, 11, 15), "Lost", null, 0, null, "Omnie"),
        new(104, Day(2026, 11, 10), "Sold", 500m, 10, "Müller GmbH", "Omnielektro GmbH Angebot"),
        new(105, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), "Open", 10m, 10, "Müller GmbH", "3 Stk CD-01\nZeile 2"),
        new(106, Day(2026, 10, 1), "Sold", 42m, 12, "Acme AG", null),
        new(107, Day(2026, 9, 30), "Sold", 7m, 10, "Müller GmbH (alt)", "RR-02-017-OMNIE"),
    ];

    private static readonly string[] Headings =
        ["2xOmnie CD-01", "Wartungsservice", "RR-02-017-OMNIE", "Rahmenvertrag 2026", "3 Stk CD-01"];

    /// <summary>
    /// <paramref name="count"/> sales made on the fly (never held in a list): 100 customers, five headings in turn,
    /// of which one ("Rahmenvertrag 2026") names no product.
    /// </summary>
    public static IEnumerable<SaleRow> Many(int count)
    {
        var start = Day(2026, 11, 27);
        for (var i = 0; i < count; i++)
        {
            var customer = 1000 + i % 100;
            yield return new SaleRow(500_000 + i, start.AddHours(-i), "Sold", 100m + i % 7, customer, "Kunde " + customer, Headings[i % Headings.Length]);
        }
    }
}
