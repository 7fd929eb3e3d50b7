using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

/// <summary>The reader never throws, and always lets the caller tell empty, a value, and unknown apart.</summary>
public sealed class UserDefinedFieldsReaderTests
{
    [Fact]
    public void Documented_flat_map_with_every_encoding()
    {
        var result = UserDefinedFieldsReader.Read("""
            {
              "SuperOffice:1": "K-1001",
              "SuperOffice:2": "True",
              "SuperOffice:3": "[D:03/15/2024]",
              "SuperOffice:4": "[I:3]",
              "SuperOffice:4:DisplayText": "Nord",
              "SuperOffice:4:DisplayTooltip": "Region Nord",
              "SuperOffice:5": "",
              "SuperOffice:6": "[D:01/01/0001]",
              "SuperOffice:7": "[I:42]",
              "SuperOffice:8": "[F:1234.5]",
              "SuperOffice:9": "0",
              "SuperOffice:10": "1"
            }
            """);

        Assert.False(result.HasProblems);
        Assert.Equal(new UdfValue(UdfValueKind.Value, "K-1001") { Stored = "K-1001" }, result.Get("SuperOffice:1"));
        Assert.True(result.Get("SuperOffice:2").Bool);
        Assert.Equal(new DateOnly(2024, 3, 15), result.Get("SuperOffice:3").Date);
        Assert.Equal("2024-03-15", result.Get("SuperOffice:3").Display);
        var region = result.Get("SuperOffice:4");
        Assert.Equal((UdfValueKind.Value, 3, "Nord", "Region Nord"), (region.Kind, region.ListItemId, region.DisplayText, region.DisplayTooltip));
        Assert.Equal("Nord", region.Display);
        Assert.Equal(UdfValueKind.Empty, result.Get("SuperOffice:5").Kind);
        Assert.Equal(UdfValueKind.Empty, result.Get("SuperOffice:6").Kind);
        Assert.Equal(42m, result.Get("SuperOffice:7").Number);
        Assert.Equal(1234.5m, result.Get("SuperOffice:8").Number);
        Assert.False(result.Get("SuperOffice:9").Bool);
        Assert.True(result.Get("SuperOffice:10").Bool);
        // Companion keys fold into their field; they are not fields of their own.
        Assert.DoesNotContain(result.Fields.Keys, k => k.Contains("Display"));
        Assert.Equal(UdfValueKind.Missing, result.Get("SuperOffice:99").Kind);
        Assert.False(result.Get("SuperOffice:99").IsKnown);
    }

    [Fact]
    public void Nested_objects_are_salvaged_with_their_display_text()
    {
        var result = UserDefinedFieldsReader.Read("""
            {
              "SuperOffice:4": {"Value": "[I:3]", "DisplayText": "Nord"},
              "SuperOffice:5": {"value": "IT services"},
              "SuperOffice:6": {"Value": null},
              "SuperOffice:7": {"Id": 7, "Name": "no value in here"}
            }
            """);

        Assert.Equal((UdfValueKind.Value, 3, "Nord"), (result.Get("SuperOffice:4").Kind, result.Get("SuperOffice:4").ListItemId, result.Get("SuperOffice:4").DisplayText));
        Assert.Equal("IT services", result.Get("SuperOffice:5").Text);
        Assert.Equal(UdfValueKind.Empty, result.Get("SuperOffice:6").Kind);
        var unreadable = result.Get("SuperOffice:7");
        Assert.Equal(UdfValueKind.Unreadable, unreadable.Kind);
        Assert.Contains("no value in here", unreadable.Raw);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("SuperOffice:7", problem.ProgId);
    }

    [Fact]
    public void Numbers_booleans_and_null_values_are_read()
    {
        var result = UserDefinedFieldsReader.Read("""{"SuperOffice:7": 250, "SuperOffice:8": 12.75, "SuperOffice:2": false, "SuperOffice:1": null}""");

        Assert.Equal(250m, result.Get("SuperOffice:7").Number);
        Assert.Equal("12.75", result.Get("SuperOffice:8").Text);
        Assert.False(result.Get("SuperOffice:2").Bool);
        Assert.Equal(UdfValueKind.Empty, result.Get("SuperOffice:1").Kind);
        Assert.False(result.HasProblems);
    }

    [Fact]
    public void Arrays_of_key_value_pairs_are_read_and_odd_entries_reported()
    {
        var result = UserDefinedFieldsReader.Read("""
            [
              {"Key": "SuperOffice:1", "Value": "K-1001"},
              {"key": "SuperOffice:4", "value": "[I:2]"},
              {"Key": "SuperOffice:4:DisplayText", "Value": "Süd"},
              ["SuperOffice:5", "Retail"],
              {"Something": "else"},
              17
            ]
            """);

        Assert.Equal("K-1001", result.Get("SuperOffice:1").Text);
        Assert.Equal((2, "Süd"), (result.Get("SuperOffice:4").ListItemId, result.Get("SuperOffice:4").DisplayText));
        Assert.Equal("Retail", result.Get("SuperOffice:5").Text);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Raw == "17");
    }

    [Fact]
    public void Array_values_are_unreadable_unless_they_hold_one_scalar()
    {
        var result = UserDefinedFieldsReader.Read("""{"SuperOffice:1": ["only"], "SuperOffice:2": ["a", "b"], "SuperOffice:3": []}""");

        Assert.Equal("only", result.Get("SuperOffice:1").Text);
        Assert.Equal(UdfValueKind.Unreadable, result.Get("SuperOffice:2").Kind);
        Assert.Equal("""["a", "b"]""", result.Get("SuperOffice:2").Raw);
        Assert.Equal(UdfValueKind.Unreadable, result.Get("SuperOffice:3").Kind);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"not a map\"")]
    [InlineData("true")]
    [InlineData("\"\"")]
    public void A_non_object_container_makes_every_field_unreadable(string json)
    {
        var result = UserDefinedFieldsReader.Read(json);

        Assert.NotNull(result.UnreadableContainer);
        Assert.True(result.HasProblems);
        var value = result.Get("SuperOffice:1");
        Assert.Equal(UdfValueKind.Unreadable, value.Kind);
        Assert.Equal(json, value.Raw);
    }

    [Fact]
    public void A_map_serialised_into_a_string_is_read()
    {
        var result = UserDefinedFieldsReader.Read("\"{\\\"SuperOffice:1\\\": \\\"K-7\\\"}\"");

        Assert.Equal("K-7", result.Get("SuperOffice:1").Text);
        Assert.Null(result.UnreadableContainer);
    }

    [Fact]
    public void Null_or_absent_container_means_nothing_is_known()
    {
        // Not "missing" (which the sync reads as empty): a field that cannot be seen must not be taken for an empty one.
        var sentNull = UserDefinedFieldsReader.Read("null");
        Assert.Equal(UdfValueKind.Unreadable, sentNull.Get("SuperOffice:1").Kind);
        Assert.True(sentNull.HasProblems);
        using var entity = System.Text.Json.JsonDocument.Parse("""{"ContactId": 5}""");
        Assert.Equal(UdfValueKind.Unreadable, UserDefinedFieldsReader.ReadFromEntity(entity.RootElement).Get("SuperOffice:1").Kind);
    }

    [Fact]
    public void Text_that_is_not_json_is_reported_not_thrown()
    {
        var result = UserDefinedFieldsReader.Read("{\"SuperOffice:1\": ");

        Assert.Equal(UdfValueKind.Unreadable, result.Get("SuperOffice:1").Kind);
        Assert.Equal("not JSON", Assert.Single(result.Problems).Reason);
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_and_say_so()
    {
        var result = UserDefinedFieldsReader.Read("""{"SuperOffice:1": "first", "SuperOffice:1": "second"}""");

        Assert.Equal("second", result.Get("SuperOffice:1").Text);
        Assert.Contains("more than once", Assert.Single(result.Problems).Reason);
    }

    [Fact]
    public void ProgIds_are_found_ignoring_case()
    {
        var result = UserDefinedFieldsReader.Read("""{"superoffice:1": "x"}""");
        Assert.Equal("x", result.Get("SuperOffice:1").Text);
    }

    [Fact]
    public void Deeply_nested_garbage_never_throws()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var result = UserDefinedFieldsReader.Read(deep);
        Assert.True(result.HasProblems);
    }

    [Theory]
    [InlineData(UdefFieldType.List, "[I:0]", true)]
    [InlineData(UdefFieldType.List, "[I:3]", false)]
    [InlineData(UdefFieldType.Number, "0", true)]
    [InlineData(UdefFieldType.Decimal, "0.0", true)]
    [InlineData(UdefFieldType.Number, "[I:0]", true)]
    [InlineData(UdefFieldType.Checkbox, "False", false)]
    [InlineData(UdefFieldType.ShortText, "0", false)]
    [InlineData(UdefFieldType.Date, "[D:01/01/0001]", true)]
    [InlineData(UdefFieldType.ShortText, "", true)]
    public void Emptiness_depends_on_the_field_type(UdefFieldType type, string text, bool empty) =>
        Assert.Equal(empty, UdfEncoding.IsEmptyFor(type, text));
}
