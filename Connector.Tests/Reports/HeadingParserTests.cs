using Connector.Core.Configuration;
using Connector.Core.Reports;

namespace Connector.Tests.Reports;

/// <summary>Sale headings as sales people type them, and the products the parser must (and must not) find.</summary>
public sealed class HeadingParserTests
{
    private static readonly HeadingParser Default = new(
        new ProductReportOptions().KeywordList, ProductReportOptions.DefaultProductCodePattern);

    /// <summary>
    /// Expected products as <c>Product:Quantity|Product:Quantity</c> in order of first mention, a product named by
    /// code as <c>Product:Quantity@Code</c>; empty for none.
    /// </summary>
    [Theory]
    // Keywords, codes and quantities together
    [InlineData("2xOmnie CD-01 mit Nachlass", "OMNIE:2|CD-01:1")]
    [InlineData("Wartungsvertrag Service 2024", "Service:1")]
    [InlineData("RR-02-017-OMNIE", "OMNIE:1@RR-02-017-OMNIE")]
    [InlineData("Servicevertrag Omnie", "Service:1|OMNIE:1")]
    [InlineData("3 Stk CD-01", "CD-01:3")]
    [InlineData("2 x Omnie", "OMNIE:2")]
    [InlineData("2 Stück Service", "Service:2")]
    [InlineData("10 x Service", "Service:10")]
    [InlineData("2xCD-01", "CD-01:2")]
    [InlineData("Service-Pauschale 2 Stk. CD-01", "Service:1|CD-01:2")]
    [InlineData("1x RR-02-017-OMNIE, 2x CD-01", "OMNIE:1@RR-02-017-OMNIE|CD-01:2")]
    [InlineData("Serviceleistungen Omnie, CD-01 und RR-02-017-OMNIE", "Service:1|OMNIE:1@RR-02-017-OMNIE|CD-01:1")]
    [InlineData("Omnie 2 × CD-01", "OMNIE:1|CD-01:2")]
    // Case-insensitive, canonical names
    [InlineData("omnie", "OMNIE:1")]
    [InlineData("SERVICE", "Service:1")]
    [InlineData("cd-01 Ersatzteil", "CD-01:1")]
    // Punctuation and hyphens separate tokens
    [InlineData("(Omnie)", "OMNIE:1")]
    [InlineData("Omnie/CD-01", "OMNIE:1|CD-01:1")]
    [InlineData("Angebot Omnie-Paket", "OMNIE:1")]
    [InlineData("CD-01-Set", "CD-01:1")]
    [InlineData("Kunden-Service", "Service:1")]
    // German compounds: Service (7 letters) as head or tail, never in the middle
    [InlineData("Wartungsservice Q3", "Service:1")]
    [InlineData("Services für Omnie", "Service:1|OMNIE:1")]
    [InlineData("Selfservice-Terminal", "Service:1")]
    [InlineData("Wartungsservicevertrag", "")]
    // Merging duplicates
    [InlineData("OMNIE, OMNIE", "OMNIE:1")]
    [InlineData("2x Omnie + 3x Omnie", "OMNIE:5")]
    [InlineData("Omnie Angebot: 2x Omnie", "OMNIE:2")]
    // Codes by pattern, not only the listed ones
    [InlineData("KD-77 Zubehör", "KD-77:1@KD-77")]
    // Must not match
    [InlineData("Omnielektro GmbH Angebot", "")]
    [InlineData("Omnies", "")]
    [InlineData("CD-012", "")]
    [InlineData("ACD-01", "")]
    [InlineData("CD 01", "")]
    [InlineData("2024-01 Rahmenvertrag", "")]
    [InlineData("Kundendienst vor Ort", "")]
    [InlineData("Serv ice", "")]
    [InlineData("", "")]
    [InlineData("   \t ", "")]
    [InlineData("!!! --- ???", "")]
    [InlineData(",;\"'", "")]
    // Quantities only right before the product, with a unit
    [InlineData("Nachbestellung 2 Omnie", "OMNIE:1")]
    [InlineData("Omnie 2x", "OMNIE:1")]
    public void Finds_the_products_a_heading_names(string heading, string expected)
    {
        Assert.Equal(expected, Format(Default.Parse(heading)));
    }

    /// <summary>A code that ends in a keyword is an article of that keyword's product: counted as the product, the code kept.</summary>
    [Theory]
    [InlineData("RR-02-017-OMNIE", "OMNIE:1@RR-02-017-OMNIE")]
    [InlineData("rr-02-017-omnie", "OMNIE:1@RR-02-017-OMNIE")]
    [InlineData("Angebot RR-02-017-OMNIE (Halle 3)", "OMNIE:1@RR-02-017-OMNIE")]
    [InlineData("2x RR-02-017-OMNIE", "OMNIE:2@RR-02-017-OMNIE")]
    [InlineData("1x RR-02-017-OMNIE, 2x Omnie", "OMNIE:3@RR-02-017-OMNIE")]
    [InlineData("Omnie RR-02-017-OMNIE", "OMNIE:1@RR-02-017-OMNIE")]
    [InlineData("RR-02-017-OMNIE, RR-02-017-OMNIE", "OMNIE:1@RR-02-017-OMNIE")]
    [InlineData("RR-02-017-OMNIE und 2x RR-03-001-OMNIE", "OMNIE:2@RR-02-017-OMNIE RR-03-001-OMNIE")]
    [InlineData("SV-01-001-SERVICE", "Service:1@SV-01-001-SERVICE")]
    [InlineData("RR-02-017-OMNIE + SV-01-001-SERVICE", "OMNIE:1@RR-02-017-OMNIE|Service:1@SV-01-001-SERVICE")]
    // Not a keyword at the end: the code is its own product
    [InlineData("RR-02-017-XYZ", "RR-02-017-XYZ:1@RR-02-017-XYZ")]
    [InlineData("RR-02-017-OMNIES", "RR-02-017-OMNIES:1@RR-02-017-OMNIES")]
    [InlineData("RR-02-017", "RR-02-017:1@RR-02-017")]
    // A code that is itself a keyword is the keyword, named as such
    [InlineData("CD-01", "CD-01:1")]
    [InlineData("2x CD-01 und RR-02-017-OMNIE", "CD-01:2|OMNIE:1@RR-02-017-OMNIE")]
    public void A_product_code_that_ends_in_a_keyword_is_that_keywords_product(string heading, string expected)
    {
        Assert.Equal(expected, Format(Default.Parse(heading)));
    }

    [Fact]
    public void A_missing_heading_names_nothing()
    {
        Assert.Empty(Default.Parse(null));
    }

    [Theory]
    [InlineData("Service", true)]
    [InlineData("Zubehör", true)]
    [InlineData("OMNIE", false)]
    [InlineData("CD-01", false)]
    [InlineData("Lizenz", true)]
    [InlineData("Lizen", false)]
    public void Only_words_of_six_letters_or_more_match_inside_compounds(string keyword, bool expected)
    {
        Assert.Equal(expected, HeadingParser.MatchesInCompounds(keyword));
    }

    [Theory]
    [InlineData("Omnie Pro Lizenz", "Omnie Pro:1")]
    [InlineData("2 Stk Omnie   Pro", "Omnie Pro:2")]
    [InlineData("Omnie Basis", "OMNIE:1")]
    [InlineData("Zubehörpaket CD-01", "Zubehör:1|CD-01:1")]
    [InlineData("Hardware", "")]
    public void Product_family_names_match_like_keywords_and_the_longest_match_wins(string heading, string expected)
    {
        var parser = new HeadingParser(["OMNIE", "CD-01"], ProductReportOptions.DefaultProductCodePattern, ["Omnie Pro", "Zubehör"]);
        Assert.Equal(expected, Format(parser.Parse(heading)));
    }

    [Fact]
    public void Without_a_code_pattern_only_keywords_match()
    {
        var parser = new HeadingParser(["OMNIE"]);
        Assert.Equal("OMNIE:1", Format(parser.Parse("KD-77 und Omnie")));
    }

    [Theory]
    // The regex's case-insensitive match takes the Kelvin sign (U+212A) for k: the word screen must not skip it.
    [InlineData("2x \u212Aiosk-Aufsteller", "Kiosk:2")]
    [InlineData("KIOSK und kiosk", "Kiosk:1")]
    [InlineData("Kiosque", "")]
    [InlineData("Omnie   Pro-Paket", "Omnie Pro:1")]
    [InlineData("Pro Omnie", "")]
    public void Terms_skipped_by_the_word_screen_are_exactly_those_their_regex_cannot_match(string heading, string expected)
    {
        var parser = new HeadingParser(["Kiosk"], null, ["Omnie Pro"]);
        Assert.Equal(expected, Format(parser.Parse(heading)));
    }

    private static string Format(IReadOnlyList<ProductMention> products) =>
        string.Join("|", products.Select(p => p.Code is null ? $"{p.Product}:{p.Quantity}" : $"{p.Product}:{p.Quantity}@{p.Code}"));
}
