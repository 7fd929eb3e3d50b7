namespace Connector.Core.Sync;

/// <summary>
/// Decides which mapped fields change. Only a field whose value really changes is written, so a contact that is
/// already enriched produces no PATCH and no new webhook: this ends the ping-pong at its root.
/// </summary>
public static class SyncDiff
{
    public sealed record Result(IReadOnlyList<FieldChange> Changes, IReadOnlyList<FieldKept> Kept);

    /// <param name="planned">The mapped fields with their new, encoded values.</param>
    /// <param name="current">The contact's current UDF values by ProgId (a missing key means empty).</param>
    /// <param name="lastWritten">What we last wrote to this contact, by ProgId.</param>
    public static Result Compute(
        IEnumerable<PlannedField> planned,
        IReadOnlyDictionary<string, CurrentValue> current,
        IReadOnlyDictionary<string, string> lastWritten,
        UnreadableUdfPolicy unreadablePolicy)
    {
        var changes = new List<FieldChange>();
        var kept = new List<FieldKept>();
        foreach (var (mapping, newValue) in planned)
        {
            var target = mapping.Target;
            if (string.IsNullOrEmpty(newValue))
            {
                kept.Add(new FieldKept(mapping.Source, target, "NoValue"));
                continue;
            }

            var now = current.GetValueOrDefault(target) ?? CurrentValue.Empty;
            var ours = lastWritten.GetValueOrDefault(target);
            switch (now.Kind)
            {
                case CurrentValueKind.Unknown when unreadablePolicy == UnreadableUdfPolicy.Skip:
                    kept.Add(new FieldKept(mapping.Source, target, "Unreadable"));
                    break;
                case CurrentValueKind.Unknown when ours == newValue:
                    // Cannot see the field, but we wrote this very value before: writing it again could only echo.
                    kept.Add(new FieldKept(mapping.Source, target, "AlreadyWritten"));
                    break;
                case CurrentValueKind.Unknown:
                    changes.Add(new FieldChange(mapping.Source, target, null, newValue, OldWasUnknown: true));
                    break;
                case CurrentValueKind.Value when Same(now.Text, newValue):
                    kept.Add(new FieldKept(mapping.Source, target, "Unchanged"));
                    break;
                case CurrentValueKind.Empty when now.Text is not null && Same(now.Text, newValue):
                    // "0" in a number field is empty, but writing 0 again would change nothing (and echo a webhook).
                    kept.Add(new FieldKept(mapping.Source, target, "Unchanged"));
                    break;
                case CurrentValueKind.Empty:
                    changes.Add(new FieldChange(mapping.Source, target, null, newValue, Expected: Guard(mapping, now)));
                    break;
                case CurrentValueKind.Value when mapping.Overwrite == OverwritePolicy.Overwrite
                                                 || (mapping.Overwrite == OverwritePolicy.OverwriteOwn && ours is not null && Same(now.Text, ours)):
                    changes.Add(new FieldChange(mapping.Source, target, now.Text, newValue, Expected: Guard(mapping, now)));
                    break;
                default:
                    // FillEmpty keeps a filled field, whether we filled it (OwnValueKept) or a person did (HandTyped).
                    kept.Add(new FieldKept(mapping.Source, target, ours is not null && Same(now.Text, ours) ? "OwnValueKept" : "HandTyped"));
                    break;
            }
        }
        return new Result(changes, kept);
    }

    /// <summary>
    /// What the write must find still stored: under <c>FillEmpty</c> and <c>OverwriteOwn</c> the decision relied on the
    /// value read (empty, or our own), so a person's value typed since must make the write fail. <c>Overwrite</c> writes
    /// whatever is there, so it tests nothing.
    /// </summary>
    private static string? Guard(FieldMapping mapping, CurrentValue now) => mapping.Overwrite == OverwritePolicy.Overwrite ? null : now.Stored;

    /// <summary>Values compare equal ignoring surrounding white space and line-ending style (SuperOffice may normalise both).</summary>
    public static bool Same(string? a, string? b) => Normalize(a) == Normalize(b);

    private static string Normalize(string? value) => (value ?? "").Replace("\r\n", "\n").Trim();
}
