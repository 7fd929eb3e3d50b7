namespace Connector.Sandbox.Tenant;

/// <summary>A believable tenant: German and Nordic companies, UDF values, sales with report-style headings.</summary>
public static class SeedData
{
    private static readonly string[] Stems =
    [
        "Müller", "Schmidt", "Becker", "Hoffmann", "Schäfer", "Wagner", "Krüger", "Zimmermann", "Nordlys", "Fjord",
        "Bergström", "Lindqvist", "Hansen", "Johansson", "Virtanen", "Korhonen", "Solberg", "Dahl", "Eriksen", "Holm",
        "Alpen", "Rhein", "Elbe", "Hanse", "Viking", "Polar", "Skog", "Aurora", "Tinde", "Sjö",
    ];

    private static readonly string[] Trades =
    [
        "Abenteuer", "Freizeit", "Bau", "Tech", "Soft", "Logistik", "Handel", "Maschinenbau", "Reisen", "Elektro",
        "Consulting", "Data", "Holz", "Marine", "Energi", "Medizintechnik",
    ];

    private static readonly string[] Forms = ["GmbH", "AG", "GmbH & Co. KG", "AS", "AB", "Oy", "ApS", "e.K."];

    private static readonly string[] Departments = ["", "", "", "Vertrieb", "Einkauf", "Zentrale", "Avdeling Oslo", "IT"];

    private static readonly string[] ManualVerticals = ["Handel (manuell)", "Bau", "Tourismus"];

    public static List<ContactRecord> Companies(int count, int seed)
    {
        var random = new Random(seed);
        var list = new List<ContactRecord>(count);
        var start = new DateTime(2019, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        for (var id = 1; id <= count; id++)
        {
            var stem = Stems[random.Next(Stems.Length)];
            var trade = Trades[random.Next(Trades.Length)];
            var form = Forms[random.Next(Forms.Length)];
            var country = form switch
            {
                "AS" => Lists.Countries[1],
                "AB" => Lists.Countries[2],
                "ApS" => Lists.Countries[3],
                "Oy" => Lists.Countries[4],
                _ => random.Next(6) == 0 ? Lists.Countries[5] : Lists.Countries[0],
            };
            var name = $"{stem} {trade} {form}";
            var slug = new string($"{stem}{trade}".ToLowerInvariant()
                .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss")
                .Where(char.IsLetterOrDigit).ToArray());
            var tld = country.TwoLetter.ToLowerInvariant();
            var udfs = new Dictionary<string, string>
            {
                ["SuperOffice:1"] = $"K-{10000 + id}",
                ["SuperOffice:2"] = random.Next(3) == 0 ? "True" : "False",
                ["SuperOffice:3"] = random.Next(4) == 0 ? "" : start.AddDays(random.Next(2000)).ToString("[D:MM/dd/yyyy]", System.Globalization.CultureInfo.InvariantCulture),
                ["SuperOffice:4"] = $"[I:{random.Next(1, 5)}]",
                ["SuperOffice:5"] = id % 40 == 7 ? ManualVerticals[id % ManualVerticals.Length] : "",
                ["SuperOffice:6"] = id % 60 == 11 ? $"Von Hand gepflegt: {name} ist ein langjähriger Kunde." : "",
                ["SuperOffice:7"] = random.Next(5, 2000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SuperOffice:8"] = (random.Next(10_000, 50_000_000) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var data = new ContactData
            {
                Name = name,
                Department = Departments[random.Next(Departments.Length)],
                OrgNr = country.TwoLetter == "DE" ? $"DE{random.Next(100_000_000, 999_999_999)}" : $"{random.Next(900_000_000, 999_999_999)}",
                Number1 = (10000 + id).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Emails = [new($"info@{slug}.{tld}")],
                Urls = random.Next(8) == 0 ? [] : [new($"https://www.{slug}.{tld}")],
                Phones = [new($"+{PhonePrefix(country.TwoLetter)} {random.Next(100, 999)} {random.Next(100000, 999999)}", "Zentrale")],
                Domains = [$"{slug}.{tld}"],
                CountryId = country.Id,
                BusinessId = random.Next(1, Lists.Businesses.Count + 1),
                CategoryId = random.Next(1, Lists.Categories.Count + 1),
                Postal = new($"Postfach {random.Next(1, 999)}", $"{random.Next(10000, 99999)}", City(country.TwoLetter, random)),
                Street = new($"{Streets[random.Next(Streets.Length)]} {random.Next(1, 120)}", $"{random.Next(10000, 99999)}", City(country.TwoLetter, random)),
                Udfs = udfs,
            };
            var created = start.AddDays(random.Next(1500)).AddMinutes(random.Next(600));
            var record = new ContactRecord(id, data, created, 12) { Updated = created.AddDays(random.Next(300)), UpdatedCount = random.Next(0, 20) };
            list.Add(record);
        }
        return list;
    }

    private static readonly string[] Streets = ["Hauptstraße", "Bahnhofstraße", "Storgata", "Kungsgatan", "Industrieweg", "Hafenstraße"];

    private static string PhonePrefix(string country) => country switch
    {
        "NO" => "47", "SE" => "46", "DK" => "45", "FI" => "358", "AT" => "43", _ => "49",
    };

    private static string City(string country, Random random)
    {
        string[] cities = country switch
        {
            "NO" => ["Oslo", "Bergen", "Trondheim", "Tromsø"],
            "SE" => ["Stockholm", "Göteborg", "Malmö"],
            "DK" => ["København", "Aarhus"],
            "FI" => ["Helsinki", "Tampere"],
            "AT" => ["Wien", "Graz"],
            _ => ["Hamburg", "München", "Köln", "Dresden", "Bremen", "Stuttgart"],
        };
        return cities[random.Next(cities.Length)];
    }

    private static readonly string[] Models = ["CD-01", "CD-02", "XT-5", "Pro", "Mini"];

    public static List<Sale> Sales(int count, int companyCount, int seed)
    {
        var random = new Random(seed + 1);
        var list = new List<Sale>(count);
        var start = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] statuses = ["Open", "Sold", "Sold", "Lost", "Stalled"];
        for (var id = 1; id <= count; id++)
        {
            var model = Models[random.Next(Models.Length)];
            var year = 2022 + random.Next(4);
            var heading = random.Next(7) switch
            {
                0 => $"{random.Next(1, 6)}xOmnie {model} mit Nachlass",
                1 => $"Wartungsvertrag Service {year}",
                2 => $"RR-{random.Next(1, 10):00}-{random.Next(1, 999):000}-OMNIE",
                3 => $"Omnie {model}",
                4 => $"{random.Next(2, 20)}x Sensor {model}",
                5 => $"Lizenz Omnie Pro {year}",
                _ => random.Next(2) == 0 ? "Schulung vor Ort" : $"Nachbestellung {model} ({random.Next(1, 50)} Stk.)",
            };
            // A sale date is a day, as sales people pick it, so several sales share a date (and tie in an archive
            // ordered by date alone); the time of day goes to when the sale was registered.
            var date = start.AddDays(random.Next(1460));
            var hour = random.Next(8, 18);
            var contactId = random.Next(20) == 0 || companyCount == 0 ? 0 : random.Next(1, companyCount + 1);
            var registered = date.AddDays(-random.Next(1, 60)).AddHours(hour);
            list.Add(new Sale(
                id, heading, random.Next(100, 2_500_000) / 10m, date, statuses[random.Next(statuses.Length)], contactId,
                random.Next(3) == 0 ? "" : $"Angebot {id} – {heading}", random.Next(4) == 0, registered,
                random.Next(5) == 0 ? DateTime.MinValue : date.AddDays(random.Next(0, 30)).AddHours(hour)));
        }
        return list;
    }
}
