using Connector.Core.Sync;

namespace Connector.Tests.Sync;

/// <summary>Which fields are written, under each overwrite policy and for unreadable values.</summary>
public sealed class SyncDiffTests
{
    private const string Target = "SuperOffice:5";

    private static SyncDiff.Result Diff(OverwritePolicy policy, CurrentValue current, string? lastWritten, string? newValue = "Leisure",
        UnreadableUdfPolicy unreadable = UnreadableUdfPolicy.WriteMapped)
    {
        var planned = new[] { new PlannedField(new FieldMapping("vertical", Target, policy), newValue) };
        var currentValues = new Dictionary<string, CurrentValue> { [Target] = current };
        var ours = lastWritten is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [Target] = lastWritten };
        return SyncDiff.Compute(planned, currentValues, ours, unreadable);
    }

    public static TheoryData<OverwritePolicy, CurrentValue, string?, string> Cases => new()
    {
        // policy, current value, value we last wrote, expected: "write" or the reason kept
        { OverwritePolicy.FillEmpty, CurrentValue.Empty, null, "write" },
        { OverwritePolicy.FillEmpty, CurrentValue.Of("Handel"), null, "HandTyped" },
        { OverwritePolicy.FillEmpty, CurrentValue.Of("Handel"), "Handel", "OwnValueKept" },
        { OverwritePolicy.FillEmpty, CurrentValue.Of("Leisure"), null, "Unchanged" },
        { OverwritePolicy.FillEmpty, CurrentValue.Of("  Leisure \r\n"), null, "Unchanged" },
        { OverwritePolicy.Overwrite, CurrentValue.Of("Handel"), null, "write" },
        { OverwritePolicy.Overwrite, CurrentValue.Of("Leisure"), "Leisure", "Unchanged" },
        { OverwritePolicy.OverwriteOwn, CurrentValue.Empty, null, "write" },
        { OverwritePolicy.OverwriteOwn, CurrentValue.Of("Software"), "Software", "write" },
        { OverwritePolicy.OverwriteOwn, CurrentValue.Of("Handel"), "Software", "HandTyped" },
        { OverwritePolicy.OverwriteOwn, CurrentValue.Of("Handel"), null, "HandTyped" },
        { OverwritePolicy.FillEmpty, CurrentValue.Unknown, null, "write" },
        { OverwritePolicy.FillEmpty, CurrentValue.Unknown, "Leisure", "AlreadyWritten" },
        { OverwritePolicy.Overwrite, CurrentValue.Unknown, "Software", "write" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_per_policy(OverwritePolicy policy, CurrentValue current, string? lastWritten, string expected)
    {
        var result = Diff(policy, current, lastWritten);
        if (expected == "write")
        {
            var change = Assert.Single(result.Changes);
            Assert.Equal("Leisure", change.New);
            Assert.Equal(current.Kind == CurrentValueKind.Value ? current.Text : null, change.Old);
            Assert.Empty(result.Kept);
        }
        else
        {
            Assert.Empty(result.Changes);
            Assert.Equal(expected, Assert.Single(result.Kept).Why);
        }
    }

    [Fact]
    public void Unreadable_values_are_left_alone_under_the_skip_policy()
    {
        var result = Diff(OverwritePolicy.Overwrite, CurrentValue.Unknown, null, unreadable: UnreadableUdfPolicy.Skip);
        Assert.Empty(result.Changes);
        Assert.Equal("Unreadable", Assert.Single(result.Kept).Why);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_field_enrichment_did_not_return_is_never_cleared(string? newValue)
    {
        var result = Diff(OverwritePolicy.Overwrite, CurrentValue.Of("Handel"), null, newValue);
        Assert.Empty(result.Changes);
        Assert.Equal("NoValue", Assert.Single(result.Kept).Why);
    }

    [Fact]
    public void Only_planned_values_the_contact_already_holds_are_found_in_place()
    {
        var planned = new[]
        {
            new PlannedField(new FieldMapping("vertical", "SuperOffice:5", OverwritePolicy.OverwriteOwn), "Leisure"),
            new PlannedField(new FieldMapping("summary", "SuperOffice:6", OverwritePolicy.OverwriteOwn), "A summary"),
            new PlannedField(new FieldMapping("size", "SuperOffice:7", OverwritePolicy.OverwriteOwn), "12"),
            new PlannedField(new FieldMapping("city", "SuperOffice:8", OverwritePolicy.OverwriteOwn), null),
        };
        var current = new Dictionary<string, CurrentValue>
        {
            ["SuperOffice:5"] = CurrentValue.Of("Leisure"), // what the enrichment says: ours from now on
            ["SuperOffice:6"] = CurrentValue.Of("Typed by a person"), // kept as hand-typed: not ours
            ["SuperOffice:7"] = CurrentValue.Unknown, // cannot be seen: not claimed
            ["SuperOffice:8"] = CurrentValue.Of("Kiel"),
        };
        var diff = SyncDiff.Compute(planned, current, new Dictionary<string, string>(), UnreadableUdfPolicy.WriteMapped);

        var found = SyncDecisions.FoundInPlace(diff, planned);

        Assert.Equal(new Dictionary<string, string> { ["SuperOffice:5"] = "Leisure" }, found);
    }

    [Fact]
    public void A_write_recorded_twice_counts_once()
    {
        var at = DateTimeOffset.UnixEpoch.AddDays(1);
        var state = new ContactState { ContactId = 1 }.WithWriteAt(at).WithWriteAt(at);
        Assert.Equal(1, state.WritesSince(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_field_missing_from_the_contact_counts_as_empty()
    {
        var planned = new[] { new PlannedField(new FieldMapping("vertical", Target, OverwritePolicy.FillEmpty), "Leisure") };
        var result = SyncDiff.Compute(planned, new Dictionary<string, CurrentValue>(), new Dictionary<string, string>(), UnreadableUdfPolicy.WriteMapped);
        Assert.Single(result.Changes);
    }

    [Fact]
    public void A_value_that_counts_as_empty_for_its_type_is_not_written_again()
    {
        var zero = SuperOfficeContactGateway.CurrentValueOf(Connector.Core.SuperOffice.UdefFieldType.Number,
            new Connector.Core.SuperOffice.UdfValue(Connector.Core.SuperOffice.UdfValueKind.Value, "0"));
        Assert.Equal(CurrentValueKind.Empty, zero.Kind);

        var same = Diff(OverwritePolicy.FillEmpty, zero, lastWritten: "0", newValue: "0");
        var other = Diff(OverwritePolicy.FillEmpty, zero, lastWritten: "0", newValue: "250");

        Assert.Empty(same.Changes);
        Assert.Equal("Unchanged", Assert.Single(same.Kept).Why);
        Assert.Equal("250", Assert.Single(other.Changes).New);
    }

    public static TheoryData<OverwritePolicy, CurrentValue, string?, string?> Guards => new()
    {
        // policy, current value, value we last wrote, the stored value the write must test (null: no test)
        { OverwritePolicy.FillEmpty, CurrentValue.Of(""), null, "" },
        { OverwritePolicy.FillEmpty, new CurrentValue(CurrentValueKind.Empty, "0", "0"), null, "0" },
        { OverwritePolicy.FillEmpty, CurrentValue.Empty, null, null },
        { OverwritePolicy.OverwriteOwn, CurrentValue.Of(""), null, "" },
        { OverwritePolicy.OverwriteOwn, CurrentValue.Of("Software"), "Software", "Software" },
        { OverwritePolicy.Overwrite, CurrentValue.Of(""), null, null },
        { OverwritePolicy.Overwrite, CurrentValue.Of("Handel"), null, null },
        { OverwritePolicy.FillEmpty, CurrentValue.Unknown, null, null },
    };

    [Theory]
    [MemberData(nameof(Guards))]
    public void A_write_tests_the_stored_value_its_decision_relied_on(OverwritePolicy policy, CurrentValue current, string? lastWritten, string? expected) =>
        Assert.Equal(expected, Assert.Single(Diff(policy, current, lastWritten).Changes).Expected);
}
