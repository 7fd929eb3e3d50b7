using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

public sealed class UserDefinedFieldsWriterTests
{
    private static readonly UdefLayout Layout = new(
    [
        new UdefField("SuperOffice:1", "Kundennummer", UdefFieldType.ShortText, "ShortText", 40),
        new UdefField("SuperOffice:2", "Newsletter", UdefFieldType.Checkbox, "Checkbox", null),
        new UdefField("SuperOffice:3", "Letzter Besuch", UdefFieldType.Date, "Date", null),
        new UdefField("SuperOffice:4", "Region", UdefFieldType.List, "List", null),
        new UdefField("SuperOffice:6", "Zusammenfassung (KI)", UdefFieldType.LongText, "LongText", 2000),
        new UdefField("SuperOffice:7", "Mitarbeiter", UdefFieldType.Number, "Number", null),
        new UdefField("SuperOffice:8", "Umsatz", UdefFieldType.Decimal, "Decimal", null),
    ]);

    private static string Encode(string progId, string? value) => UserDefinedFieldsWriter.Encode(Layout.Find(progId)!, value);

    [Theory]
    [InlineData("SuperOffice:1", "K-1001", "K-1001")]
    [InlineData("SuperOffice:2", "true", "True")]
    [InlineData("SuperOffice:2", "0", "False")]
    [InlineData("SuperOffice:2", "ja", "True")]
    [InlineData("SuperOffice:3", "2024-03-15", "[D:03/15/2024]")]
    [InlineData("SuperOffice:3", "[D:03/15/2024]", "[D:03/15/2024]")]
    [InlineData("SuperOffice:3", "2024-03-15T23:30:00Z", "[D:03/15/2024]")]
    [InlineData("SuperOffice:4", "3", "[I:3]")]
    [InlineData("SuperOffice:4", "[I:3]", "[I:3]")]
    [InlineData("SuperOffice:7", "250", "250")]
    [InlineData("SuperOffice:7", "[I:250]", "250")]
    [InlineData("SuperOffice:8", "1234.50", "1234.50")]
    [InlineData("SuperOffice:8", "[F:12.5]", "12.5")]
    [InlineData("SuperOffice:1", "", "")]
    [InlineData("SuperOffice:3", null, "")]
    public void Values_are_encoded_per_type(string progId, string? value, string expected) =>
        Assert.Equal(expected, Encode(progId, value));

    [Theory]
    [InlineData("SuperOffice:2", "maybe")]
    [InlineData("SuperOffice:3", "next tuesday")]
    [InlineData("SuperOffice:4", "Nord")]
    [InlineData("SuperOffice:7", "12.5")]
    [InlineData("SuperOffice:8", "12,5")]
    public void Values_that_do_not_fit_name_the_field(string progId, string value)
    {
        var error = Assert.Throws<FormatException>(() => Encode(progId, value));
        Assert.Contains(progId, error.Message);
    }

    [Fact]
    public void Text_is_cut_to_the_field_length_with_a_marker()
    {
        var encoded = Encode("SuperOffice:1", new string('x', 60));
        Assert.Equal(40, encoded.Length);
        Assert.EndsWith(UserDefinedFieldsWriter.TruncationMarker, encoded);

        var summary = Encode("SuperOffice:6", new string('y', 2500));
        Assert.Equal(2000, summary.Length);
        Assert.Equal(new string('x', 40), Encode("SuperOffice:1", new string('x', 40)));
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 38) + "😀😀";
        var cut = UserDefinedFieldsWriter.Truncate(text, 40);
        Assert.True(cut.Length <= 40);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.EndsWith("…", cut);
    }

    [Fact]
    public void Fields_are_found_by_label_and_keyed_by_ProgId()
    {
        var encoded = UserDefinedFieldsWriter.EncodeAll(Layout, new Dictionary<string, string?> { ["Letzter Besuch"] = "2025-01-02", ["SuperOffice:1"] = "K" });
        Assert.Equal("[D:01/02/2025]", encoded["SuperOffice:3"]);
        Assert.Equal("K", encoded["SuperOffice:1"]);
        Assert.Throws<ArgumentException>(() => UserDefinedFieldsWriter.EncodeAll(Layout, new Dictionary<string, string?> { ["Nope"] = "x" }));
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        var encoded = new Dictionary<string, string?>
        {
            ["SuperOffice:2"] = Encode("SuperOffice:2", "yes"),
            ["SuperOffice:3"] = Encode("SuperOffice:3", "2024-12-24"),
            ["SuperOffice:4"] = Encode("SuperOffice:4", "7"),
            ["SuperOffice:8"] = Encode("SuperOffice:8", "99.95"),
        };
        var json = System.Text.Json.JsonSerializer.Serialize(encoded);
        var read = UserDefinedFieldsReader.Read(json);
        Assert.True(read.Get("SuperOffice:2").Bool);
        Assert.Equal(new DateOnly(2024, 12, 24), read.Get("SuperOffice:3").Date);
        Assert.Equal(7, read.Get("SuperOffice:4").ListItemId);
        Assert.Equal(99.95m, read.Get("SuperOffice:8").Number);
    }
}
