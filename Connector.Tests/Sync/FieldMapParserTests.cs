using Connector.Core.Sync;

namespace Connector.Tests.Sync;

public sealed class FieldMapParserTests
{
    [Fact]
    public void Parses_pairs_with_a_default_policy()
    {
        var (mappings, errors) = FieldMapParser.Parse(new SyncOptions { FieldMap = "vertical=SuperOffice:5; summary = Zusammenfassung (KI)" });
        Assert.Empty(errors);
        Assert.Equal(
            [new FieldMapping("vertical", "SuperOffice:5", OverwritePolicy.FillEmpty), new FieldMapping("summary", "Zusammenfassung (KI)", OverwritePolicy.FillEmpty)],
            mappings);
    }

    [Fact]
    public void One_policy_word_applies_to_every_field()
    {
        var (mappings, errors) = FieldMapParser.Parse(new SyncOptions { FieldMap = "vertical=SuperOffice:5;summary=SuperOffice:6", Overwrite = "overwriteown" });
        Assert.Empty(errors);
        Assert.All(mappings, m => Assert.Equal(OverwritePolicy.OverwriteOwn, m.Overwrite));
    }

    [Fact]
    public void Policies_can_be_set_per_field()
    {
        var (mappings, errors) = FieldMapParser.Parse(new SyncOptions { FieldMap = "vertical=SuperOffice:5;summary=SuperOffice:6", Overwrite = "summary=Overwrite" });
        Assert.Empty(errors);
        Assert.Equal(OverwritePolicy.FillEmpty, mappings[0].Overwrite);
        Assert.Equal(OverwritePolicy.Overwrite, mappings[1].Overwrite);
    }

    [Theory]
    [InlineData("", "FillEmpty", "Sync:FieldMap is empty")]
    [InlineData("vertical", "FillEmpty", "has no target")]
    [InlineData("vertical=SuperOffice:5;vertical=SuperOffice:6", "FillEmpty", "maps 'vertical' twice")]
    [InlineData("vertical=SuperOffice:5;summary=SuperOffice:5", "FillEmpty", "writes 'SuperOffice:5' from more than one field")]
    [InlineData("vertical=SuperOffice:5", "Sometimes", "Sync:Overwrite 'Sometimes'")]
    [InlineData("vertical=SuperOffice:5", "vertical=Always", "for 'vertical' is 'Always'")]
    [InlineData("vertical=SuperOffice:5", "summary=Overwrite", "names 'summary'")]
    public void Bad_settings_are_named(string map, string overwrite, string fragment)
    {
        var (_, errors) = FieldMapParser.Parse(new SyncOptions { FieldMap = map, Overwrite = overwrite });
        Assert.Contains(errors, e => e.Contains(fragment));
    }
}
